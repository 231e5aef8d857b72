#include "service/status_report.h"

#include <sstream>

namespace openclaw::service {
namespace {

using nlohmann::json;

// The value at `pointer` of `object`, or null when it is missing.
json at(const json& object, const char* pointer) {
  const json::json_pointer where(pointer);
  return object.is_object() && object.contains(where) ? object.at(where) : json();
}

json sourceJson(const config::ValueSource& source) {
  return {{"kind", source.kind}, {"detail", source.detail}};
}

// "config gateway.port", "env OPENCLAW_GATEWAY_URL", "default".
std::string sourceText(const config::ValueSource& source) {
  return source.detail.empty() ? source.kind : source.kind + " " + source.detail;
}

json optionalText(const std::optional<std::string>& text) { return text ? json(*text) : json(); }

json unitJson(const UnitStatus& unit) {
  json out = {{"scope", unit.scope},
              {"unit", unit.unit},
              {"path", unit.path.string()},
              {"installed", unit.installed},
              {"managerAvailable", !unit.managerProblem},
              {"managerProblem", optionalText(unit.managerProblem)},
              {"loadState", nullptr},
              {"activeState", nullptr},
              {"subState", nullptr},
              {"mainPid", nullptr},
              {"summary", describeUnit(unit)}};
  if (unit.runtime) {
    out["loadState"] = unit.runtime->loadState;
    out["activeState"] = unit.runtime->activeState;
    out["subState"] = unit.runtime->subState;
    if (unit.runtime->mainPid) out["mainPid"] = *unit.runtime->mainPid;
  }
  return out;
}

json rpcJson(const std::optional<client::ProbeResult>& probe) {
  if (!probe) return {{"probed", false}};
  return {{"probed", true},
          {"ok", probe->rpcOk},
          {"connected", probe->reachable},
          {"authenticated", probe->authOk},
          {"latencyMs", probe->latencyMs},
          {"version", at(probe->hello, "/server/version")},
          {"connId", at(probe->hello, "/server/connId")},
          {"port", at(probe->payload, "/gateway/port")},
          {"error", optionalText(probe->error)},
          {"errorCode", probe->errorCode.empty() ? json() : json(probe->errorCode)}};
}

void writeUnit(std::ostream& out, const char* label, const UnitStatus& unit) {
  out << label << unit.unit << " (" << unit.scope
      << "): " << (unit.installed ? "installed" : "not installed") << ", " << describeUnit(unit);
  if (unit.runtime && unit.runtime->mainPid) out << ", PID " << *unit.runtime->mainPid;
  out << "\n           " << unit.path.string() << "\n";
}

void writeProbe(std::ostream& out, const StatusReport& report) {
  if (!report.probe) {
    out << "RPC probe: skipped (--no-probe)\n";
    return;
  }
  const client::ProbeResult& probe = *report.probe;
  if (probe.rpcOk) {
    const json version = at(probe.hello, "/server/version");
    const json connId = at(probe.hello, "/server/connId");
    const json port = at(probe.payload, "/gateway/port");
    out << "RPC probe: ok in " << probe.latencyMs << " ms (gateway "
        << (version.is_string() ? version.get<std::string>() : "?") << ", connId "
        << (connId.is_string() ? connId.get<std::string>() : "?") << ", port "
        << (port.is_number() ? port.dump() : "?") << ")\n";
    return;
  }
  out << "RPC probe: FAILED after " << probe.latencyMs << " ms: gateway not reachable at "
      << report.targetUrl << ": " << probe.error.value_or("unknown error") << "\n";
}

}  // namespace

UnitRuntime parseSystemctlShow(const std::string& output) {
  UnitRuntime runtime;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = line.substr(0, equals);
    const std::string value = line.substr(equals + 1);
    if (key == "LoadState") runtime.loadState = value;
    if (key == "ActiveState") runtime.activeState = value;
    if (key == "SubState") runtime.subState = value;
    if (key == "MainPID" && !value.empty() &&
        value.find_first_not_of("0123456789") == std::string::npos && value.size() < 10 &&
        std::stoi(value) > 0) {
      runtime.mainPid = std::stoi(value);
    }
  }
  return runtime;
}

