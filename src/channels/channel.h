#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/result.h"
#include "rpc/gateway_runtime.h"

namespace openclaw::rpc {
class HttpRouter;
}

namespace openclaw::channels {

// The contract between the gateway and one messaging channel (Telegram, IRC, ...). A channel
// owns its connection to the outside service; the gateway owns routing, access policy, sessions
// and durability. Everything here runs on the gateway's event-loop thread (runtime.io).

// A file to send: the gateway loads it (from a path or URL, within its size limit) before the
// channel sees it, so a channel only uploads bytes.
struct MediaFile {
  std::string fileName;     // e.g. "photo.jpg"; never empty
  std::string contentType;  // e.g. "image/jpeg"; "application/octet-stream" when unknown
  std::string bytes;
};

// A received attachment, already saved under the workspace's media folder
// (ChannelHost::saveMedia).
struct InboundMedia {
  std::string path;  // absolute path of the saved file
  std::string fileName;
  std::string contentType;
  std::uint64_t sizeBytes = 0;
};

// A message a channel received, in channel-neutral form.
struct InboundMessage {
  std::string channel;    // the channel id, e.g. "telegram"
  std::string accountId;  // the receiving account; "default" for a single-account setup
  // The channel's own id for this message. Together with channel, accountId and chatId it is
  // the dedupe key: the same message delivered twice is processed once.
  std::string messageId;
  std::string chatId;    // where a reply goes: a Telegram chat id, an IRC "#channel" or nick
  std::string threadId;  // a thread or topic within the chat; "" when none
  std::string senderId;  // stable id of the sender (Telegram user id, IRC nick)
  // Other ids of the same sender that allowFrom entries may name (Signal: "uuid:<id>" beside
  // the E.164 number that is the senderId).
  std::vector<std::string> senderAliases;
  std::string senderLabel;  // human-readable sender name for operators
  bool isGroup = false;     // a group/channel conversation rather than a direct message
  // For group conversations, the session key's peer kind: "group" (Telegram groups, IRC
  // channels, Signal groups) or "channel" (Discord guild channels, Slack channels).
  std::string groupKind = "group";
  bool mentioned = false;  // the bot was addressed (mention, reply to the bot, nick prefix)
  std::string text;
  std::vector<InboundMedia> media;  // attachments, saved before deliver()
  std::int64_t receivedAtMs = 0;
};

// A message to deliver through a channel.
struct OutboundMessage {
  std::string accountId;  // "" for the channel's default account
  std::string to;         // chat id, "#channel" or nick, in the channel's own terms
  std::string text;       // any length: the channel splits it at its own limits
  std::string replyToId;  // reply to this message id where the channel supports it
  std::string threadId;
  // Files sent with the text (as captions or separate messages, as the service allows). A
  // channel without media support fails a send with media (sendFailed).
  std::vector<MediaFile> media;
};

// What a send delivered: one message id per chunk. It fails with notLinked() when the account is
// not connected or authenticated, else with sendFailed().
using SendResult = protocol::Result<std::vector<std::string>>;

// NOT_LINKED (retryable): the account is not connected or authenticated.
inline protocol::GatewayError notLinked(std::string reason) {
  return {protocol::codes::kNotLinked, std::move(reason), nullptr, true, std::nullopt};
}
// UNAVAILABLE: the service refused or failed the send for `reason`.
inline protocol::GatewayError sendFailed(std::string reason) {
  return protocol::GatewayError::unavailable(std::move(reason), std::nullopt);
}

// One account's link state, as channels.status and health report it.
struct AccountStatus {
  std::string accountId = "default";
  bool enabled = true;
  bool configured = false;  // has the credentials it needs
  bool running = false;     // started and not stopped
  bool connected = false;   // the link to the service is up right now
  int reconnectAttempts = 0;
  std::optional<std::int64_t> lastConnectedAtMs;
  std::optional<std::int64_t> lastInboundAtMs;
  std::optional<std::int64_t> lastOutboundAtMs;
  std::string lastError;
  std::string mode;  // channel-specific, e.g. "polling" or "webhook"
};

// What a channel gets from the gateway.
class ChannelHost {
 public:
  virtual ~ChannelHost() = default;

  virtual rpc::GatewayRuntime& runtime() = 0;

