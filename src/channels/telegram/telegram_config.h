#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

namespace openclaw::channels::telegram {

inline constexpr const char* kDefaultApiRoot = "https://api.telegram.org";
// Telegram's limit for one message's text.
inline constexpr std::size_t kMaxMessageLength = 4096;

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

  // Throws std::runtime_error for an unreadable tokenFile.
  static TelegramConfig fromJson(const nlohmann::json& block);
};

}  // namespace openclaw::channels::telegram
