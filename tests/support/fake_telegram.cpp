#include "fake_telegram.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>

#include "loopback_http_server.h"

namespace openclaw::testsupport {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using json = nlohmann::json;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

auto awaitable(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// Granularity of a long poll's wait for new updates.
constexpr auto kPollStep = 20ms;

}  // namespace

struct FakeTelegram::State {
  mutable std::mutex mutex;
  std::condition_variable changed;
  std::deque<json> updates;  // unconfirmed, ascending update_id
  std::int64_t nextUpdateId = 1000;
  std::int64_t nextMessageId = 1;
  std::int64_t nextSentId = 5000;
  int rateLimited = 0;
  int retryAfter = 1;
  std::chrono::milliseconds sendDelay{0};
  std::vector<TelegramCall> calls;
  std::vector<json> sent;
  // Last: its handlers use the members above, so it is stopped and destroyed before them.
  LoopbackHttpServer server{
      [this](tcp::socket& socket, const LoopbackHttpServer::Request& request) {
        return serve(socket, request);
      }};

  void record(TelegramCall call) {
    std::lock_guard lock(mutex);
    calls.push_back(std::move(call));
    changed.notify_all();
  }

  // The updates a getUpdates with `offset` returns; confirms (forgets) the ones below it.
  json takeUpdates(std::int64_t offset) {
    std::lock_guard lock(mutex);
    while (!updates.empty() && updates.front().at("update_id").get<std::int64_t>() < offset) {
      updates.pop_front();
    }
    return json(std::vector<json>(updates.begin(), updates.end()));
  }

  // The answer to sendMessage: 429 while rate limiting, else the sent Message.
  std::pair<int, json> sendMessage(const json& params) {
    std::lock_guard lock(mutex);
    if (rateLimited > 0) {
      --rateLimited;
      return {429,
              {{"ok", false},
               {"error_code", 429},
               {"description", "Too Many Requests: retry after " + std::to_string(retryAfter)},
               {"parameters", {{"retry_after", retryAfter}}}}};
    }
    json message = {{"message_id", nextSentId++},
                    {"chat", {{"id", params.value("chat_id", json())}}},
                    {"text", params.value("text", "")}};
    json record = params;
    record["message_id"] = message["message_id"];
    sent.push_back(record);
    changed.notify_all();
    return {200, {{"ok", true}, {"result", message}}};
  }

  asio::awaitable<std::pair<int, json>> answer(const std::string& method, const json& params) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    beast::error_code ec;
    if (method == "getMe") {
      co_return std::pair<int, json>{200,
                                     {{"ok", true},
                                      {"result",
                                       {{"id", kBotId},
                                        {"is_bot", true},
                                        {"first_name", "Test"},
                                        {"username", kBotUsername}}}}};
    }
    if (method == "getUpdates") {
      const std::int64_t offset = params.value("offset", std::int64_t{0});
      const auto until =
          std::chrono::steady_clock::now() + std::chrono::seconds(params.value("timeout", 0));
      json found = takeUpdates(offset);
      while (found.empty() && std::chrono::steady_clock::now() < until) {
        timer.expires_after(kPollStep);
        co_await timer.async_wait(awaitable(ec));
        found = takeUpdates(offset);
      }
      co_return std::pair<int, json>{200, {{"ok", true}, {"result", found}}};
    }
    if (method == "sendMessage") {
      std::chrono::milliseconds delay;
      {
        std::lock_guard lock(mutex);
        delay = sendDelay;
      }
      if (delay.count() > 0) {
        timer.expires_after(delay);
        co_await timer.async_wait(awaitable(ec));
      }
      co_return sendMessage(params);
    }
    if (method == "sendChatAction" || method == "setWebhook" || method == "deleteWebhook") {
      co_return std::pair<int, json>{200, {{"ok", true}, {"result", true}}};
    }
    co_return std::pair<int, json>{
        404, {{"ok", false}, {"error_code", 404}, {"description", "Not Found: method not found"}}};
  }

