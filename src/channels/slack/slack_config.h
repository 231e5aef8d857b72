#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "config/environment.h"

namespace openclaw::channels::slack {

inline constexpr const char* kDefaultApiRoot = "https://slack.com/api";
inline constexpr const char* kDefaultWebhookPath = "/slack/events";
// Upstream's textChunkLimit default; Slack itself truncates a message's text past 40,000.
inline constexpr std::size_t kDefaultTextChunkLimit = 8000;
inline constexpr std::size_t kMaxTextChunkLimit = 40000;
inline constexpr std::int64_t kDefaultMediaMaxMb = 20;

// One Slack app account's settings (its merged block, account_blocks.h), resolved.
struct SlackConfig {
  std::string mode = "socket";  // "socket" (Socket Mode, default) | "http" (Events API)
  std::string botToken;         // xoxb-...; SLACK_BOT_TOKEN for the default account
  std::string appToken;         // xapp-... (Socket Mode); SLACK_APP_TOKEN for the default account
  std::string signingSecret;    // http mode
  std::string webhookPath = kDefaultWebhookPath;
  std::string apiRoot = kDefaultApiRoot;
  std::size_t textChunkLimit = kDefaultTextChunkLimit;
  std::uint64_t mediaMaxBytes = static_cast<std::uint64_t>(kDefaultMediaMaxMb) * 1024 * 1024;

  bool socketMode() const { return mode == "socket"; }
  // What is missing for this mode ("" when the account has all it needs).
  std::string missingCredential() const;

  // Reads the merged block whose keys live at `pointer` (e.g. "/channels/slack" or
  // "/channels/slack/accounts/work"); only the default account (`isDefault`) falls back to the
  // environment. Throws config::ConfigError naming the key for a value of the wrong type or
  // range, a token of the wrong kind (a bot token must start with "xoxb-" or "xoxp-", an app
  // token with "xapp-"), mode "http" without signingSecret, and a webhookPath without a
  // leading '/'.
  static SlackConfig fromBlock(const std::string& pointer, const nlohmann::json& block,
                               bool isDefault,
                               const config::EnvLookup& env = config::processEnvironment());
};

}  // namespace openclaw::channels::slack
