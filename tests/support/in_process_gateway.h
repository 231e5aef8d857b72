#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/device_identity.h"
#include "config/gateway_settings.h"
#include "daemon/gateway_services.h"
#include "fake_connection.h"
#include "store/database.h"
#include "temp_dir.h"

namespace openclaw::testsupport {

// The gateway's control plane with every method family (daemon::GatewayServices, as the server
// builds it) on a fresh state directory, driven through fake connections instead of sockets.
// Nothing runs on its own: the wait functions run the event loop until the awaited frame
// arrives or the deadline passes (storage and blocking work runs on their pools meanwhile).
class InProcessGateway {
 public:
  static constexpr const char* kToken = "in-process-token";
  static constexpr std::chrono::milliseconds kDeadline{5000};

  // `configPatch` is merged into a local, token-authenticated config before it is resolved the
  // way `openclaw gateway run` resolves it.
  explicit InProcessGateway(const nlohmann::json& configPatch = nlohmann::json::object());
  ~InProcessGateway();
  InProcessGateway(const InProcessGateway&) = delete;
  InProcessGateway& operator=(const InProcessGateway&) = delete;

  const config::GatewaySettings& settings() const { return settings_; }
  const std::filesystem::path& stateDir() const { return settings_.paths.stateDir; }
  daemon::GatewayServices& services() { return *services_; }

  // A new connection from `remoteAddress`, opened on the plane (it gets connect.challenge).
  std::shared_ptr<FakeConnection> open(const std::string& remoteAddress = "127.0.0.1");
  // The params of a connect with the gateway token, role "operator" and `scopes`.
  static nlohmann::json connectParams(const std::vector<std::string>& scopes);
  // Opens a connection and sends connect with `params`; throws unless hello-ok arrives.
  std::shared_ptr<FakeConnection> connect(const nlohmann::json& params);
  // A connect from `remoteAddress` with `params` plus a proof of `device` signed over the
  // connection's challenge: the connection and connect's response (hello-ok or the refusal).
  struct DeviceConnect {
    std::shared_ptr<FakeConnection> connection;
    nlohmann::json response;
  };
  DeviceConnect connectDevice(nlohmann::json params, const auth::DeviceIdentity& device,
                              const std::string& remoteAddress = "127.0.0.1");
  // connect(connectParams(scopes)).
  std::shared_ptr<FakeConnection> connectOperator(const std::vector<std::string>& scopes = {
                                                      "operator.admin", "operator.read",
                                                      "operator.write", "operator.approvals",
                                                      "operator.pairing"});

  // Hands one text frame to the plane, as the transport does for every frame it reads.
  void sendText(const std::shared_ptr<FakeConnection>& connection, std::string text);
  // Sends a request frame (a fresh id) and returns its id.
  std::string sendRequest(const std::shared_ptr<FakeConnection>& connection,
                          const std::string& method,
                          const nlohmann::json& params = nlohmann::json::object());
  // Sends a request and returns its response frame (the first one for the request's id).
  nlohmann::json request(const std::shared_ptr<FakeConnection>& connection,
                         const std::string& method,
                         const nlohmann::json& params = nlohmann::json::object());
  // The `index`-th (0: first) response to request `id`, waited for.
  nlohmann::json response(const std::shared_ptr<FakeConnection>& connection, const std::string& id,
                          std::size_t index = 0);
  // The `index`-th (0: first) event frame named `event`, waited for.
  nlohmann::json event(const std::shared_ptr<FakeConnection>& connection, const std::string& event,
                       std::size_t index = 0);
  // Runs the loop until `connection` got `index + 1` frames for which `match` holds; returns the
  // last of them. Throws std::runtime_error (listing what did arrive) at the deadline.
  nlohmann::json waitFrame(const std::shared_ptr<FakeConnection>& connection,
                           const std::function<bool(const nlohmann::json&)>& match,
                           std::size_t index = 0, std::chrono::milliseconds deadline = kDeadline);
  // Runs the loop until `connection` was closed, then disconnect()s it; false at the deadline.
  bool waitClosed(const std::shared_ptr<FakeConnection>& connection,
                  std::chrono::milliseconds deadline = kDeadline);
  // Runs the loop until `done` holds; false at the deadline.
  bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds deadline = kDeadline);
  // Tells the plane that `connection` is gone, as the transport does once its socket closed
  // (once per connection; the destructor does it for the ones still open).
  void disconnect(const std::shared_ptr<FakeConnection>& connection);

 private:
  TempDir dir_;
  config::GatewaySettings settings_;
  boost::asio::io_context io_{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  boost::asio::thread_pool storage_{1};
  boost::asio::thread_pool blocking_{2};
  std::unique_ptr<store::Database> database_;
  std::unique_ptr<daemon::GatewayServices> services_;
  std::vector<std::shared_ptr<FakeConnection>> open_;
  int nextConnection_ = 1;
  int nextRequest_ = 1;
};

// Whether `frame` is a response with ok == false and error.code == `code`.
bool isError(const nlohmann::json& frame, const std::string& code);

}  // namespace openclaw::testsupport
