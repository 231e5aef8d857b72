#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "channels/channel.h"
#include "protocol/result.h"
#include "rpc/gateway_runtime.h"

namespace openclaw::channels {

// The largest file `send` attaches (upstream's limit too), and how many files one send takes.
inline constexpr std::uint64_t kMaxOutboundMediaBytes = 25ull * 1024 * 1024;
inline constexpr std::size_t kMaxOutboundMediaFiles = 10;

// What `send` may attach.
struct OutboundMediaPolicy {
  // Local paths must resolve (symlinks followed) to a regular file inside one of these: the
  // agent workspace and <stateDir>/media. A relative path is relative to the first.
  std::vector<std::filesystem::path> localRoots;
  std::uint64_t maxBytes = kMaxOutboundMediaBytes;
  // Fetching one URL (connect, redirects and body) must finish within this.
  std::chrono::milliseconds timeout{30'000};
  // URLs may reach loopback, private and other non-public addresses (tests only; the gateway
  // always refuses them).
  bool allowPrivateNetwork = false;
};

// Loads `source` for the `field` of a send ("mediaUrl", "mediaUrls[1]"): an http(s) URL (GET,
// at most 3 redirects, every address checked against the SSRF guard), a "file://" URL or a
// local path. Content type from the server's header, else the bytes, else the extension
// (mediaContentType). Fails INVALID_REQUEST naming the field: unsupported scheme, refused
// address, HTTP error, too large, not found, outside localRoots, not a regular file, unreadable.
boost::asio::awaitable<protocol::Result<MediaFile>> loadOutboundMedia(rpc::GatewayRuntime& runtime,
                                                                      std::string field,
                                                                      std::string source,
                                                                      OutboundMediaPolicy policy);

// The `buffer` of a send (base64, standard or URL alphabet) with its filename and contentType.
// INVALID_REQUEST "buffer: ..." when it does not decode, is empty or is larger than maxBytes.
protocol::Result<MediaFile> mediaFromBuffer(const std::string& base64, const std::string& fileName,
                                            const std::string& contentType,
                                            const OutboundMediaPolicy& policy);

// The local half of loadOutboundMedia, blocking (on the blocking pool).
protocol::Result<MediaFile> readLocalMedia(const std::string& field, const std::string& source,
                                           const OutboundMediaPolicy& policy);

}  // namespace openclaw::channels
