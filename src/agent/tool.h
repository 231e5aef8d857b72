#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "agent/conversation.h"

namespace openclaw::agent {

struct ToolResult {
  std::string output;  // what the model sees
  bool isError = false;
  nlohmann::json details = nlohmann::json::object();  // extra facts for events and transcripts
};

// What a tool run may use. Tools run on a blocking worker thread, never on the event loop.
struct ToolContext {
  std::filesystem::path workspace;  // the agent workspace; file tools never leave it
  // Set when the run is aborted or timed out: long tools check it and stop early.
  std::shared_ptr<std::atomic<bool>> cancelled;
  std::string sessionKey;  // the run's session (exec approvals show it to the operator)
};

// A built-in tool. `run` blocks (worker thread) and never throws: failures are ToolResults with
// isError set and a message the model can act on.
class Tool {
 public:
  virtual ~Tool() = default;
  virtual ToolDefinition definition() const = 0;
  virtual ToolResult run(const nlohmann::json& arguments, const ToolContext& context) const = 0;
};

}  // namespace openclaw::agent
