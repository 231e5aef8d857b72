#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/gateway_probe.h"

namespace openclaw::service {

// One gateway `openclaw gateway probe` tried, and how far it got.
struct ProbeRow {
  std::string id;       // "current", or "profile:<label>" for a discovered state directory
  std::string profile;  // "default", "dev" or the profile name
  std::string source;   // where the target came from, e.g. "state dir /home/a/.openclaw-dev"
  std::string url;
  client::ProbeResult result;
};

// "ok", "failed" or "not tried" for the connect (auth) step of a probe.
std::string authVerdict(const client::ProbeResult& result);

// "ok", "failed" or "not tried" for the read (`health`) step of a probe.
std::string readVerdict(const client::ProbeResult& result);

// The rows as the array `gateway probe --json` prints (see docs/service.md).
nlohmann::json probeRowsJson(const std::vector<ProbeRow>& rows);

// The rows as an aligned table, one line per gateway, with the failure detail last.
std::string renderProbeTable(const std::vector<ProbeRow>& rows);

// 0 when at least one gateway answered (its WebSocket opened), 1 otherwise.
int probeExitCode(const std::vector<ProbeRow>& rows);

}  // namespace openclaw::service
