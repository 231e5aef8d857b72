#include "canvas/canvas_paths.h"

#include <algorithm>

#include "core/text.h"

namespace openclaw::canvas {
namespace fs = std::filesystem;

namespace {

bool plainSegment(const std::string& segment) {
  if (segment.empty() || segment == "." || segment == "..") return false;
  return std::none_of(segment.begin(), segment.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f || c == '\\';
  });
}

// True when `real` is `rootReal` or below it.
bool inside(const fs::path& rootReal, const fs::path& real) {
  const auto [rootEnd, unused] =
      std::mismatch(rootReal.begin(), rootReal.end(), real.begin(), real.end());
  return rootEnd == rootReal.end();
}

}  // namespace

std::optional<RoutedPath> splitCapability(std::string_view requestPath) {
  if (!requestPath.starts_with(kCapabilityPrefix))
    return RoutedPath{std::nullopt, std::string(requestPath)};
  std::string_view rest = requestPath.substr(kCapabilityPrefix.size());
  if (!rest.starts_with('/')) return std::nullopt;
  rest.remove_prefix(1);
  const std::size_t slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
  return RoutedPath{std::string(rest.substr(0, slash)), std::string(rest.substr(slash))};
}

std::optional<std::string> relativeCanvasFile(std::string_view pathBelowPrefix) {
  const std::optional<std::string> decoded = core::percentDecoded(pathBelowPrefix);
  if (!decoded) return std::nullopt;
  std::string_view rest = *decoded;
  if (rest.starts_with('/')) rest.remove_prefix(1);
  if (rest.ends_with('/')) rest.remove_suffix(1);  // a directory: its index.html
  if (rest.empty()) return std::string();
  for (const std::string& segment : core::splitOn(std::string(rest), '/')) {
    if (!plainSegment(segment)) return std::nullopt;
  }
  return std::string(rest);
}

CanvasFile resolveCanvasFile(const fs::path& root, const std::string& relative) {
  std::error_code ec;
  const fs::path rootReal = fs::canonical(root, ec);
  if (ec) return {404, {}};
  fs::path real = fs::canonical(relative.empty() ? rootReal : rootReal / relative, ec);
  if (ec) return {404, {}};
  if (!inside(rootReal, real)) return {403, {}};
  if (fs::is_directory(real, ec)) {
    real = fs::canonical(real / "index.html", ec);
    if (ec) return {404, {}};
    if (!inside(rootReal, real)) return {403, {}};
  }
  if (!fs::is_regular_file(real, ec)) return {404, {}};
  return {200, real};
}

}  // namespace openclaw::canvas
