#pragma once

#include <string>
#include <vector>

#include "config/tool_settings.h"

namespace openclaw::agent::tools {

// The programs a shell command would start. Only a small, strict subset of sh is understood:
// words made of plain characters or quotes ('...' and "..." without $, ` or \ inside), joined by
// |, &&, ||, ; or newlines. Anything else (expansions, substitutions, redirections, background
// jobs, subshells, escapes, comments, assignments) sets `refusal` instead, because what it runs
// cannot be proved.
struct CommandPrograms {
  std::vector<std::string> programs;
  std::string refusal;  // why the command cannot be analysed; empty when it can
};
CommandPrograms programsInCommand(const std::string& command);

// What tools.exec.* says about one command.
enum class ExecDecision { Run, Ask, Refuse };
struct ExecVerdict {
  ExecDecision decision = ExecDecision::Refuse;
  std::string reason;  // why it is asked or refused
};
ExecVerdict evaluateExecPolicy(const config::ExecToolSettings& settings,
                               const std::string& command);

}  // namespace openclaw::agent::tools
