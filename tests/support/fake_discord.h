#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::testsupport {

// A message a user writes, as the fake turns it into MESSAGE_CREATE.
struct DiscordUserMessage {
  std::string channelId;  // a DM channel, a guild channel or a thread
  std::string authorId;
  std::string content;
  std::string guildId;      // "" for a DM
  bool mentionBot = false;  // adds the bot to `mentions` (and "<@bot> " to the content)
  bool authorIsBot = false;
  // Attachments served by the fake's CDN: {file name, bytes, content type}.
  struct Attachment {
    std::string fileName;
    std::string bytes;
    std::string contentType = "application/octet-stream";
    std::optional<std::uint64_t> claimedSize;  // `size` in the payload; default bytes.size()
  };
  std::vector<Attachment> attachments;
};

// One part of a multipart/form-data body the fake received.
struct DiscordFormPart {
  std::string name;
  std::string fileName;
  std::string contentType;
  std::string body;
};

// What the fake recorded of one POST /channels/{id}/messages that it accepted.
struct DiscordSentMessage {
  std::string channelId;
  std::string id;                      // the message id the fake gave it
  nlohmann::json payload;              // the JSON body, or payload_json of a multipart one
  std::vector<DiscordFormPart> files;  // the files[n] parts of a multipart body
  std::chrono::steady_clock::time_point at;
};

// One REST call the fake received (rate-limited ones too).
struct DiscordCall {
  std::string method;
  std::string path;  // below the API root, e.g. "/channels/1/messages"
  int status = 0;    // what the fake answered
  std::chrono::steady_clock::time_point at;
};

// A local Discord for one bot on 127.0.0.1: the REST API (apiRoot(): GET /gateway/bot,
// GET /users/@me, POST /channels/{id}/messages as JSON or multipart, POST
// /channels/{id}/typing, POST /users/@me/channels, attachments under /cdn/) and the Gateway
// WebSocket (Hello, heartbeat ACKs, Identify -> READY + GUILD_CREATE, Resume -> the missed
// dispatches + RESUMED, op 9 for an unknown session). Dispatches are numbered per session and
// kept, so a resume replays everything after the client's seq, as Discord does; messages pushed
// while no client is connected wait for the next Identify or Resume. A wrong token gets 401 and
// close code 4004. Every member is thread-safe.
class FakeDiscord {
 public:
  static constexpr const char* kToken = "fake-discord-token.abc";

  explicit FakeDiscord(std::string token = kToken, std::string botId = "900000000000000001",
                       std::string botName = "openclaw-test");
  ~FakeDiscord();  // stop()
  FakeDiscord(const FakeDiscord&) = delete;
  FakeDiscord& operator=(const FakeDiscord&) = delete;

  std::string apiRoot() const;  // "http://127.0.0.1:<port>/api/v10"
  const std::string& botId() const;
  const std::string& token() const;

  // A thread channel under `parentId` in `guildId`, announced in GUILD_CREATE (and with
  // THREAD_CREATE to a connected client).
  void addThread(const std::string& threadId, const std::string& parentId,
                 const std::string& guildId);
  // Dispatches MESSAGE_CREATE (now, or at the next Identify/Resume); returns the message id.
  std::string pushMessage(const DiscordUserMessage& message);
  // Sends `text` as it is over the Gateway to the connected client (bad input tests).
  void sendRaw(const std::string& text);
  // Sends the dispatch with this seq again (a duplicate as Discord may deliver after a resume).
  void redispatch(std::int64_t seq);

  // The next `count` message posts get 429 with retry_after `retryAfterSeconds` (global when
  // `global`).
  void rateLimitSends(int count, double retryAfterSeconds, bool global = false);
  // From now on the token is refused: REST answers 401 and the connection is closed with 4004.
  void revokeToken();
  // Whether heartbeats are acknowledged (off: the client must see a zombie connection).
  void setHeartbeatAcks(bool on);
  // The heartbeat_interval of the next Hellos.
  void setHeartbeatInterval(std::chrono::milliseconds interval);
  // Drops the client's TCP connection without a close frame.
  void dropConnection();
  // Closes the client's connection with `code`.
  void closeConnection(std::uint16_t code, const std::string& reason = "");

  std::vector<DiscordSentMessage> sentMessages() const;
  std::vector<DiscordSentMessage> waitForSent(std::size_t count,
                                              std::chrono::milliseconds deadline);
  std::vector<DiscordCall> calls() const;
  bool waitForCall(const std::string& method, const std::string& path,
                   std::chrono::milliseconds deadline);
  // The Identify and Resume payloads (`d`) received, in order.
  std::vector<nlohmann::json> identifies() const;
  std::vector<nlohmann::json> resumes() const;
  bool waitForIdentifies(std::size_t count, std::chrono::milliseconds deadline);
  bool waitForResumes(std::size_t count, std::chrono::milliseconds deadline);
  // Whether a client finished Identify or Resume on the current connection.
  bool waitForSession(std::chrono::milliseconds deadline);
  int heartbeatsReceived() const;
  int connectionsAccepted() const;

  void stop();

  struct State;

 private:
  std::shared_ptr<State> state_;
};

// The parts of a multipart/form-data `body` with `contentType` (empty when it is not one).
std::vector<DiscordFormPart> parseMultipart(const std::string& contentType,
                                            const std::string& body);

}  // namespace openclaw::testsupport
