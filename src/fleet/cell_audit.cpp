#include "fleet/cell_audit.h"

#include <algorithm>

#include "fleet/cell_env.h"
#include "fleet/tenant.h"

namespace openclaw::fleet {
namespace {

using nlohmann::json;

bool listContains(const json& list, const std::string& value) {
  return list.is_array() && std::any_of(list.begin(), list.end(), [&](const json& item) {
           return item.is_string() && item.get<std::string>() == value;
         });
}

// Docker records --cap-drop=ALL as ["ALL"]; podman expands it into the dropped capabilities and
// reports what is left as EffectiveCaps (null or empty when nothing is).
bool allCapabilitiesDropped(const json& raw) {
  if (listContains(raw.value("/HostConfig/CapDrop"_json_pointer, json()), "ALL")) return true;
  const auto effective = raw.find("EffectiveCaps");
  return effective != raw.end() && (effective->is_null() || effective->empty());
}

// Every host binding of the gateway port is 127.0.0.1:<port>, and there is at least one.
bool loopbackOnly(const json& raw, int port) {
  const json bindings = raw.value(
      json::json_pointer("/HostConfig/PortBindings/" + std::to_string(kCellGatewayPort) + "~1tcp"),
      json());
  if (!bindings.is_array() || bindings.empty()) return false;
  return std::all_of(bindings.begin(), bindings.end(), [&](const json& binding) {
    return binding.is_object() && binding.value("HostIp", "") == "127.0.0.1" &&
           binding.value("HostPort", "") == std::to_string(port);
  });
}

// The container is attached to `name` and nothing else (NetworkSettings.Networks is keyed by
// network name under both runtimes).
bool onlyNetwork(const json& raw, const std::string& name) {
  const json networks = raw.value("/NetworkSettings/Networks"_json_pointer, json());
  return networks.is_object() && networks.size() == 1 && networks.contains(name);
}

std::vector<std::string> environmentOf(const json& raw) {
  std::vector<std::string> environment;
  const json env = raw.value("/Config/Env"_json_pointer, json());
  for (const json& entry : env.is_array() ? env : json::array()) {
    if (entry.is_string()) environment.push_back(entry.get<std::string>());
  }
  return environment;
}

}  // namespace

std::string levelName(Finding::Level level) {
  switch (level) {
    case Finding::Level::Ok:
      return "ok";
    case Finding::Level::Warn:
      return "warn";
    case Finding::Level::Fail:
      break;
  }
  return "fail";
}

std::vector<Finding> auditCell(const CellRecord& record, const Inspection& inspection,
                               const CellFacts& facts) {
  using Level = Finding::Level;
  std::vector<Finding> findings;
  const auto add = [&](bool ok, Level otherwise, const std::string& check, const std::string& good,
                       const std::string& bad) {
    findings.push_back({ok ? Level::Ok : otherwise, check, ok ? good : bad});
  };
  add(facts.dataDirProblem.empty(), Level::Fail, "data dir", "owner-only", facts.dataDirProblem);
  switch (inspection.kind) {
    case Inspection::Kind::Unavailable:
      findings.push_back({Level::Fail, "runtime",
                          runtimeName(record.runtime) + " is unavailable: " + inspection.error});
      return findings;
    case Inspection::Kind::Missing:
      findings.push_back({Level::Fail, "container", cellName(record.tenant) + " does not exist"});
      return findings;
    case Inspection::Kind::Foreign:
      findings.push_back({Level::Fail, "ownership",
                          cellName(record.tenant) + " carries other fleet labels: not this cell"});
      return findings;
    case Inspection::Kind::Owned:
      break;
  }
  const json& raw = inspection.raw;
  findings.push_back({Level::Ok, "ownership", "labels match the registry"});
  add(inspection.state == "running", Level::Warn, "state", "running", inspection.state);
  if (inspection.state == "running") {
    add(facts.health == "ok", Level::Fail, "health", "/healthz answers", "/healthz failed");
  }
  add(allCapabilitiesDropped(raw), Level::Fail, "capabilities", "all dropped",
      "capabilities are left");
  add(listContains(raw.value("/HostConfig/SecurityOpt"_json_pointer, json()), "no-new-privileges"),
      Level::Fail, "no-new-privileges", "set", "not set");
  add(!raw.value("/HostConfig/Privileged"_json_pointer, false), Level::Fail, "privileged", "no",
      "the container is privileged");
  add(onlyNetwork(raw, cellName(record.tenant)), Level::Fail, "network",
      "only " + cellName(record.tenant), "attached to other networks than its own");
  add(raw.value("/HostConfig/Memory"_json_pointer, std::int64_t{0}) > 0, Level::Fail,
      "memory limit", "set", "none");
  add(raw.value("/HostConfig/PidsLimit"_json_pointer, std::int64_t{0}) > 0, Level::Fail,
      "pids limit", "set", "none");
  add(loopbackOnly(raw, record.port), Level::Fail, "port",
      "127.0.0.1:" + std::to_string(record.port) + " only",
      "not published on 127.0.0.1:" + std::to_string(record.port) + " alone");
  add(!envValue(environmentOf(raw), "OPENCLAW_GATEWAY_TOKEN").empty(), Level::Fail, "token",
      "present in the container environment", "missing from the container environment");
  return findings;
}

}  // namespace openclaw::fleet
