#include "fake_signal_cli.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>

#include "auth/base64url.h"
#include "loopback_http_server.h"

namespace openclaw::testsupport {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using json = nlohmann::json;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kStreamStep = 10ms;

auto awaitable(boost::system::error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

std::string base64(std::string_view bytes) {
  std::string text = auth::base64UrlEncode(bytes);
  for (char& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (text.size() % 4 != 0) text.push_back('=');
  return text;
}

std::string percentDecode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string chunk(const std::string& bytes) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", bytes.size());
  return size + bytes + "\r\n";
}

}  // namespace

struct FakeSignalCli::State {
  mutable std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, std::deque<std::string>> queues;  // account -> SSE frames
  std::map<std::string, int> opened;
  std::map<std::string, int> open;
  std::map<std::string, std::string> attachments;
  std::int64_t nextTimestamp = 1'700'000'000'000;
  std::int64_t nextSentTimestamp = 1'800'000'000'000;
  int failing = 0;
  std::string failMessage;
  int dropGeneration = 0;
  std::vector<SignalRpcCall> calls;
  std::vector<json> sent;
  // Last: its handlers use the members above, so it is stopped and destroyed before them.
  LoopbackHttpServer server{
      [this](tcp::socket& socket, const LoopbackHttpServer::Request& request) {
        return serve(socket, request);
      }};

  void queue(const std::string& account, std::string frame) {
    std::lock_guard lock(mutex);
    queues[account].push_back(std::move(frame));
    changed.notify_all();
  }

  json answer(const std::string& method, const json& params) {
    std::lock_guard lock(mutex);
    calls.push_back({method, params});
    changed.notify_all();
    if (method == "version") return {{"result", {{"version", "0.13.99-fake"}}}};
    if (method == "listAccounts") return {{"result", json::array()}};
    if (method == "sendTyping") return {{"result", json::object()}};
    if (method == "send") {
      if (failing > 0) {
        --failing;
        return {{"error", {{"code", -1}, {"message", failMessage}}}};
      }
      const std::int64_t timestamp = nextSentTimestamp++;
      json record = params;
      record["timestamp"] = timestamp;
      sent.push_back(record);
      changed.notify_all();
      return {{"result",
               {{"timestamp", timestamp},
                {"results", {{{"type", "SUCCESS"}, {"recipientAddress", json::object()}}}}}}};
    }
    if (method == "getAttachment") {
      const auto found = attachments.find(params.value("id", ""));
      if (found == attachments.end()) {
        return {{"error", {{"code", -1}, {"message", "Attachment file not found"}}}};
      }
      return {{"result", {{"data", base64(found->second)}}}};
    }
    return {{"error", {{"code", -32601}, {"message", "Method not implemented"}}}};
  }

  asio::awaitable<void> rpc(tcp::socket& socket, const LoopbackHttpServer::Request& request) {
    const json body = json::parse(request.body(), nullptr, false);
    json reply;
    if (!body.is_object() || !body.contains("method")) {
      reply = {{"error", {{"code", -32700}, {"message", "Parse error"}}}};
    } else {
      reply = answer(body.value("method", ""), body.value("params", json::object()));
    }
    reply["jsonrpc"] = "2.0";
    reply["id"] = body.is_object() ? body.value("id", json()) : json();
    http::response<http::string_body> response{http::status::ok, 11};
    response.set(http::field::content_type, "application/json");
    response.set(http::field::connection, "close");
    response.body() = reply.dump();
    response.prepare_payload();
    beast::error_code ec;
    co_await http::async_write(socket, response, awaitable(ec));
  }

  asio::awaitable<void> events(tcp::socket& socket, const std::string& account) {
    int generation;
    int id;  // a newer stream of the same account ends this one (the gateway reconnected)
    {
      std::lock_guard lock(mutex);
      id = ++opened[account];
      ++open[account];
      generation = dropGeneration;
      changed.notify_all();
    }
    boost::system::error_code ec;
    const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: "
        "chunked\r\nConnection: close\r\n\r\n";
    co_await asio::async_write(socket, asio::buffer(head), awaitable(ec));
    asio::steady_timer timer(co_await asio::this_coro::executor);
    while (!ec) {
      std::string frame;
      {
        std::lock_guard lock(mutex);
        if (dropGeneration != generation || opened[account] != id) break;
        auto& pending = queues[account];
        if (!pending.empty()) {
          frame = std::move(pending.front());
          pending.pop_front();
        }
      }
      if (frame.empty()) {
        timer.expires_after(kStreamStep);
        co_await timer.async_wait(awaitable(ec));
        continue;
      }
      const std::string framed = chunk(frame);
      co_await asio::async_write(socket, asio::buffer(framed), awaitable(ec));
    }
    socket.close(ec);
    std::lock_guard lock(mutex);
    --open[account];
    changed.notify_all();
  }

