#include "agent/providers/tool_call_accumulator.h"

#include "core/bounded_json.h"

namespace openclaw::agent::providers {

void ToolCallAccumulator::start(long index, const std::string& id, const std::string& name) {
  Partial& call = calls_[index];
  if (!id.empty()) call.id = id;
  if (!name.empty()) call.name = name;
}

void ToolCallAccumulator::appendArguments(long index, const std::string& fragment) {
  calls_[index].arguments += fragment;
}

std::optional<ModelError> ToolCallAccumulator::finish(std::vector<ToolCall>& out) const {
  for (const auto& [index, call] : calls_) {
    if (call.name.empty()) {
      return ModelError{"protocol", "the model sent a tool call without a name", 0};
    }
    ToolCall parsed{call.id, call.name, nlohmann::json::object()};
    if (parsed.id.empty()) parsed.id = "call_" + std::to_string(index);
    if (!call.arguments.empty()) {
      parsed.arguments = core::parseJsonOrDiscarded(call.arguments);
      if (!parsed.arguments.is_object()) {
        return ModelError{"protocol",
                          "the model's arguments for tool " + call.name +
                              " are not a JSON object: " + call.arguments.substr(0, 200),
                          0};
      }
    }
    out.push_back(std::move(parsed));
  }
  return std::nullopt;
}

}  // namespace openclaw::agent::providers
