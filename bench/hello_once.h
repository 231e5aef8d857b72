// One WebSocket connect up to hello-ok, for benches that wait for a gateway to be ready.
#pragma once

#include <chrono>
#include <string>

#include "client/gateway_client.h"

namespace openclaw::bench {

// Connects to ws://127.0.0.1:<port> with `token` (5 s budget) and hangs up after hello-ok.
// Throws what GatewayClient::connect throws: TransportError while nothing answers yet,
// RequestRejected when the gateway refuses the connect.
inline void helloOnce(int port, const std::string& token) {
  client::ConnectOptions options;
  options.url = "ws://127.0.0.1:" + std::to_string(port);
  options.token = token;
  options.client.version = "bench";
  options.timeout = std::chrono::seconds(5);
  client::GatewayClient client(options);
  client.connect();
}

}  // namespace openclaw::bench
