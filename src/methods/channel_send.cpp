#include "core/awaitable.h"
// (first: see there)
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "channels/outbound_media.h"
#include "methods/channel_method_parts.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::methods {
namespace {

using protocol::GatewayError;
using rpc::MethodCall;
using rpc::Responder;

struct SendRequest {
  std::string channelId;
  channels::Channel* channel = nullptr;
  channels::OutboundMessage message;
  std::vector<std::string> mediaSources;  // mediaUrl, then mediaUrls
  std::optional<std::string> buffer;
  std::string fileName;
  std::string contentType;
  std::string runId;
};

channels::OutboundMediaPolicy mediaPolicy(ChannelServices& services) {
  channels::OutboundMediaPolicy policy;
  policy.localRoots = {services.channels.workspace(),
                       services.runtime.settings.paths.stateDir / "media"};
  return policy;
}

// Where the media of `request` comes from, checked before anything is loaded.
protocol::Result<void> readMediaParams(const nlohmann::json& params, SendRequest& request) {
  if (params.contains("mediaUrl")) request.mediaSources.push_back(params.at("mediaUrl"));
  if (params.contains("mediaUrls")) {
    for (const auto& url : params.at("mediaUrls")) request.mediaSources.push_back(url);
  }
  if (params.contains("buffer")) request.buffer = params.at("buffer").get<std::string>();
  request.fileName = params.value("filename", "");
  request.contentType = params.value("contentType", "");
  const std::size_t count = request.mediaSources.size() + (request.buffer ? 1 : 0);
  if (count > channels::kMaxOutboundMediaFiles) {
    return GatewayError::invalidRequest("mediaUrls: at most " +
                                        std::to_string(channels::kMaxOutboundMediaFiles) +
                                        " files per send, got " + std::to_string(count));
  }
  for (std::size_t i = 0; i < request.mediaSources.size(); ++i) {
    if (request.mediaSources[i].empty()) {
      return GatewayError::invalidRequest(
          std::string(i == 0 && params.contains("mediaUrl") ? "mediaUrl" : "mediaUrls") +
          ": empty");
    }
  }
  return {};
}

// The name a source's error names: mediaUrl for the first when it came from there, else
// mediaUrls[i].
std::string fieldOf(const nlohmann::json& params, std::size_t index) {
  const bool single = params.contains("mediaUrl");
  if (single && index == 0) return "mediaUrl";
  return "mediaUrls[" + std::to_string(single ? index - 1 : index) + "]";
}

boost::asio::awaitable<void> loadAndSend(ChannelServices& services, Responder respond,
                                         nlohmann::json params, SendRequest request) {
  const channels::OutboundMediaPolicy policy = mediaPolicy(services);
  if (request.buffer) {
    // Decoding up to 25 MiB of base64 is worker work, not event-loop work.
    auto decode = [&request, &policy] {
      return channels::mediaFromBuffer(*request.buffer, request.fileName, request.contentType,
                                       policy);
    };
    auto file = co_await rpc::onPool(services.runtime.blocking, decode);
    if (!file) {
      respond.fail(file.error());
      co_return;
    }
    request.message.media.push_back(std::move(*file));
  }
  for (std::size_t i = 0; i < request.mediaSources.size(); ++i) {
    auto file = co_await channels::loadOutboundMedia(services.runtime, fieldOf(params, i),
                                                     request.mediaSources[i], policy);
    if (!file) {
      respond.fail(file.error());
      co_return;
    }
    request.message.media.push_back(std::move(*file));
  }
  // The channel may have been stopped or reconfigured while the media loaded.
  channels::Channel* channel = services.channels.find(request.channelId);
  if (channel != request.channel || services.shuttingDown()) {
    respond.fail(channels::notLinked("channel " + request.channelId + " stopped during the send"));
    co_return;
  }
  channel->send(request.message, [respond, runId = request.runId, id = request.channelId,
                                  to = request.message.to](const channels::SendResult& result) {
    if (!result) return respond.fail(result.error());
    const std::vector<std::string>& messageIds = result.value();
    respond.ok({{"runId", runId},
                {"messageId", messageIds.empty() ? "" : messageIds.back()},
                {"messageIds", messageIds},
                {"channel", id},
                {"chatId", to}});
  });
}

void handleSend(ChannelServices& services, const MethodCall& call, const Responder& respond) {
  const nlohmann::json& params = call.params;
  if (services.shuttingDown()) {
    respond.fail(GatewayError::unavailable("the gateway is shutting down", std::nullopt));
    return;
  }
  SendRequest request;
  if (auto media = readMediaParams(params, request); !media) return respond.fail(media.error());
  const bool hasMedia = request.buffer || !request.mediaSources.empty();
  const std::string text = params.value("message", "");
  if (!hasMedia && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    respond.fail(GatewayError::invalidRequest("message must not be empty"));
    return;
  }
  std::optional<std::string> channelId = services.channels.defaultChannel();
  if (params.contains("channel")) channelId = params.at("channel").get<std::string>();
  if (!channelId) {
    respond.fail(GatewayError::invalidRequest(
        "params.channel is required unless exactly one channel is configured"));
    return;
  }
  if (!services.channels.knows(*channelId)) {
    respond.fail(GatewayError::invalidRequest("unknown channel: " + *channelId));
    return;
  }
  request.channel = services.channels.find(*channelId);
  if (!request.channel) {
    respond.fail(
        channels::notLinked("channel " + *channelId + " is not configured or not enabled"));
    return;
  }
  auto account = findChannelAccount(services, *channelId, params.value("accountId", ""));
  if (!account) return respond.fail(account.error());
  request.channelId = *channelId;
  request.message.accountId = account->accountId;
  request.message.to = params.at("to").get<std::string>();
  request.message.text = text;
  request.message.replyToId = params.value("replyToId", "");
  request.message.threadId = params.value("threadId", "");
  request.runId = params.at("idempotencyKey");
  boost::asio::co_spawn(services.runtime.io,
                        loadAndSend(services, respond, params, std::move(request)),
                        boost::asio::detached);
}

}  // namespace

protocol::Result<ChannelAccountRef> findChannelAccount(ChannelServices& services,
                                                       const std::string& id,
                                                       const std::string& accountId) {
  if (!services.channels.knows(id)) return GatewayError::invalidRequest("unknown channel: " + id);
  channels::Channel* channel = services.channels.find(id);
  if (!channel) {
    return GatewayError::invalidRequest("channel " + id + " is not configured or not enabled");
  }
  ChannelAccountRef ref{channel, accountId.empty() ? channel->defaultAccountId() : accountId};
  for (const channels::AccountStatus& account : channel->status()) {
    if (account.accountId == ref.accountId) return ref;
  }
  return GatewayError::invalidRequest("unknown " + id + " account: " + ref.accountId);
}

void registerChannelSendMethod(rpc::MethodRegistry& registry, ChannelServices& services) {
  registry.add({.name = "send",
                .scope = protocol::scopes::kWrite,
                .paramsSchema = "SendParams",
                .sideEffects = true,
                .handler = withServices(services, handleSend)});
}

}  // namespace openclaw::methods
