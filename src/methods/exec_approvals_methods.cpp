#include "methods/exec_approvals_methods.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <map>

#include "auth/device_identity.h"
#include "core/clock.h"
#include "core/files.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::methods {
namespace {

using nlohmann::json;
using Entry = approvals::ExecAllowlist::Entry;

std::string snapshotHash(const approvals::ExecAllowlist& allowlist) {
  return allowlist.exists() ? auth::sha256Hex(allowlist.serialize())
                            : "missing:" + auth::sha256Hex("");
}

json snapshot(const ExecApprovalsServices& services) {
  const approvals::ExecAllowlist& allowlist = services.allowlist;
  json entries = json::array();
  for (const Entry& entry : allowlist.entries()) {
    json row = {{"pattern", entry.pattern}, {"source", "allow-always"}};
    if (!entry.command.empty()) row["commandText"] = entry.command;
    entries.push_back(std::move(row));
  }
  json file = {{"version", 1}, {"agents", json::object()}};
  if (!entries.empty()) file["agents"]["*"] = {{"allowlist", std::move(entries)}};
  const config::ExecToolSettings& exec = services.runtime.settings.tools.exec;
  return {{"path", allowlist.path().string()},
          {"exists", allowlist.exists()},
          {"hash", snapshotHash(allowlist)},
          {"file", std::move(file)},
          // Nobody answering an approval in time denies the command.
          {"resolvedDefaults",
           {{"security", config::execSecurityName(exec.security)},
            {"ask", config::execAskName(exec.ask)},
            {"askFallback", "deny"},
            {"autoAllowSkills", false}}}};
}

protocol::GatewayError notApplied(const std::string& what) {
  return protocol::GatewayError::invalidRequest(
      what +
      " is not applied by this gateway: the exec policy is tools.exec.security and "
      "tools.exec.ask in the config file; exec.approvals.set takes only allowlist entries");
}

bool isAbsoluteExecutablePath(const std::string& pattern) {
  return pattern.starts_with('/') && pattern.find_first_of("*?[") == std::string::npos;
}

// The entries `file` lists (every agent's), keeping when each known pattern was first added.
protocol::Result<std::vector<Entry>> entriesFrom(const json& file,
                                                 const approvals::ExecAllowlist& current) {
  if (file.contains("socket")) return notApplied("file.socket");
  if (!file.value("defaults", json::object()).empty()) return notApplied("file.defaults");
  std::map<std::string, std::int64_t> addedAt;
  for (const Entry& entry : current.entries()) addedAt.emplace(entry.pattern, entry.addedAtMs);
  std::vector<Entry> entries;
  const json agents = file.value("agents", json::object());
  for (const auto& [agentId, agent] : agents.items()) {
    const std::string where = "file.agents[\"" + agentId + "\"]";
    for (const char* key : {"security", "ask", "askFallback", "autoAllowSkills"}) {
      if (agent.contains(key)) return notApplied(where + "." + key);
    }
    if (!agent.value("mcpTools", json::array()).empty()) return notApplied(where + ".mcpTools");
    for (const json& item : agent.value("allowlist", json::array())) {
      if (item.contains("argPattern")) return notApplied(where + " argPattern");
      const std::string pattern = item.at("pattern");
      if (pattern.size() > kMaxPatternLength || !isAbsoluteExecutablePath(pattern)) {
        return protocol::GatewayError::invalidRequest(
            "allowlist pattern \"" + pattern.substr(0, 200) +
            "\" must be an absolute executable path without wildcards (this gateway matches the "
            "resolved executable exactly)");
      }
      const bool listed = std::any_of(entries.begin(), entries.end(),
                                      [&](const Entry& entry) { return entry.pattern == pattern; });
      if (listed) continue;
      if (entries.size() == kMaxAllowlistEntries) {
        return protocol::GatewayError::invalidRequest(
            "the allowlist may hold at most " + std::to_string(kMaxAllowlistEntries) + " entries");
      }
      const auto known = addedAt.find(pattern);
      entries.push_back({pattern, item.value("commandText", ""),
                         known != addedAt.end() ? known->second : core::nowMs()});
    }
  }
  return entries;
}

// upstream's optimistic concurrency: a file that exists needs the hash it was read at.
protocol::Result<void> checkBaseHash(const json& params,
                                     const approvals::ExecAllowlist& allowlist) {
  const std::string baseHash = params.value("baseHash", "");
  const std::string current = snapshotHash(allowlist);
  if (allowlist.exists() && baseHash.empty()) {
    return protocol::GatewayError::invalidRequest(
        "exec approvals base hash required; re-run exec.approvals.get and retry");
  }
  if (!baseHash.empty() && baseHash != current) {
    return protocol::GatewayError::invalidRequest(
        "exec approvals changed since last load; re-run exec.approvals.get and retry");
  }
  return {};
}

// Checks and applies the new list at once (no other change can come between), then answers
// once the file is written.
boost::asio::awaitable<void> setApprovals(ExecApprovalsServices& services, json params,
                                          rpc::Responder respond) {
  approvals::ExecAllowlist& allowlist = services.allowlist;
  if (auto fresh = checkBaseHash(params, allowlist); !fresh) {
    respond.fail(fresh.error());
    co_return;
  }
  auto entries = entriesFrom(params.at("file"), allowlist);
  if (!entries) {
    respond.fail(entries.error());
    co_return;
  }
  allowlist.replace(std::move(entries).value());
  // Captured by reference: g++ 12 destroys a lambda with non-trivial captures twice when it is
  // a temporary of a co_await expression.
  const std::filesystem::path path = allowlist.path();
  const std::string text = allowlist.serialize();
  try {
    co_await rpc::onStorage(services.runtime,
                            [&path, &text] { core::writeFileAtomic(path, text); });
  } catch (const std::exception& error) {
    // The list in memory stays ahead of the file until the next save.
    rpc::logStorageFailure(error);
    respond.fail(protocol::GatewayError::unavailable(
        "cannot save the exec approvals file; the gateway log has the reason", std::nullopt));
    co_return;
  }
  respond.ok(snapshot(services));
}

void handleSet(ExecApprovalsServices& services, const rpc::MethodCall& call,
               const rpc::Responder& respond) {
  boost::asio::co_spawn(services.runtime.io,
                        setApprovals(services, std::move(call.params), respond),
                        boost::asio::detached);
}

}  // namespace

void registerExecApprovalsMethods(rpc::MethodRegistry& registry, ExecApprovalsServices& services) {
  registry.add({.name = "exec.approvals.get",
                .scope = protocol::scopes::kAdmin,
                .paramsSchema = "ExecApprovalsGetParams",
                .handler = [&services](const rpc::MethodCall&, const rpc::Responder& respond) {
                  respond.ok(snapshot(services));
                }});
  registry.add({.name = "exec.approvals.set",
                .scope = protocol::scopes::kAdmin,
                .paramsSchema = "ExecApprovalsSetParams",
                .sideEffects = true,
                .handler = withServices(services, handleSet)});
}

}  // namespace openclaw::methods
