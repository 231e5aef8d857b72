// The listener: accepts connections and hands each to the plain or the TLS serving code
// (transport_plain.cpp, transport_tls.cpp), the only translation units that see Boost.Beast on
// the server side; that keeps Beast's heavy templates out of every other file.
#include "server/transport.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "server/transport_entry.h"

namespace openclaw::server {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// TLS connections accepted but not yet through their handshake; past this the oldest is closed.
constexpr std::size_t kMaxPendingHandshakes = 256;

}  // namespace

struct Transport::Impl {
  detail::TransportShared shared;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  // Set: every connection is served over TLS, new handshakes with this context.
  std::shared_ptr<asio::ssl::context> tls;
  detail::PendingHandshakes pendingHandshakes{kMaxPendingHandshakes};

  asio::awaitable<void> acceptLoop(tcp::acceptor& acceptor) {
    boost::system::error_code ec;
    while (acceptor.is_open()) {
      tcp::socket socket =
          co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) break;
      if (ec) continue;  // e.g. EMFILE: keep serving the connections we have
      // Frames are small and latency matters more than packet count: no Nagle delays.
      socket.set_option(tcp::no_delay(true), ec);
      if (tls) {
        asio::co_spawn(shared.io,
                       detail::serveTls(shared, std::move(socket), tls, pendingHandshakes),
                       asio::detached);
      } else {
        asio::co_spawn(shared.io, detail::servePlain(shared, std::move(socket)), asio::detached);
      }
    }
  }
};

Transport::Transport(asio::io_context& io, ConnectionObserver& observer,
                     const rpc::HttpRouter& router, const config::GatewayLimits& limits,
                     const config::ControlUiSettings& originPolicy, core::Gauge* queuedBytes)
    : impl_(std::make_unique<Impl>(
          Impl{{io, observer, router, limits, originPolicy, queuedBytes, 0, {}}, {}, nullptr})) {}

Transport::~Transport() = default;

void Transport::useTls(std::shared_ptr<asio::ssl::context> context) {
  impl_->tls = std::move(context);
}

bool Transport::tls() const { return impl_->tls != nullptr; }

void Transport::routeUpgrades(UpgradeRouter router) {
  impl_->shared.upgradeRouter = std::move(router);
}

void Transport::listen(const std::vector<std::string>& hosts, int port) {
  int& boundPort = impl_->shared.boundPort;
  for (const std::string& host : hosts) {
    const tcp::endpoint endpoint(asio::ip::make_address(host),
                                 static_cast<unsigned short>(boundPort ? boundPort : port));
    auto acceptor = std::make_unique<tcp::acceptor>(impl_->shared.io);
    boost::system::error_code ec;
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec == asio::error::address_in_use) {
      throw AddressInUse("port " + std::to_string(endpoint.port()) + " on " + host +
                         " is already in use");
    }
    if (ec) {
      throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(endpoint.port()) +
                               ": " + ec.message());
    }
    boundPort = acceptor->local_endpoint().port();
    impl_->acceptors.push_back(std::move(acceptor));
  }
  for (auto& acceptor : impl_->acceptors) {
    asio::co_spawn(impl_->shared.io, impl_->acceptLoop(*acceptor), asio::detached);
  }
}

int Transport::port() const { return impl_->shared.boundPort; }

void Transport::stopAccepting() {
  for (auto& acceptor : impl_->acceptors) {
    boost::system::error_code ignored;
    acceptor->close(ignored);
  }
}

}  // namespace openclaw::server
