#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "channels/channel.h"
#include "channels/discord/discord_rest.h"

namespace openclaw::channels::discord {

// Discord's default upload limit per message for bots.
inline constexpr std::size_t kMaxUploadBytes = 25 * 1024 * 1024;
// Attachments one message may carry.
inline constexpr std::size_t kMaxFilesPerMessage = 10;

// Where a send goes: "123" or "channel:123" is a channel (a DM channel, a guild channel or a
// thread), "user:123" (or "discord:123") a user whose DM channel is opened first. nullopt for
// anything else.
struct SendTarget {
  std::string id;
  bool user = false;
};
std::optional<SendTarget> parseSendTarget(const std::string& to);

// The REST half of sending: chunks of at most `chunkLimit` characters posted in order with
// POST /channels/{id}/messages (the first as a reply to replyToId, files as multipart with
// files[n] + payload_json), into threadId when set, DM channels opened with
// POST /users/@me/channels. At most kMaxPendingSends sends at once. Event-loop thread only;
// callbacks stop with the RestClient.
class DiscordSender {
 public:
  static constexpr std::size_t kMaxPendingSends = 64;
  static constexpr std::size_t kMaxDmChannels = 1024;

  DiscordSender(RestClient& rest, std::size_t chunkLimit) : rest_(rest), chunkLimit_(chunkLimit) {}

  void send(const OutboundMessage& message, std::function<void(SendResult)> done);
  void typing(const std::string& channelId);
  // Runs `idle` once no send is in progress (at once when none is).
  void whenIdle(std::function<void()> idle);

 private:
  struct Job;
  void next(const std::shared_ptr<Job>& job);
  void finish(const std::shared_ptr<Job>& job, SendResult result);

  RestClient& rest_;
  std::size_t chunkLimit_;
  std::size_t pending_ = 0;
  std::function<void()> idle_;
  std::map<std::string, std::string> dmChannels_;  // user id -> DM channel id
};

}  // namespace openclaw::channels::discord
