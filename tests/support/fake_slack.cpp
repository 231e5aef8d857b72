#include "fake_slack.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>

#include "core/text.h"
#include "loopback_http_server.h"
#include "ws_test_server.h"

namespace openclaw::testsupport {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using json = nlohmann::json;
using tcp = asio::ip::tcp;

auto awaitable(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// application/x-www-form-urlencoded fields as an object of strings.
json formFields(const std::string& body) {
  json fields = json::object();
  for (const std::string& pair : core::splitOn(body, '&')) {
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto name = core::percentDecoded(pair.substr(0, equals));
    const auto value =
        core::percentDecoded(equals == std::string::npos ? "" : pair.substr(equals + 1));
    if (name && value) fields[*name] = *value;
  }
  return fields;
}

struct Reply {
  int status = 200;
  json body;
  std::string retryAfter;
};

Reply failure(const std::string& error) { return {200, {{"ok", false}, {"error", error}}, ""}; }

}  // namespace

struct FakeSlack::State {
  struct App {
    std::string botToken;
    std::string appToken;
    std::string botUserId;
    // Weak: a peer must not outlive the server whose io_context it belongs to.
    std::vector<std::weak_ptr<WsTestPeer>> peers;
    int opened = 0;
    std::deque<std::pair<std::string, std::string>> unacked;  // envelope id, frame
  };

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<App> apps;
  std::map<std::string, std::string> revoked;  // token -> error
  std::map<std::string, std::string> files;
  std::vector<std::string> uploaded;
  std::vector<SlackCall> calls;
  std::vector<json> posted;
  std::vector<std::string> acks;
  int rateLimited = 0;
  int retryAfter = 1;
  std::int64_t nextTs = 1;
  int nextEnvelope = 1;
  int nextFile = 1;
  // Last: their handlers use the members above, so they are stopped and destroyed first.
  WsTestServer sockets{
      [this](const std::shared_ptr<WsTestPeer>& peer) { onOpen(peer); },
      [this](const std::shared_ptr<WsTestPeer>&, const std::string& text) { onAck(text); }};
  LoopbackHttpServer server{
      [this](tcp::socket& socket, const LoopbackHttpServer::Request& request) {
        return serve(socket, request);
      }};

  static std::shared_ptr<WsTestPeer> newestPeer(const App& app) {
    return app.peers.empty() ? nullptr : app.peers.back().lock();
  }

  App* appWith(const std::string& token) {
    for (App& app : apps) {
      if (app.botToken == token || app.appToken == token) return &app;
    }
    return nullptr;
  }

  void onOpen(const std::shared_ptr<WsTestPeer>& peer) {
    std::lock_guard lock(mutex);
    const std::string target = peer->target();
    const auto at = target.find("app=");
    const std::size_t index =
        at == std::string::npos ? apps.size() : std::stoul(target.substr(at + 4));
    if (index >= apps.size()) {
      peer->close(4000, "unknown app");
      return;
    }
    App& app = apps[index];
    for (const auto& older : app.peers) {  // Slack's refresh
      if (auto open = older.lock()) open->close(1000, "replaced");
    }
    app.peers = {peer};
    ++app.opened;
    peer->send(json{{"type", "hello"},
                    {"num_connections", 1},
                    {"connection_info", {{"app_id", "A" + std::to_string(index)}}}}
                   .dump());
    for (const auto& [id, frame] : app.unacked) peer->send(frame);
    changed.notify_all();
  }

  void onAck(const std::string& text) {
    const json ack = json::parse(text, nullptr, false);
    if (!ack.is_object() || !ack.contains("envelope_id")) return;
    const std::string id = ack.value("envelope_id", "");
    std::lock_guard lock(mutex);
    acks.push_back(id);
    for (App& app : apps) {
      std::erase_if(app.unacked, [&](const auto& entry) { return entry.first == id; });
    }
    changed.notify_all();
  }

