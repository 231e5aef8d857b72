#include "agent/tools/exec_tool.h"

#include <cstring>
#include <future>
#include <optional>

#include "agent/tools/exec_policy.h"
#include "agent/tools/tool_error.h"
#include "agent/tools/workspace_path.h"
#include "core/process_runner.h"

extern char** environ;

namespace openclaw::agent::tools {
namespace {

// The gateway's environment without its own credentials, which commands must not see.
std::vector<std::string> commandEnvironment() {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    if (text.rfind("OPENCLAW_GATEWAY_TOKEN=", 0) == 0 ||
        text.rfind("OPENCLAW_GATEWAY_PASSWORD=", 0) == 0) {
      continue;
    }
    entries.push_back(text);
  }
  return entries;
}

std::string signalName(int sig) {
  const char* abbreviation = ::sigabbrev_np(sig);
  return abbreviation != nullptr ? std::string("SIG") + abbreviation : std::to_string(sig);
}

// The text the model sees: the output, then one line on how the command ended.
std::string describeOutcome(const core::ProcessResult& run, std::int64_t timeoutSec) {
  std::string text = run.output.empty() ? "(no output)" : run.output;
  if (text.back() != '\n') text += '\n';
  if (run.truncated) {
    text += "[output truncated: showing the first " + std::to_string(run.output.size()) + " of " +
            std::to_string(run.totalOutputBytes) + " bytes]\n";
  }
  if (run.timedOut) {
    text += "Command timed out after " + std::to_string(timeoutSec) + " s and was killed";
  } else if (run.cancelled) {
    text += "Command was cancelled (the run was aborted)";
  } else if (run.termSignal) {
    text += "Command was killed by " + signalName(*run.termSignal);
  } else if (run.exitCode != 0) {
    text += "Command exited with code " + std::to_string(run.exitCode.value_or(-1));
  } else {
    text.pop_back();
  }
  return text;
}

// Throws the refusal the model sees unless the operator approved.
void refuseUnlessApproved(ExecApproval approval, std::int64_t approvalTimeoutSec) {
  switch (approval) {
    case ExecApproval::Approve:
      return;
    case ExecApproval::Deny:
      throw ToolBlocked("exec refused: the operator denied the command");
    case ExecApproval::Expired:
      throw ToolBlocked("exec refused: approval timed out (no operator answered within " +
                        std::to_string(approvalTimeoutSec) + " s)");
    case ExecApproval::Cancelled:
      break;
  }
  throw ToolBlocked("exec refused: the run ended while the command waited for approval");
}

// A call that passed the argument and policy checks.
struct CheckedCall {
  std::string command;
  std::filesystem::path workdir;
  std::int64_t timeoutSec = 0;
  std::size_t outputLimit = 0;
  std::optional<ExecApprovalRequest> approval;  // set when an operator must approve first
};

// Throws ToolError (or a filesystem error) for a call that must not run.
CheckedCall check(const config::ExecToolSettings& settings, bool canAsk,
                  const ToolArguments& arguments, const ToolContext& context) {
  CheckedCall checked;
  checked.command = arguments.requiredString("command");
  if (checked.command.find_first_not_of(" \t\n") == std::string::npos) {
    throw ToolError("parameter \"command\" is empty");
  }
  checked.timeoutSec =
      arguments.optionalInteger("timeout", 1, 86'400).value_or(settings.timeoutSec);
  checked.outputLimit = settings.maxOutputBytes;
  std::filesystem::create_directories(context.workspace);
  checked.workdir =
      resolveWorkspacePath(context.workspace, arguments.optionalString("workdir").value_or("."));
  if (!std::filesystem::is_directory(checked.workdir)) {
    throw ToolError("workdir " + checked.workdir.string() + " is not an existing directory");
  }

  const ExecVerdict verdict = evaluateExecPolicy(settings, checked.command);
  if (verdict.decision == ExecDecision::Refuse) {
    throw ToolBlocked("exec refused: " + verdict.reason);
  }
  if (verdict.decision == ExecDecision::Ask) {
    if (!canAsk) {
      throw ToolBlocked("exec refused: " + verdict.reason +
                        ", and operator approval (tools.exec.ask) is not available");
    }
    ExecApprovalRequest& request = checked.approval.emplace();
    request.command = checked.command;
    request.workdir = checked.workdir.string();
    request.reason = verdict.reason;
    request.security = config::execSecurityName(settings.security);
    request.ask = config::execAskName(settings.ask);
    request.sessionKey = context.sessionKey;
    request.askEveryTime = settings.ask == config::ExecAsk::Always;
    request.cancelCallbacks = context.cancelCallbacks;
  }
  return checked;
}

// Runs a call that passed check() (and its approval).
ToolResult runChecked(const CheckedCall& checked, const ToolContext& context) {
  core::ProcessSpec spec;
  spec.argv = core::shellCommand(checked.command);
  spec.cwd = checked.workdir;
  spec.environment = commandEnvironment();
  spec.timeout = std::chrono::seconds(checked.timeoutSec);
  spec.outputLimit = checked.outputLimit;
  spec.cancelled = context.cancelled.get();
  const core::ProcessResult run = core::runProcess(spec);
  if (!run.started) throw ToolError("exec failed: " + run.startError);

  ToolResult result;
  result.output = describeOutcome(run, checked.timeoutSec);
  result.isError = run.exitCode != 0;
  result.details = {
      {"exitCode", run.exitCode ? nlohmann::json(*run.exitCode) : nullptr},
      {"signal", run.termSignal ? nlohmann::json(signalName(*run.termSignal)) : nullptr},
      {"timedOut", run.timedOut},
      {"cancelled", run.cancelled},
      {"truncated", run.truncated},
      {"durationMs", run.duration.count()},
      {"cwd", checked.workdir.string()}};
  return result;
}

}  // namespace

ExecTool::ExecTool(config::ExecToolSettings settings, ExecApprover approver)
    : settings_(std::move(settings)), approver_(std::move(approver)) {}

ToolDefinition ExecTool::definition() const {
  ToolDefinition definition;
  definition.name = "exec";
  definition.description =
      "Run a shell command in the workspace and return its combined stdout and stderr. The "
      "command runs with /bin/sh -c, stdin is empty, and it is killed (with anything it started) "
      "when it exceeds the timeout. Commands may be refused or need operator approval depending "
      "on the exec policy; the error says why.";
  definition.parameters = {
      {"type", "object"},
      {"properties",
       {{"command", {{"type", "string"}, {"description", "Shell command to run"}}},
        {"workdir",
         {{"type", "string"},
          {"description", "Working directory inside the workspace (default: the workspace)"}}},
        {"timeout",
         {{"type", "number"},
          {"description",
           "Time limit in seconds (default " + std::to_string(settings_.timeoutSec) + ")"}}}}},
      {"required", {"command"}},
  };
  return definition;
}

void ExecTool::start(const nlohmann::json& arguments, const ToolContext& context,
                     ToolDone done) const {
  std::shared_ptr<CheckedCall> checked;
  try {
    checked = std::make_shared<CheckedCall>(
        check(settings_, static_cast<bool>(approver_), ToolArguments(arguments), context));
  } catch (...) {
    done(currentErrorResult());
    return;
  }
  if (!checked->approval) {
    done(guarded([&] { return runChecked(*checked, context); }));
    return;
  }
  approver_(std::move(*checked->approval),
            [checked, context, done = std::move(done),
             approvalTimeoutSec = settings_.approvalTimeoutSec](ExecApproval approval) {
              done(guarded([&] {
                refuseUnlessApproved(approval, approvalTimeoutSec);
                return runChecked(*checked, context);
              }));
            });
}

ToolResult ExecTool::run(const nlohmann::json& arguments, const ToolContext& context) const {
  std::promise<ToolResult> result;
  start(arguments, context, [&result](ToolResult value) { result.set_value(std::move(value)); });
  return result.get_future().get();
}

}  // namespace openclaw::agent::tools
