#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::testsupport {

// One Bot API call the fake received.
struct TelegramCall {
  std::string method;  // "getUpdates", "sendMessage", ...
  std::string token;   // from the /bot<token>/ path
  nlohmann::json params;
};

// A local Telegram Bot API on 127.0.0.1 (ephemeral port) speaking its HTTP/JSON wire format:
// getMe, getUpdates (long poll honouring offset and timeout; updates below the offset are
// confirmed and forgotten, as Telegram does), sendMessage, sendChatAction, setWebhook,
// deleteWebhook, getFile and file downloads (GET /file/bot<token>/<file_path>), sendPhoto and
// sendDocument (multipart/form-data uploads). Each bot (kToken, and any addBot) has its own
// updates; an unknown token gets 401. Serves on its own thread; every member is thread-safe.
class FakeTelegram {
 public:
  static constexpr const char* kToken = "123456:fake-telegram-token";
  static constexpr std::int64_t kBotId = 999000;
  static constexpr const char* kBotUsername = "openclaw_test_bot";

  FakeTelegram();
  ~FakeTelegram();  // stop()
  FakeTelegram(const FakeTelegram&) = delete;
  FakeTelegram& operator=(const FakeTelegram&) = delete;

  std::string apiRoot() const;  // "http://127.0.0.1:<port>"

  // Another bot this API knows (getMe answers with its id and username).
  void addBot(const std::string& token, std::int64_t botId, const std::string& username);

  // Queues a text message from user `fromId` in chat `chatId` ("private", "group" or
  // "supergroup") for the bot `token`; returns its update_id.
  std::int64_t pushMessage(std::int64_t chatId, std::int64_t fromId, const std::string& text,
                           const std::string& chatType = "private",
                           const std::string& token = kToken);
  // Queues a private message carrying a file: `kind` "photo" (a one-size photo array) or
  // "document", "voice", "video" (with `fileName` and `mimeType`), with `caption`. getFile and
  // the download serve `bytes`; `reportedSize` overrides the file_size announced (0: the real
  // size). Returns the update_id.
  std::int64_t pushFile(std::int64_t chatId, std::int64_t fromId, const std::string& kind,
                        const std::string& bytes, const std::string& caption = "",
                        const std::string& fileName = "", const std::string& mimeType = "",
                        std::uint64_t reportedSize = 0);
  // The next `count` sendMessage calls get 429 with parameters.retry_after = `retryAfter`.
  void rateLimitSends(int count, int retryAfterSeconds);
  // Each answer to sendMessage is delayed by this much (a slow API).
  void setSendDelay(std::chrono::milliseconds delay);

  std::vector<TelegramCall> calls() const;
  std::vector<TelegramCall> calls(const std::string& method) const;
  // The texts delivered by sendMessage (not the rate-limited attempts), in order; each has the
  // params plus "message_id" and the sending bot's "token".
  std::vector<nlohmann::json> sentMessages() const;
  // The files delivered by sendPhoto and sendDocument, in order: {method, token, chat_id,
  // caption, field, filename, content_type, data, message_id}.
  std::vector<nlohmann::json> sentFiles() const;
  // Waits until at least `count` files were sent; returns them (fewer on timeout).
  std::vector<nlohmann::json> waitForFiles(std::size_t count, std::chrono::milliseconds deadline);
  // Waits until at least `count` messages were sent; returns them (fewer on timeout).
  std::vector<nlohmann::json> waitForSent(std::size_t count, std::chrono::milliseconds deadline);
  // Waits until some call of `method` satisfies `match`; returns whether one did.
  bool waitForCall(const std::string& method,
                   const std::function<bool(const nlohmann::json& params)>& match,
                   std::chrono::milliseconds deadline);
  // Updates queued and not yet confirmed by a later offset.
  std::size_t unconfirmedUpdates() const;

  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace openclaw::testsupport
