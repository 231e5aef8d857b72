#include "scripted_provider.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "loopback_http_server.h"

namespace openclaw::testsupport {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using json = nlohmann::json;
using tcp = asio::ip::tcp;

auto awaitable(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

std::string sse(const std::string& event, const json& data) {
  std::string frame = event.empty() ? "" : "event: " + event + "\n";
  return frame + "data: " + data.dump() + "\n\n";
}

// Chat Completions chunks: content deltas, tool call deltas by index, finish_reason, a usage
// chunk, [DONE].
std::vector<std::string> openAiFrames(const ScriptedReply& reply) {
  const auto chunk = [](json delta, json finish) {
    return sse("", {{"id", "chatcmpl-scripted"},
                    {"object", "chat.completion.chunk"},
                    {"choices", {{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}}}});
  };
  std::vector<std::string> frames;
  for (const std::string& text : reply.textChunks) {
    frames.push_back(chunk({{"role", "assistant"}, {"content", text}}, nullptr));
  }
  for (std::size_t i = 0; i < reply.toolCalls.size(); ++i) {
    const ScriptedToolCall& call = reply.toolCalls[i];
    frames.push_back(chunk({{"tool_calls",
                             {{{"index", i},
                               {"id", call.id},
                               {"type", "function"},
                               {"function", {{"name", call.name}, {"arguments", ""}}}}}}},
                           nullptr));
    for (const std::string& part : call.argumentChunks) {
      frames.push_back(
          chunk({{"tool_calls", {{{"index", i}, {"function", {{"arguments", part}}}}}}}, nullptr));
    }
  }
  frames.push_back(chunk(json::object(), reply.toolCalls.empty() ? "stop" : "tool_calls"));
  frames.push_back(sse("", {{"id", "chatcmpl-scripted"},
                            {"choices", json::array()},
                            {"usage",
                             {{"prompt_tokens", reply.inputTokens},
                              {"completion_tokens", reply.outputTokens},
                              {"total_tokens", reply.inputTokens + reply.outputTokens}}}}));
  frames.push_back("data: [DONE]\n\n");
  return frames;
}

// Messages events: message_start, a text block, one tool_use block per call, message_delta,
// message_stop, with a ping and a comment in between as real streams have.
std::vector<std::string> anthropicFrames(const ScriptedReply& reply) {
  const auto event = [](const std::string& type, json data) {
    data["type"] = type;
    return sse(type, data);
  };
  std::vector<std::string> frames;
  frames.push_back(
      event("message_start",
            {{"message",
              {{"id", "msg_scripted"},
               {"role", "assistant"},
               {"content", json::array()},
               {"usage", {{"input_tokens", reply.inputTokens}, {"output_tokens", 1}}}}}}));
  frames.push_back(": keep-alive\n\n" + event("ping", json::object()));
  int index = 0;
  if (!reply.textChunks.empty()) {
    frames.push_back(
        event("content_block_start",
              {{"index", index}, {"content_block", {{"type", "text"}, {"text", ""}}}}));
    for (const std::string& text : reply.textChunks) {
      frames.push_back(
          event("content_block_delta",
                {{"index", index}, {"delta", {{"type", "text_delta"}, {"text", text}}}}));
    }
    frames.push_back(event("content_block_stop", {{"index", index++}}));
  }
  for (const ScriptedToolCall& call : reply.toolCalls) {
    frames.push_back(event("content_block_start", {{"index", index},
                                                   {"content_block",
                                                    {{"type", "tool_use"},
                                                     {"id", call.id},
                                                     {"name", call.name},
                                                     {"input", json::object()}}}}));
    for (const std::string& part : call.argumentChunks) {
      frames.push_back(event(
          "content_block_delta",
          {{"index", index}, {"delta", {{"type", "input_json_delta"}, {"partial_json", part}}}}));
    }
    frames.push_back(event("content_block_stop", {{"index", index++}}));
  }
  frames.push_back(
      event("message_delta",
            {{"delta", {{"stop_reason", reply.toolCalls.empty() ? "end_turn" : "tool_use"}}},
             {"usage", {{"output_tokens", reply.outputTokens}}}}));
  frames.push_back(event("message_stop", json::object()));
  return frames;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::vector<std::string> stringOrStrings(const json& value, const char* what) {
  if (value.is_string()) return {value.get<std::string>()};
  if (!value.is_array())
    throw std::invalid_argument(std::string(what) + " must be a string or array");
  std::vector<std::string> parts;
  for (const json& part : value) {
    if (!part.is_string()) throw std::invalid_argument(std::string(what) + " must hold strings");
    parts.push_back(part.get<std::string>());
  }
  return parts;
}

}  // namespace

ScriptedReply ScriptedReply::text(std::vector<std::string> chunks) {
  ScriptedReply reply;
  reply.textChunks = std::move(chunks);
  return reply;
}

ScriptedReply ScriptedReply::toolCall(std::string id, std::string name,
                                      std::vector<std::string> argumentChunks) {
  ScriptedReply reply;
  reply.toolCalls.push_back({std::move(id), std::move(name), std::move(argumentChunks)});
  return reply;
}

ScriptedReply ScriptedReply::httpError(int status, std::string message, std::string retryAfter) {
  ScriptedReply reply;
  reply.status = status;
  reply.errorMessage = std::move(message);
  reply.retryAfter = std::move(retryAfter);
  return reply;
}

ScriptedReply ScriptedReply::hanging() {
  ScriptedReply reply;
  reply.hang = true;
  return reply;
}

ScriptedReply ScriptedReply::redirect(std::string location) {
  ScriptedReply reply = httpError(302, "moved");
  reply.location = std::move(location);
  return reply;
}

ScriptedReply ScriptedReply::fromJson(const json& script) {
  if (!script.is_object()) throw std::invalid_argument("a reply must be an object");
  ScriptedReply reply;
  if (script.contains("text")) reply.textChunks = stringOrStrings(script["text"], "text");
  if (script.contains("toolCalls")) {
    for (const json& call : script.at("toolCalls")) {
      reply.toolCalls.push_back(
          {call.at("id").get<std::string>(), call.at("name").get<std::string>(),
           stringOrStrings(call.value("arguments", json("{}")), "arguments")});
    }
  }
  reply.status = script.value("status", 200);
  reply.errorMessage = script.value("message", "");
  reply.retryAfter = script.value("retryAfter", "");
  reply.location = script.value("location", "");
  reply.chunkDelay = std::chrono::milliseconds(script.value("delayMs", 0));
  if (script.contains("disconnectAfter")) {
    reply.disconnectAfter = script["disconnectAfter"].get<std::size_t>();
  }
  reply.hang = script.value("hang", false);
  if (script.contains("usage")) {
    reply.inputTokens = script["usage"].value("input", reply.inputTokens);
    reply.outputTokens = script["usage"].value("output", reply.outputTokens);
  }
  reply.contentType = script.value("contentType", reply.contentType);
  if (script.contains("rawFrames"))
    reply.rawFrames = stringOrStrings(script["rawFrames"], "rawFrames");
  return reply;
}

struct ScriptedProvider::State : std::enable_shared_from_this<State> {
  mutable std::mutex mutex;
  mutable std::condition_variable requestArrived;
  std::deque<ScriptedReply> replies;
  std::vector<RecordedRequest> recorded;
  // Last: its handlers use the members above, so it is stopped and destroyed before them.
  LoopbackHttpServer server{
      [this](tcp::socket& socket, const LoopbackHttpServer::Request& request) {
        return serve(socket, request);
      }};

  ScriptedReply next(RecordedRequest request) {
    std::lock_guard lock(mutex);
    recorded.push_back(std::move(request));
    requestArrived.notify_all();
    if (replies.empty()) return ScriptedReply::httpError(500, "the script has no reply left");
    ScriptedReply reply = std::move(replies.front());
    replies.pop_front();
    return reply;
  }

  asio::awaitable<void> serve(tcp::socket& socket, const LoopbackHttpServer::Request& request) {
    RecordedRequest recordedRequest{
        std::string(request.method_string()), std::string(request.target()), {}, request.body()};
    for (const auto& field : request) {
      recordedRequest.headers[lower(std::string(field.name_string()))] = std::string(field.value());
    }
    const std::string target = recordedRequest.target;
    ScriptedReply reply = next(std::move(recordedRequest));

    beast::error_code ec;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    if (reply.hang) {
      timer.expires_at(asio::steady_timer::time_point::max());
      co_await timer.async_wait(awaitable(ec));  // ends when the server is destroyed
      co_return;
    }
    if (reply.status != 200) {
      const json body = {{"type", "error"},
                         {"error", {{"type", "scripted_error"}, {"message", reply.errorMessage}}}};
      std::string head = "HTTP/1.1 " + std::to_string(reply.status) +
                         " Scripted\r\nContent-Type: application/json\r\nConnection: close\r\n";
      if (!reply.retryAfter.empty()) head += "Retry-After: " + reply.retryAfter + "\r\n";
      if (!reply.location.empty()) head += "Location: " + reply.location + "\r\n";
      const std::string text = body.dump();
      head += "Content-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
      co_await asio::async_write(socket, asio::buffer(head), awaitable(ec));
      co_return;
    }

    const bool anthropic = target.ends_with("/v1/messages");
    const bool openAi = target.ends_with("/chat/completions");
    const std::vector<std::string> frames = !reply.rawFrames.empty() ? reply.rawFrames
                                            : anthropic              ? anthropicFrames(reply)
                                            : openAi                 ? openAiFrames(reply)
                                                                     : reply.textChunks;
    const std::string contentType = !reply.contentType.empty() ? reply.contentType
                                    : anthropic || openAi      ? "text/event-stream"
                                                               : "text/plain; charset=utf-8";
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType +
                             "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    co_await asio::async_write(socket, asio::buffer(head), awaitable(ec));
    for (std::size_t i = 0; i < frames.size() && !ec; ++i) {
      if (reply.disconnectAfter && i == *reply.disconnectAfter) co_return;  // closes the socket
      if (reply.chunkDelay.count() > 0) {
        timer.expires_after(reply.chunkDelay);
        co_await timer.async_wait(awaitable(ec));
      }
      std::ostringstream chunk;
      chunk << std::hex << frames[i].size() << "\r\n" << frames[i] << "\r\n";
      co_await asio::async_write(socket, asio::buffer(chunk.str()), awaitable(ec));
    }
    if (!ec)
      co_await asio::async_write(socket, asio::buffer(std::string("0\r\n\r\n")), awaitable(ec));
  }
};

ScriptedProvider::ScriptedProvider() : state_(std::make_shared<State>()) {}

ScriptedProvider::~ScriptedProvider() { stop(); }

void ScriptedProvider::enqueue(ScriptedReply reply) {
  std::lock_guard lock(state_->mutex);
  state_->replies.push_back(std::move(reply));
}

int ScriptedProvider::port() const { return state_->server.port(); }

std::string ScriptedProvider::baseUrl() const { return state_->server.baseUrl(); }

nlohmann::json ScriptedProvider::gatewayConfig(const std::string& api) const {
  const std::string url = baseUrl() + (api == "openai-completions" ? "/v1" : "");
  return {{"agents", {{"defaults", {{"model", "scripted/test-model"}, {"timeoutSeconds", 60}}}}},
          {"models", {{"providers", {{"scripted", {{"baseUrl", url}, {"api", api}}}}}}}};
}

std::vector<RecordedRequest> ScriptedProvider::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->recorded;
}

std::vector<std::string> ScriptedProvider::userPrompts() const {
  std::vector<std::string> prompts;
  for (const RecordedRequest& request : requests()) {
    const nlohmann::json body = request.json();
    if (!body.is_object() || !body.contains("messages")) continue;
    const nlohmann::json& messages = body.at("messages");
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
      if (it->value("role", "") != "user") continue;
      const nlohmann::json& content = it->at("content");
      prompts.push_back(content.is_string() ? content.get<std::string>() : content.dump());
      break;
    }
  }
  return prompts;
}

bool ScriptedProvider::waitForRequests(std::size_t count,
                                       std::chrono::milliseconds deadline) const {
  std::unique_lock lock(state_->mutex);
  return state_->requestArrived.wait_for(lock, deadline,
                                         [&] { return state_->recorded.size() >= count; });
}

void ScriptedProvider::stop() { state_->server.stop(); }

}  // namespace openclaw::testsupport
