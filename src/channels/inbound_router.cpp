#include "channels/inbound_router.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <utility>

#include "channels/dm_pairing.h"
#include "core/clock.h"
#include "core/logging.h"
#include "rpc/storage_await.h"

namespace openclaw::channels {
namespace {

auto log() { return core::logger("channels"); }

// The reply a turn produces: its last assistant text (earlier texts preceded tool calls).
std::string finalText(const runs::RunResult& result) {
  if (!result.payloads.empty()) return result.payloads.back();
  return result.text;
}

}  // namespace

std::string turnText(const InboundMessage& message) {
  std::string text = message.text;
  for (const InboundMedia& file : message.media) {
    if (!text.empty()) text += "\n";
    text += "[attachment: " + file.fileName + " (" + file.contentType + ", " +
            std::to_string(file.sizeBytes) + " bytes) saved at " + file.path + "]";
  }
  return text;
}

std::string inboundSessionKey(const InboundMessage& message, sessions::DmScope scope,
                              const std::string& agentId) {
  if (!message.isGroup) {
    const std::string account = message.accountId == "default" ? "" : message.accountId;
    return sessions::directSessionKey(agentId, scope, {message.channel, account, message.senderId});
  }
  std::string key = "agent:" + sessions::normalizeAgentId(agentId) + ":" + message.channel + ":" +
                    message.groupKind + ":" + message.chatId;
  if (!message.threadId.empty()) key += ":thread:" + message.threadId;
  return *sessions::canonicalSessionKey(key, agentId);
}

InboundRouter::InboundRouter(rpc::GatewayRuntime& runtime, ChannelStore& store,
                             runs::RunManager& runs, sessions::DmScope dmScope, Lookup lookup)
    : runtime_(runtime),
      store_(store),
      runs_(runs),
      dmScope_(dmScope),
      lookup_(std::move(lookup)) {}

void InboundRouter::process(const InboundMessage& message) {
  const Route route = lookup_(message.channel, message.accountId);
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
  boost::asio::co_spawn(runtime_.io, routeDirect(message), boost::asio::detached);
}

boost::asio::awaitable<void> InboundRouter::routeDirect(InboundMessage message) {
  bool approved = false;
  try {
    approved = co_await rpc::onStorage(runtime_, [this, &message] {
      return store_.approved(message.channel, message.accountId, message.senderId);
    });
  } catch (const std::exception& error) {
    rpc::logStorageFailure(error);
    co_return;  // stays pending; retried at the next start
  }
  const Route current = lookup_(message.channel, message.accountId);
  if (!current.channel) co_return;  // stays pending
  switch (decideDirect(current.policy, message, approved)) {
    case AccessDecision::Allow:
      runTurn(*current.channel, message);
      break;
    case AccessDecision::Pair:
      co_await sendPairingCode(message);
      break;
    case AccessDecision::Drop:
      log()->info("{}: dropped a direct message from {} (dmPolicy {})", message.channel,
                  message.senderId, current.policy.dmPolicy);
      markDone(message);
      break;
  }
}

boost::asio::awaitable<void> InboundRouter::sendPairingCode(InboundMessage message) {
  PairingAttempt attempt;
  try {
    attempt = co_await rpc::onStorage(
        runtime_, [this, &message] { return store_.requestPairing(message, core::nowMs()); });
  } catch (const std::exception& error) {
    rpc::logStorageFailure(error);
    co_return;
  }
  if (!attempt.request) {
    log()->info("{}: no pairing code for {}: {} requests already pending", message.channel,
                message.senderId, kMaxPendingPairingsPerAccount);
  } else if (attempt.created) {
    log()->info("{}: pairing requested by {} ({})", message.channel, message.senderId,
                message.senderLabel);
    reply(message, pairingCodeMessage(message.channel, message.senderId, attempt.request->code));
    co_return;
  }
  markDone(message);
}

void InboundRouter::runTurn(Channel& channel, const InboundMessage& message) {
  channel.typing(message.accountId, message.chatId);
  runs::RunRequest request;
  request.target.sessionKey = inboundSessionKey(message, dmScope_);
  request.target.origin.channel = message.channel;
  request.target.origin.to = message.chatId;
  request.target.origin.label = message.senderLabel;
  request.message = turnText(message);
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
  const Route route = lookup_(message.channel, message.accountId);
  if (!route.channel) return;  // stays pending
  OutboundMessage outbound;
  outbound.accountId = message.accountId;
  outbound.to = message.chatId;
  outbound.text = text;
  outbound.threadId = message.threadId;
  if (message.isGroup) outbound.replyToId = message.messageId;
  ++repliesInFlight_;
  route.channel->send(outbound, [this, message](const SendResult& result) {
    if (!result) {
      log()->warn("{}: reply to message {} not delivered: {}", message.channel, message.messageId,
                  result.error().message);
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
  boost::asio::post(runtime_.storage, [&store = store_, message] {
    try {
      store.markInboundDone(message, core::nowMs());
    } catch (const std::exception& error) {
      rpc::logStorageFailure(error);
    }
  });
}

}  // namespace openclaw::channels
