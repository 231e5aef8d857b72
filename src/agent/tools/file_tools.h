#pragma once

#include "agent/tools/tool_base.h"

namespace openclaw::agent::tools {

// read {path, offset?, limit?}: a text file's lines, at most kReadMaxLines lines and
// kReadMaxBytes bytes per call, with a note on how to continue.
class ReadTool : public ToolBase {
 public:
  ToolDefinition definition() const override;

 protected:
  ToolResult execute(const ToolArguments& arguments, const ToolContext& context) const override;
};

// write {path, content}: creates or replaces a file atomically, creating parent directories.
class WriteTool : public ToolBase {
 public:
  ToolDefinition definition() const override;

 protected:
  ToolResult execute(const ToolArguments& arguments, const ToolContext& context) const override;
};

// edit {path, edits: [{oldText, newText}]} (or a single top-level oldText/newText): exact
// replacements, each matching exactly once in the original file, applied together.
class EditTool : public ToolBase {
 public:
  ToolDefinition definition() const override;

 protected:
  ToolResult execute(const ToolArguments& arguments, const ToolContext& context) const override;
};

inline constexpr std::size_t kReadMaxLines = 2000;
inline constexpr std::size_t kReadMaxBytes = 50 * 1024;

}  // namespace openclaw::agent::tools
