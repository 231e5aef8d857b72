#include "core/clock.h"
#include "methods/agent_method_support.h"
#include "methods/session_list.h"
#include "methods/sessions_methods.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

boost::asio::awaitable<nlohmann::json> subscribedWithList(AgentServices& services,
                                                          nlohmann::json params) {
  nlohmann::json list = co_await listSessions(services, std::move(params));
  co_return nlohmann::json{{"subscribed", true}, {"list", std::move(list)}};
}

// As upstream: with params (sessions.list's), the answer carries that list too.
void handleSubscribe(SessionEvents& events, const rpc::MethodCall& call,
                     const rpc::Responder& respond) {
  events.subscribeList(call.connection->connId());
  if (call.params.empty()) return respond.ok({{"subscribed", true}});
  answerFrom(events.services().runtime, respond,
             subscribedWithList(events.services(), std::move(call.params)));
}

void handleUnsubscribe(SessionEvents& events, const rpc::MethodCall& call,
                       const rpc::Responder& respond) {
  events.unsubscribeList(call.connection->connId());
  respond.ok({{"subscribed", false}});
}

void handleMessagesSubscribe(SessionEvents& events, const rpc::MethodCall& call,
                             const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "key");
  if (!key) return respond.fail(key.error());
  nlohmann::json answer = {{"subscribed", true}, {"key", *key}};
  if (call.params.contains("includeApprovals")) {
    const auto& scopes = call.connection->session().scopes;
    if (!protocol::scopeSatisfied(scopes, protocol::scopes::kApprovals)) {
      return respond.fail(protocol::GatewayError::invalidRequest(
          "sessions.messages.subscribe includeApprovals requires the scope " +
          std::string(protocol::scopes::kApprovals)));
    }
    // Exec approvals reach operators as exec.approval.requested events; no session keeps a
    // replayable approval list here.
    answer["approvalReplay"] = {{"sessionKey", *key},
                                {"updatedAtMs", core::nowMs()},
                                {"approvals", nlohmann::json::array()},
                                {"truncated", false}};
  }
  if (auto subscribed = events.subscribeMessages(call.connection->connId(), *key); !subscribed) {
    return respond.fail(subscribed.error());
  }
  respond.ok(answer);
}

void handleMessagesUnsubscribe(SessionEvents& events, const rpc::MethodCall& call,
                               const rpc::Responder& respond) {
  const auto key = sessionKeyParam(call.params, "key");
  if (!key) return respond.fail(key.error());
  events.unsubscribeMessages(call.connection->connId(), *key);
  respond.ok({{"subscribed", false}, {"key", *key}});
}

}  // namespace

void registerSessionSubscriptionMethods(rpc::MethodRegistry& registry, SessionEvents& events) {
  registry.add({.name = "sessions.subscribe",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SessionsSubscribeParams",
                .handler = withServices(events, handleSubscribe)});
  registry.add({.name = "sessions.unsubscribe",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SessionsUnsubscribeParams",
                .handler = withServices(events, handleUnsubscribe)});
  registry.add({.name = "sessions.messages.subscribe",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SessionsMessagesSubscribeParams",
                .handler = withServices(events, handleMessagesSubscribe)});
  registry.add({.name = "sessions.messages.unsubscribe",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "SessionsMessagesUnsubscribeParams",
                .handler = withServices(events, handleMessagesUnsubscribe)});
  registry.addEvent("sessions.changed");
  registry.addEvent("session.message");
}

}  // namespace openclaw::methods
