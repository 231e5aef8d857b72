#include "channels/media_store.h"

#include <cctype>

#include "core/files.h"
#include "core/logging.h"
#include "core/random_ids.h"

namespace openclaw::channels {

std::filesystem::path inboundMediaDir(const std::filesystem::path& workspace,
                                      const std::string& channelId) {
  return workspace / "media" / "inbound" / channelId;
}

std::string safeFileName(const std::string& name) {
  constexpr std::size_t kMaxNameBytes = 80;
  std::string safe;
  for (const char c : name) {
    if (safe.size() == kMaxNameBytes) break;
    const bool plain =
        std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    safe += plain ? c : '_';
  }
  if (safe.empty() || safe.front() == '.') safe.insert(0, "file");
  return safe;
}

std::optional<InboundMedia> saveInboundMedia(const std::filesystem::path& workspace,
                                             const std::string& channelId, const MediaFile& file) {
  auto log = core::logger("channels");
  if (file.bytes.size() > kMaxInboundMediaBytes) {
    log->warn("{} attachment {} skipped: {} bytes is over the {} byte limit", channelId,
              file.fileName, file.bytes.size(), kMaxInboundMediaBytes);
    return std::nullopt;
  }
  const std::filesystem::path dir = inboundMediaDir(workspace, channelId);
  const std::filesystem::path path = dir / (core::uuidV4() + "-" + safeFileName(file.fileName));
  try {
    core::ensurePrivateDir(dir);
    core::writeFileAtomic(path, file.bytes);
  } catch (const std::exception& error) {
    log->error("{} attachment {} not saved: {}", channelId, file.fileName, error.what());
    return std::nullopt;
  }
  return InboundMedia{path.string(), file.fileName, file.contentType, file.bytes.size()};
}

}  // namespace openclaw::channels
