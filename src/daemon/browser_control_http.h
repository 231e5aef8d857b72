#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>

#include "browser/browser_service.h"
#include "config/gateway_settings.h"
#include "httpapi/http_gate.h"
#include "rpc/http_router.h"
#include "server/transport.h"

namespace openclaw::daemon {

// The browser control service's HTTP face: the control routes (browser/browser_routes.h) on
// 127.0.0.1:<gateway port + 2> only, each request admitted by the gateway's HTTP gate (gateway
// token or password as a bearer, same lockout). JSON bodies up to 1 MiB; WebSocket upgrades are
// closed at once. A port that cannot be bound is logged and the gateway runs without it.
class BrowserControlHttp : private server::ConnectionObserver {
 public:
  BrowserControlHttp(boost::asio::io_context& io, const config::GatewaySettings& settings,
                     const httpapi::HttpGate& gate, browser::BrowserService& service, int port);
  ~BrowserControlHttp() override;
  void stopAccepting();

 private:
  void onOpen(const std::shared_ptr<rpc::Connection>& connection) override;
  void onMessage(const std::shared_ptr<rpc::Connection>&, std::string) override {}
  void onClosed(const std::shared_ptr<rpc::Connection>&) override {}
  void serve(const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond);

  boost::asio::io_context& io_;
  const httpapi::HttpGate& gate_;
  browser::BrowserService& service_;
  rpc::HttpRouter router_;
  std::unique_ptr<server::Transport> transport_;
};

}  // namespace openclaw::daemon
