#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "channels/channel.h"

namespace openclaw::channels::discord {

// Whether `text` is a Discord id (a snowflake: 1-20 decimal digits).
bool isSnowflake(const std::string& text);

// The bot's own user, from READY.
struct BotIdentity {
  std::string id;
  std::string username;
};

// Thread channels the Gateway told us about (GUILD_CREATE's `threads`, THREAD_CREATE/UPDATE/
// LIST_SYNC), with their parent channel: a message in one belongs to the parent's thread.
// Bounded: past kMaxThreads the oldest-inserted entries are forgotten.
class ThreadDirectory {
 public:
  static constexpr std::size_t kMaxThreads = 10'000;

  // Remembers `channel` (a Discord channel object) when it is a thread with a parent.
  void remember(const nlohmann::json& channel);
  void forget(const std::string& threadId);
  // Every thread of a GUILD_CREATE or THREAD_LIST_SYNC `d`.
  void rememberAll(const nlohmann::json& dispatch);
  std::optional<std::string> parentOf(const std::string& channelId) const;
  std::size_t size() const { return parents_.size(); }

 private:
  std::map<std::string, std::string> parents_;  // thread id -> parent channel id
  std::vector<std::string> order_;              // insertion order, for the bound
};

// An attachment of a received message, still on Discord's CDN.
struct AttachmentRef {
  std::string url;
  std::string fileName;
  std::string contentType;
  std::uint64_t sizeBytes = 0;
};

struct ParsedMessage {
  InboundMessage inbound;  // channel "discord", without media yet
  std::vector<AttachmentRef> attachments;
};

// A MESSAGE_CREATE dispatch's `d` as an inbound message for `accountId`; nullopt for what the bot
// does not answer: its own messages, other bots' (unless allowBots), system messages, messages
// without text or attachments, and anything malformed. Never throws.
std::optional<ParsedMessage> parseMessageCreate(const nlohmann::json& d, const BotIdentity& bot,
                                                const ThreadDirectory& threads, bool allowBots,
                                                const std::string& accountId);

}  // namespace openclaw::channels::discord
