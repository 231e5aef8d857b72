#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "config/config_file.h"

namespace openclaw::channels {

// A config::ConfigFile holding only `channels.<channelId>` = `block` (null counts as empty), so
// a channel reads its block with the typed accessors (view.string, view.integer, ...) at
// channelPointer(channelId) + "/<key>" and every error names the key, e.g.
// "config: channels.telegram.pollTimeoutSeconds: must be between 0 and 50, got 90".
config::ConfigFile channelConfigView(const std::string& channelId, const nlohmann::json& block);

// "/channels/<channelId>", the block's JSON pointer in channelConfigView.
std::string channelPointer(const std::string& channelId);

// A secret file's contents without trailing line breaks (a leading "~" is expanded). Throws
// view.errorAt(pointer, ...) when `path` is not a regular file or cannot be read.
std::string readSecretFile(const config::ConfigFile& view, const std::string& pointer,
                           const std::string& path);

}  // namespace openclaw::channels
