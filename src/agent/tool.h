#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "agent/cancel_callbacks.h"
#include "agent/conversation.h"

namespace openclaw::agent {

// Why a call ended in an error result before doing its work (callers outside a run, such as
// POST /tools/invoke, answer each differently; the model just sees the message).
enum class ToolFailure {
  None,      // no error, or the tool ran and reports a failure (a command's exit code)
  Rejected,  // the call was refused as given: bad arguments, a path outside the workspace, ...
  Blocked,   // policy refused it: the exec security mode, an operator's denial
  Crashed,   // the tool failed unexpectedly
};

struct ToolResult {
  std::string output;  // what the model sees
  bool isError = false;
  ToolFailure failure = ToolFailure::None;
  nlohmann::json details = nlohmann::json::object();  // extra facts for events and transcripts
};

// What a tool run may use. Tools run on a blocking worker thread, never on the event loop.
struct ToolContext {
  std::filesystem::path workspace;  // the agent workspace; file tools never leave it
  // Set when the run is aborted or timed out: long tools check it and stop early.
  std::shared_ptr<std::atomic<bool>> cancelled;
  std::string sessionKey;  // the run's session (exec approvals show it to the operator)
  // Called (on the event loop) right after `cancelled` is set, for steps that wait there.
  std::shared_ptr<CancelCallbacks> cancelCallbacks = std::make_shared<CancelCallbacks>();
};

// Receives a tool call's result: exactly once, on any thread.
using ToolDone = std::function<void(ToolResult)>;

// A built-in tool. Neither form throws: failures are ToolResults with isError set and a message
// the model can act on.
class Tool {
 public:
  virtual ~Tool() = default;
  virtual ToolDefinition definition() const = 0;
  // Runs the call to its end on the calling thread (blocking).
  virtual ToolResult run(const nlohmann::json& arguments, const ToolContext& context) const = 0;
  // How runs call a tool: on a blocking worker thread, with the result going to `done`. A tool
  // that waits for something outside (an operator's approval) returns without waiting and calls
  // `done` later, so no worker thread sits idle; the others just run().
  virtual void start(const nlohmann::json& arguments, const ToolContext& context,
                     ToolDone done) const {
    done(run(arguments, context));
  }
};

}  // namespace openclaw::agent
