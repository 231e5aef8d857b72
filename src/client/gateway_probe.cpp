#include "client/gateway_probe.h"

#include <chrono>

namespace openclaw::client {
namespace {

std::string codeOf(const RequestRejected& error) {
  const nlohmann::json& details = error.error().details;
  if (details.is_object() && details.contains("code") && details["code"].is_string()) {
    return details["code"].get<std::string>();
  }
  return error.error().code;
}

}  // namespace

ProbeResult probeGateway(const ConnectOptions& options, const std::string& method) {
  using Clock = std::chrono::steady_clock;
  ProbeResult result;
  const Clock::time_point start = Clock::now();
  try {
    GatewayClient gateway(options);
    gateway.open();
    result.reachable = true;
    result.hello = gateway.handshake(gateway.buildConnectParams());
    result.authOk = true;
    result.payload = gateway.call(method, nlohmann::json::object(), options.timeout);
    result.rpcOk = true;
  } catch (const RequestRejected& error) {
    result.error = error.what();
    result.errorCode = codeOf(error);
  } catch (const std::exception& error) {  // transport failures and malformed URLs
    result.error = error.what();
  }
  result.latencyMs =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  return result;
}

}  // namespace openclaw::client
