// `openclaw fleet create|list|status|start|stop|restart|logs|rm|upgrade|doctor`: one isolated
// gateway cell per tenant in a Docker or Podman container (docs/fleet.md). The work is in fleet/;
// this file is options and output.
#include "cli/fleet_command.h"

#include <algorithm>
#include <csignal>
#include <ctime>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "fleet/fleet.h"
#include "fleet/tenant.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

std::atomic<bool> logsInterrupted{false};
void stopLogs(int) { logsInterrupted.store(true); }

fleet::Fleet openFleet(const CliContext& context) {
  return fleet::Fleet(context.paths().stateDir, context.env);
}

std::string isoTime(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::ostringstream out;
  out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return out.str();
}

json recordJson(const fleet::CellRecord& record) {
  return {{"tenant", record.tenant},
          {"container", fleet::cellName(record.tenant)},
          {"runtime", fleet::runtimeName(record.runtime)},
          {"image", record.image},
          {"port", record.port},
          {"url", "http://127.0.0.1:" + std::to_string(record.port)},
          {"memory", record.memory},
          {"cpus", record.cpus},
          {"disk", record.disk ? json(*record.disk) : json(nullptr)},
          {"network", fleet::networkModeName(record.network)},
          {"pidsLimit", record.pidsLimit},
          {"created", isoTime(record.createdAtMs)}};
}

json statusJson(const fleet::CellStatus& status) {
  json out = recordJson(status.record);
  out["state"] = status.inspection.state;
  out["health"] = status.health;
  if (!status.inspection.id.empty()) out["containerId"] = status.inspection.id;
  if (status.inspection.kind == fleet::Inspection::Kind::Foreign) out["ownership"] = "mismatch";
  if (!status.inspection.error.empty()) out["runtimeError"] = status.inspection.error;
  return out;
}

struct CreateFlags {
  fleet::CreateRequest request;
  std::string runtime = "docker";
  std::string network = "bridge";
  std::vector<std::string> env;
  bool noStart = false;
  bool json = false;
};

int runCreate(const CliContext& context, CreateFlags flags) {
  flags.request.runtime = fleet::parseRuntime(flags.runtime);
  flags.request.network = fleet::parseNetworkMode(flags.network);
  for (const std::string& assignment : flags.env) {
    flags.request.env.push_back(fleet::parseEnvAssignment(assignment));
  }
  flags.request.start = !flags.noStart;
  const fleet::CreateResult result = openFleet(context).create(flags.request);
  if (flags.json) {
    json out = recordJson(result.record);
    out["token"] = result.token;
    out["started"] = result.started;
    out["healthy"] = result.healthy;
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "Created cell " << result.record.tenant << " (container " << result.container
              << ", " << fleet::runtimeName(result.record.runtime) << ")\n"
              << "URL:   " << result.url << "\n"
              << "Token: " << result.token << "\n"
              << "The token is shown only this once: store it now.\n";
    if (!result.started)
      std::cout << "Not started (--no-start): `openclaw fleet start " << result.record.tenant
                << "`\n";
  }
  if (result.started && !result.healthy) {
    std::cerr << "cell " << result.record.tenant << " started but " << result.url
              << "/healthz did not answer within 60 s; its container and record are kept: see "
                 "`openclaw fleet status "
              << result.record.tenant << "` and `openclaw fleet logs " << result.record.tenant
              << "`\n";
    return 1;
  }
  return 0;
}

