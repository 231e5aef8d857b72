// `openclaw gateway probe`: every gateway this machine's config knows of, probed side by side.
#include "cli/gateway_probe_command.h"

#include <algorithm>
#include <iostream>

#include "cli/rpc_client.h"
#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "config/local_instances.h"
#include "core/files.h"
#include "protocol/scopes.h"
#include "service/probe_report.h"
#include "service/service_unit.h"

namespace openclaw::cli {
namespace {

struct ProbeOptions {
  int timeoutMs = 5'000;
  bool json = false;
};

// Where to look and with which credentials, before probing.
struct Candidate {
  service::ProbeRow row;
  std::optional<config::ClientTarget> target;  // nullopt when the config could not be read
};

// The target `resolve` finds for `profile`; a config that cannot be read becomes a row that
// only carries the error.
Candidate candidateFor(std::string id, std::string source, const config::Profile& profile,
                       const std::function<config::ClientTarget()>& resolve) {
  Candidate candidate;
  candidate.row.id = std::move(id);
  candidate.row.profile = service::profileLabel(profile);
  candidate.row.source = std::move(source);
  try {
    candidate.target = resolve();
    candidate.row.url = candidate.target->url;
  } catch (const std::exception& error) {
    candidate.row.result.error = error.what();
  }
  return candidate;
}

bool sameTarget(const config::ClientTarget& a, const config::ClientTarget& b) {
  return a.url == b.url && a.token == b.token && a.password == b.password;
}

// The current instance (flags, environment and config as every command resolves them), then
// each ~/.openclaw* state directory's own config without environment overrides; a discovered
// target identical to an earlier one (URL and credentials) is left out.
std::vector<Candidate> findCandidates(const CliContext& context) {
  std::vector<Candidate> candidates;
  const config::InstancePaths current = context.paths();
  candidates.push_back(candidateFor("current", "current instance", current.profile, [&] {
    return config::resolveClientTarget(config::ConfigFile::load(current.configPath), current, {},
                                       context.env);
  }));
  for (const config::InstancePaths& paths : config::findLocalInstances(core::homeDir())) {
    Candidate found = candidateFor("profile:" + service::profileLabel(paths.profile),
                                   "state dir " + paths.stateDir.string(), paths.profile,
                                   [&paths] { return config::ownClientTarget(paths); });
    const bool duplicate =
        found.target &&
        std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& earlier) {
          return earlier.target && sameTarget(*earlier.target, *found.target);
        });
    if (!duplicate) candidates.push_back(std::move(found));
  }
  return candidates;
}

int runProbe(const CliContext& context, const ProbeOptions& options) {
  std::vector<service::ProbeRow> rows;
  for (Candidate& candidate : findCandidates(context)) {
    if (candidate.target) {
      candidate.row.result =
          client::probeGateway(cliConnectOptions(*candidate.target, protocol::scopes::kRead,
                                                 std::chrono::milliseconds(options.timeoutMs)),
                               "health");
    }
    rows.push_back(std::move(candidate.row));
  }
  if (options.json) {
    std::cout << service::probeRowsJson(rows).dump(2) << "\n";
  } else {
    std::cout << service::renderProbeTable(rows);
  }
  return service::probeExitCode(rows);
}

}  // namespace

void addGatewayProbeCommand(CLI::App& gateway, CliContext& context) {
  auto options = std::make_shared<ProbeOptions>();
  CLI::App* probe = gateway.add_subcommand(
      "probe",
      "Probe every local gateway (this instance's target and each ~/.openclaw* profile): "
      "reachability, auth with its credentials, and a health read");
  probe->add_option("--timeout", options->timeoutMs, "Timeout per step in milliseconds (5000)")
      ->check(CLI::Range(1, 3'600'000));
  probe->add_flag("--json", options->json, "Print a JSON array, one object per gateway");
  probe->callback([options, &context] {
    context.action = [options, &context] { return runProbe(context, *options); };
  });
}

}  // namespace openclaw::cli
