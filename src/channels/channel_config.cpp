#include "channels/channel_config.h"

#include <filesystem>
#include <optional>
#include <system_error>

#include "core/files.h"

namespace openclaw::channels {

config::ConfigFile channelConfigView(const std::string& channelId, const nlohmann::json& block) {
  config::ConfigFile view;
  view.path = "config";
  view.root = {{"channels", {{channelId, block.is_null() ? nlohmann::json::object() : block}}}};
  return view;
}

std::string channelPointer(const std::string& channelId) { return "/channels/" + channelId; }

std::string readSecretFile(const config::ConfigFile& view, const std::string& pointer,
                           const std::string& path) {
  const std::filesystem::path file = core::expandHome(path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw view.errorAt(pointer, "'" + path + "' is not a regular file");
  }
  std::optional<std::string> contents;
  try {
    contents = core::readFile(file);
  } catch (const std::exception&) {
    contents.reset();
  }
  if (!contents) throw view.errorAt(pointer, "cannot read '" + path + "'");
  while (!contents->empty() && (contents->back() == '\n' || contents->back() == '\r')) {
    contents->pop_back();
  }
  return *contents;
}

}  // namespace openclaw::channels
