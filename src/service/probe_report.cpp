#include "service/probe_report.h"

#include <algorithm>
#include <array>
#include <sstream>

namespace openclaw::service {
namespace {

using nlohmann::json;

constexpr std::size_t kColumns = 7;
using Cells = std::array<std::string, kColumns>;

json helloField(const client::ProbeResult& result, const char* pointer) {
  const json::json_pointer where(pointer);
  return result.hello.is_object() && result.hello.contains(where) ? result.hello.at(where) : json();
}

// The failure as "CODE: message", empty when the probe went through.
std::string failureText(const client::ProbeResult& result) {
  if (!result.error) return "";
  return result.errorCode.empty() ? *result.error : result.errorCode + ": " + *result.error;
}

Cells cellsFor(const ProbeRow& row) {
  return {row.id,
          row.url,
          row.result.reachable ? "yes" : "no",
          authVerdict(row.result),
          readVerdict(row.result),
          std::to_string(row.result.latencyMs) + " ms",
          failureText(row.result)};
}

}  // namespace

std::string authVerdict(const client::ProbeResult& result) {
  if (!result.reachable) return "not tried";
  return result.authOk ? "ok" : "failed";
}

std::string readVerdict(const client::ProbeResult& result) {
  if (!result.authOk) return "not tried";
  return result.rpcOk ? "ok" : "failed";
}

json probeRowsJson(const std::vector<ProbeRow>& rows) {
  json out = json::array();
  for (const ProbeRow& row : rows) {
    const client::ProbeResult& result = row.result;
    const bool failed = result.error.has_value();
    out.push_back({{"id", row.id},
                   {"profile", row.profile},
                   {"source", row.source},
                   {"url", row.url},
                   {"reachable", result.reachable},
                   {"auth", authVerdict(result)},
                   {"read", readVerdict(result)},
                   {"latencyMs", result.latencyMs},
                   {"version", helloField(result, "/server/version")},
                   {"connId", helloField(result, "/server/connId")},
                   {"error", failed ? json(*result.error) : json()},
                   {"errorCode", result.errorCode.empty() ? json() : json(result.errorCode)}});
  }
  return out;
}

std::string renderProbeTable(const std::vector<ProbeRow>& rows) {
  std::vector<Cells> table{{"TARGET", "URL", "REACHABLE", "AUTH", "READ", "LATENCY", "DETAIL"}};
  for (const ProbeRow& row : rows) table.push_back(cellsFor(row));
  std::array<std::size_t, kColumns> widths{};
  for (const Cells& cells : table) {
    for (std::size_t i = 0; i < kColumns; ++i) widths[i] = std::max(widths[i], cells[i].size());
  }
  std::ostringstream out;
  for (const Cells& cells : table) {
    std::string line;
    for (std::size_t i = 0; i < kColumns; ++i) {
      line += cells[i];
      if (i + 1 < kColumns) line += std::string(widths[i] - cells[i].size() + 2, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
  return out.str();
}

int probeExitCode(const std::vector<ProbeRow>& rows) {
  const bool answered = std::any_of(rows.begin(), rows.end(),
                                    [](const ProbeRow& row) { return row.result.reachable; });
  return answered ? 0 : 1;
}

}  // namespace openclaw::service
