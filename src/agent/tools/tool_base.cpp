#include "agent/tools/tool_base.h"

#include <cmath>

#include "agent/tools/tool_error.h"

namespace openclaw::agent::tools {

ToolArguments::ToolArguments(const nlohmann::json& arguments) : arguments_(arguments) {
  if (!arguments_.is_object()) {
    throw ToolError("arguments must be a JSON object, got " + std::string(arguments_.type_name()));
  }
}

const nlohmann::json* ToolArguments::find(const std::string& name) const {
  const auto found = arguments_.find(name);
  return found == arguments_.end() || found->is_null() ? nullptr : &*found;
}

std::optional<std::string> ToolArguments::optionalString(const std::string& name) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    throw ToolError("parameter \"" + name + "\" must be a string, got " + value->type_name());
  }
  return value->get<std::string>();
}

std::string ToolArguments::requiredString(const std::string& name) const {
  auto value = optionalString(name);
  if (!value) throw ToolError("missing required parameter \"" + name + "\" (a string)");
  return std::move(*value);
}

std::optional<std::int64_t> ToolArguments::optionalInteger(const std::string& name,
                                                           std::int64_t min,
                                                           std::int64_t max) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) return std::nullopt;
  // Models sometimes send 10.0 for 10: whole numbers are accepted in either form.
  const double approximate = value->is_number() ? value->get<double>() : std::nan("");
  const bool valid = std::trunc(approximate) == approximate &&
                     approximate >= static_cast<double>(min) &&
                     approximate <= static_cast<double>(max);
  if (!valid) {
    throw ToolError("parameter \"" + name + "\" must be a whole number from " +
                    std::to_string(min) + " to " + std::to_string(max) + ", got " + value->dump());
  }
  const std::int64_t number = value->is_number_integer() ? value->get<std::int64_t>()
                                                         : static_cast<std::int64_t>(approximate);
  return number;
}

ToolResult ToolBase::run(const nlohmann::json& arguments, const ToolContext& context) const {
  return guarded([&] { return execute(ToolArguments(arguments), context); });
}

ToolResult guarded(const std::function<ToolResult()>& step) {
  try {
    return step();
  } catch (...) {
    return currentErrorResult();
  }
}

ToolResult currentErrorResult() {
  try {
    throw;
  } catch (const ToolBlocked& error) {
    return errorResult(error.what(), ToolFailure::Blocked);
  } catch (const ToolError& error) {
    return errorResult(error.what(), ToolFailure::Rejected);
  } catch (const std::exception& error) {
    return errorResult(error.what(), ToolFailure::Crashed);
  } catch (...) {
    return errorResult("the tool failed unexpectedly", ToolFailure::Crashed);
  }
}

ToolResult errorResult(std::string message, ToolFailure failure) {
  ToolResult result;
  result.output = std::move(message);
  result.isError = true;
  result.failure = failure;
  return result;
}

}  // namespace openclaw::agent::tools
