// `openclaw gateway status`: the supervisor's view, the port's listeners and RPC reachability.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/gateway_probe_command.h"
#include "cli/rpc_client.h"
#include "cli/tailnet_status.h"
#include "client/ws_url.h"
#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "config/target_source.h"
#include "core/log_tail.h"
#include "core/logging.h"
#include "core/network.h"
#include "protocol/scopes.h"
#include "service/service_unit.h"
#include "service/status_report.h"
#include "service/systemd.h"
#include "service/unit_location.h"

namespace openclaw::cli {
namespace {

namespace fs = std::filesystem;
using service::SystemdScope;

struct StatusOptions {
  RpcOptions rpc;
  bool deep = false;
  bool noProbe = false;
};

// The port of `url` when it points at this machine; listeners elsewhere cannot be seen.
std::optional<int> localPort(const std::string& url) {
  try {
    const client::WsUrl parsed = client::parseWsUrl(url);
    if (parsed.host == "localhost" || core::isLoopbackAddress(parsed.host)) return parsed.port;
  } catch (const std::invalid_argument&) {
  }
  return std::nullopt;
}

// Whether the unit file exists and, when the scope's manager answers, what systemd says of it.
service::UnitStatus inspectUnit(const CliContext& context, SystemdScope scope) {
  service::UnitStatus unit;
  unit.scope = scope == SystemdScope::User ? "user" : "system";
  unit.unit = service::systemdUnitName(context.profile());
  unit.path = service::systemdUnitPath(context.profile(), scope, context.env);
  std::error_code ignored;
  unit.installed = fs::exists(unit.path, ignored);
  unit.managerProblem = service::managerProblem(scope);
  if (unit.managerProblem) return unit;
  const auto shown = service::systemctl(
      scope, {"show", unit.unit, "-p", "LoadState,ActiveState,SubState,MainPID"});
  if (shown.exitCode == 0) unit.runtime = service::parseSystemctlShow(shown.output);
  return unit;
}

// The newest error record of the gateway's file log; nullopt when there is none or it is
// unreadable.
std::optional<std::string> lastLoggedError(const fs::path& logFile) {
  try {
    core::LogTailRequest request;
    request.limit = core::kLogTailMaxLimit;
    request.maxBytes = core::kLogTailMaxBytes;
    return service::lastErrorRecord(core::readLogTail(logFile, request).lines);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

service::StatusReport buildReport(const CliContext& context, const StatusOptions& options) {
  const config::InstancePaths paths = context.paths();
  const config::ConfigFile file = config::ConfigFile::load(paths.configPath);
  const config::ClientTargetOptions targetOptions = targetOptionsOf(options.rpc);
  const config::ClientTarget target =
      config::resolveClientTarget(file, paths, targetOptions, context.env);

  service::StatusReport report;
  report.profile = service::profileLabel(paths.profile);
  report.configPath = paths.configPath;
  report.configSource = config::configPathSource(context.env);
  report.targetUrl = target.url;
  report.targetSource = config::clientTargetSource(file, targetOptions, context.env);
  report.tlsFingerprint = tlsPinFor(target);
  report.userUnit = inspectUnit(context, SystemdScope::User);
  if (options.deep) report.systemUnit = inspectUnit(context, SystemdScope::System);
  report.port = localPort(target.url);
  if (report.port) report.listeners = core::findPortListeners(*report.port);
  if (!options.noProbe) {
    report.probe =
        client::probeGateway(cliConnectOptions(target, protocol::scopes::kRead,
                                               std::chrono::milliseconds(options.rpc.timeoutMs)),
                             "status");
  }
  report.tailnet = tailnetView(file, report.port.value_or(0));
  report.logFile = core::currentLogFile(config::logFilePattern(file, paths.profile));
  if (service::wantsLastError(report)) report.lastError = lastLoggedError(report.logFile);
  return report;
}

int runStatus(const CliContext& context, const StatusOptions& options) {
  try {
    const service::StatusReport report = buildReport(context, options);
    if (options.rpc.json) {
      std::cout << service::statusReportJson(report).dump(2) << "\n";
    } else {
      std::cout << service::renderStatusText(report);
    }
    return service::statusExitCode(report);
  } catch (const std::exception& error) {
    std::cerr << "openclaw gateway status: " << error.what() << "\n";
    return 1;
  }
}

void addGatewayStatusCommand(CLI::App& gateway, CliContext& context) {
  auto options = std::make_shared<StatusOptions>();
  CLI::App* status = gateway.add_subcommand(
      "status",
      "Show this profile's gateway service (systemd unit), what listens on its port, and "
      "whether it answers RPC");
  addRpcOptions(*status, options->rpc);
  status->add_flag("--deep", options->deep, "Also inspect the system-level unit");
  status->add_flag("--no-probe", options->noProbe,
                   "Skip the RPC probe (service and listener view only; exits 0)");
  status->callback([options, &context] {
    context.action = [options, &context] { return runStatus(context, *options); };
  });
}

}  // namespace

void addGatewayStatusCommands(CLI::App& gateway, CliContext& context) {
  addGatewayStatusCommand(gateway, context);
  addGatewayProbeCommand(gateway, context);
}

}  // namespace openclaw::cli
