#include "daemon/control_ui_routes.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "auth/constant_time.h"
#include "core/logging.h"
#include "core/network.h"
#include "daemon/control_ui_document.h"
#include "daemon/control_ui_http.h"
#include "server/connect_auth.h"

namespace openclaw::daemon {
namespace {

namespace fs = std::filesystem;
using rpc::HttpRequest;
using rpc::HttpResponse;

// What upstream's gateway sends with every Control UI answer.
HttpResponse secured(HttpResponse response, const std::string& csp) {
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Content-Security-Policy", csp);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("Permissions-Policy",
                                "camera=(self), microphone=*, geolocation=*, clipboard-write=*");
  return response;
}

HttpResponse plain(unsigned status, const std::string& text,
                   const std::string& csp = controlui::contentSecurityPolicy()) {
  HttpResponse response;
  response.status = status;
  response.contentType = "text/plain; charset=utf-8";
  response.body = text;
  return secured(std::move(response), csp);
}

HttpResponse notFound() { return plain(404, "Not Found"); }

// The first root that holds an index.html.
std::optional<fs::path> installedRoot(const std::vector<fs::path>& roots) {
  for (const fs::path& root : roots) {
    std::error_code ec;
    if (fs::is_regular_file(root / "index.html", ec)) return root;
  }
  return std::nullopt;
}

// The real path of `rootReal`/`file` when that is a regular file inside `rootReal` once every
// symlink is resolved; nullopt otherwise (missing, a directory, or escaping the root).
std::optional<fs::path> containedFile(const fs::path& rootReal, const std::string& file) {
  std::error_code ec;
  const fs::path real = fs::canonical(rootReal / file, ec);
  if (ec) return std::nullopt;
  const auto [rootEnd, unused] =
      std::mismatch(rootReal.begin(), rootReal.end(), real.begin(), real.end());
  if (rootEnd != rootReal.end() || !fs::is_regular_file(real, ec)) return std::nullopt;
  return real;
}

std::string readBounded(const fs::path& file, std::uintmax_t size) {
  if (size > kControlUiMaxFileBytes) {
    throw std::runtime_error(file.string() + " is larger than " +
                             std::to_string(kControlUiMaxFileBytes) + " bytes");
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    throw std::runtime_error("cannot read " + file.string());
  }
  return bytes;
}

// A 304's headers replace the cached answer's, so it carries the same CSP as the 200 would.
HttpResponse notModified(const std::string& tag, const std::string& cacheControl,
                         const std::string& csp) {
  HttpResponse response = plain(304, "", csp);
  response.headers.emplace_back("ETag", tag);
  response.headers.emplace_back("Cache-Control", cacheControl);
  response.headers.emplace_back("Vary", "Accept-Encoding");
  return response;
}

HttpResponse serveFile(const HttpRequest& request, const fs::path& rootReal,
                       const std::string& file, const fs::path& real) {
  const std::string extension = controlui::extensionOf(file);
  const auto choice = controlui::negotiateEncodings(request.header("accept-encoding"));
  fs::path chosen = real;
  std::string encoding;
  if (controlui::isCompressible(extension)) {
    for (const std::string& candidate : choice.compressed) {
      if (auto variant = containedFile(rootReal, file + controlui::variantSuffix(candidate))) {
        chosen = *variant;
        encoding = candidate;
        break;
      }
    }
  }
  if (encoding.empty() && !choice.identity) {
    HttpResponse refused = plain(406, "Not Acceptable");
    refused.headers.emplace_back("Vary", "Accept-Encoding");
    return refused;
  }
  const std::uintmax_t size = fs::file_size(chosen);
  const auto modified = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            fs::last_write_time(chosen).time_since_epoch())
                            .count();
  const std::string tag = controlui::entityTag(size, modified, encoding);
  const std::string cacheControl = controlui::cacheControlFor(file);
  if (controlui::ifNoneMatchHits(request.header("if-none-match"), tag)) {
    return notModified(tag, cacheControl, controlui::contentSecurityPolicy());
  }
  HttpResponse response;
  response.contentType = controlui::contentTypeFor(file);
  response.body = readBounded(chosen, size);
  response.headers.emplace_back("ETag", tag);
  response.headers.emplace_back("Cache-Control", cacheControl);
  response.headers.emplace_back("Vary", "Accept-Encoding");
  if (!encoding.empty()) response.headers.emplace_back("Content-Encoding", encoding);
  return secured(std::move(response), controlui::contentSecurityPolicy());
}

// An HTML document (prepared index.html or the built-in page): never cached without
// revalidation, its inline scripts allowed by hash.
HttpResponse serveDocument(const HttpRequest& request, unsigned status, std::string html) {
  const std::string tag = controlui::entityTagOf(html);
  const std::string csp = controlui::contentSecurityPolicy(controlui::inlineScriptHashes(html));
  if (status == 200 && controlui::ifNoneMatchHits(request.header("if-none-match"), tag)) {
    return notModified(tag, "no-cache", csp);
  }
  HttpResponse response;
  response.status = status;
  response.contentType = "text/html; charset=utf-8";
  response.body = std::move(html);
  response.headers.emplace_back("ETag", tag);
  response.headers.emplace_back("Cache-Control", "no-cache");
  return secured(std::move(response), csp);
}

// Where the UI fetches its bootstrap config: <basePath>/control-ui-config.json, plus the aliases
// upstream keeps for older bundles.
bool isBootstrapConfigPath(const std::string& path, const std::string& basePath) {
  return path == basePath + "/control-ui-config.json" ||
         path == basePath + "/__openclaw/control-ui-config.json" ||
         (basePath.empty() && path == "/__openclaw__/control-ui-config.json");
}

