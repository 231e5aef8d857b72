#include "fake_telegram.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <deque>
#include <map>
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

// The parts of a multipart/form-data body: name -> {filename, content_type, data}.
std::map<std::string, json> parseMultipart(const std::string& contentType,
                                           const std::string& body) {
  std::map<std::string, json> parts;
  const auto at = contentType.find("boundary=");
  if (at == std::string::npos) return parts;
  const std::string delimiter = "--" + contentType.substr(at + 9);
  std::size_t position = body.find(delimiter);
  while (position != std::string::npos) {
    const std::size_t start = position + delimiter.size() + 2;  // past CRLF (or "--")
    const std::size_t next = body.find("\r\n" + delimiter, start);
    if (next == std::string::npos) break;
    const std::string part = body.substr(start, next - start);
    const std::size_t split = part.find("\r\n\r\n");
    if (split == std::string::npos) break;
    const std::string headers = part.substr(0, split);
    const auto attribute = [&headers](const std::string& key) {
      const auto found = headers.find(key + "=\"");
      if (found == std::string::npos) return std::string();
      const auto begin = found + key.size() + 2;
      return headers.substr(begin, headers.find('"', begin) - begin);
    };
    json entry = {{"filename", attribute("filename")}, {"data", part.substr(split + 4)}};
    if (const auto type = headers.find("Content-Type: "); type != std::string::npos) {
      entry["content_type"] = headers.substr(type + 14, headers.find("\r\n", type) - type - 14);
    }
    parts[attribute(" name")] = entry;
    position = next + 2;
  }
  return parts;
}

}  // namespace

struct FakeTelegram::State {
  mutable std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, std::pair<std::int64_t, std::string>> bots = {
      {kToken, {kBotId, kBotUsername}}};
  std::map<std::string, std::deque<json>> updates;  // per token: unconfirmed, ascending update_id
  std::map<std::string, std::string> files;         // file_path -> bytes
  std::map<std::string, json> fileInfo;             // file_id -> File
  std::int64_t nextUpdateId = 1000;
  std::int64_t nextMessageId = 1;
  std::int64_t nextSentId = 5000;
  int rateLimited = 0;
  int retryAfter = 1;
  std::chrono::milliseconds sendDelay{0};
  std::vector<TelegramCall> calls;
  std::vector<json> sent;
  std::vector<json> sentFiles;
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
  json takeUpdates(const std::string& token, std::int64_t offset) {
    std::lock_guard lock(mutex);
    std::deque<json>& queue = updates[token];
    while (!queue.empty() && queue.front().at("update_id").get<std::int64_t>() < offset) {
      queue.pop_front();
    }
    return json(std::vector<json>(queue.begin(), queue.end()));
  }

  std::int64_t pushUpdate(const std::string& token, json message) {
    const std::int64_t updateId = nextUpdateId++;
    message["message_id"] = nextMessageId++;
    message["date"] = 1'700'000'000;
    updates[token].push_back({{"update_id", updateId}, {"message", std::move(message)}});
    return updateId;
  }

  // The answer to sendPhoto / sendDocument: the file recorded, or 400 without one.
  std::pair<int, json> sendFile(const std::string& token, const std::string& method,
                                const std::map<std::string, json>& form) {
    std::lock_guard lock(mutex);
    const std::string field = method == "sendPhoto" ? "photo" : "document";
    const auto file = form.find(field);
    if (file == form.end() || !form.contains("chat_id")) {
      return {400, {{"ok", false}, {"error_code", 400}, {"description", "Bad Request: no file"}}};
    }
    json record = file->second;
    record["method"] = method;
    record["token"] = token;
    record["field"] = field;
    record["chat_id"] = form.at("chat_id").at("data");
    record["caption"] = form.contains("caption") ? form.at("caption").at("data") : json("");
    record["message_id"] = nextSentId++;
    sentFiles.push_back(record);
    changed.notify_all();
    return {200, {{"ok", true}, {"result", {{"message_id", record["message_id"]}}}}};
  }

  // The answer to sendMessage: 429 while rate limiting, else the sent Message.
  std::pair<int, json> sendMessage(const std::string& token, const json& params) {
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
    record["token"] = token;
    sent.push_back(record);
    changed.notify_all();
    return {200, {{"ok", true}, {"result", message}}};
  }

  asio::awaitable<std::pair<int, json>> answer(const std::string& token, const std::string& method,
                                               const json& params) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    beast::error_code ec;
    if (method == "getMe") {
      std::lock_guard lock(mutex);
      const auto& [id, username] = bots.at(token);
      co_return std::pair<int, json>{
          200,
          {{"ok", true},
           {"result",
            {{"id", id}, {"is_bot", true}, {"first_name", "Test"}, {"username", username}}}}};
    }
    if (method == "getFile") {
      std::lock_guard lock(mutex);
      const auto found = fileInfo.find(params.value("file_id", ""));
      if (found == fileInfo.end()) {
        co_return std::pair<int, json>{
            400, {{"ok", false}, {"error_code", 400}, {"description", "Bad Request: bad file_id"}}};
      }
      co_return std::pair<int, json>{200, {{"ok", true}, {"result", found->second}}};
    }
    if (method == "getUpdates") {
      const std::int64_t offset = params.value("offset", std::int64_t{0});
      const auto until =
          std::chrono::steady_clock::now() + std::chrono::seconds(params.value("timeout", 0));
      json found = takeUpdates(token, offset);
      while (found.empty() && std::chrono::steady_clock::now() < until) {
        timer.expires_after(kPollStep);
        co_await timer.async_wait(awaitable(ec));
        found = takeUpdates(token, offset);
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
      co_return sendMessage(token, params);
    }
    if (method == "sendChatAction" || method == "setWebhook" || method == "deleteWebhook") {
      co_return std::pair<int, json>{200, {{"ok", true}, {"result", true}}};
    }
    co_return std::pair<int, json>{
        404, {{"ok", false}, {"error_code", 404}, {"description", "Not Found: method not found"}}};
  }

