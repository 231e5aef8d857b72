#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "config/config_file.h"
#include "config/environment.h"

namespace openclaw::channels::telegram {

inline constexpr const char* kDefaultApiRoot = "https://api.telegram.org";
// Telegram's limit for one message's text.
inline constexpr std::size_t kMaxMessageLength = 4096;
// getUpdates accepts a long-poll timeout of 0 (short polling) to 50 seconds.
inline constexpr int kMaxPollTimeoutSeconds = 50;

// The `channels.telegram` block, resolved.
struct TelegramConfig {
  bool enabled = true;
  std::string token;        // botToken, else the contents of tokenFile, else TELEGRAM_BOT_TOKEN
  std::string tokenSource;  // "config", "tokenFile", "env" or "none"
  std::string apiRoot = kDefaultApiRoot;
  std::chrono::seconds pollTimeout{30};  // getUpdates long-poll timeout (pollTimeoutSeconds)
  std::string webhookUrl;                // set: webhook mode instead of long polling
  std::string webhookPath = "/telegram-webhook";
  std::string webhookSecret;

  bool webhook() const { return !webhookUrl.empty(); }

  // Reads one account's keys at `base` in `view` (access keys such as dmPolicy belong to the
  // router and are not read here). TELEGRAM_BOT_TOKEN comes from `env` (pass an empty lookup
  // for accounts other than the default one). webhookPath defaults to "/telegram-webhook" for
  // the account "default" and "/telegram-webhook/<accountId>" for the others. Throws
  // config::ConfigError naming the key ("config: channels.telegram.pollTimeoutSeconds: ...")
  // for a value of the wrong type or range, for a tokenFile that is not a readable regular file
  // or holds no token, and for webhookUrl without webhookSecret.
  static TelegramConfig fromView(const config::ConfigFile& view, const std::string& base,
                                 const std::string& accountId, const config::EnvLookup& env);
  // fromView for a whole single-account `channels.telegram` block (null counts as empty).
  static TelegramConfig fromJson(const nlohmann::json& block,
                                 const config::EnvLookup& env = config::processEnvironment());
};

}  // namespace openclaw::channels::telegram
