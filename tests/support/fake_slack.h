#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::testsupport {

// One Web API call the fake received.
struct SlackCall {
  std::string method;     // "auth.test", "chat.postMessage", ...
  std::string token;      // from the Authorization: Bearer header
  nlohmann::json params;  // the form fields as an object of strings
};

// A local Slack on 127.0.0.1: the Web API over HTTP (apiRoot(); form-encoded POSTs with a bearer
// token: auth.test, apps.connections.open, chat.postMessage, conversations.open,
// files.getUploadURLExternal, files.completeUploadExternal), the upload URLs, private file
// downloads (GET /files/<name> with the bot token) and Socket Mode (a WebSocket server: `hello`
// on connect, events_api envelopes, acks recorded; what is not acknowledged is delivered again
// on the app's next connection, as Slack retries). One app is registered up front; addApp adds
// more (two accounts). Serves on its own threads; every member is thread-safe.
class FakeSlack {
 public:
  static constexpr const char* kBotToken = "xoxb-fake-bot-token";
  static constexpr const char* kAppToken = "xapp-fake-app-token";
  static constexpr const char* kBotUserId = "UBOT";
  static constexpr const char* kSigningSecret = "fake-signing-secret";

  FakeSlack();
  ~FakeSlack();  // stop()
  FakeSlack(const FakeSlack&) = delete;
  FakeSlack& operator=(const FakeSlack&) = delete;

  std::string apiRoot() const;  // "http://127.0.0.1:<port>/api"
  std::string baseUrl() const;  // "http://127.0.0.1:<port>"

  // Registers another app (account) with its tokens and bot user id.
  void addApp(const std::string& botToken, const std::string& appToken,
              const std::string& botUserId);
  // From now on calls with `token` fail with `error` (e.g. "token_revoked"), and its open
  // Socket Mode connections are closed.
  void revoke(const std::string& token, const std::string& error = "token_revoked");

  // A `message` event from `user` in `channel` ("im", "channel", "group", "mpim"); a fresh ts
  // unless given. Returns the event (its ts is the message id).
  nlohmann::json messageEvent(const std::string& channel, const std::string& user,
                              const std::string& text, const std::string& channelType = "im",
                              const std::string& threadTs = "");
  // Sends `event` to the app of `appToken` as an events_api envelope (queued until it has a
  // connection); returns the envelope id.
  std::string pushEvent(const nlohmann::json& event, const std::string& appToken = kAppToken);
  // Sends a `disconnect` envelope with `reason` on the app's newest connection; that connection
  // is closed once the app opened another (as Slack does).
  void sendDisconnect(const std::string& reason, const std::string& appToken = kAppToken);
  // Sends `text` as it is on the app's newest connection (malformed or oversized frames).
  void sendRaw(const std::string& text, const std::string& appToken = kAppToken);
  // Drops the app's connections without a close frame.
  void dropConnections(const std::string& appToken = kAppToken);
  int connectionsOpened(const std::string& appToken = kAppToken) const;
  bool waitForConnections(int count, std::chrono::milliseconds deadline,
                          const std::string& appToken = kAppToken) const;

  std::vector<std::string> acks() const;
  bool waitForAck(const std::string& envelopeId, std::chrono::milliseconds deadline) const;
  std::size_t unacknowledged() const;

  // A file served at url_private = fileUrl(name) to holders of a bot token.
  void addFile(const std::string& name, const std::string& bytes);
  std::string fileUrl(const std::string& name) const;
  // The bodies POSTed to upload URLs, in order.
  std::vector<std::string> uploads() const;

  // The next `count` chat.postMessage calls get 429 with Retry-After `retryAfterSeconds`.
  void rateLimitPosts(int count, int retryAfterSeconds);

  std::vector<SlackCall> calls() const;
  std::vector<SlackCall> calls(const std::string& method) const;
  // The params of the chat.postMessage calls that were delivered (not rate limited), in order.
  std::vector<nlohmann::json> posted() const;
  std::vector<nlohmann::json> waitForPosted(std::size_t count,
                                            std::chrono::milliseconds deadline) const;
  bool waitForCall(const std::string& method,
                   const std::function<bool(const SlackCall& call)>& match,
                   std::chrono::milliseconds deadline) const;

  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace openclaw::testsupport
