#include <string_view>
#include <vector>

#include "agent/tools/file_tools.h"
#include "agent/tools/tool_error.h"
#include "agent/tools/workspace_files.h"
#include "agent/tools/workspace_path.h"

namespace openclaw::agent::tools {
namespace {

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

ToolDefinition ReadTool::definition() const {
  ToolDefinition definition;
  definition.name = "read";
  definition.description =
      "Read a text file in the workspace. Returns at most " + std::to_string(kReadMaxLines) +
      " lines or " + std::to_string(kReadMaxBytes / 1024) +
      " KB per call; use offset and limit to page through longer files. Binary files are "
      "refused.";
  definition.parameters = {
      {"type", "object"},
      {"properties",
       {{"path",
         {{"type", "string"}, {"description", "Path of the file (relative to the workspace)"}}},
        {"offset", {{"type", "number"}, {"description", "Line number to start from (1-based)"}}},
        {"limit", {{"type", "number"}, {"description", "Maximum number of lines to read"}}}}},
      {"required", {"path"}},
  };
  return definition;
}

ToolResult ReadTool::execute(const ToolArguments& arguments, const ToolContext& context) const {
  const std::string shown = arguments.requiredString("path");
  constexpr std::int64_t kMaxLine = 1'000'000'000;
  const auto offset = arguments.optionalInteger("offset", 1, kMaxLine).value_or(1);
  const auto limit = arguments.optionalInteger("limit", 1, kMaxLine);
  const std::string contents = readTextFile(resolveWorkspacePath(context.workspace, shown), shown);
  const std::vector<std::string_view> lines = splitLines(contents);
  const auto first = static_cast<std::size_t>(offset - 1);
  if (first > 0 && first >= lines.size()) {
    throw ToolError("offset " + std::to_string(offset) + " is beyond the end of " + shown + " (" +
                    std::to_string(lines.size()) + " lines)");
  }

  const std::size_t wanted =
      std::min(limit ? static_cast<std::size_t>(*limit) : kReadMaxLines, kReadMaxLines);
  std::string text;
  std::size_t next = first;
  while (next < lines.size() && next - first < wanted &&
         text.size() + lines[next].size() + 1 <= kReadMaxBytes) {
    text.append(lines[next]).push_back('\n');
    ++next;
  }
  std::string note;
  if (next == first && next < lines.size()) {  // one line longer than the byte limit
    text.assign(lines[next].substr(0, kReadMaxBytes));
    note = "[Line " + std::to_string(next + 1) + " is longer than " +
           std::to_string(kReadMaxBytes / 1024) +
           " KB; only its start is shown. Use exec (e.g. cut -c) to see the rest.]";
    ++next;
  } else if (next < lines.size()) {
    note = "[Showing lines " + std::to_string(first + 1) + "-" + std::to_string(next) + " of " +
           std::to_string(lines.size()) + ". Use offset=" + std::to_string(next + 1) +
           " to continue.]";
  }
  if (lines.empty()) text = "(empty file)";
  if (!note.empty()) text += "\n" + note;

  ToolResult result;
  result.output = std::move(text);
  result.details = {{"path", shown},
                    {"totalLines", lines.size()},
                    {"firstLine", first + 1},
                    {"lastLine", next},
                    {"truncated", !note.empty()}};
  return result;
}

}  // namespace openclaw::agent::tools