  asio::awaitable<void> serve(tcp::socket& socket, const LoopbackHttpServer::Request& request) {
    const std::string target(request.target());
    if (request.method() == http::verb::post && target == "/api/v1/rpc") {
      co_await rpc(socket, request);
      co_return;
    }
    const std::string events = "/api/v1/events";
    if (request.method() == http::verb::get && target.rfind(events, 0) == 0) {
      // Named locals, not temporaries, in co_await expressions (g++ 12 mis-destroys those).
      const auto at = target.find("account=");
      std::string account;
      if (at != std::string::npos) account = percentDecode(target.substr(at + 8));
      co_await this->events(socket, account);
      co_return;
    }
    http::response<http::string_body> response{http::status::not_found, 11};
    response.set(http::field::connection, "close");
    response.prepare_payload();
    beast::error_code ec;
    co_await http::async_write(socket, response, awaitable(ec));
  }
};

FakeSignalCli::FakeSignalCli() : state_(std::make_shared<State>()) {}

FakeSignalCli::~FakeSignalCli() { stop(); }

std::string FakeSignalCli::url() const { return state_->server.baseUrl(); }

std::int64_t FakeSignalCli::pushMessage(const std::string& account, SignalMessageSpec message) {
  std::int64_t timestamp = message.timestamp;
  if (timestamp == 0) {
    std::lock_guard lock(state_->mutex);
    timestamp = state_->nextTimestamp++;
  }
  json data = {{"timestamp", timestamp}, {"expiresInSeconds", 0}, {"viewOnce", false}};
  std::string text;
  json mentions = json::array();
  for (const auto& number : message.mentionNumbers) {
    mentions.push_back({{"name", number},
                        {"number", number},
                        {"uuid", "00000000-0000-4000-8000-00000000beef"},
                        {"start", text.size() / 3},
                        {"length", 1}});
    text += "\xEF\xBF\xBC";
  }
  text += message.text;
  data["message"] = text;
  if (!mentions.empty()) data["mentions"] = mentions;
  if (!message.groupId.empty()) {
    data["groupInfo"] = {{"groupId", message.groupId}, {"type", "DELIVER"}};
  }
  if (!message.attachmentIds.empty()) {
    json attachments = json::array();
    std::lock_guard lock(state_->mutex);
    for (const auto& id : message.attachmentIds) {
      const auto found = state_->attachments.find(id);
      attachments.push_back(
          {{"contentType", "text/plain"},
           {"filename", id},
           {"id", id},
           {"size", found == state_->attachments.end() ? 0 : found->second.size()}});
    }
    data["attachments"] = attachments;
  }
  json envelope = {
      {"source", message.sourceNumber.empty() ? message.sourceUuid : message.sourceNumber},
      {"sourceName", message.sourceName},
      {"sourceDevice", 1},
      {"timestamp", timestamp},
      {"serverReceivedTimestamp", timestamp + 5},
      {"dataMessage", data}};
  if (!message.sourceNumber.empty()) envelope["sourceNumber"] = message.sourceNumber;
  if (!message.sourceUuid.empty()) envelope["sourceUuid"] = message.sourceUuid;
  pushEvent(account, {{"envelope", envelope}, {"account", account}});
  return timestamp;
}

void FakeSignalCli::pushEvent(const std::string& account, const json& event) {
  state_->queue(account, "event: receive\ndata: " + event.dump() + "\n\n");
}

void FakeSignalCli::pushRaw(const std::string& account, std::string bytes) {
  state_->queue(account, std::move(bytes));
}

void FakeSignalCli::addAttachment(const std::string& id, std::string bytes) {
  std::lock_guard lock(state_->mutex);
  state_->attachments[id] = std::move(bytes);
}

void FakeSignalCli::failSends(int count, const std::string& message) {
  std::lock_guard lock(state_->mutex);
  state_->failing = count;
  state_->failMessage = message;
}

void FakeSignalCli::dropStreams() {
  std::lock_guard lock(state_->mutex);
  ++state_->dropGeneration;
}

int FakeSignalCli::streamsOpened(const std::string& account) const {
  std::lock_guard lock(state_->mutex);
  const auto found = state_->opened.find(account);
  return found == state_->opened.end() ? 0 : found->second;
}

int FakeSignalCli::streamsOpen(const std::string& account) const {
  std::lock_guard lock(state_->mutex);
  const auto found = state_->open.find(account);
  return found == state_->open.end() ? 0 : found->second;
}

bool FakeSignalCli::waitForStreams(const std::string& account, int opened,
                                   std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, deadline, [&] {
    return state_->opened[account] >= opened && state_->open[account] > 0;
  });
}

std::size_t FakeSignalCli::queued(const std::string& account) const {
  std::lock_guard lock(state_->mutex);
  const auto found = state_->queues.find(account);
  return found == state_->queues.end() ? 0 : found->second.size();
}

std::vector<SignalRpcCall> FakeSignalCli::calls(const std::string& method) const {
  std::lock_guard lock(state_->mutex);
  std::vector<SignalRpcCall> matching;
  for (const auto& call : state_->calls) {
    if (call.method == method) matching.push_back(call);
  }
  return matching;
}

std::vector<json> FakeSignalCli::sent() const {
  std::lock_guard lock(state_->mutex);
  return state_->sent;
}

std::vector<json> FakeSignalCli::waitForSent(std::size_t count,
                                             std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  state_->changed.wait_for(lock, deadline, [&] { return state_->sent.size() >= count; });
  return state_->sent;
}

bool FakeSignalCli::waitForCall(const std::string& method,
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

void FakeSignalCli::stop() { state_->server.stop(); }

}  // namespace openclaw::testsupport
