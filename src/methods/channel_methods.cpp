#include "methods/channel_methods.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "channels/dm_pairing.h"
#include "core/clock.h"
#include "methods/channel_method_parts.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::methods {
namespace {

using protocol::GatewayError;
using rpc::MethodCall;
using rpc::Responder;

nlohmann::json requestJson(const channels::PairingRequest& request, const std::string& label) {
  return {{"requestId", request.code},
          {"channel", request.channel},
          {"channelLabel", label},
          {"accountId", request.accountId},
          {"senderId", request.senderId},
          {"senderLabel", request.senderLabel},
          {"createdAt", core::isoTimeUtc(request.createdAtMs)},
          {"lastSeenAt", core::isoTimeUtc(request.lastSeenAtMs)},
          {"expiresAt", core::isoTimeUtc(request.expiresAtMs)},
          {"notifySupported", true}};
}

std::string labelOf(ChannelServices& services, const std::string& id) {
  channels::Channel* channel = services.channels.find(id);
  return channel ? channel->label() : id;
}

GatewayError storeUnavailable(const std::exception& error) {
  rpc::logStorageFailure(error);
  return GatewayError::unavailable("channel store unavailable", std::nullopt);
}

boost::asio::awaitable<void> listPairings(ChannelServices& services, Responder respond,
                                          std::string channel, std::string accountId) {
  channels::ChannelStore& store = services.channels.store();
  std::vector<channels::PairingRequest> found;
  try {
    found = co_await rpc::onStorage(services.runtime, [&store, &channel, &accountId] {
      return store.pairingRequests(channel, accountId, core::nowMs());
    });
  } catch (const std::exception& error) {
    respond.fail(storeUnavailable(error));
    co_return;
  }
  nlohmann::json accounts = nlohmann::json::array();
  for (const std::string& id : services.channels.configuredIds()) {
    if (!channel.empty() && id != channel) continue;
    const channels::Channel* configured = services.channels.find(id);
    for (const auto& account : configured->status()) {
      accounts.push_back({{"channel", id},
                          {"channelLabel", configured->label()},
                          {"accountId", account.accountId},
                          {"notifySupported", true}});
    }
  }
  nlohmann::json requests = nlohmann::json::array();
  for (const auto& request : found) {
    requests.push_back(requestJson(request, labelOf(services, request.channel)));
  }
  respond.ok({{"accounts", accounts},
              {"requests", requests},
              {"commandOwnerConfigured", false},
              {"limits",
               {{"pendingPerAccount", channels::kMaxPendingPairingsPerAccount},
                {"ttlMs", channels::kPairingCodeTtlMs}}}});
}

void handlePairingList(ChannelServices& services, const MethodCall& call,
                       const Responder& respond) {
  boost::asio::co_spawn(services.runtime.io,
                        listPairings(services, respond, call.params.value("channel", ""),
                                     call.params.value("accountId", "")),
                        boost::asio::detached);
}

struct PairingDecision {
  std::string channel;
  std::string accountId;
  std::string code;
  bool approve = false;
  bool notify = false;
};

// Approve or dismiss: both take the live request with the code, or answer INVALID_REQUEST.
boost::asio::awaitable<void> decidePairing(ChannelServices& services, Responder respond,
                                           PairingDecision decision) {
  channels::ChannelStore& store = services.channels.store();
  std::optional<channels::PairingRequest> taken;
  try {
    taken = co_await rpc::onStorage(services.runtime, [&store, &decision] {
      const std::int64_t now = core::nowMs();
      return decision.approve
                 ? store.approvePairing(decision.channel, decision.accountId, decision.code, now)
                 : store.dismissPairing(decision.channel, decision.accountId, decision.code, now);
    });
  } catch (const std::exception& error) {
    respond.fail(storeUnavailable(error));
    co_return;
  }
  if (!taken) {
    respond.fail(GatewayError::invalidRequest("unknown or expired pairing code"));
    co_return;
  }
  const channels::PairingRequest& request = *taken;
  nlohmann::json answer = {{"requestId", request.code}, {"senderId", request.senderId}};
  if (!decision.approve) {
    respond.ok(answer);
    co_return;
  }
  answer["commandOwnerBootstrap"] = "not-requested";
  channels::Channel* target = services.channels.find(request.channel);
  if (!decision.notify || !target) {
    answer["notification"] = decision.notify ? "failed" : "not-requested";
    respond.ok(answer);
    co_return;
  }
  channels::OutboundMessage message;
  message.accountId = request.accountId;
  message.to = request.senderId;
  message.text = "OpenClaw: your access was approved. Send your message again.";
  target->send(message, [respond, answer](const channels::SendResult& result) mutable {
    answer["notification"] = result ? "sent" : "failed";
    respond.ok(answer);
  });
}

void startDecision(ChannelServices& services, const MethodCall& call, const Responder& respond,
                   bool approve) {
  PairingDecision decision{call.params.at("channel"), call.params.at("accountId"),
                           call.params.at("requestId"), approve,
                           call.params.value("notify", false)};
  // Codes are shown uppercase; accept them typed in any case.
  for (char& c : decision.code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  boost::asio::co_spawn(services.runtime.io, decidePairing(services, respond, std::move(decision)),
                        boost::asio::detached);
}

void handlePairingApprove(ChannelServices& services, const MethodCall& call,
                          const Responder& respond) {
  startDecision(services, call, respond, true);
}

void handlePairingDismiss(ChannelServices& services, const MethodCall& call,
                          const Responder& respond) {
  startDecision(services, call, respond, false);
}

}  // namespace

void registerChannelMethods(rpc::MethodRegistry& registry, ChannelServices& services) {
  using namespace protocol::scopes;
  registerChannelSendMethod(registry, services);
  registerChannelStatusMethod(registry, services);
  registerChannelLifecycleMethods(registry, services);
  for (const char* name : {"channels.pairing.list", "pairing.list"}) {
    registry.add({.name = name,
                  .scope = kPairing,
                  .paramsSchema = "ChannelsPairingListParams",
                  .handler = withServices(services, handlePairingList)});
  }
  for (const char* name : {"channels.pairing.approve", "pairing.approve"}) {
    registry.add({.name = name,
                  .scope = kPairing,
                  .paramsSchema = "ChannelsPairingApproveParams",
                  .sideEffects = true,
                  .handler = withServices(services, handlePairingApprove)});
  }
  registry.add({.name = "channels.pairing.dismiss",
                .scope = kPairing,
                .paramsSchema = "ChannelsPairingDismissParams",
                .sideEffects = true,
                .handler = withServices(services, handlePairingDismiss)});
}

}  // namespace openclaw::methods
