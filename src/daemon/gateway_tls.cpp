#include "daemon/gateway_tls.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/logging.h"
#include "rpc/storage_await.h"
#include "server/tls_certificate.h"

namespace openclaw::daemon {
namespace {

void warnIfExpired(const server::ServerTlsContext& loaded, const config::TlsSettings& settings) {
  if (!loaded.expired) return;
  core::logger("tls")->warn(
      "TLS certificate {} expired ({}); clients refuse it unless they pin its fingerprint. "
      "Replace it, or remove both files to have a new self-signed pair generated",
      settings.certPath.string(), loaded.notAfter);
}

}  // namespace

GatewayTls::GatewayTls(boost::asio::io_context& io, boost::asio::thread_pool& blocking,
                       const config::GatewaySettings& settings, server::Transport& transport)
    : io_(io), blocking_(blocking), settings_(settings), transport_(transport) {
  const auto log = core::logger("tls");
  const config::TlsSettings& tls = settings.tls;
  if (server::ensureTlsFiles(tls, settings.bindHosts) == server::TlsFilesOutcome::Generated) {
    log->info("generated a self-signed TLS certificate {} (key {})", tls.certPath.string(),
              tls.keyPath.string());
  }
  const server::ServerTlsContext loaded = server::loadServerTlsContext(tls);
  warnIfExpired(loaded, tls);
  fingerprint_ = loaded.fingerprint;
  transport_.useTls(loaded.context);
}

GatewayTls::~GatewayTls() { *alive_ = false; }

void GatewayTls::watch() {
  std::vector<std::filesystem::path> files = {settings_.tls.certPath, settings_.tls.keyPath};
  if (settings_.tls.caPath) files.push_back(*settings_.tls.caPath);
  for (const auto& file : files) {
    try {
      watchers_.push_back(std::make_unique<ConfigWatcher>(io_, file, [this] { fileChanged(); }));
    } catch (const std::exception& error) {
      core::logger("tls")->warn("TLS certificate reload disabled for {}: {}", file.string(),
                                error.what());
    }
  }
}

void GatewayTls::reloadModeChanged() {
  if (settings_.reloadMode == "off" || !missedWhilePaused_) return;
  missedWhilePaused_ = false;
  fileChanged();
}

void GatewayTls::fileChanged() {
  if (settings_.reloadMode == "off") {
    missedWhilePaused_ = true;
    return;
  }
  if (reloading_) {
    changedAgain_ = true;
    return;
  }
  reloading_ = true;
  boost::asio::co_spawn(io_, reload(), boost::asio::detached);
}

boost::asio::awaitable<void> GatewayTls::reload() {
  const auto alive = alive_;
  const auto log = core::logger("tls");
  do {
    changedAgain_ = false;
    const config::TlsSettings tls = settings_.tls;
    std::optional<server::ServerTlsContext> loaded;
    std::string failure;
    const auto load = [&tls] { return server::loadServerTlsContext(tls); };
    try {
      loaded = co_await rpc::onPool(blocking_, load);
    } catch (const std::exception& error) {
      failure = error.what();
    }
    if (!*alive) co_return;
    if (!loaded) {
      log->error("TLS certificate reload failed, still serving fingerprint {}: {}", fingerprint_,
                 failure);
      continue;
    }
    warnIfExpired(*loaded, tls);
    transport_.useTls(loaded->context);
    if (loaded->fingerprint != fingerprint_) {
      log->info("TLS certificate reloaded; new connections get fingerprint (sha256): {}",
                loaded->fingerprint);
    }
    fingerprint_ = loaded->fingerprint;
  } while (changedAgain_);
  reloading_ = false;
}

}  // namespace openclaw::daemon
