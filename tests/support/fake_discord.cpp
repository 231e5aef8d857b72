#include "fake_discord.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <map>
#include <mutex>

#include "loopback_http_server.h"
#include "ws_test_server.h"

namespace openclaw::testsupport {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using json = nlohmann::json;
using tcp = asio::ip::tcp;

constexpr const char* kApiPrefix = "/api/v10";

struct Event {
  std::int64_t seq = 0;
  json payload;  // the whole {op, d, s, t}
  bool delivered = false;
};

struct Reply {
  int status = 200;
  json body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace

std::vector<DiscordFormPart> parseMultipart(const std::string& contentType,
                                            const std::string& body) {
  std::vector<DiscordFormPart> parts;
  const auto at = contentType.find("boundary=");
  if (contentType.rfind("multipart/form-data", 0) != 0 || at == std::string::npos) return parts;
  const std::string delimiter = "--" + contentType.substr(at + 9);
  std::size_t position = body.find(delimiter);
  while (position != std::string::npos) {
    position += delimiter.size();
    if (body.compare(position, 2, "--") == 0) break;
    position += 2;  // CRLF
    const auto headersEnd = body.find("\r\n\r\n", position);
    const auto next = body.find("\r\n" + delimiter, headersEnd);
    if (headersEnd == std::string::npos || next == std::string::npos) break;
    DiscordFormPart part;
    const std::string headers = body.substr(position, headersEnd - position);
    const auto field = [&headers](const std::string& key) -> std::string {
      const auto found = headers.find(key + "=\"");
      if (found == std::string::npos) return "";
      const auto start = found + key.size() + 2;
      return headers.substr(start, headers.find('"', start) - start);
    };
    part.name = field("name");
    part.fileName = field("filename");
    if (auto type = headers.find("Content-Type: "); type != std::string::npos) {
      const auto start = type + 14;
      const auto end = headers.find("\r\n", start);
      part.contentType = headers.substr(start, end == std::string::npos ? end : end - start);
    }
    part.body = body.substr(headersEnd + 4, next - headersEnd - 4);
    parts.push_back(std::move(part));
    position = next + 2;
  }
  return parts;
}

struct FakeDiscord::State {
  State(std::string secret, std::string id, std::string name)
      : token(std::move(secret)), botId(std::move(id)), botName(std::move(name)) {}
  // The peer must not outlive the server whose io_context its stream belongs to.
  ~State() {
    gateway.stop();
    std::lock_guard lock(mutex);
    peer.reset();
  }

  const std::string token;
  const std::string botId;
  const std::string botName;

