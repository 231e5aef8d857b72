#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/gateway_error.h"

namespace openclaw::auth {
class DeviceIdentity;
}

namespace openclaw::client {

struct ClientIdentity {
  std::string id = "cli";
  std::string mode = "cli";
  std::string version;
  std::string platform = "linux";
  std::optional<std::string> instanceId, displayName, deviceFamily, modelIdentifier;
};

struct ConnectOptions {
  std::string url = "ws://127.0.0.1:18789";
  std::optional<std::string> token, password;
  // A paired device's token (connect.params.auth.deviceToken).
  std::optional<std::string> deviceToken;
  // When set, connect() signs the challenge with this identity (connect.params.device).
  std::shared_ptr<const auth::DeviceIdentity> device;
  ClientIdentity client;
  std::string role = "operator";
  std::vector<std::string> scopes = {"operator.admin", "operator.read", "operator.write"};
  std::optional<std::string> locale;
  // Sent as the upgrade's Origin header, as a browser page would (the gateway then applies its
  // browser-origin policy); unset for the CLI and other native clients.
  std::optional<std::string> origin;
  // wss:// only. A certificate pin: the SHA-256 fingerprint of the gateway's leaf certificate
  // (64 hex digits, colon-separated pairs allowed, optional "sha256:" prefix). With a pin the CA
  // chain and host name are not checked; a different certificate fails open() with a
  // TransportError that prints the presented fingerprint and the expected one.
  std::optional<std::string> tlsFingerprint;
  // wss:// without a pin: PEM CA certificates trusted besides the system store.
  std::optional<std::string> caFile;
  int minProtocol = 4, maxProtocol = 4;
  std::chrono::milliseconds timeout{10000};  // budget for open + handshake, and for each send
  // Called with every frame received, in arrival order (tracing; the tests record frames).
  std::function<void(const std::string& frame)> onFrame;
};

struct CloseInfo {
  std::uint16_t code = 0;  // 1006 when the connection dropped without a close frame
  std::string reason;
};

// An ok:false response from the gateway; what() is "message (CODE)".
class RequestRejected : public std::runtime_error {
 public:
  explicit RequestRejected(protocol::GatewayError error);
  const protocol::GatewayError& error() const { return error_; }

 private:
  protocol::GatewayError error_;
};

// Socket-level failure: refused, timed out, TLS, or connection closed.
class TransportError : public std::runtime_error {
 public:
  TransportError(const std::string& message, std::optional<CloseInfo> close, bool timedOut);
  std::optional<CloseInfo> close() const { return close_; }  // set once the connection ended
  bool timedOut() const { return timedOut_; }                // a deadline passed

 private:
  std::optional<CloseInfo> close_;
  bool timedOut_;
};

// A blocking gateway connection. Every wait has a deadline; a timed-out read leaves the client
// usable. Events that arrive while waiting for a response are buffered for nextEvent().
// Not thread-safe.
class GatewayClient {
 public:
  // Stores the options; throws std::invalid_argument for a malformed URL or tlsFingerprint, or a
  // caFile that cannot be loaded. Does no I/O but reading caFile.
  explicit GatewayClient(ConnectOptions options);
  // Closes politely (close frame 1000) if still open; never throws.
  ~GatewayClient();
  GatewayClient(GatewayClient&&) noexcept;
  GatewayClient& operator=(GatewayClient&&) noexcept;

  // Resolves, connects and upgrades within options.timeout; returns the connect.challenge payload.
  // Throws TransportError, or std::logic_error when called a second time.
  nlohmann::json open();
  // open() + handshake(buildConnectParams()) within one options.timeout; returns hello-ok payload.
  // Throws RequestRejected when the gateway rejects the connect, TransportError otherwise.
  nlohmann::json connect();
  // The connect params connect() would send, built from the options.
  nlohmann::json buildConnectParams() const;
  // Sends a connect request with these params; returns the hello-ok payload or throws.
  nlohmann::json handshake(const nlohmann::json& connectParams);

  // Sends a request and returns its payload; throws RequestRejected on ok:false, TransportError on
  // timeout/close. With expectFinal, responses whose payload.status is "accepted" are skipped.
  nlohmann::json call(const std::string& method,
                      const nlohmann::json& params = nlohmann::json::object(),
                      std::chrono::milliseconds timeout = std::chrono::seconds(10),
                      bool expectFinal = false);
  // Like call() but returns the whole res frame, ok:true or ok:false.
  nlohmann::json request(const std::string& method,
                         const nlohmann::json& params = nlohmann::json::object(),
                         std::chrono::milliseconds timeout = std::chrono::seconds(10),
                         bool expectFinal = false);

  // The next event frame (buffered first, then from the wire); nullopt on timeout.
  // Like every read below, throws TransportError once the connection has ended.
  std::optional<nlohmann::json> nextEvent(std::chrono::milliseconds timeout);
  // The next event frame named `name`, dropping other events; throws TransportError on timeout.
  nlohmann::json waitEvent(const std::string& name, std::chrono::milliseconds timeout);

  // Sends one raw text frame within options.timeout.
  void sendText(std::string_view text);
  // The next unconsumed frame verbatim (buffered first, then from the wire); nullopt on timeout.
  std::optional<std::string> readText(std::chrono::milliseconds timeout);

  // Set once the connection ended: the peer's close frame, or 1006 if it just dropped.
  std::optional<CloseInfo> closeInfo() const;
  // Discards frames until the connection ends and returns how; throws TransportError on timeout.
  CloseInfo waitClosed(std::chrono::milliseconds timeout);
  // Sends a close frame and waits (up to options.timeout) for the reply; never throws.
  void close(std::uint16_t code = 1000) noexcept;

  // Largest incoming message accepted (default 64 MiB); bigger ones end the connection.
  void setReadMessageMax(std::size_t bytes);
  // Sets SO_RCVBUF on the socket before connecting; call before open().
  void setReceiveBufferSize(int bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openclaw::client
