#include "channels/inbound_router.h"

#include <utility>

#include "channels/dm_pairing.h"
#include "core/clock.h"
#include "core/logging.h"
#include "gateway/storage_task.h"

namespace openclaw::channels {
namespace {

auto log() { return core::logger("channels"); }

// The reply a turn produces: its last assistant text (earlier texts preceded tool calls).
std::string finalText(const runs::RunResult& result) {
  if (!result.payloads.empty()) return result.payloads.back();
  return result.text;
}

}  // namespace

std::string inboundSessionKey(const InboundMessage& message, sessions::DmScope scope,
                              const std::string& agentId) {
  if (!message.isGroup) {
    const std::string account = message.accountId == "default" ? "" : message.accountId;
    return sessions::directSessionKey(agentId, scope, {message.channel, account, message.senderId});
  }
  std::string key = "agent:" + sessions::normalizeAgentId(agentId) + ":" + message.channel +
                    ":group:" + message.chatId;
  if (!message.threadId.empty()) key += ":thread:" + message.threadId;
  return *sessions::canonicalSessionKey(key, agentId);
}

InboundRouter::InboundRouter(gateway::GatewayRuntime& runtime, ChannelStore& store,
                             runs::RunManager& runs, sessions::DmScope dmScope, Lookup lookup)
    : runtime_(runtime),
      store_(store),
      runs_(runs),
      dmScope_(dmScope),
      lookup_(std::move(lookup)) {}

void InboundRouter::process(const InboundMessage& message) {
  const Route route = lookup_(message.channel);
  if (!route.channel) {
    // The channel was removed from the config: the message stays pending for when it returns.
    log()->warn("inbound {} message {} waits: the channel is not configured", message.channel,
                message.messageId);
    return;
  }
  if (message.isGroup) {
    if (decideGroup(route.policy, message) == AccessDecision::Allow) {
      runTurn(*route.channel, message);
    } else {
      markDone(message);
    }
    return;
  }
  onStorage(
      runtime_,
      [&store = store_, message] {
        return store.approved(message.channel, message.accountId, message.senderId);
      },
      [this, message](std::optional<bool> approved) {
        const Route current = lookup_(message.channel);
        if (!approved || !current.channel) return;  // stays pending; retried at the next start
        switch (decideDirect(current.policy, message, *approved)) {
          case AccessDecision::Allow:
            runTurn(*current.channel, message);
            break;
          case AccessDecision::Pair:
            sendPairingCode(message);
            break;
          case AccessDecision::Drop:
            log()->info("{}: dropped a direct message from {} (dmPolicy {})", message.channel,
                        message.senderId, current.policy.dmPolicy);
            markDone(message);
            break;
        }
      });
}

void InboundRouter::sendPairingCode(const InboundMessage& message) {
  onStorage(
      runtime_, [&store = store_, message] { return store.requestPairing(message, core::nowMs()); },
      [this, message](std::optional<PairingAttempt> attempt) {
        if (!attempt) return;
        if (!attempt->request) {
          log()->info("{}: no pairing code for {}: {} requests already pending", message.channel,
                      message.senderId, kMaxPendingPairingsPerAccount);
        } else if (attempt->created) {
          log()->info("{}: pairing requested by {} ({})", message.channel, message.senderId,
                      message.senderLabel);
          reply(message,
                pairingCodeMessage(message.channel, message.senderId, attempt->request->code));
          return;
        }
        markDone(message);
      });
}

void InboundRouter::runTurn(Channel& channel, const InboundMessage& message) {
  channel.typing(message.accountId, message.chatId);
  runs::RunRequest request;
  request.target.sessionKey = inboundSessionKey(message, dmScope_);
  request.target.origin.channel = message.channel;
  request.target.origin.to = message.chatId;
  request.target.origin.label = message.senderLabel;
  request.message = message.text;
  runs_.submit(
      std::move(request),
      [this, message](const protocol::Result<runs::AcceptedRun>& accepted) {
        if (accepted || draining_) return;  // a refused turn while draining stays pending
        log()->warn("{}: no agent turn for message {}: {}", message.channel, message.messageId,
                    accepted.error().message);
        markDone(message);
      },
      [this, message](const runs::EndedRun& ended) {
        if (draining_) return;  // aborted by the shutdown: stays pending
        const std::string text = finalText(ended.result);
        if (text.empty()) {
          markDone(message);
          return;
        }
        reply(message, text);
      });
}

void InboundRouter::reply(const InboundMessage& message, const std::string& text) {
  const Route route = lookup_(message.channel);
  if (!route.channel) return;  // stays pending
  OutboundMessage outbound;
  outbound.accountId = message.accountId;
  outbound.to = message.chatId;
  outbound.text = text;
  outbound.threadId = message.threadId;
  if (message.isGroup) outbound.replyToId = message.messageId;
  ++repliesInFlight_;
  route.channel->send(outbound, [this, message](const SendResult& result) {
    if (!result.ok) {
      log()->warn("{}: reply to message {} not delivered: {}", message.channel, message.messageId,
                  result.error);
    }
    markDone(message);
    if (--repliesInFlight_ == 0 && drained_) std::exchange(drained_, nullptr)();
  });
}

void InboundRouter::drain(std::function<void()> done) {
  draining_ = true;
  if (repliesInFlight_ == 0) {
    done();
    return;
  }
  drained_ = std::move(done);
}

void InboundRouter::markDone(const InboundMessage& message) {
  onStorage(
      runtime_,
      [&store = store_, message] {
        store.markInboundDone(message, core::nowMs());
        return true;
      },
      [](std::optional<bool>) {});
}

}  // namespace openclaw::channels