  asio::awaitable<void> serve(tcp::socket& socket, const LoopbackHttpServer::Request& request) {
    // /bot<token>/<method>
    const std::string target(request.target());
    const auto slash = target.find('/', 1);
    std::string token =
        target.starts_with("/bot") && slash != std::string::npos ? target.substr(4, slash - 4) : "";
    const std::string method = slash == std::string::npos ? "" : target.substr(slash + 1);
    json params = json::parse(request.body(), nullptr, false);
    if (!params.is_object()) params = json::object();
    record({method, token, params});
    std::pair<int, json> reply;
    if (token != kToken) {
      reply = {401, {{"ok", false}, {"error_code", 401}, {"description", "Unauthorized"}}};
    } else {
      reply = co_await answer(method, params);
    }
    http::response<http::string_body> response{static_cast<http::status>(reply.first), 11};
    response.set(http::field::content_type, "application/json");
    response.set(http::field::connection, "close");
    response.body() = reply.second.dump();
    response.prepare_payload();
    beast::error_code ec;
    co_await http::async_write(socket, response, awaitable(ec));
  }
};

FakeTelegram::FakeTelegram() : state_(std::make_shared<State>()) {}

FakeTelegram::~FakeTelegram() { stop(); }

std::string FakeTelegram::apiRoot() const { return state_->server.baseUrl(); }

std::int64_t FakeTelegram::pushMessage(std::int64_t chatId, std::int64_t fromId,
                                       const std::string& text, const std::string& chatType) {
  std::lock_guard lock(state_->mutex);
  const std::int64_t updateId = state_->nextUpdateId++;
  json chat = {{"id", chatId}, {"type", chatType}};
  if (chatType != "private") chat["title"] = "Test group";
  state_->updates.push_back({{"update_id", updateId},
                             {"message",
                              {{"message_id", state_->nextMessageId++},
                               {"date", 1'700'000'000},
                               {"chat", chat},
                               {"from",
                                {{"id", fromId},
                                 {"is_bot", false},
                                 {"first_name", "User"},
                                 {"username", "user" + std::to_string(fromId)}}},
                               {"text", text}}}});
  return updateId;
}

void FakeTelegram::rateLimitSends(int count, int retryAfterSeconds) {
  std::lock_guard lock(state_->mutex);
  state_->rateLimited = count;
  state_->retryAfter = retryAfterSeconds;
}

void FakeTelegram::setSendDelay(std::chrono::milliseconds delay) {
  std::lock_guard lock(state_->mutex);
  state_->sendDelay = delay;
}

std::vector<TelegramCall> FakeTelegram::calls() const {
  std::lock_guard lock(state_->mutex);
  return state_->calls;
}

std::vector<TelegramCall> FakeTelegram::calls(const std::string& method) const {
  std::vector<TelegramCall> matching;
  for (auto& call : calls()) {
    if (call.method == method) matching.push_back(call);
  }
  return matching;
}

std::vector<json> FakeTelegram::sentMessages() const {
  std::lock_guard lock(state_->mutex);
  return state_->sent;
}

std::vector<json> FakeTelegram::waitForSent(std::size_t count, std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  state_->changed.wait_for(lock, deadline, [&] { return state_->sent.size() >= count; });
  return state_->sent;
}

bool FakeTelegram::waitForCall(const std::string& method,
                               const std::function<bool(const json& params)>& match,
                               std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline, [&] {
    for (const auto& call : state_->calls) {
      if (call.method == method && match(call.params)) return true;
    }
    return false;
  });
}

std::size_t FakeTelegram::unconfirmedUpdates() const {
  std::lock_guard lock(state_->mutex);
  return state_->updates.size();
}

void FakeTelegram::stop() { state_->server.stop(); }

}  // namespace openclaw::testsupport
