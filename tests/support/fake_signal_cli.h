#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::testsupport {

// One JSON-RPC call the fake received.
struct SignalRpcCall {
  std::string method;  // "send", "sendTyping", "version", "getAttachment", ...
  nlohmann::json params;
};

// A message from a Signal user, as the fake puts it into a receive envelope.
struct SignalMessageSpec {
  std::string sourceNumber;  // E.164; empty for a sender who hides their number
  std::string sourceUuid;
  std::string sourceName = "Test User";
  std::string text;
  std::string groupId;                      // set: a group message
  std::vector<std::string> mentionNumbers;  // numbers mentioned (a U+FFFC each, prepended)
  std::vector<std::string> attachmentIds;   // announced attachments (see addAttachment)
  std::int64_t timestamp = 0;               // 0: the fake's next timestamp
};

// A local signal-cli daemon on 127.0.0.1 (ephemeral port) speaking its HTTP wire format:
// JSON-RPC 2.0 at POST /api/v1/rpc (version, send, sendTyping, getAttachment, listAccounts) and
// the receive stream GET /api/v1/events?account=<number> (Server-Sent Events, `event: receive`,
// chunked). Events pushed for an account wait in its queue until a stream of that account takes
// them (a newer stream of an account ends the older one); dropStreams() cuts every open stream
// mid-body. Serves on its own thread; every member is
// thread-safe.
class FakeSignalCli {
 public:
  FakeSignalCli();
  ~FakeSignalCli();  // stop()
  FakeSignalCli(const FakeSignalCli&) = delete;
  FakeSignalCli& operator=(const FakeSignalCli&) = delete;

  std::string url() const;  // "http://127.0.0.1:<port>"

  // Queues a data message for `account` (the bot's number); returns its timestamp.
  std::int64_t pushMessage(const std::string& account, SignalMessageSpec message);
  // Queues a whole receive event (its JSON is the SSE data) or raw SSE bytes for `account`.
  void pushEvent(const std::string& account, const nlohmann::json& event);
  void pushRaw(const std::string& account, std::string bytes);
  // An attachment getAttachment serves (as base64) under `id`.
  void addAttachment(const std::string& id, std::string bytes);
  // The next `count` sends fail with JSON-RPC error `message`.
  void failSends(int count, const std::string& message);
  // Closes every open event stream abruptly (no final chunk).
  void dropStreams();

  // Event streams opened so far for `account`, and open now.
  int streamsOpened(const std::string& account) const;
  int streamsOpen(const std::string& account) const;
  bool waitForStreams(const std::string& account, int opened, std::chrono::milliseconds deadline);
  // Events queued for `account` that no stream took yet.
  std::size_t queued(const std::string& account) const;

  std::vector<SignalRpcCall> calls(const std::string& method) const;
  // The params of the sends that succeeded, in order.
  std::vector<nlohmann::json> sent() const;
  // Waits until at least `count` sends succeeded; returns them (fewer on timeout).
  std::vector<nlohmann::json> waitForSent(std::size_t count, std::chrono::milliseconds deadline);
  bool waitForCall(const std::string& method,
                   const std::function<bool(const nlohmann::json& params)>& match,
                   std::chrono::milliseconds deadline);

  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace openclaw::testsupport