int runList(const CliContext& context, bool asJson) {
  const std::vector<fleet::CellStatus> cells = openFleet(context).list();
  if (asJson) {
    json out = json::array();
    for (const auto& cell : cells) out.push_back(statusJson(cell));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (cells.empty()) {
    std::cout << "No cells (`openclaw fleet create <tenant>`)\n";
    return 0;
  }
  // Columns as wide as their longest entry, two spaces apart.
  std::size_t tenantWidth = 6;
  std::size_t imageWidth = 5;
  for (const auto& cell : cells) {
    tenantWidth = std::max(tenantWidth, cell.record.tenant.size());
    imageWidth = std::max(imageWidth, cell.record.image.size());
  }
  const auto row = [&](const std::string& tenant, const std::string& state, const std::string& port,
                       const std::string& image, const std::string& created) {
    std::cout << std::left << std::setw(static_cast<int>(tenantWidth + 2)) << tenant
              << std::setw(10) << state << std::setw(7) << port
              << std::setw(static_cast<int>(imageWidth + 2)) << image << created << "\n";
  };
  row("TENANT", "STATE", "PORT", "IMAGE", "CREATED");
  for (const auto& cell : cells) {
    row(cell.record.tenant, cell.inspection.state, std::to_string(cell.record.port),
        cell.record.image, isoTime(cell.record.createdAtMs));
  }
  return 0;
}

int runStatus(const CliContext& context, const std::string& tenant, bool asJson) {
  const fleet::CellStatus status = openFleet(context).status(tenant);
  if (asJson) {
    std::cout << statusJson(status).dump(2) << "\n";
  } else {
    const fleet::CellRecord& record = status.record;
    std::cout << "Tenant:    " << record.tenant << "\n"
              << "Container: " << fleet::cellName(record.tenant)
              << (status.inspection.id.empty() ? ""
                                               : " (" + status.inspection.id.substr(0, 12) + ")")
              << "\n"
              << "Runtime:   " << fleet::runtimeName(record.runtime) << "\n"
              << "State:     " << status.inspection.state
              << (status.inspection.kind == fleet::Inspection::Kind::Foreign
                      ? " (a container with this name has other fleet labels: not this cell)"
                      : "")
              << (status.inspection.error.empty() ? "" : " (" + status.inspection.error + ")")
              << "\n"
              << "Health:    " << status.health << "\n"
              << "URL:       http://127.0.0.1:" << record.port << "\n"
              << "Image:     " << record.image << "\n"
              << "Limits:    memory " << record.memory << ", cpus " << record.cpus << ", pids "
              << record.pidsLimit << (record.disk ? ", disk " + *record.disk : "") << "\n"
              << "Network:   " << fleet::networkModeName(record.network) << "\n"
              << "Created:   " << isoTime(record.createdAtMs) << "\n";
  }
  return status.health == "failed" ? 1 : 0;
}

int runLogs(const CliContext& context, const std::string& tenant,
            const fleet::LogOptions& options) {
  logsInterrupted.store(false);
  std::signal(SIGINT, stopLogs);
  return openFleet(context).logs(tenant, options, std::cout, logsInterrupted);
}

int runRemove(const CliContext& context, const std::string& tenant, bool force, bool purge) {
  const fleet::Fleet::Removal removal = openFleet(context).remove(tenant, force, purge);
  if (removal.hadRecord) {
    std::cout << "Removed cell " << tenant
              << (removal.containerRemoved ? "" : " (its container was already gone)") << "\n";
  }
  if (purge) {
    std::cout << (removal.dataPurged ? "Deleted " : "Nothing to delete at ")
              << removal.dataDir.string() << "\n";
  } else {
    std::cout << "Kept its data in " << removal.dataDir.string() << " (`openclaw fleet rm "
              << tenant << " --purge-data --force` deletes it)\n";
  }
  return 0;
}

int runDoctor(const CliContext& context, const std::optional<std::string>& tenant, bool asJson) {
  const std::vector<fleet::Fleet::Audit> audits = openFleet(context).doctor(tenant);
  bool failed = false;
  json out = json::array();
  for (const auto& audit : audits) {
    json findings = json::array();
    if (!asJson) std::cout << audit.tenant << "\n";
    for (const fleet::Finding& finding : audit.findings) {
      failed = failed || finding.level == fleet::Finding::Level::Fail;
      const std::string level = fleet::levelName(finding.level);
      findings.push_back({{"level", level}, {"check", finding.check}, {"detail", finding.detail}});
      if (!asJson) {
        std::cout << "  " << std::left << std::setw(6) << level << std::setw(19) << finding.check
                  << finding.detail << "\n";
      }
    }
    out.push_back({{"tenant", audit.tenant}, {"findings", findings}});
  }
  if (asJson) std::cout << out.dump(2) << "\n";
  if (!asJson && audits.empty()) std::cout << "No cells\n";
  return failed ? 1 : 0;
}

// A subcommand taking one <tenant>; `run` gets the tenant when it is selected.
CLI::App* tenantCommand(CLI::App& fleet, CliContext& context, const std::string& name,
                        const std::string& description,
                        std::function<int(const CliContext&, const std::string&)> run) {
  auto tenant = std::make_shared<std::string>();
  CLI::App* command = fleet.add_subcommand(name, description);
  command->add_option("tenant", *tenant, "Tenant id")->required();
  command->callback([tenant, run, &context] {
    context.action = [tenant, run, &context] { return run(context, *tenant); };
  });
  return command;
}

void addCreate(CLI::App& fleetApp, CliContext& context) {
  auto flags = std::make_shared<CreateFlags>();
  CLI::App* create = fleetApp.add_subcommand("create", "Create a cell for a tenant and start it");
  create->add_option("tenant", flags->request.tenant, "Tenant id (a-z, 0-9, '-'; 1-40)")
      ->required();
  create->add_option("--image", flags->request.image, "Container image")
      ->default_str(fleet::kDefaultImage);
  create->add_option("--runtime", flags->runtime, "Container CLI: docker or podman")
      ->default_str("docker");
  create->add_option("--port", flags->request.port,
                     "Host port on 127.0.0.1 (default: the first free one from 19100)");
  create->add_option("--memory", flags->request.memory, "Memory limit")->default_str("2g");
  create->add_option("--cpus", flags->request.cpus, "CPU limit")->default_str("2");
  create->add_option("--disk", flags->request.disk,
                     "Writable-layer size limit (needs storage with quotas)");
  create
      ->add_option("--network", flags->network,
                   "bridge, or internal (podman only: no outbound traffic)")
      ->default_str("bridge");
  create->add_option("--pids-limit", flags->request.pidsLimit, "Process limit")->default_str("512");
  create->add_option("--env", flags->env, "KEY=VALUE for the cell (repeatable)");
  create->add_option("--gateway-token", flags->request.gatewayToken,
                     "Gateway token (default: 32 random hex digits; a value given here may "
                     "stay in shell history)");
  create->add_flag("--no-start", flags->noStart, "Create the container without starting it");
  create->add_flag("--json", flags->json, "Print JSON (it contains the token)");
  create->callback([flags, &context] {
    context.action = [flags, &context] { return runCreate(context, *flags); };
  });
}

}  // namespace