  Reply answer(const std::string& method, const std::string& token, const json& params) {
    std::lock_guard lock(mutex);
    calls.push_back({method, token, params});
    changed.notify_all();
    App* app = appWith(token);
    if (!app) return {200, {{"ok", false}, {"error", "invalid_auth"}}, ""};
    if (auto refused = revoked.find(token); refused != revoked.end())
      return failure(refused->second);
    const bool appToken = token == app->appToken;
    if (method == "apps.connections.open") {
      if (!appToken) return failure("not_allowed_token_type");
      const std::size_t index = static_cast<std::size_t>(app - apps.data());
      return {
          200, {{"ok", true}, {"url", sockets.url() + "/link/?app=" + std::to_string(index)}}, ""};
    }
    if (appToken) return failure("not_allowed_token_type");
    if (method == "auth.test") {
      return {200,
              {{"ok", true},
               {"url", "https://test.slack.com/"},
               {"team", "Test Team"},
               {"user", "openclaw"},
               {"team_id", "T0001"},
               {"user_id", app->botUserId},
               {"bot_id", "B" + app->botUserId}},
              ""};
    }
    if (method == "chat.postMessage") {
      if (rateLimited > 0) {
        --rateLimited;
        return {429, {{"ok", false}, {"error", "ratelimited"}}, std::to_string(retryAfter)};
      }
      const std::string ts = "1800000000." + std::to_string(100000 + nextTs++);
      json record = params;
      record["ts"] = ts;
      record["token"] = token;
      posted.push_back(record);
      changed.notify_all();
      return {200, {{"ok", true}, {"channel", params.value("channel", "")}, {"ts", ts}}, ""};
    }
    if (method == "conversations.open") {
      return {200, {{"ok", true}, {"channel", {{"id", "D" + params.value("users", "")}}}}, ""};
    }
    if (method == "files.getUploadURLExternal") {
      const std::string id = "F" + std::to_string(nextFile++);
      return {200,
              {{"ok", true}, {"upload_url", server.baseUrl() + "/upload/" + id}, {"file_id", id}},
              ""};
    }
    if (method == "files.completeUploadExternal") {
      return {200,
              {{"ok", true}, {"files", json::parse(params.value("files", "[]"), nullptr, false)}},
              ""};
    }
    return failure("unknown_method");
  }

  asio::awaitable<void> serve(tcp::socket& socket, const LoopbackHttpServer::Request& request) {
    const std::string target(request.target());
    std::string authorization(request[http::field::authorization]);
    const std::string token = authorization.starts_with("Bearer ") ? authorization.substr(7) : "";
    http::response<http::string_body> response{http::status::ok, 11};
    response.set(http::field::connection, "close");
    if (target.starts_with("/api/")) {
      const Reply reply =
          answer(target.substr(5, target.find('?') - 5), token, formFields(request.body()));
      response.result(static_cast<http::status>(reply.status));
      response.set(http::field::content_type, "application/json; charset=utf-8");
      if (!reply.retryAfter.empty()) response.set(http::field::retry_after, reply.retryAfter);
      response.body() = reply.body.dump();
    } else if (target.starts_with("/upload/")) {
      std::lock_guard lock(mutex);
      uploaded.push_back(request.body());
      changed.notify_all();
      response.body() = "OK - " + std::to_string(request.body().size());
    } else if (target.starts_with("/files/")) {
      std::lock_guard lock(mutex);
      const App* app = appWith(token);
      const auto file = files.find(target.substr(7));
      if (!app || token != app->botToken || revoked.contains(token)) {
        response.result(http::status::forbidden);
      } else if (file == files.end()) {
        response.result(http::status::not_found);
      } else {
        response.set(http::field::content_type, "application/octet-stream");
        response.body() = file->second;
      }
    } else {
      response.result(http::status::not_found);
    }
    response.prepare_payload();
    beast::error_code ec;
    co_await http::async_write(socket, response, awaitable(ec));
  }
};

FakeSlack::FakeSlack() : state_(std::make_shared<State>()) {
  addApp(kBotToken, kAppToken, kBotUserId);
}

FakeSlack::~FakeSlack() { stop(); }

std::string FakeSlack::apiRoot() const { return state_->server.baseUrl() + "/api"; }
std::string FakeSlack::baseUrl() const { return state_->server.baseUrl(); }

void FakeSlack::addApp(const std::string& botToken, const std::string& appToken,
                       const std::string& botUserId) {
  std::lock_guard lock(state_->mutex);
  state_->apps.push_back({botToken, appToken, botUserId, {}, 0, {}});
}

void FakeSlack::revoke(const std::string& token, const std::string& error) {
  std::lock_guard lock(state_->mutex);
  state_->revoked[token] = error;
}

json FakeSlack::messageEvent(const std::string& channel, const std::string& user,
                             const std::string& text, const std::string& channelType,
                             const std::string& threadTs) {
  std::lock_guard lock(state_->mutex);
  json event = {{"type", "message"},
                {"channel", channel},
                {"channel_type", channelType},
                {"user", user},
                {"text", text},
                {"ts", "1700000000." + std::to_string(100000 + state_->nextTs++)}};
  if (!threadTs.empty()) event["thread_ts"] = threadTs;
  return event;
}

std::string FakeSlack::pushEvent(const json& event, const std::string& appToken) {
  std::lock_guard lock(state_->mutex);
  State::App* app = state_->appWith(appToken);
  if (!app) throw std::invalid_argument("no app with token " + appToken);
  const std::string id = "env-" + std::to_string(state_->nextEnvelope++);
  const json envelope = {{"type", "events_api"},
                         {"envelope_id", id},
                         {"accepts_response_payload", false},
                         {"retry_attempt", 0},
                         {"payload",
                          {{"type", "event_callback"},
                           {"team_id", "T0001"},
                           {"event_id", "Ev" + id},
                           {"event_time", 1700000000},
                           {"event", event}}}};
  app->unacked.emplace_back(id, envelope.dump());
  if (auto peer = State::newestPeer(*app)) peer->send(envelope.dump());
  return id;
}

void FakeSlack::sendDisconnect(const std::string& reason, const std::string& appToken) {
  std::lock_guard lock(state_->mutex);
  State::App* app = state_->appWith(appToken);
  if (auto peer = app ? State::newestPeer(*app) : nullptr) {
    peer->send(json{{"type", "disconnect"}, {"reason", reason}}.dump());
  }
}

void FakeSlack::sendRaw(const std::string& text, const std::string& appToken) {
  std::lock_guard lock(state_->mutex);
  State::App* app = state_->appWith(appToken);
  if (auto peer = app ? State::newestPeer(*app) : nullptr) peer->send(text);
}

void FakeSlack::dropConnections(const std::string& appToken) {
  std::lock_guard lock(state_->mutex);
  State::App* app = state_->appWith(appToken);
  if (!app) return;
  for (const auto& peer : app->peers) {
    if (auto open = peer.lock()) open->drop();
  }
  app->peers.clear();
}

int FakeSlack::connectionsOpened(const std::string& appToken) const {
  std::lock_guard lock(state_->mutex);
  const State::App* app = state_->appWith(appToken);
  return app ? app->opened : 0;
}

bool FakeSlack::waitForConnections(int count, std::chrono::milliseconds deadline,
                                   const std::string& appToken) const {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline, [&] {
    const State::App* app = state_->appWith(appToken);
    return app && app->opened >= count;
  });
}

