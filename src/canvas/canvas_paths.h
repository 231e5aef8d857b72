#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// The URL space of the canvas host and how a request path names a file under its root, without
// any serving: pure functions plus filesystem look-ups.
namespace openclaw::canvas {

// Files under canvasHost.root, on the canvas port and the gateway port.
inline constexpr std::string_view kCanvasPrefix = "/__openclaw__/canvas";
// Capability URLs: /__openclaw__/cap/<token>/__openclaw__/canvas/<path> (and .../__openclaw__/ws).
inline constexpr std::string_view kCapabilityPrefix = "/__openclaw__/cap";
// The live-reload WebSocket.
inline constexpr std::string_view kLiveReloadPath = "/__openclaw__/ws";
// The built-in A2UI host page.
inline constexpr std::string_view kA2uiPrefix = "/__openclaw__/a2ui";

// A request path split into its capability token (when it came through a capability URL) and
// the path it names ("/__openclaw__/canvas/x" or "/__openclaw__/ws").
struct RoutedPath {
  std::optional<std::string> capability;
  std::string path;
};
// nullopt for a capability path without a token or without anything after it.
std::optional<RoutedPath> splitCapability(std::string_view requestPath);

// The relative file (segments joined by '/') that a path below kCanvasPrefix names: "" or "/"
// -> "", "/a/b.html" -> "a/b.html". Percent-decoded first. nullopt for a path that could leave
// the root or is not plain: bad escapes, NUL or control bytes, backslashes, "." or ".."
// segments, empty segments.
std::optional<std::string> relativeCanvasFile(std::string_view pathBelowPrefix);

// What a relative file resolves to under a root.
struct CanvasFile {
  unsigned status = 200;       // 200, 404 (missing or not a plain path), 403 (a symlink escape)
  std::filesystem::path path;  // the real path of the regular file to serve (status 200)
};
// Resolves `relative` under `root`: a directory serves its index.html; every symlink is
// followed and the result must stay inside the root's real path (403 otherwise).
CanvasFile resolveCanvasFile(const std::filesystem::path& root, const std::string& relative);

}  // namespace openclaw::canvas