void addFleetCommand(CLI::App& root, CliContext& context) {
  CLI::App* fleetApp = root.add_subcommand(
      "fleet", "One isolated gateway cell per tenant in Docker or Podman (docs/fleet.md)");
  fleetApp->require_subcommand(1);
  addCreate(*fleetApp, context);

  auto listJson = std::make_shared<bool>(false);
  CLI::App* list = fleetApp->add_subcommand("list", "List cells with their live state");
  list->alias("ls");
  list->add_flag("--json", *listJson, "Print JSON");
  list->callback([listJson, &context] {
    context.action = [listJson, &context] { return runList(context, *listJson); };
  });

  auto statusJsonFlag = std::make_shared<bool>(false);
  tenantCommand(*fleetApp, context, "status", "A cell's record, live state and /healthz",
                [statusJsonFlag](const CliContext& ctx, const std::string& tenant) {
                  return runStatus(ctx, tenant, *statusJsonFlag);
                })
      ->add_flag("--json", *statusJsonFlag, "Print JSON");

  const auto lifecycle = [&](const std::string& name, const std::string& description,
                             void (fleet::Fleet::*action)(const std::string&),
                             const std::string& done) {
    tenantCommand(*fleetApp, context, name, description,
                  [action, done](const CliContext& ctx, const std::string& tenant) {
                    fleet::Fleet cells = openFleet(ctx);
                    (cells.*action)(tenant);
                    std::cout << done << " cell " << tenant << "\n";
                    return 0;
                  });
  };
  lifecycle("start", "Start a cell's container", &fleet::Fleet::start, "Started");
  lifecycle("stop", "Stop a cell's container", &fleet::Fleet::stop, "Stopped");
  lifecycle("restart", "Restart a cell's container", &fleet::Fleet::restart, "Restarted");

  auto logOptions = std::make_shared<fleet::LogOptions>();
  CLI::App* logs =
      tenantCommand(*fleetApp, context, "logs", "A cell's container logs, with its token redacted",
                    [logOptions](const CliContext& ctx, const std::string& tenant) {
                      return runLogs(ctx, tenant, *logOptions);
                    });
  logs->add_flag("-f,--follow", logOptions->follow, "Keep streaming new lines");
  logs->add_option("--tail", logOptions->tail, "Only the last N lines")
      ->check(CLI::Range(0, 1'000'000));
  logs->add_option("--since", logOptions->since, "Only lines since this (e.g. 10m)");
  logs->add_flag("--timestamps", logOptions->timestamps, "Prefix the runtime's timestamps");

  auto upgradeImage = std::make_shared<std::optional<std::string>>();
  tenantCommand(*fleetApp, context, "upgrade",
                "Replace a cell's container (same port, data, token, --env), rolled back when "
                "the new one is not healthy",
                [upgradeImage](const CliContext& ctx, const std::string& tenant) {
                  const std::string image = openFleet(ctx).upgrade(tenant, *upgradeImage);
                  std::cout << "Upgraded cell " << tenant << " to " << image << "\n";
                  return 0;
                })
      ->add_option("--image", *upgradeImage, "Image to move to (default: the recorded one)");

  auto doctorTenant = std::make_shared<std::optional<std::string>>();
  auto doctorJson = std::make_shared<bool>(false);
  CLI::App* doctor = fleetApp->add_subcommand(
      "doctor",
      "Audit cells (ownership, health, security profile, port, token, data dir); "
      "changes nothing, exits 1 on a failed check");
  doctor->add_option("tenant", *doctorTenant, "Only this tenant");
  doctor->add_flag("--json", *doctorJson, "Print JSON");
  doctor->callback([doctorTenant, doctorJson, &context] {
    context.action = [doctorTenant, doctorJson, &context] {
      return runDoctor(context, *doctorTenant, *doctorJson);
    };
  });

  auto removeFlags = std::make_shared<std::pair<bool, bool>>(false, false);
  CLI::App* remove = tenantCommand(
      *fleetApp, context, "rm", "Remove a cell's container, network and record (data is kept)",
      [removeFlags](const CliContext& ctx, const std::string& tenant) {
        return runRemove(ctx, tenant, removeFlags->first, removeFlags->second);
      });
  remove->alias("remove");
  remove->add_flag("--force", removeFlags->first, "Also remove a running cell");
  remove->add_flag("--purge-data", removeFlags->second,
                   "Also delete the cell's data directory (needs --force)");
}

}  // namespace openclaw::cli
