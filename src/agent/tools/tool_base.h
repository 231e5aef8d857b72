#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "agent/tool.h"

namespace openclaw::agent::tools {

// Typed access to a tool call's arguments. Every accessor throws ToolError naming the parameter
// when it is missing (required ones) or has the wrong type; null counts as absent.
class ToolArguments {
 public:
  explicit ToolArguments(const nlohmann::json& arguments);

  std::string requiredString(const std::string& name) const;
  std::optional<std::string> optionalString(const std::string& name) const;
  std::optional<std::int64_t> optionalInteger(const std::string& name, std::int64_t min,
                                              std::int64_t max) const;
  // The raw value, or nullptr when absent or null.
  const nlohmann::json* find(const std::string& name) const;

 private:
  const nlohmann::json& arguments_;
};

// Base of the built-in tools: `run` validates that the arguments are an object and turns every
// exception from `execute` into an error result, so tools can report failures by throwing
// ToolError with a message for the model.
class ToolBase : public Tool {
 public:
  ToolResult run(const nlohmann::json& arguments, const ToolContext& context) const final;

 protected:
  virtual ToolResult execute(const ToolArguments& arguments, const ToolContext& context) const = 0;
};

ToolResult errorResult(std::string message, ToolFailure failure = ToolFailure::Rejected);

// The error result for the exception in flight (call inside a catch block): its message, and
// Blocked for ToolBlocked, Rejected for other ToolErrors, Crashed for anything else.
ToolResult currentErrorResult();

// What `step` returns, or currentErrorResult() for the exception it threw.
ToolResult guarded(const std::function<ToolResult()>& step);

}  // namespace openclaw::agent::tools