  mutable std::mutex mutex;
  std::condition_variable changed;
  bool revoked = false;
  bool acks = true;
  std::chrono::milliseconds heartbeatInterval{45'000};
  int heartbeats = 0;
  int rateLimited = 0;
  double retryAfter = 1;
  bool globalLimit = false;

  std::shared_ptr<WsTestPeer> peer;  // the current connection
  bool ready = false;                // it identified or resumed
  std::string sessionId;
  int sessions = 0;
  std::int64_t seq = 0;
  std::vector<Event> events;  // this session's dispatches, and undelivered ones before any
  std::vector<json> threads;  // thread channel objects
  std::int64_t nextMessageId = 1'300'000'000'000'000'000;
  std::int64_t nextSentId = 1'400'000'000'000'000'000;
  std::int64_t nextDmChannel = 800'000'000'000'000'001;
  std::map<std::string, std::string> dmChannels;
  std::map<std::string, std::pair<std::string, std::string>> cdn;  // path -> bytes, type

  std::vector<DiscordSentMessage> sent;
  std::vector<DiscordCall> calls;
  std::vector<json> identifies;
  std::vector<json> resumes;

  // Last: their handlers use the members above, so they are stopped and destroyed first.
  LoopbackHttpServer http{[this](tcp::socket& socket, const LoopbackHttpServer::Request& request) {
    return serve(socket, request);
  }};
  WsTestServer gateway{[this](const std::shared_ptr<WsTestPeer>& opened) { onOpen(opened); },
                       [this](const std::shared_ptr<WsTestPeer>& from, const std::string& text) {
                         onMessage(from, text);
                       }};

  // --- Gateway (callers hold the mutex) ---

  void sendTo(const std::shared_ptr<WsTestPeer>& to, const json& payload) {
    if (to) to->send(payload.dump());
  }

  Event& dispatch(const std::string& type, json d) {
    Event event;
    event.seq = ++seq;
    event.payload = {{"op", 0}, {"s", event.seq}, {"t", type}, {"d", std::move(d)}};
    events.push_back(std::move(event));
    Event& added = events.back();
    if (peer && ready && peer->open()) {
      sendTo(peer, added.payload);
      added.delivered = true;
    }
    return added;
  }

  json guildCreate() const {
    json guild = {{"id", "700000000000000001"}, {"name", "Test guild"}, {"threads", threads}};
    return guild;
  }

  void onOpen(const std::shared_ptr<WsTestPeer>& opened) {
    std::lock_guard lock(mutex);
    peer = opened;
    ready = false;
    sendTo(peer, {{"op", 10}, {"d", {{"heartbeat_interval", heartbeatInterval.count()}}}});
    changed.notify_all();
  }

  void onMessage(const std::shared_ptr<WsTestPeer>& from, const std::string& text) {
    const json payload = json::parse(text, nullptr, false);
    if (!payload.is_object()) return;
    std::lock_guard lock(mutex);
    const int op = payload.value("op", -1);
    const json d = payload.value("d", json());
    if (op == 1) {
      ++heartbeats;
      if (acks) sendTo(from, {{"op", 11}});
    } else if (op == 2) {
      identifies.push_back(d);
      if (revoked || !d.is_object() || d.value("token", "") != token) {
        from->close(4004, "Authentication failed.");
      } else {
        identify(from);
      }
    } else if (op == 6) {
      resumes.push_back(d);
      if (revoked || !d.is_object() || d.value("token", "") != token) {
        from->close(4004, "Authentication failed.");
      } else if (d.value("session_id", "") != sessionId || sessionId.empty()) {
        sendTo(from, {{"op", 9}, {"d", false}});
      } else {
        resume(from, d.value("seq", std::int64_t{0}));
      }
    }
    changed.notify_all();
  }

  // A new session: READY, GUILD_CREATE, then whatever no client has seen yet.
  void identify(const std::shared_ptr<WsTestPeer>& from) {
    std::vector<json> carried;
    for (const Event& event : events) {
      if (!event.delivered) carried.push_back(event.payload);
    }
    events.clear();
    seq = 0;
    sessionId = "session-" + std::to_string(++sessions);
    peer = from;
    ready = true;
    dispatch("READY", {{"v", 10},
                       {"session_id", sessionId},
                       {"resume_gateway_url", gateway.url()},
                       {"user", {{"id", botId}, {"username", botName}, {"bot", true}}},
                       {"guilds", json::array()}});
    dispatch("GUILD_CREATE", guildCreate());
    for (const json& payload : carried) dispatch(payload.at("t"), payload.at("d"));
  }

  void resume(const std::shared_ptr<WsTestPeer>& from, std::int64_t after) {
    peer = from;
    for (Event& event : events) {
      if (event.seq > after) {
        sendTo(from, event.payload);
        event.delivered = true;
      }
    }
    ready = true;
    dispatch("RESUMED", nullptr);
  }

  // --- REST ---

  Reply rest(const std::string& method, const std::string& path, const std::string& contentType,
             const std::string& body) {
    std::lock_guard lock(mutex);
    Reply reply = answer(method, path, contentType, body);
    calls.push_back({method, path, reply.status, std::chrono::steady_clock::now()});
    changed.notify_all();
    return reply;
  }

  Reply answer(const std::string& method, const std::string& path, const std::string& contentType,
               const std::string& body) {
    if (method == "GET" && path == "/gateway/bot") {
      return {200,
              {{"url", gateway.url()},
               {"shards", 1},
               {"session_start_limit",
                {{"total", 1000}, {"remaining", 999}, {"reset_after", 0}, {"max_concurrency", 1}}}},
              {}};
    }
    if (method == "GET" && path == "/users/@me") {
      return {200, {{"id", botId}, {"username", botName}, {"bot", true}}, {}};
    }
    if (method == "POST" && path == "/users/@me/channels") {
      const json request = json::parse(body, nullptr, false);
      const std::string user = request.is_object() ? request.value("recipient_id", "") : "";
      auto [entry, added] = dmChannels.emplace(user, std::to_string(nextDmChannel));
      if (added) ++nextDmChannel;
      return {200, {{"id", entry->second}, {"type", 1}}, {}};
    }
    const std::string prefix = "/channels/";
    if (method == "POST" && path.rfind(prefix, 0) == 0) {
      const std::string rest = path.substr(prefix.size());
      const std::string channelId = rest.substr(0, rest.find('/'));
      const std::string action = rest.substr(channelId.size());
      if (action == "/typing") return {204, nullptr, {}};
      if (action == "/messages") return postMessage(channelId, contentType, body);
    }
    return {404, {{"message", "404: Not Found"}, {"code", 0}}, {}};
  }

  Reply postMessage(const std::string& channelId, const std::string& contentType,
                    const std::string& body) {
    if (rateLimited > 0) {
      --rateLimited;
      Reply limited{429,
                    {{"message", "You are being rate limited."},
                     {"retry_after", retryAfter},
                     {"global", globalLimit}},
                    {{"X-RateLimit-Bucket", "messages-bucket"},
                     {"X-RateLimit-Remaining", "0"},
                     {"X-RateLimit-Reset-After", std::to_string(retryAfter)},
                     {"Retry-After", std::to_string(static_cast<int>(retryAfter + 0.999))}}};
      if (globalLimit) limited.headers.emplace_back("X-RateLimit-Global", "true");
      return limited;
    }
    DiscordSentMessage message;
    message.channelId = channelId;
    message.id = std::to_string(nextSentId++);
    message.at = std::chrono::steady_clock::now();
    if (contentType.rfind("multipart/form-data", 0) == 0) {
      for (auto& part : parseMultipart(contentType, body)) {
        if (part.name == "payload_json") {
          message.payload = json::parse(part.body, nullptr, false);
        } else {
          message.files.push_back(std::move(part));
        }
      }
    } else {
      message.payload = json::parse(body, nullptr, false);
    }
    if (!message.payload.is_object())
      return {400, {{"message", "Cannot send an empty message"}}, {}};
    const json answer = {{"id", message.id},
                         {"channel_id", channelId},
                         {"content", message.payload.value("content", "")}};
    sent.push_back(std::move(message));
    return {200,
            answer,
            {{"X-RateLimit-Bucket", "messages-bucket"},
             {"X-RateLimit-Limit", "5"},
             {"X-RateLimit-Remaining", "4"},
             {"X-RateLimit-Reset-After", "1.000"}}};
  }

  asio::awaitable<void> serve(tcp::socket& socket, const LoopbackHttpServer::Request& request) {
    const std::string target(request.target());
    const std::string method(request.method_string());
    http::response<http::string_body> response;
    response.version(11);
    response.set(http::field::connection, "close");
    if (target.rfind("/cdn/", 0) == 0) {
      std::lock_guard lock(mutex);
      const auto found = cdn.find(target);
      response.result(found == cdn.end() ? http::status::not_found : http::status::ok);
      if (found != cdn.end()) {
        response.set(http::field::content_type, found->second.second);
        response.body() = found->second.first;
      }
    } else {
      const std::string auth(request[http::field::authorization]);
      const std::string path =
          target.rfind(kApiPrefix, 0) == 0 ? target.substr(std::string(kApiPrefix).size()) : target;
      Reply reply;
      bool refused = false;
      {
        std::lock_guard lock(mutex);
        refused = revoked || auth != "Bot " + token;
      }
      if (refused) {
        std::lock_guard lock(mutex);
        reply = {401, {{"message", "401: Unauthorized"}, {"code", 0}}, {}};
        calls.push_back({method, path, 401, std::chrono::steady_clock::now()});
        changed.notify_all();
      } else {
        reply = rest(method, path, std::string(request[http::field::content_type]), request.body());
      }
      response.result(static_cast<http::status>(reply.status));
      for (const auto& [name, value] : reply.headers) response.set(name, value);
      if (!reply.body.is_null()) {
        response.set(http::field::content_type, "application/json");
        response.body() = reply.body.dump();
      }
    }
    response.prepare_payload();
    beast::error_code ec;
    co_await http::async_write(socket, response, asio::redirect_error(asio::use_awaitable, ec));
  }
};

FakeDiscord::FakeDiscord(std::string token, std::string botId, std::string botName)
    : state_(std::make_shared<State>(std::move(token), std::move(botId), std::move(botName))) {}

FakeDiscord::~FakeDiscord() { stop(); }

std::string FakeDiscord::apiRoot() const { return state_->http.baseUrl() + kApiPrefix; }
const std::string& FakeDiscord::botId() const { return state_->botId; }
const std::string& FakeDiscord::token() const { return state_->token; }

void FakeDiscord::addThread(const std::string& threadId, const std::string& parentId,
                            const std::string& guildId) {
  std::lock_guard lock(state_->mutex);
  const json thread = {{"id", threadId},
                       {"type", 11},
                       {"parent_id", parentId},
                       {"guild_id", guildId},
                       {"name", "a thread"}};
  state_->threads.push_back(thread);
  if (state_->ready) state_->dispatch("THREAD_CREATE", thread);
}

std::string FakeDiscord::pushMessage(const DiscordUserMessage& message) {
  std::lock_guard lock(state_->mutex);
  const std::string id = std::to_string(state_->nextMessageId++);
  json attachments = json::array();
  for (std::size_t i = 0; i < message.attachments.size(); ++i) {
    const auto& file = message.attachments[i];
    const std::string path = "/cdn/" + id + "/" + file.fileName;
    state_->cdn[path] = {file.bytes, file.contentType};
    attachments.push_back({{"id", id + std::to_string(i)},
                           {"filename", file.fileName},
                           {"size", file.claimedSize.value_or(file.bytes.size())},
                           {"content_type", file.contentType},
                           {"url", state_->http.baseUrl() + path}});
  }
  json d = {
      {"id", id},
      {"channel_id", message.channelId},
      {"type", 0},
      {"content",
       message.mentionBot ? "<@" + state_->botId + "> " + message.content : message.content},
      {"author",
       {{"id", message.authorId},
        {"username", "user" + message.authorId},
        {"bot", message.authorIsBot}}},
      {"mentions", message.mentionBot ? json::array({{{"id", state_->botId}}}) : json::array()},
      {"attachments", attachments},
      {"timestamp", "2026-12-07T04:00:00.000000+00:00"}};
  if (!message.guildId.empty()) d["guild_id"] = message.guildId;
  state_->dispatch("MESSAGE_CREATE", d);
  return id;
}

void FakeDiscord::sendRaw(const std::string& text) {
  std::lock_guard lock(state_->mutex);
  if (state_->peer) state_->peer->send(text);
}

void FakeDiscord::redispatch(std::int64_t seq) {
  std::lock_guard lock(state_->mutex);
  for (const Event& event : state_->events) {
    if (event.seq == seq) state_->sendTo(state_->peer, event.payload);
  }
}

void FakeDiscord::rateLimitSends(int count, double retryAfterSeconds, bool global) {
  std::lock_guard lock(state_->mutex);
  state_->rateLimited = count;
  state_->retryAfter = retryAfterSeconds;
  state_->globalLimit = global;
}

void FakeDiscord::revokeToken() {
  std::lock_guard lock(state_->mutex);
  state_->revoked = true;
  if (state_->peer) state_->peer->close(4004, "Authentication failed.");
  state_->ready = false;
}

void FakeDiscord::setHeartbeatAcks(bool on) {
  std::lock_guard lock(state_->mutex);
  state_->acks = on;
}

void FakeDiscord::setHeartbeatInterval(std::chrono::milliseconds interval) {
  std::lock_guard lock(state_->mutex);
  state_->heartbeatInterval = interval;
}

void FakeDiscord::dropConnection() {
  std::lock_guard lock(state_->mutex);
  if (state_->peer) state_->peer->drop();
  state_->peer.reset();
  state_->ready = false;
}

void FakeDiscord::closeConnection(std::uint16_t code, const std::string& reason) {
  std::lock_guard lock(state_->mutex);
  if (state_->peer) state_->peer->close(code, reason);
  state_->peer.reset();
  state_->ready = false;
}

std::vector<DiscordSentMessage> FakeDiscord::sentMessages() const {
  std::lock_guard lock(state_->mutex);
  return state_->sent;
}

std::vector<DiscordSentMessage> FakeDiscord::waitForSent(std::size_t count,
                                                         std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  state_->changed.wait_for(lock, deadline, [&] { return state_->sent.size() >= count; });
  return state_->sent;
}

std::vector<DiscordCall> FakeDiscord::calls() const {
  std::lock_guard lock(state_->mutex);
  return state_->calls;
}

bool FakeDiscord::waitForCall(const std::string& method, const std::string& path,
                              std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline, [&] {
    for (const auto& call : state_->calls) {
      if (call.method == method && call.path == path) return true;
    }
    return false;
  });
}

std::vector<json> FakeDiscord::identifies() const {
  std::lock_guard lock(state_->mutex);
  return state_->identifies;
}

std::vector<json> FakeDiscord::resumes() const {
  std::lock_guard lock(state_->mutex);
  return state_->resumes;
}

bool FakeDiscord::waitForIdentifies(std::size_t count, std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline,
                                  [&] { return state_->identifies.size() >= count; });
}

bool FakeDiscord::waitForResumes(std::size_t count, std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline, [&] { return state_->resumes.size() >= count; });
}

bool FakeDiscord::waitForSession(std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline, [&] { return state_->ready; });
}

int FakeDiscord::heartbeatsReceived() const {
  std::lock_guard lock(state_->mutex);
  return state_->heartbeats;
}

int FakeDiscord::connectionsAccepted() const { return state_->gateway.connectionsAccepted(); }

void FakeDiscord::stop() {
  state_->gateway.stop();
  state_->http.stop();
  std::lock_guard lock(state_->mutex);
  state_->peer.reset();
}

}  // namespace openclaw::testsupport
