#include "methods/system_methods.h"

#include "core/clock.h"
#include "core/json_fields.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

std::vector<std::string> listParam(const nlohmann::json& params, const char* key) {
  return params.value(key, std::vector<std::string>{});
}

// A presence row from `system-event` params; the caller's connection fills what the params omit.
presence::PresenceEntry presenceFromEvent(const nlohmann::json& params,
                                          const rpc::Connection& caller) {
  const rpc::ClientSession& session = caller.session();
  presence::PresenceEntry entry;
  entry.instanceId = core::stringField(params, "instanceId");
  if (!entry.instanceId) entry.instanceId = session.instanceId;
  entry.key = entry.instanceId.value_or(session.presenceKey);
  entry.host = core::stringField(params, "host");
  if (!entry.host) entry.host = session.displayName.value_or(session.clientId);
  entry.ip = core::stringField(params, "ip");
  if (!entry.ip) entry.ip = session.clientAddress;
  entry.version = core::stringField(params, "version");
  if (!entry.version) entry.version = session.clientVersion;
  entry.platform = core::stringField(params, "platform");
  if (!entry.platform) entry.platform = session.platform;
  entry.deviceFamily = core::stringField(params, "deviceFamily");
  entry.modelIdentifier = core::stringField(params, "modelIdentifier");
  entry.mode = core::stringField(params, "mode");
  if (!entry.mode) entry.mode = session.clientMode;
  entry.reason = core::stringField(params, "reason");
  if (!entry.reason) entry.reason = "system-event";
  entry.deviceId = core::stringField(params, "deviceId");
  if (params.contains("lastInputSeconds")) {
    entry.lastInputSeconds = params.at("lastInputSeconds").get<std::int64_t>();
  }
  entry.tags = listParam(params, "tags");
  entry.roles = listParam(params, "roles");
  entry.scopes = listParam(params, "scopes");
  entry.text = params.at("text").get<std::string>();
  entry.ts = core::nowMs();
  return entry;
}

}  // namespace

void registerSystemMethods(rpc::MethodRegistry& registry, SystemServices& services,
                           const HealthReport& health) {
  registry.add({.name = "health",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "HealthParams",
                .handler = [&health](const rpc::MethodCall& call, const rpc::Responder& respond) {
                  // The last reload error quotes the config file: operator.admin only.
                  respond.ok(health.snapshot(protocol::scopeSatisfied(
                      call.connection->session().scopes, protocol::scopes::kAdmin)));
                }});
  registry.add({.name = "status",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "StatusParams",
                .handler = [&services](const rpc::MethodCall& call, const rpc::Responder& respond) {
                  respond.ok(services.statusSummary(*call.connection));
                }});
  registry.add({.name = "system-presence",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SystemPresenceParams",
                .handler = [&services](const rpc::MethodCall&, const rpc::Responder& respond) {
                  respond.ok(services.presenceList());
                }});
  registry.add({.name = "system-event",
                .scope = protocol::scopes::kAdmin,
                .paramsSchema = "SystemEventParams",
                .sideEffects = true,
                .handler = [&services](const rpc::MethodCall& call, const rpc::Responder& respond) {
                  services.reportPresence(presenceFromEvent(call.params, *call.connection));
                  respond.ok({{"ok", true}});
                }});
}

}  // namespace openclaw::methods
