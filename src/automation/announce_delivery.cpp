#include "automation/announce_delivery.h"

#include <boost/asio/async_result.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <optional>
#include <vector>

#include "core/once_completion.h"
#include "core/text.h"
#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::automation {
namespace {

// The sessions whose last conversation "last" means, most specific first.
std::vector<std::string> deliverySessionKeys(const CronJob& job, const std::string& agentId) {
  std::vector<std::string> keys;
  std::string own;
  if (job.sessionTarget.starts_with("session:")) {
    own = core::trimmed(job.sessionTarget.substr(8));
  } else if (!core::trimmed(job.sessionKey).empty()) {
    own = job.sessionKey;
  }
  if (!own.empty()) {
    if (auto key = sessions::canonicalSessionKey(own, agentId)) keys.push_back(*key);
  }
  keys.push_back(sessions::mainSessionKey(agentId));
  return keys;
}

// channel.send as an await (wrapped in an optional: an awaited result must be
// default-constructible; it is always set).
boost::asio::awaitable<std::optional<channels::SendResult>> sendThrough(
    channels::Channel& channel, const channels::OutboundMessage& message) {
  co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                 void(std::optional<channels::SendResult>)>(
      [&channel, &message](auto handler) {
        auto state = std::make_shared<core::OnceCompletion<decltype(handler)>>(std::move(handler));
        channel.send(message, [state](channels::SendResult result) {
          state->complete(std::optional<channels::SendResult>(std::move(result)));
        });
      },
      boost::asio::use_awaitable);
}

}  // namespace

boost::asio::awaitable<std::string> ChannelAnnouncer::resolve(const CronJob& job,
                                                              const std::string& agentId,
                                                              AnnounceRoute& route) {
  if (route.channel == "last") route.channel.clear();
  if (route.channel.empty() || route.to.empty()) {
    const std::vector<std::string> keys = deliverySessionKeys(job, agentId);
    const auto last = co_await rpc::onStorage(
        runtime_, [this, &keys]() -> std::optional<std::pair<std::string, std::string>> {
          for (const std::string& key : keys) {
            const auto record = sessions_.find(key);
            if (record && record->lastChannel && record->lastTo && !record->lastTo->empty()) {
              return std::pair{*record->lastChannel, *record->lastTo};
            }
          }
          return std::nullopt;
        });
    if (last && (route.channel.empty() || route.channel == last->first)) {
      if (route.channel.empty()) route.channel = last->first;
      if (route.to.empty()) route.to = last->second;
    }
  }
  if (route.channel.empty()) {
    if (const auto only = channels_.defaultChannel(); only && !route.to.empty()) {
      route.channel = *only;
    }
  }
  if (route.channel.empty()) {
    co_return "cron delivery channel is missing: set delivery.channel (no conversation of the "
              "job's agent to deliver to as \"last\")";
  }
  if (route.to.empty()) {
    co_return "cron delivery target is missing: set delivery.to (no earlier conversation on " +
        route.channel + ")";
  }
  co_return "";
}

boost::asio::awaitable<AnnounceResult> ChannelAnnouncer::announce(const CronJob& job,
                                                                  const std::string& agentId,
                                                                  AnnounceRoute route,
                                                                  std::string text) {
  AnnounceResult result;
  if (std::string unresolved = co_await resolve(job, agentId, route); !unresolved.empty()) {
    result.error = std::move(unresolved);
    result.unresolved = true;
    co_return result;
  }
  channels::Channel* channel = channels_.find(route.channel);
  if (channel == nullptr) {
    result.error = "cron delivery channel " + route.channel + " is not configured or not enabled";
    result.unresolved = true;
    co_return result;
  }
  channels::OutboundMessage message;
  message.accountId = route.accountId;
  message.to = route.to;
  message.text = std::move(text);
  message.threadId = route.threadId;
  const std::optional<channels::SendResult> sent = co_await sendThrough(*channel, message);
  result.delivered = sent->ok();
  if (!result.delivered) result.error = sent->error().code + ": " + sent->error().message;
  co_return result;
}

}  // namespace openclaw::automation
