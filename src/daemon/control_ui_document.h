#pragma once

#include <filesystem>
#include <string>
#include <vector>

// The HTML documents the gateway serves for the Control UI: the UI's own index.html, prepared
// for the base path, and the built-in page shown while no UI is installed.
namespace openclaw::daemon::controlui {

// The official index.html made servable under `basePath` ("" or "/openclaw"), as upstream's
// gateway does: its relative "./assets/…" and root icon/manifest links become absolute under the
// base path (so a deep link such as /openclaw/chat/main loads them from the right place), and
// the <html> tag gets data-openclaw-control-ui-base-path (where the UI reads its mount point,
// and the WebSocket URL ws(s)://<host><basePath> it connects to) and
// data-openclaw-terminal-enabled="false" (this gateway has no terminal).
std::string prepareIndexHtml(std::string html, const std::string& basePath);

// 'sha256-<base64>' of each inline <script> (one without src) with a body, in order: the CSP
// allows exactly these, as upstream's does.
std::vector<std::string> inlineScriptHashes(const std::string& html);

// Upstream's Content-Security-Policy for the Control UI, allowing `scriptHashes` as inline
// scripts. connect-src allows 'self' plus ws:/wss:, so the UI reaches the gateway's WebSocket on
// the same host (and a remote gateway the user picks).
std::string contentSecurityPolicy(const std::vector<std::string>& scriptHashes = {});

// The built-in page served at the base path while no UI is installed: how to install it, and the
// gateway's live health (fetched from /health by an inline script). `roots` are where the
// gateway looked.
std::string missingUiPage(const std::string& basePath,
                          const std::vector<std::filesystem::path>& roots);

}  // namespace openclaw::daemon::controlui
