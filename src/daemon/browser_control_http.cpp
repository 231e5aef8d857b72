#include "daemon/browser_control_http.h"

#include <boost/asio/post.hpp>

#include "core/logging.h"
#include "httpapi/query_string.h"

namespace openclaw::daemon {

BrowserControlHttp::BrowserControlHttp(boost::asio::io_context& io,
                                       const config::GatewaySettings& settings,
                                       const httpapi::HttpGate& gate,
                                       browser::BrowserService& service, int port)
    : io_(io), gate_(gate), service_(service) {
  for (const char* method : {"GET", "POST", "DELETE"}) {
    router_.addPrefixAsync(method, "/",
                           [this](const rpc::HttpRequest& request, rpc::HttpRouter::Respond done) {
                             serve(request, std::move(done));
                           });
  }
  transport_ =
      std::make_unique<server::Transport>(io, static_cast<server::ConnectionObserver&>(*this),
                                          router_, settings.limits, settings.controlUi);
  try {
    transport_->listen({"127.0.0.1"}, port);
    core::logger("browser")->info("browser control routes served at http://127.0.0.1:{}", port);
  } catch (const std::exception& error) {
    core::logger("browser")->warn("browser control HTTP service not started on port {}: {}", port,
                                  error.what());
  }
}

BrowserControlHttp::~BrowserControlHttp() = default;

void BrowserControlHttp::stopAccepting() { transport_->stopAccepting(); }

void BrowserControlHttp::onOpen(const std::shared_ptr<rpc::Connection>& connection) {
  connection->close(1008, "the browser control port serves HTTP only");
}

void BrowserControlHttp::serve(const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
  auto admitted = gate_.admit(request);
  if (auto* refusal = std::get_if<rpc::HttpResponse>(&admitted)) return respond(*refusal);
  browser::BrowserRequest call;
  call.method = request.method;
  call.path = request.path;
  call.query = httpapi::queryParameters(request.query);
  if (!request.body.empty()) {
    auto body = httpapi::jsonObjectBody(request);
    if (auto* refusal = std::get_if<rpc::HttpResponse>(&body)) return respond(*refusal);
    call.body = std::get<nlohmann::json>(std::move(body));
  }
  service_.handle(std::move(call), [&io = io_, respond](browser::BrowserResponse response) {
    boost::asio::post(io, [respond, response = std::move(response)] {
      respond(
          rpc::HttpResponse::json(static_cast<unsigned>(response.status), response.body.dump()));
    });
  });
}

}  // namespace openclaw::daemon
