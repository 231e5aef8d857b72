#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "config/gateway_settings.h"
#include "rpc/http_router.h"

namespace openclaw::daemon {

// The largest UI file served (the official UI's largest is about 3.5 MB); a bigger one is
// answered 500 and logged rather than read.
inline constexpr std::uintmax_t kControlUiMaxFileBytes = 32 * 1024 * 1024;

// Answers one GET or HEAD below `basePath` (the request path starts with it) from the first of
// `roots` that holds an index.html:
// - a file: its bytes, or its .br/.gz sibling when Accept-Encoding allows (Content-Encoding,
//   Vary: Accept-Encoding), with Content-Type by extension, an ETag (If-None-Match -> 304) and
//   Cache-Control (immutable for assets/, no-cache otherwise);
// - index.html, and any other missing path whose request accepts HTML and has no static-file
//   extension: the prepared index.html (controlui::prepareIndexHtml) with a CSP allowing its
//   inline scripts; with no UI installed, the built-in page (controlui::missingUiPage);
// - anything else, paths that would leave the root (also through symlinks), directories, direct
//   requests for .br/.gz files: 404.
// Every answer carries upstream's security headers. Reads files synchronously: call it off the
// event loop (addControlUiRoutes does).
rpc::HttpResponse serveControlUi(const rpc::HttpRequest& request, const std::string& basePath,
                                 const std::vector<std::filesystem::path>& roots);

// Serves the Control UI at running.controlUi.basePath (fixed for the routes' lifetime: a change
// needs a restart) from running.controlUi.roots. While running.controlUi.enabled is false (read
// at each request, so a hot reload applies at once) every path below the base path answers 404.
// "<basePath>" itself redirects to "<basePath>/"; "<basePath>/control-ui-config.json" is the UI's
// bootstrap config (basePath, assistant identity, feature switches), for requests with the
// gateway's shared secret as a bearer token, or one `isDeviceToken` accepts (a paired browser
// presents its device token first). Exact routes such as /health keep winning.
// Files are read on `pool`; the answer is handed back on `io`. `running`, `io` and `pool` must
// outlive the router.
void addControlUiRoutes(rpc::HttpRouter& router, const config::GatewaySettings& running,
                        boost::asio::io_context& io, boost::asio::thread_pool& pool,
                        std::function<bool(const std::string&)> isDeviceToken);

}  // namespace openclaw::daemon
