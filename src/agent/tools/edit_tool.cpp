#include <algorithm>
#include <vector>

#include "agent/tools/file_tools.h"
#include "agent/tools/tool_error.h"
#include "agent/tools/workspace_files.h"
#include "agent/tools/workspace_path.h"

namespace openclaw::agent::tools {
namespace {

struct Replacement {
  std::string oldText;
  std::string newText;
  std::size_t position = 0;  // of oldText in the original file
  std::string label;         // how messages name it: "edits[1]" or "oldText"
};

std::string stringField(const nlohmann::json& object, const char* name, const std::string& label) {
  const auto found = object.find(name);
  if (found == object.end() || !found->is_string()) {
    throw ToolError(label + "." + name + " is required and must be a string");
  }
  return found->get<std::string>();
}

// The requested replacements: edits[] as upstream, or one legacy top-level oldText/newText.
std::vector<Replacement> requestedReplacements(const ToolArguments& arguments) {
  std::vector<Replacement> replacements;
  if (const nlohmann::json* edits = arguments.find("edits")) {
    if (!edits->is_array() || edits->empty()) {
      throw ToolError("parameter \"edits\" must be a non-empty array of {oldText, newText}");
    }
    for (std::size_t i = 0; i < edits->size(); ++i) {
      const std::string label = "edits[" + std::to_string(i) + "]";
      const nlohmann::json& edit = (*edits)[i];
      if (!edit.is_object()) throw ToolError(label + " must be an object {oldText, newText}");
      replacements.push_back(
          {stringField(edit, "oldText", label), stringField(edit, "newText", label), 0, label});
    }
  } else {
    replacements.push_back(
        {arguments.requiredString("oldText"), arguments.requiredString("newText"), 0, "oldText"});
  }
  return replacements;
}

// Sets each replacement's position: its oldText must occur exactly once, without overlaps.
void locate(std::vector<Replacement>& replacements, const std::string& original,
            const std::string& shown) {
  for (Replacement& replacement : replacements) {
    if (replacement.oldText.empty()) throw ToolError(replacement.label + " is empty");
    const std::size_t at = original.find(replacement.oldText);
    if (at == std::string::npos) {
      throw ToolError(replacement.label + " was not found in " + shown +
                      ". It must match the file exactly, including whitespace and line "
                      "breaks; read the file again and copy the text.");
    }
    std::size_t count = 0;
    for (std::size_t from = at; from != std::string::npos;
         from = original.find(replacement.oldText, from + 1)) {
      ++count;
    }
    if (count > 1) {
      throw ToolError(replacement.label + " occurs " + std::to_string(count) + " times in " +
                      shown + "; include more surrounding text so it matches exactly once.");
    }
    replacement.position = at;
  }
  std::sort(replacements.begin(), replacements.end(),
            [](const Replacement& a, const Replacement& b) { return a.position < b.position; });
  for (std::size_t i = 1; i < replacements.size(); ++i) {
    const Replacement& previous = replacements[i - 1];
    if (replacements[i].position < previous.position + previous.oldText.size()) {
      throw ToolError(previous.label + " and " + replacements[i].label +
                      " overlap; merge them into one edit.");
    }
  }
}

std::string applyReplacements(const std::vector<Replacement>& replacements,
                              const std::string& original) {
  std::string updated;
  std::size_t copied = 0;
  for (const Replacement& replacement : replacements) {
    updated.append(original, copied, replacement.position - copied).append(replacement.newText);
    copied = replacement.position + replacement.oldText.size();
  }
  return updated.append(original, copied);
}

}  // namespace

ToolDefinition EditTool::definition() const {
  ToolDefinition definition;
  definition.name = "edit";
  definition.description =
      "Edit a text file in the workspace by exact replacement. Each edits[].oldText must occur "
      "exactly once in the original file (whitespace included) and must not overlap another "
      "edit; all edits are applied together, or none.";
  const nlohmann::json replacement = {
      {"type", "object"},
      {"properties",
       {{"oldText", {{"type", "string"}, {"description", "Exact text to replace; must be unique"}}},
        {"newText", {{"type", "string"}, {"description", "Replacement text"}}}}},
      {"required", {"oldText", "newText"}},
      {"additionalProperties", false},
  };
  definition.parameters = {
      {"type", "object"},
      {"properties",
       {{"path",
         {{"type", "string"}, {"description", "Path of the file (relative to the workspace)"}}},
        {"edits",
         {{"type", "array"},
          {"items", replacement},
          {"description", "One or more replacements, matched against the original file"}}}}},
      {"required", {"path", "edits"}},
  };
  return definition;
}

ToolResult EditTool::execute(const ToolArguments& arguments, const ToolContext& context) const {
  const std::string shown = arguments.requiredString("path");
  std::vector<Replacement> replacements = requestedReplacements(arguments);
  const std::filesystem::path path = resolveWorkspacePath(context.workspace, shown);
  const std::string original = readTextFile(path, shown);
  locate(replacements, original, shown);
  const std::string updated = applyReplacements(replacements, original);
  if (updated == original) throw ToolError("the edits would not change " + shown);
  replaceFile(path, updated);

  const auto firstLine =
      1 + std::count(original.begin(),
                     original.begin() + static_cast<std::ptrdiff_t>(replacements.front().position),
                     '\n');
  ToolResult result;
  result.output = "Successfully replaced " + std::to_string(replacements.size()) + " block(s) in " +
                  shown + ".";
  result.details = {
      {"path", shown}, {"replacements", replacements.size()}, {"firstChangedLine", firstLine}};
  return result;
}

}  // namespace openclaw::agent::tools
