#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/gateway_probe.h"
#include "config/target_source.h"
#include "core/port_listeners.h"

namespace openclaw::service {

// What `systemctl show -p LoadState,ActiveState,SubState,MainPID` says about a unit.
struct UnitRuntime {
  std::string loadState;  // loaded, not-found, masked, …
  std::string activeState;
  std::string subState;
  std::optional<int> mainPid;  // nullopt when systemd reports 0 (no main process)
};

// Parses KEY=value lines of `systemctl show`; unknown keys are ignored, missing ones stay empty.
UnitRuntime parseSystemctlShow(const std::string& output);

// The supervisor's view of this profile's unit in one scope.
struct UnitStatus {
  std::string scope;  // "user" or "system"
  std::string unit;   // openclaw-gateway[-<profile>].service
  std::filesystem::path path;
  bool installed = false;                     // the unit file exists
  std::optional<std::string> managerProblem;  // why systemd could not be asked
  std::optional<UnitRuntime> runtime;         // set when systemd was asked
};

// One phrase for a unit's state: "active (running)", "not loaded",
// "unknown (no systemd user manager)", …
std::string describeUnit(const UnitStatus& unit);

// How the tailnet reaches the gateway: gateway.tailscale.mode serve/funnel (the Serve URL) or
// gateway.bind "tailnet" (the direct tailnet address).
struct TailnetView {
  std::string exposure;              // "serve", "funnel" or "bind tailnet"
  std::optional<std::string> url;    // https://<Self.DNSName>/ or ws://<tailnet IPv4>:<port>
  std::optional<std::string> error;  // why the URL is unknown
};

// Everything `openclaw gateway status` found out, gathered before rendering.
struct StatusReport {
  std::string profile;  // "default", "dev" or the profile name
  std::filesystem::path configPath;
  config::ValueSource configSource;
  std::string targetUrl;
  config::ValueSource targetSource;
  // The certificate pin the probe used for a wss:// target (given, or the local gateway's own
  // certificate); nullopt when none applies.
  std::optional<std::string> tlsFingerprint;
  UnitStatus userUnit;
  std::optional<UnitStatus> systemUnit;  // only with --deep
  std::optional<int> port;               // the port listeners were looked up on (local targets)
  std::vector<core::PortListener> listeners;
  std::optional<client::ProbeResult> probe;  // nullopt with --no-probe
  std::filesystem::path logFile;
  std::optional<std::string> lastError;  // newest error record of the log, when looked up
  std::optional<TailnetView> tailnet;    // set when Tailscale exposure or bind tailnet is on
};

// Whether something seems to be running: an active unit or a process on the port.
bool serviceLooksUp(const StatusReport& report);

// Whether the report should carry the log's last error: the probe ran and failed although the
// service looks up.
bool wantsLastError(const StatusReport& report);

// The newest record of a JSONL log whose level is error (or critical), as
// "<time> [<subsystem>] <msg>"; nullopt when there is none.
std::optional<std::string> lastErrorRecord(const std::vector<std::string>& lines);

// The report as the stable object `gateway status --json` prints (see docs/service.md).
nlohmann::json statusReportJson(const StatusReport& report);

// The report as human-readable lines.
std::string renderStatusText(const StatusReport& report);

// 0 when the probe reached the gateway or did not run, 1 otherwise.
int statusExitCode(const StatusReport& report);

}  // namespace openclaw::service