// Whether `request` may read the bootstrap config: a caller holding the gateway's shared secret
// or a paired device's operator token as a bearer token, any caller when auth is off, and in
// trusted-proxy mode a user the proxy vouches for (what a browser behind it has), as upstream.
bool mayReadBootstrapConfig(const HttpRequest& request, const config::GatewaySettings& settings,
                            const std::function<bool(const std::string&)>& isDeviceToken) {
  if (settings.auth.mode == config::AuthMode::None) return true;
  const std::string authorization = request.header("authorization");
  const std::string presented =
      authorization.rfind("Bearer ", 0) == 0 ? authorization.substr(7) : std::string();
  if (!presented.empty() &&
      (auth::secretsEqual(presented, settings.auth.secret) || isDeviceToken(presented))) {
    return true;
  }
  if (settings.auth.mode != config::AuthMode::TrustedProxy) return false;
  const server::ClientAttribution client =
      server::attributeClient(request.remoteAddress, request.headers, settings.proxy);
  return server::authenticateGatewayClient(settings, client, request.headers,
                                           nlohmann::json::object(), core::interfaceIPv4Addresses)
      .outcome.ok();
}

// The bootstrap config, for callers mayReadBootstrapConfig admits. Features this gateway lacks
// are off: no terminal, no CLI agents, no link favicons, no plugin frames; the assistant is
// upstream's default identity.
HttpResponse bootstrapConfig(const HttpRequest& request, const std::string& basePath,
                             const config::GatewaySettings& settings,
                             const std::function<bool(const std::string&)>& isDeviceToken) {
  if (!mayReadBootstrapConfig(request, settings, isDeviceToken)) {
    HttpResponse refused = plain(401, "Unauthorized");
    refused.headers.emplace_back("WWW-Authenticate", "Bearer");
    return refused;
  }
  const nlohmann::json config = {
      {"basePath", basePath},
      {"assistantName", "Assistant"},
      {"assistantAvatar", "A"},
      {"assistantAvatarSource", nullptr},
      {"assistantAvatarStatus", nullptr},
      {"assistantAvatarReason", nullptr},
      {"serverVersion", OPENCLAW_VERSION},
      {"embedSandbox", "scripts"},
      {"allowExternalEmbedUrls", false},
      {"automaticallyFetchFavicons", false},
      {"communityInvite", true},
      {"terminalEnabled", false},
      {"cliAgentsEnabled", false},
      {"pluginAssetsRequireAuth", settings.auth.mode != config::AuthMode::None},
      {"pluginFrameGrants", nlohmann::json::array()},
  };
  HttpResponse response = HttpResponse::json(200, config.dump());
  response.headers.emplace_back("Cache-Control", "no-cache");
  return secured(std::move(response), controlui::contentSecurityPolicy());
}

}  // namespace

HttpResponse serveControlUi(const HttpRequest& request, const std::string& basePath,
                            const std::vector<fs::path>& roots) {
  const auto file = controlui::fileForPath(std::string_view(request.path).substr(basePath.size()));
  if (!file) return notFound();
  const std::string extension = controlui::extensionOf(*file);
  if (extension == ".br" || extension == ".gz") return notFound();
  const bool isIndex = *file == "index.html" || file->ends_with("/index.html");
  const bool shell = *file == "index.html" || (controlui::acceptsHtml(request.header("accept")) &&
                                               !controlui::isStaticAssetExtension(extension));
  const auto root = installedRoot(roots);
  if (!root) {
    return shell ? serveDocument(request, 503, controlui::missingUiPage(basePath, roots))
                 : notFound();
  }
  const fs::path rootReal = fs::canonical(*root);
  auto real = containedFile(rootReal, *file);
  if (real && !isIndex) return serveFile(request, rootReal, *file, *real);
  if (!real) {
    if (!shell) return notFound();
    real = containedFile(rootReal, "index.html");
    if (!real) return notFound();
  }
  return serveDocument(
      request, 200,
      controlui::prepareIndexHtml(readBounded(*real, fs::file_size(*real)), basePath));
}

void addControlUiRoutes(rpc::HttpRouter& router, const config::GatewaySettings& running,
                        boost::asio::io_context& io, boost::asio::thread_pool& pool,
                        std::function<bool(const std::string&)> isDeviceToken) {
  const std::string basePath = running.controlUi.basePath;
  const std::vector<fs::path> roots = running.controlUi.roots;
  const auto serve = [&running, &io, &pool, basePath, roots,
                      isDeviceToken = std::move(isDeviceToken)](const HttpRequest& request,
                                                                rpc::HttpRouter::Respond respond) {
    if (!running.controlUi.enabled) return respond(notFound());
    if (!basePath.empty() && request.path == basePath) {
      HttpResponse redirect = plain(302, "");
      redirect.headers.emplace_back(
          "Location", basePath + "/" + (request.query.empty() ? "" : "?" + request.query));
      return respond(std::move(redirect));
    }
    if (isBootstrapConfigPath(request.path, basePath)) {
      return respond(bootstrapConfig(request, basePath, running, isDeviceToken));
    }
    boost::asio::post(pool, [request, basePath, roots, &io, respond = std::move(respond)]() {
      HttpResponse response;
      try {
        response = serveControlUi(request, basePath, roots);
      } catch (const std::exception& error) {
        core::logger("control-ui")->error("GET {}: {}", request.path, error.what());
        response = plain(500, "Internal Server Error");
      }
      boost::asio::post(io, [respond, response = std::move(response)]() mutable {
        respond(std::move(response));
      });
    });
  };
  router.addPrefixAsync("GET", basePath.empty() ? "/" : basePath, serve);
}

}  // namespace openclaw::daemon