  // Hands a received message to the router. `persisted` is called once the message is durably
  // stored (true) or could not be stored (false). A channel acknowledges a message to its
  // service (e.g. advances the Telegram update offset) only after persisted(true): a crash
  // before that redelivers it, and the dedupe key keeps a redelivery from running twice.
  virtual void deliver(InboundMessage message, std::function<void(bool)> persisted) = 0;

  // Small durable key/value state per channel account (e.g. the Telegram update offset).
  // Both run their SQLite work on runtime().storage and call back on the event loop.
  virtual void loadState(const std::string& accountId, const std::string& key,
                         std::function<void(std::optional<std::string>)> done) = 0;
  virtual void saveState(const std::string& accountId, const std::string& key, std::string value,
                         std::function<void(bool)> done) = 0;

  // The channel's link state changed (connected, disconnected, error): operators are sent a
  // `health` event.
  virtual void statusChanged() = 0;

  // Saves a received attachment under the workspace's media folder (on a worker thread) and
  // calls `done` on the event loop with where it went, or nullopt when it could not be saved
  // (too large: kMaxInboundMediaBytes, or a write error; logged). Reference the result in
  // InboundMessage::media.
  virtual void saveMedia(const std::string& accountId, MediaFile file,
                         std::function<void(std::optional<InboundMedia>)> done) = 0;
};

// The largest attachment a channel downloads and saves; larger ones are skipped (and noted in the
// turn's text by the channel).
inline constexpr std::uint64_t kMaxInboundMediaBytes = 25ull * 1024 * 1024;

// The answer of a live API check of one account (channels.status with probe): {ok, elapsedMs,
// error?} plus whatever identity the service reported (bot name/id, team, ...).
using ProbeResult = nlohmann::json;

// What channels.logout did for one account.
struct LogoutResult {
  bool cleared = false;  // stored session/credential state was removed
  std::string note;      // e.g. "remove botToken from the config to log out for good"
};

// One messaging channel with all of its accounts.
class Channel {
 public:
  virtual ~Channel() = default;

  virtual std::string id() const = 0;     // "telegram", "irc"
  virtual std::string label() const = 0;  // "Telegram", "IRC"

  // Starts every enabled account; returns at once (connecting happens asynchronously).
  virtual void start() = 0;
  // Stops every account, closing connections; `done` runs once nothing is left in flight.
  virtual void stop(std::function<void()> done) = 0;

  // Applies a changed `channels.<id>` config block without a gateway restart. Accounts whose
  // settings did not change keep their connections.
  virtual void reconfigure(const nlohmann::json& config) = 0;

  virtual std::vector<AccountStatus> status() const = 0;
  virtual std::string defaultAccountId() const = 0;

  // Delivers `message`, split into chunks the service accepts, in order, respecting the
  // service's rate limits. Calls `done` once with the outcome.
  virtual void send(const OutboundMessage& message, std::function<void(SendResult)> done) = 0;

  // Shows "typing…" (or the channel's equivalent) in `chatId`; a no-op where unsupported.
  virtual void typing(const std::string& accountId, const std::string& chatId) {
    (void)accountId;
    (void)chatId;
  }

  // Lifecycle of one account without a config change (channels.start / channels.stop): an
  // unknown account id fails with INVALID_REQUEST; starting a running account is a no-op.
  // Stops the account and forgets its stored session state (channels.logout). A live API check
  // of the account within `timeout` (channels.status probe: true). Channels built with
  // makeAccountsChannel (channel_account.h) get all four from there.
  virtual protocol::Result<void> startAccount(const std::string& accountId) = 0;
  virtual void stopAccount(const std::string& accountId,
                           std::function<void(protocol::Result<void>)> done) = 0;
  virtual void logout(const std::string& accountId,
                      std::function<void(protocol::Result<LogoutResult>)> done) = 0;
  virtual void probe(const std::string& accountId, std::chrono::milliseconds timeout,
                     std::function<void(ProbeResult)> done) = 0;
};

// Builds a channel from its `channels.<id>` config block. Channels that receive webhooks
// register their routes on `router` (routes stay registered for the gateway's lifetime, so
// handlers must cope with a stopped or reconfigured channel).
using ChannelFactory = std::function<std::unique_ptr<Channel>(
    ChannelHost& host, const nlohmann::json& config, rpc::HttpRouter& router)>;

}  // namespace openclaw::channels
