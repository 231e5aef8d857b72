#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::testsupport {

struct ScriptedToolCall {
  std::string id;
  std::string name;
  std::vector<std::string> argumentChunks;  // the JSON arguments, split as they are streamed
};

// One answer of the scripted server. A 200 reply streams `textChunks` then `toolCalls` as SSE
// in the dialect of the path that was asked (OpenAI or Anthropic); any other path (e.g. a GET
// for web_fetch) gets `textChunks` as a plain body.
struct ScriptedReply {
  std::vector<std::string> textChunks;
  std::vector<ScriptedToolCall> toolCalls;
  int status = 200;
  std::string errorMessage;                    // the JSON error body's message for status != 200
  std::string retryAfter;                      // Retry-After header value, when set
  std::string location;                        // Location header value, when set
  std::chrono::milliseconds chunkDelay{0};     // before every streamed chunk
  std::optional<std::size_t> disconnectAfter;  // drop the connection after this many chunks
  bool hang = false;                           // read the request, never answer
  std::int64_t inputTokens = 11;
  std::int64_t outputTokens = 7;
  std::string contentType;  // of a 200; empty: text/event-stream for the APIs, else text/plain
  // When set, streamed as they are instead of the frames generated from the fields above
  // (malformed or error events).
  std::vector<std::string> rawFrames;

  static ScriptedReply text(std::vector<std::string> chunks);
  static ScriptedReply toolCall(std::string id, std::string name,
                                std::vector<std::string> argumentChunks);
  static ScriptedReply httpError(int status, std::string message, std::string retryAfter = "");
  static ScriptedReply hanging();
  static ScriptedReply redirect(std::string location);
  // The script file form: {"text": [..] | "..", "toolCalls": [{"id", "name", "arguments":
  // [..] | ".."}], "status", "message", "retryAfter", "location", "delayMs", "disconnectAfter",
  // "hang", "usage": {"input", "output"}, "contentType", "rawFrames": [..]}. Throws
  // std::invalid_argument when malformed.
  static ScriptedReply fromJson(const nlohmann::json& script);
};

struct RecordedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// A model API on 127.0.0.1 (ephemeral port) answering each request with the next queued reply,
// or HTTP 500 when none is left. Serves on its own thread; every member is thread-safe.
class ScriptedProvider {
 public:
  ScriptedProvider();
  ~ScriptedProvider();  // stop()
  ScriptedProvider(const ScriptedProvider&) = delete;
  ScriptedProvider& operator=(const ScriptedProvider&) = delete;

  void enqueue(ScriptedReply reply);
  int port() const;
  std::string baseUrl() const;  // "http://127.0.0.1:<port>"
  std::vector<RecordedRequest> requests() const;
  // The last user message of each OpenAI-style request so far, in order (content that is not a
  // plain string as its JSON text): what the model was asked, e.g. by a channel's turns.
  std::vector<std::string> userPrompts() const;
  // Gateway config that makes this server the default model: provider "scripted", model
  // "scripted/test-model", in the API dialect `api` ("openai-completions" or
  // "anthropic-messages"), with a 60 s run timeout. Tests merge their own keys into it.
  nlohmann::json gatewayConfig(const std::string& api = "openai-completions") const;
  // Waits until at least `count` requests arrived; returns whether they did before `deadline`.
  bool waitForRequests(std::size_t count, std::chrono::milliseconds deadline) const;
  // Stops serving and joins the thread; open connections (hanging ones included) are closed
  // when the provider is destroyed.
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace openclaw::testsupport
