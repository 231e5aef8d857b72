#include "cli/canvas_snapshot_file.h"

#include <cctype>
#include <ctime>
#include <stdexcept>

#include "auth/base64url.h"

namespace openclaw::cli {

using nlohmann::json;

namespace {

// Node names can be long ids: the file name keeps this many characters of it.
constexpr std::size_t kMaxNodeNameChars = 40;

std::string stringField(const json& payload, const char* key) {
  const auto found = payload.find(key);
  return found != payload.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

CanvasSnapshotImage decodeCanvasSnapshot(const json& payload, const std::string& requestedFormat) {
  if (!payload.is_object()) throw std::runtime_error("the node answered without an image");
  std::string encoded = stringField(payload, "base64");
  if (encoded.empty()) encoded = stringField(payload, "data");
  if (encoded.starts_with("data:")) {
    const auto comma = encoded.find(',');
    encoded = comma == std::string::npos ? std::string() : encoded.substr(comma + 1);
  }
  if (encoded.empty()) {
    throw std::runtime_error("the node answered without an image (no base64 or data field)");
  }
  std::optional<std::string> bytes = auth::base64UrlDecode(encoded);
  if (!bytes || bytes->empty()) throw std::runtime_error("the node's image is not valid base64");
  std::string format = stringField(payload, "format");
  if (format.empty()) format = requestedFormat;
  return {std::move(*bytes), format == "png" ? "png" : "jpg"};
}

std::filesystem::path defaultCanvasSnapshotPath(const std::string& node,
                                                const std::string& extension,
                                                std::chrono::system_clock::time_point now) {
  std::string safe;
  for (char c : node.substr(0, kMaxNodeNameChars)) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    safe += plain ? c : '-';
  }
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  return std::filesystem::path(".") /
         ("canvas-snapshot-" + (safe.empty() ? std::string("node") : safe) + "-" + stamp + "." +
          extension);
}

}  // namespace openclaw::cli
