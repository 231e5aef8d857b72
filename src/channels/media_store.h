#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "channels/channel.h"

namespace openclaw::channels {

// Where received attachments go: <workspace>/media/inbound/<channel>/.
std::filesystem::path inboundMediaDir(const std::filesystem::path& workspace,
                                      const std::string& channelId);

// Writes `file` to inboundMediaDir as "<uuid>-<safe name>" (owner-only), blocking. nullopt (and a
// log line) when it is larger than kMaxInboundMediaBytes or cannot be written.
std::optional<InboundMedia> saveInboundMedia(const std::filesystem::path& workspace,
                                             const std::string& channelId, const MediaFile& file);

// `name` reduced to letters, digits, '.', '-' and '_' (others become '_'), at most 80 bytes,
// never empty, never starting with '.'.
std::string safeFileName(const std::string& name);

}  // namespace openclaw::channels
