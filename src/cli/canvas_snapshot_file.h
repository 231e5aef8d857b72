#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace openclaw::cli {

// The image a node's canvas.snapshot answered with.
struct CanvasSnapshotImage {
  std::string bytes;      // decoded
  std::string extension;  // "png" or "jpg"
};

// Decodes a canvas.snapshot payload: the image is base64 in `base64` (or `data`, which some
// nodes use), optionally as a data: URL; `format` ("png", "jpeg", "jpg") names its type and
// defaults to `requestedFormat`. Throws std::runtime_error when there is no decodable image.
CanvasSnapshotImage decodeCanvasSnapshot(const nlohmann::json& payload,
                                         const std::string& requestedFormat);

// ./canvas-snapshot-<node>-<UTC yyyymmdd-hhmmss>.<extension>, with `node` reduced to
// characters that are safe in a file name.
std::filesystem::path defaultCanvasSnapshotPath(const std::string& node,
                                                const std::string& extension,
                                                std::chrono::system_clock::time_point now);

}  // namespace openclaw::cli