  asio::awaitable<void> serve(tcp::socket& socket, const LoopbackHttpServer::Request& request) {
    // /bot<token>/<method>, or /file/bot<token>/<file_path> for downloads.
    std::string target(request.target());
    const bool download = target.starts_with("/file/");
    if (download) target = target.substr(5);
    const auto slash = target.find('/', 1);
    std::string token =
        target.starts_with("/bot") && slash != std::string::npos ? target.substr(4, slash - 4) : "";
    const std::string method = slash == std::string::npos ? "" : target.substr(slash + 1);
    const std::string contentType(request[http::field::content_type]);
    json params = json::object();
    std::map<std::string, json> form;
    if (contentType.starts_with("multipart/form-data")) {
      form = parseMultipart(contentType, request.body());
      for (const auto& [name, part] : form) {
        params[name] = part.value("filename", "").empty() ? part.at("data") : json("<file>");
      }
    } else {
      params = json::parse(request.body(), nullptr, false);
      if (!params.is_object()) params = json::object();
    }
    record(
        {download ? "download" : method, token, download ? json{{"file_path", method}} : params});
    bool known = false;
    {
      std::lock_guard lock(mutex);
      known = bots.contains(token);
    }
    std::pair<int, json> reply;
    std::string rawBody;
    if (!known) {
      reply = {401, {{"ok", false}, {"error_code", 401}, {"description", "Unauthorized"}}};
    } else if (download) {
      std::lock_guard lock(mutex);
      const auto file = files.find(method);
      reply.first = file == files.end() ? 404 : 200;
      rawBody = file == files.end() ? "not found" : file->second;
    } else if (method == "sendPhoto" || method == "sendDocument") {
      reply = sendFile(token, method, form);
    } else {
      reply = co_await answer(token, method, params);
    }
    http::response<http::string_body> response{static_cast<http::status>(reply.first), 11};
    response.set(http::field::content_type,
                 download ? "application/octet-stream" : "application/json");
    response.set(http::field::connection, "close");
    response.body() = download ? rawBody : reply.second.dump();
    response.prepare_payload();
    beast::error_code ec;
    co_await http::async_write(socket, response, awaitable(ec));
  }
};

FakeTelegram::FakeTelegram() : state_(std::make_shared<State>()) {}

FakeTelegram::~FakeTelegram() { stop(); }

std::string FakeTelegram::apiRoot() const { return state_->server.baseUrl(); }

void FakeTelegram::addBot(const std::string& token, std::int64_t botId,
                          const std::string& username) {
  std::lock_guard lock(state_->mutex);
  state_->bots[token] = {botId, username};
}

namespace {

json chatOf(std::int64_t chatId, const std::string& chatType) {
  json chat = {{"id", chatId}, {"type", chatType}};
  if (chatType != "private") chat["title"] = "Test group";
  return chat;
}

json userOf(std::int64_t fromId) {
  return {{"id", fromId},
          {"is_bot", false},
          {"first_name", "User"},
          {"username", "user" + std::to_string(fromId)}};
}

}  // namespace

std::int64_t FakeTelegram::pushMessage(std::int64_t chatId, std::int64_t fromId,
                                       const std::string& text, const std::string& chatType,
                                       const std::string& token) {
  std::lock_guard lock(state_->mutex);
  return state_->pushUpdate(
      token, {{"chat", chatOf(chatId, chatType)}, {"from", userOf(fromId)}, {"text", text}});
}

std::int64_t FakeTelegram::pushFile(std::int64_t chatId, std::int64_t fromId,
                                    const std::string& kind, const std::string& bytes,
                                    const std::string& caption, const std::string& fileName,
                                    const std::string& mimeType, std::uint64_t reportedSize) {
  std::lock_guard lock(state_->mutex);
  const std::string fileId = "file-" + std::to_string(state_->fileInfo.size() + 1);
  const std::string path = kind + "s/" + fileId;
  const std::uint64_t size = reportedSize > 0 ? reportedSize : bytes.size();
  state_->files[path] = bytes;
  state_->fileInfo[fileId] = {
      {"file_id", fileId}, {"file_unique_id", fileId}, {"file_size", size}, {"file_path", path}};
  json file = {{"file_id", fileId}, {"file_unique_id", fileId}, {"file_size", size}};
  json message = {{"chat", chatOf(chatId, "private")}, {"from", userOf(fromId)}};
  if (kind == "photo") {
    file["width"] = 640;
    file["height"] = 480;
    message["photo"] = json::array({file});
  } else {
    if (!fileName.empty()) file["file_name"] = fileName;
    if (!mimeType.empty()) file["mime_type"] = mimeType;
    message[kind] = file;
  }
  if (!caption.empty()) message["caption"] = caption;
  return state_->pushUpdate(kToken, std::move(message));
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

std::vector<json> FakeTelegram::sentFiles() const {
  std::lock_guard lock(state_->mutex);
  return state_->sentFiles;
}

std::vector<json> FakeTelegram::waitForFiles(std::size_t count,
                                             std::chrono::milliseconds deadline) {
  std::unique_lock lock(state_->mutex);
  state_->changed.wait_for(lock, deadline, [&] { return state_->sentFiles.size() >= count; });
  return state_->sentFiles;
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
  std::size_t count = 0;
  for (const auto& [token, queue] : state_->updates) count += queue.size();
  return count;
}

void FakeTelegram::stop() { state_->server.stop(); }

}  // namespace openclaw::testsupport