std::string describeUnit(const UnitStatus& unit) {
  if (unit.managerProblem) return "unknown (no systemd " + unit.scope + " manager)";
  if (!unit.runtime) return "unknown";
  if (unit.runtime->loadState == "not-found") return "not loaded";
  std::string text = unit.runtime->activeState.empty() ? "unknown" : unit.runtime->activeState;
  if (!unit.runtime->subState.empty()) text += " (" + unit.runtime->subState + ")";
  return text;
}

bool serviceLooksUp(const StatusReport& report) {
  const auto active = [](const std::optional<UnitStatus>& unit) {
    return unit && unit->runtime && unit->runtime->activeState == "active";
  };
  return active(report.userUnit) || active(report.systemUnit) || !report.listeners.empty();
}

bool wantsLastError(const StatusReport& report) {
  return report.probe && !report.probe->rpcOk && serviceLooksUp(report);
}

std::optional<std::string> lastErrorRecord(const std::vector<std::string>& lines) {
  for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
    const json record = json::parse(*line, nullptr, false);
    if (!record.is_object()) continue;
    const json level = at(record, "/level");
    if (level != "error" && level != "critical") continue;
    const auto text = [&](const char* pointer) {
      const json value = at(record, pointer);
      return value.is_string() ? value.get<std::string>() : std::string();
    };
    return text("/time") + " [" + text("/subsystem") + "] " + text("/msg");
  }
  return std::nullopt;
}

json statusReportJson(const StatusReport& report) {
  json listeners = json::array();
  for (const core::PortListener& listener : report.listeners) {
    listeners.push_back({{"pid", listener.pid}, {"command", listener.command}});
  }
  return {{"profile", report.profile},
          {"config",
           {{"path", report.configPath.string()}, {"source", sourceJson(report.configSource)}}},
          {"target",
           {{"url", report.targetUrl},
            {"source", sourceJson(report.targetSource)},
            {"tlsFingerprint", optionalText(report.tlsFingerprint)}}},
          {"service",
           {{"user", unitJson(report.userUnit)},
            {"system", report.systemUnit ? unitJson(*report.systemUnit) : json()}}},
          {"port", report.port ? json(*report.port) : json()},
          {"listeners", listeners},
          {"rpc", rpcJson(report.probe)},
          {"logFile", report.logFile.string()},
          {"lastError", optionalText(report.lastError)},
          {"reachable", report.probe ? json(report.probe->rpcOk) : json()},
          {"tailnet", report.tailnet ? json{{"exposure", report.tailnet->exposure},
                                            {"url", optionalText(report.tailnet->url)},
                                            {"error", optionalText(report.tailnet->error)}}
                                     : json()}};
}

std::string renderStatusText(const StatusReport& report) {
  std::ostringstream out;
  out << "Profile:   " << report.profile << "\n"
      << "Config:    " << report.configPath.string() << " (" << sourceText(report.configSource)
      << ")\n"
      << "Target:    " << report.targetUrl << " (" << sourceText(report.targetSource) << ")\n";
  if (report.tlsFingerprint) out << "TLS pin:   sha256 " << *report.tlsFingerprint << "\n";
  writeUnit(out, "Service:   ", report.userUnit);
  if (report.systemUnit) writeUnit(out, "System:    ", *report.systemUnit);
  if (!report.port) {
    out << "Listeners: not checked (the target is not on this machine)\n";
  } else if (report.listeners.empty()) {
    out << "Listeners: nothing listens on port " << *report.port << "\n";
  } else {
    out << "Listeners: port " << *report.port << "\n";
    for (const core::PortListener& listener : report.listeners) {
      out << "           PID " << listener.pid << "  " << listener.command << "\n";
    }
  }
  writeProbe(out, report);
  if (report.tailnet) {
    out << "Tailnet:   "
        << report.tailnet->url.value_or("unknown: " + report.tailnet->error.value_or("?")) << " ("
        << report.tailnet->exposure << ")\n";
  }
  out << "Log file:  " << report.logFile.string() << "\n";
  if (report.lastError) out << "Last error in the log: " << *report.lastError << "\n";
  return out.str();
}

int statusExitCode(const StatusReport& report) {
  return !report.probe || report.probe->rpcOk ? 0 : 1;
}

}  // namespace openclaw::service
