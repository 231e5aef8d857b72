#include "cli/a2ui_jsonl.h"

#include <array>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "core/text.h"

namespace openclaw::cli {

using nlohmann::json;

std::string a2uiTextJsonl(const std::string& text) {
  const json surface = {
      {"surfaceUpdate",
       {{"surfaceId", "main"},
        {"components",
         {{{"id", "root"},
           {"component", {{"Column", {{"children", {{"explicitList", {"text"}}}}}}}}},
          {{"id", "text"},
           {"component",
            {{"Text", {{"text", {{"literalString", text}}}, {"usageHint", "body"}}}}}}}}}}};
  const json render = {{"beginRendering", {{"surfaceId", "main"}, {"root", "root"}}}};
  return surface.dump() + "\n" + render.dump();
}

std::size_t countA2uiMessages(const std::string& jsonl) {
  static constexpr std::array<std::string_view, 4> kV08 = {"beginRendering", "surfaceUpdate",
                                                           "dataModelUpdate", "deleteSurface"};
  std::istringstream lines(jsonl);
  std::string line;
  std::size_t lineNumber = 0;
  std::size_t messages = 0;
  while (std::getline(lines, line)) {
    ++lineNumber;
    const std::string trimmed = core::trimmed(line);
    if (trimmed.empty()) continue;
    const std::string where = "A2UI JSONL line " + std::to_string(lineNumber) + ": ";
    const json message = json::parse(trimmed, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
      throw std::invalid_argument(where + "not a JSON object");
    }
    if (message.contains("createSurface")) {
      throw std::invalid_argument(where + "A2UI v0.9 (createSurface); canvas nodes render v0.8");
    }
    bool known = false;
    for (std::string_view key : kV08) known = known || message.contains(key);
    if (!known) {
      throw std::invalid_argument(where +
                                  "no A2UI v0.8 message (beginRendering, surfaceUpdate, "
                                  "dataModelUpdate or deleteSurface)");
    }
    ++messages;
  }
  if (messages == 0) throw std::invalid_argument("the A2UI JSONL holds no messages");
  return messages;
}

}  // namespace openclaw::cli
