#include "canvas/canvas_host.h"

#include <boost/asio/post.hpp>
#include <fstream>

#include "canvas/a2ui_page.h"
#include "canvas/canvas_paths.h"
#include "core/clock.h"
#include "core/files.h"
#include "core/logging.h"

namespace openclaw::canvas {
namespace fs = std::filesystem;
using rpc::HttpRequest;
using rpc::HttpResponse;

namespace {

HttpResponse plain(unsigned status, const std::string& text) {
  HttpResponse response;
  response.status = status;
  response.contentType = "text/plain; charset=utf-8";
  response.body = text + "\n";
  return response;
}

std::string readBounded(const fs::path& file) {
  const std::uintmax_t size = fs::file_size(file);
  if (size > CanvasHost::kMaxFileBytes) {
    throw std::runtime_error(file.string() + " is larger than " +
                             std::to_string(CanvasHost::kMaxFileBytes) + " bytes");
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    throw std::runtime_error("cannot read " + file.string());
  }
  return bytes;
}

// The host part of a Host header ("a:1" -> "a", "[::1]:1" -> "[::1]"); 127.0.0.1 when empty.
std::string hostOnly(std::string_view hostHeader) {
  std::string_view host = hostHeader;
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') + 1);
  } else if (const std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return host.empty() ? "127.0.0.1" : std::string(host);
}

// The gate's answer when it refuses the request; nullopt when the caller may proceed.
std::optional<HttpResponse> refusal(const httpapi::HttpGate& gate, const HttpRequest& request) {
  httpapi::HttpOutcome<httpapi::HttpCaller> outcome = gate.admit(request);
  if (auto* refused = std::get_if<HttpResponse>(&outcome)) return std::move(*refused);
  return std::nullopt;
}

}  // namespace

CanvasHost::CanvasHost(CanvasHostContext context, config::CanvasHostSettings settings, int port)
    : context_(std::move(context)), settings_(std::move(settings)), configuredPort_(port) {
  addRoutes(router_);
}

CanvasHost::~CanvasHost() = default;

void CanvasHost::start() {
  try {
    core::ensurePrivateDir(settings_.root);  // like the rest of the state: owner-only
  } catch (const fs::filesystem_error& error) {
    throw std::runtime_error("canvas host: cannot create canvasHost.root " +
                             settings_.root.string() + ": " + error.code().message());
  }
  transport_ = std::make_unique<server::Transport>(
      context_.io, hub_, router_, context_.gateway.limits, context_.gateway.controlUi);
  transport_->routeUpgrades(upgradeRouter(true));
  try {
    transport_->listen(context_.gateway.bindHosts, configuredPort_);
  } catch (const server::AddressInUse& error) {
    throw std::runtime_error(std::string("canvas host: ") + error.what() +
                             "; set canvasHost.port (or OPENCLAW_CANVAS_HOST_PORT) to a free "
                             "port, or canvasHost.enabled to false");
  }
  if (settings_.liveReload) {
    watcher_ = std::make_unique<RootWatcher>(context_.io, settings_.root, [this] {
      core::logger("canvas")->debug("canvas root changed; reloading {} page(s)", hub_.size());
      hub_.reloadAll();
    });
  }
  for (const std::string& host : context_.gateway.bindHosts) {
    core::logger("canvas")->info("canvas host on http://{}:{}{}/ serving {}", host, port(),
                                 kCanvasPrefix, settings_.root.string());
  }
}

void CanvasHost::stop() {
  watcher_.reset();
  if (transport_) transport_->stopAccepting();
  hub_.closeAll();
}

int CanvasHost::port() const { return transport_ ? transport_->port() : configuredPort_; }

void CanvasHost::addRoutes(rpc::HttpRouter& router) {
  const auto handler = [this](const HttpRequest& request, rpc::HttpRouter::Respond respond) {
    serve(request, respond);
  };
  router.addPrefixAsync("GET", std::string(kCanvasPrefix), handler);
  router.addPrefixAsync("GET", std::string(kCapabilityPrefix), handler);
  router.addPrefixAsync("GET", std::string(kA2uiPrefix), handler);
}

server::UpgradeRouter CanvasHost::upgradeRouter(bool refuseOthers) {
  return [this, refuseOthers](const HttpRequest& upgrade) -> std::optional<server::UpgradeRoute> {
    const std::optional<RoutedPath> routed = splitCapability(upgrade.path);
    const bool liveReload = routed && routed->path == kLiveReloadPath;
    if (!liveReload && !refuseOthers) return std::nullopt;
    if (!liveReload || !settings_.liveReload)
      return server::UpgradeRoute{nullptr, plain(404, "Not Found")};
    if (routed->capability) {
      if (!capabilities_.find(*routed->capability, core::nowMs())) {
        return server::UpgradeRoute{nullptr, plain(401, "Unauthorized")};
      }
    } else if (auto refused = refusal(context_.gate, upgrade)) {
      return server::UpgradeRoute{nullptr, std::move(refused)};
    }
    return server::UpgradeRoute{&hub_, std::nullopt};
  };
}

CanvasHost::Minted CanvasHost::mintUrl(std::string_view hostHeader, std::string_view canvasPath,
                                       const std::string& nodeId) {
  const std::int64_t now = core::nowMs();
  const std::int64_t expiresAtMs = now + settings_.capabilityTtlSeconds * 1000;
  const std::string_view path = canvasPath.substr(0, canvasPath.find_first_of("?#"));
  const std::string token = capabilities_.mint({scopeOf(path), nodeId, expiresAtMs}, now);
  return {"http://" + hostOnly(hostHeader) + ":" + std::to_string(port()) +
              std::string(kCapabilityPrefix) + "/" + token + std::string(canvasPath),
          expiresAtMs};
}

void CanvasHost::serve(const HttpRequest& request, const rpc::HttpRouter::Respond& respond) {
  const std::optional<RoutedPath> routed = splitCapability(request.path);
  if (!routed) return respond(plain(404, "Not Found"));
  const bool canvasPath =
      routed->path == kCanvasPrefix || routed->path.starts_with(std::string(kCanvasPrefix) + "/");
  const std::string below = canvasPath ? routed->path.substr(kCanvasPrefix.size()) : "";
  const std::optional<std::string> relative = canvasPath ? relativeCanvasFile(below) : std::nullopt;
  if (routed->capability) {
    // Scope is judged on the checked relative path, never on the raw one.
    const std::string normalised = std::string(kCanvasPrefix) + "/" + relative.value_or("");
    if (!relative || !capabilities_.admits(*routed->capability, normalised, core::nowMs())) {
      return respond(plain(401, "Unauthorized"));
    }
  } else if (auto refused = refusal(context_.gate, request)) {
    return respond(std::move(*refused));
  }
  const bool a2ui =
      !routed->capability &&
      (routed->path == kA2uiPrefix || routed->path.starts_with(std::string(kA2uiPrefix) + "/"));
  if (a2ui) {
    HttpResponse page;
    page.contentType = "text/html; charset=utf-8";
    page.body = std::string(a2uiPage());
    return respond(std::move(page));
  }
  if (!relative) return respond(plain(404, "Not Found"));
  std::string socketPath;
  if (settings_.liveReload) {
    socketPath = (routed->capability ? std::string(kCapabilityPrefix) + "/" + *routed->capability
                                     : std::string()) +
                 std::string(kLiveReloadPath);
  }
  serveFile(*relative, std::move(socketPath), respond);
}

// Reads on the pool, answers on the event loop. Copies what it needs: the host may be gone by
// the time a read ends (the answer is then dropped with the stopped loop).
void CanvasHost::serveFile(const std::string& relative, std::string socketPath,
                           const rpc::HttpRouter::Respond& respond) {
  auto read = [root = settings_.root, relative, socketPath = std::move(socketPath),
               contentTypeFor = context_.contentTypeFor, &io = context_.io, respond]() {
    HttpResponse response;
    try {
      const CanvasFile file = resolveCanvasFile(root, relative);
      if (file.status != 200) {
        response = plain(file.status, file.status == 403 ? "Forbidden" : "Not Found");
      } else {
        response.contentType = contentTypeFor(file.path.filename().string());
        response.body = readBounded(file.path);
        response.headers.emplace_back("X-Content-Type-Options", "nosniff");
        if (!socketPath.empty() && response.contentType.starts_with("text/html")) {
          response.body = withLiveReload(std::move(response.body), socketPath);
        }
      }
    } catch (const std::exception& error) {
      core::logger("canvas")->error("GET {}: {}", relative, error.what());
      response = plain(500, "Internal Server Error");
    }
    boost::asio::post(
        io, [respond, response = std::move(response)]() mutable { respond(std::move(response)); });
  };
  boost::asio::post(context_.pool, std::move(read));
}

}  // namespace openclaw::canvas
