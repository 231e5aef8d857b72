#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "client/gateway_client.h"

namespace openclaw::client {

// How far one probe of a gateway got, and what it learned on the way.
struct ProbeResult {
  bool reachable = false;      // the WebSocket opened and connect.challenge arrived
  bool authOk = false;         // the connect request was accepted (hello-ok)
  bool rpcOk = false;          // the probe method answered ok
  std::int64_t latencyMs = 0;  // from opening the socket to the method's answer (or the failure)
  nlohmann::json hello;        // hello-ok payload, null unless authOk
  nlohmann::json payload;      // the method's answer, null unless rpcOk
  std::optional<std::string> error;  // what stopped the probe
  // For gateway errors: details.code when given (e.g. AUTH_TOKEN_MISMATCH), else error.code.
  std::string errorCode;
};

// Opens a connection with `options`, completes the handshake and calls `method` (no params)
// within options.timeout per step. Never throws for gateway or transport failures: they end up
// in the result.
ProbeResult probeGateway(const ConnectOptions& options, const std::string& method);

}  // namespace openclaw::client