std::vector<std::string> FakeSlack::acks() const {
  std::lock_guard lock(state_->mutex);
  return state_->acks;
}

bool FakeSlack::waitForAck(const std::string& envelopeId,
                           std::chrono::milliseconds deadline) const {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline, [&] {
    return std::find(state_->acks.begin(), state_->acks.end(), envelopeId) != state_->acks.end();
  });
}

std::size_t FakeSlack::unacknowledged() const {
  std::lock_guard lock(state_->mutex);
  std::size_t count = 0;
  for (const auto& app : state_->apps) count += app.unacked.size();
  return count;
}

void FakeSlack::addFile(const std::string& name, const std::string& bytes) {
  std::lock_guard lock(state_->mutex);
  state_->files[name] = bytes;
}

std::string FakeSlack::fileUrl(const std::string& name) const {
  return state_->server.baseUrl() + "/files/" + name;
}

std::vector<std::string> FakeSlack::uploads() const {
  std::lock_guard lock(state_->mutex);
  return state_->uploaded;
}

void FakeSlack::rateLimitPosts(int count, int retryAfterSeconds) {
  std::lock_guard lock(state_->mutex);
  state_->rateLimited = count;
  state_->retryAfter = retryAfterSeconds;
}

std::vector<SlackCall> FakeSlack::calls() const {
  std::lock_guard lock(state_->mutex);
  return state_->calls;
}

std::vector<SlackCall> FakeSlack::calls(const std::string& method) const {
  std::vector<SlackCall> matching;
  for (auto& call : calls()) {
    if (call.method == method) matching.push_back(call);
  }
  return matching;
}

std::vector<json> FakeSlack::posted() const {
  std::lock_guard lock(state_->mutex);
  return state_->posted;
}

std::vector<json> FakeSlack::waitForPosted(std::size_t count,
                                           std::chrono::milliseconds deadline) const {
  std::unique_lock lock(state_->mutex);
  state_->changed.wait_for(lock, deadline, [&] { return state_->posted.size() >= count; });
  return state_->posted;
}

bool FakeSlack::waitForCall(const std::string& method,
                            const std::function<bool(const SlackCall& call)>& match,
                            std::chrono::milliseconds deadline) const {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline, [&] {
    for (const auto& call : state_->calls) {
      if (call.method == method && match(call)) return true;
    }
    return false;
  });
}

void FakeSlack::stop() {
  state_->server.stop();
  state_->sockets.stop();
}

}  // namespace openclaw::testsupport
