// gateway.controlUi path helpers declared in config/gateway_settings.h.
#include <stdexcept>

#include "config/gateway_settings.h"
#include "core/text.h"

#ifndef OPENCLAW_INSTALL_DATADIR
#error "OPENCLAW_INSTALL_DATADIR is set for this file by src/CMakeLists.txt"
#endif

namespace openclaw::config {

std::string normalizeControlUiBasePath(const std::string& configured) {
  const std::string path = core::trimmed(configured);
  if (path.size() > 256) throw std::invalid_argument("is longer than 256 characters");
  std::string normalized;
  std::size_t start = 0;
  while (start < path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    const std::string segment = path.substr(start, end - start);
    start = end + 1;
    // A leading slash, and trailing ones, make empty segments at the ends only.
    if (segment.empty()) {
      if (end == 0 || start >= path.size()) continue;
      throw std::invalid_argument("has an empty segment (\"//\"): \"" + path + "\"");
    }
    if (segment == "." || segment == "..") {
      throw std::invalid_argument("has a \".\" or \"..\" segment: \"" + path + "\"");
    }
    for (const char c : segment) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x21 || byte == 0x7f || c == '?' || c == '#' || c == '\\' || c == '%') {
        throw std::invalid_argument(
            "must be a plain URL path (no spaces, '?', '#', '%', '\\\\' or control "
            "characters): \"" +
            path + "\"");
      }
    }
    normalized += "/" + segment;
  }
  return normalized;
}

std::filesystem::path installedDataDir() {
  return std::filesystem::path(OPENCLAW_INSTALL_DATADIR) / "openclaw";
}

}  // namespace openclaw::config
