#include "upstream_schema.h"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "core/files.h"
#include "protocol/protocol_schema.h"

namespace openclaw::testsupport {
namespace {

std::vector<std::filesystem::path> candidates() {
  std::vector<std::filesystem::path> paths;
  if (const char* set = std::getenv("OPENCLAW_UPSTREAM_SCHEMA")) paths.emplace_back(set);
  // Unpacked from tests/data/gateway-protocol-2026.9.1.tar.gz when CMake configures the build.
  paths.push_back(std::filesystem::path(OPENCLAW_BUILD_DIR) / "upstream-protocol" /
                  "protocol.schema.json");
  return paths;
}

// Loaded once; nullptr when no candidate exists.
const protocol::ProtocolSchema* schema() {
  static const std::unique_ptr<protocol::ProtocolSchema> loaded =
      []() -> std::unique_ptr<protocol::ProtocolSchema> {
    for (const auto& path : candidates()) {
      if (auto text = core::readFile(path)) {
        return std::make_unique<protocol::ProtocolSchema>(*text);
      }
    }
    return nullptr;
  }();
  return loaded.get();
}

}  // namespace

testing::AssertionResult upstreamValid(const std::string& definition, const nlohmann::json& value) {
  const protocol::ProtocolSchema* upstream = schema();
  if (!upstream) {
    std::string tried;
    for (const auto& path : candidates()) tried += " " + path.string();
    return testing::AssertionFailure() << "upstream protocol.schema.json not found at:" << tried
                                       << " (set OPENCLAW_UPSTREAM_SCHEMA)";
  }
  if (auto failure = upstream->validate(definition, value, "")) {
    return testing::AssertionFailure()
           << definition << ": " << *failure << " in " << value.dump().substr(0, 2000);
  }
  return testing::AssertionSuccess();
}

}  // namespace openclaw::testsupport
