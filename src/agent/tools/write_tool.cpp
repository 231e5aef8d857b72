#include "agent/tools/file_tools.h"
#include "agent/tools/tool_error.h"
#include "agent/tools/workspace_files.h"
#include "agent/tools/workspace_path.h"

namespace openclaw::agent::tools {

ToolDefinition WriteTool::definition() const {
  ToolDefinition definition;
  definition.name = "write";
  definition.description =
      "Write content to a file in the workspace. Creates the file if it does not exist and "
      "replaces it completely if it does; missing parent directories are created.";
  definition.parameters = {
      {"type", "object"},
      {"properties",
       {{"path",
         {{"type", "string"}, {"description", "Path of the file (relative to the workspace)"}}},
        {"content", {{"type", "string"}, {"description", "The complete new file content"}}}}},
      {"required", {"path", "content"}},
  };
  return definition;
}

ToolResult WriteTool::execute(const ToolArguments& arguments, const ToolContext& context) const {
  const std::string shown = arguments.requiredString("path");
  const std::string content = arguments.requiredString("content");
  std::filesystem::create_directories(context.workspace);
  const std::filesystem::path path = resolveWorkspacePath(context.workspace, shown);
  if (std::filesystem::is_directory(std::filesystem::symlink_status(path))) {
    throw ToolError(shown + " is a directory; give the path of a file");
  }
  // The parent is inside the workspace: its existing part was resolved, the rest are new names.
  std::filesystem::create_directories(path.parent_path());
  replaceFile(path, content);

  ToolResult result;
  result.output = "Successfully wrote " + std::to_string(content.size()) + " bytes to " + shown;
  result.details = {{"path", shown}, {"bytes", content.size()}};
  return result;
}

}  // namespace openclaw::agent::tools
