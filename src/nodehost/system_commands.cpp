#include "nodehost/system_commands.h"

#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include "core/clock.h"
#include "core/executable_lookup.h"
#include "core/files.h"
#include "core/network.h"
#include "core/process_runner.h"

namespace openclaw::nodehost {
namespace {

constexpr std::int64_t kDefaultRunTimeoutMs = 30'000;
constexpr std::int64_t kMaxRunTimeoutMs = 10 * 60 * 1000;

CommandOutcome invalid(const std::string& message) {
  return CommandOutcome::failure("INVALID_REQUEST", message);
}

// The argv of system.run: `command` (upstream's name) or `argv`, a non-empty string array.
std::optional<std::vector<std::string>> argvParam(const nlohmann::json& params) {
  const char* key = params.contains("command") ? "command" : "argv";
  auto found = params.find(key);
  if (found == params.end() || !found->is_array() || found->empty()) return std::nullopt;
  std::vector<std::string> argv;
  for (const nlohmann::json& arg : *found) {
    if (!arg.is_string()) return std::nullopt;
    argv.push_back(arg);
  }
  if (argv.front().empty()) return std::nullopt;
  return argv;
}

CommandOutcome systemWhich(const nlohmann::json& params) {
  auto bins = params.find("bins");
  if (bins == params.end() || !bins->is_array()) return invalid("system.which needs bins: [names]");
  nlohmann::json found = nlohmann::json::object();
  const std::string path = core::processPath();
  for (const nlohmann::json& bin : *bins) {
    if (!bin.is_string()) return invalid("system.which bins must be strings");
    // Only bare names: which answers where PATH would find them.
    const std::string name = bin;
    if (name.find('/') != std::string::npos) continue;
    if (auto resolved = core::resolveExecutable(name, path)) found[name] = resolved->string();
  }
  return CommandOutcome::success({{"bins", found}});
}

CommandOutcome systemInfo() {
  utsname names{};
  ::uname(&names);
  struct sysinfo info {};
  ::sysinfo(&info);
  return CommandOutcome::success({{"hostname", core::hostName()},
                                  {"platform", "linux"},
                                  {"arch", names.machine},
                                  {"kernel", names.sysname},
                                  {"release", names.release},
                                  {"uptimeSeconds", info.uptime}});
}

}  // namespace

CommandOutcome CommandOutcome::success(nlohmann::json payload) {
  return {true, std::move(payload), "", ""};
}

CommandOutcome CommandOutcome::failure(std::string code, std::string message) {
  return {false, nullptr, std::move(code), std::move(message)};
}

const std::vector<std::string>& SystemCommands::names() {
  static const std::vector<std::string> kNames = {"system.info", "system.run", "system.which"};
  return kNames;
}

CommandOutcome SystemCommands::run(const std::string& command, const nlohmann::json& params) const {
  if (!params.is_object()) return invalid(command + " params must be an object");
  if (command == "system.run") return systemRun(params);
  if (command == "system.which") return systemWhich(params);
  if (command == "system.info") return systemInfo();
  return CommandOutcome::failure("UNSUPPORTED_COMMAND", "this node does not implement " + command);
}

CommandOutcome SystemCommands::systemRun(const nlohmann::json& params) const {
  auto argv = argvParam(params);
  if (!argv) return invalid("system.run needs command: [program, args...] (non-empty strings)");
  std::string cwd;
  if (auto found = params.find("cwd"); found != params.end()) {
    if (!found->is_string()) return invalid("system.run cwd must be a string");
    cwd = found->get<std::string>();
  }
  const nlohmann::json timeout = params.value("timeoutMs", nlohmann::json(kDefaultRunTimeoutMs));
  if (!timeout.is_number_integer() || timeout.get<std::int64_t>() <= 0) {
    return invalid("system.run timeoutMs must be a positive integer");
  }
  const std::string& program = argv->front();
  // Symlinks resolved: remembered approvals name the file that really runs.
  const approvals::ResolvedProgram resolved =
      approvals::resolveProgram(program, cwd, core::processPath());
  if (!resolved.executable) {
    return CommandOutcome::failure("NOT_FOUND", "no executable \"" + program + "\" on this node");
  }
  if (auto refusal = runRefusal(*argv, resolved, cwd)) {
    return CommandOutcome::failure("SYSTEM_RUN_DENIED", *refusal);
  }
  core::ProcessSpec spec;
  spec.executable = *resolved.executable;
  spec.argv = *argv;
  spec.separateStderr = true;
  spec.cancelled = &stopping_;
  if (!cwd.empty()) spec.cwd = cwd;
  spec.timeout = std::chrono::milliseconds(std::min(timeout.get<std::int64_t>(), kMaxRunTimeoutMs));
  const core::ProcessResult result = core::runProcess(spec);
  if (!result.started) return CommandOutcome::failure("SPAWN_FAILED", result.startError);
  nlohmann::json payload = {
      {"exitCode", result.exitCode ? nlohmann::json(*result.exitCode) : nlohmann::json(nullptr)},
      {"timedOut", result.timedOut},
      {"success", result.exitCode == 0 && !result.timedOut},
      {"stdout", result.output},
      {"stderr", result.errorOutput},
      {"truncated", result.truncated}};
  if (result.termSignal) payload["signal"] = *result.termSignal;
  return CommandOutcome::success(payload);
}

std::optional<std::string> SystemCommands::runRefusal(const std::vector<std::string>& argv,
                                                      const approvals::ResolvedProgram& program,
                                                      const std::string& cwd) const {
  const std::filesystem::path executable = program.executable.value_or(argv.front());
  const ExecVerdict verdict = execVerdict(policy_, argv.front(), executable, remembers(program));
  if (verdict.decision == ExecVerdict::Run) return std::nullopt;
  if (verdict.decision == ExecVerdict::Refuse) return verdict.reason;
  if (!approver_) return verdict.reason + ", and no operator can be asked";
  std::string command;
  for (const std::string& arg : argv) command += (command.empty() ? "" : " ") + arg;
  const nlohmann::json request = {
      {"command", command},
      {"commandArgv", argv},
      {"cwd", cwd.empty() ? nlohmann::json(nullptr) : nlohmann::json(cwd)},
      {"host", "node"},
      {"security", policy_.security},
      {"ask", policy_.ask},
      {"resolvedPath", executable.string()},
      {"warningText", verdict.reason}};
  switch (approver_(request)) {
    case approvals::ApprovalOutcome::AllowAlways:
      remember(program, command);
      return std::nullopt;
    case approvals::ApprovalOutcome::AllowOnce:
      return std::nullopt;
    case approvals::ApprovalOutcome::Deny:
      return verdict.reason + "; the operator denied it";
    case approvals::ApprovalOutcome::Expired:
      return verdict.reason + "; approval timed out (no operator answered)";
    case approvals::ApprovalOutcome::Cancelled:
      break;
  }
  return verdict.reason + "; the approval could not be completed (gateway unreachable)";
}

bool SystemCommands::remembers(const approvals::ResolvedProgram& program) const {
  std::lock_guard lock(rememberedMutex_);
  return remembered_.covers({program});
}

void SystemCommands::remember(const approvals::ResolvedProgram& program,
                              const std::string& command) const {
  std::lock_guard lock(rememberedMutex_);
  if (remembered_.add({program}, command, core::nowMs())) {
    core::writeFileAtomic(remembered_.path(), remembered_.serialize());
  }
}

}  // namespace openclaw::nodehost
