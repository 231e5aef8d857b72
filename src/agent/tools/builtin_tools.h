#pragma once

#include <memory>
#include <string>
#include <vector>

#include "agent/tool.h"
#include "agent/tools/exec_tool.h"
#include "config/tool_settings.h"

namespace openclaw::agent::tools {

// Whether tools.allow / tools.deny let the model use the tool `name`. Entries are tool names,
// "*" (every tool), or the groups "group:fs" (read, write, edit) and "group:runtime" (exec).
// deny wins; an empty allow list allows everything not denied.
bool toolAllowed(const config::ToolSettings& settings, const std::string& name);

// The built-in tools that settings allow: read, write, edit, exec (not offered when
// tools.exec.security is "deny"). `approver` answers exec's
// approval requests (tools.exec.ask); without one, those commands are refused.
std::vector<std::shared_ptr<const Tool>> builtinTools(const config::ToolSettings& settings,
                                                      ExecApprover approver = {});

}  // namespace openclaw::agent::tools
