#include "server/control_plane.h"

#include <algorithm>

#include "auth/shared_secret_auth.h"
#include "core/bounded_json.h"
#include "core/clock.h"
#include "core/json_fields.h"
#include "core/logging.h"
#include "core/network.h"
#include "core/random_ids.h"
#include "methods/system_snapshots.h"
#include "protocol/protocol_schema.h"
#include "protocol/protocol_version.h"
#include "protocol/scopes.h"
#include "rpc/frames.h"
#include "server/connect_auth.h"
#include "server/device_handshake.h"
#include "server/origin_policy.h"
#include "server/tailscale_identity.h"

namespace openclaw::server {
namespace {

using protocol::GatewayError;
using protocol::Result;

// WebSocket close codes used by the control plane.
constexpr std::uint16_t kCloseGoingAway = 1001;
constexpr std::uint16_t kCloseProtocolError = 1002;
constexpr std::uint16_t kClosePolicyViolation = 1008;
constexpr std::uint16_t kCloseServiceRestart = 1012;

// How long presence changes are gathered into one `presence` event.
constexpr auto kPresenceCoalescing = std::chrono::milliseconds(20);
// After a presence broadcast, the next one waits until the last one's bytes (frame size times
// recipients) would have gone out at this rate. With thousands of clients with rows, a list of
// 200 rows is about 60 KB per recipient; one per 20 ms would be gigabytes per second.
constexpr std::size_t kPresenceBytesPerSecond = 64 * 1024 * 1024;

// Events the control plane itself emits; method families add theirs to the registry.
const std::vector<std::string> kEvents = {"connect.challenge", "health", "presence", "shutdown",
                                          "tick"};

std::string requestIdOf(const nlohmann::json& frame) {
  if (frame.is_object()) {
    if (auto id = core::stringField(frame, "id"); id && !id->empty()) return *id;
  }
  return "invalid";
}

// Why `frame` is not a valid request frame (the text after "invalid request frame: "), or
// nullopt. A frame nested too deep was only read up to the limit, so it is invalid whatever
// that part holds.
std::optional<std::string> requestFrameProblem(const core::BoundedJson& frame) {
  if (frame.status == core::JsonParseStatus::kTooDeep) return core::tooDeepReason();
  return protocol::ProtocolSchema::instance().validate("RequestFrame", frame.value, "");
}

// The params of a validated request frame, moved out of it (they may be large: never copied);
// an empty object when the frame has none.
nlohmann::json takeParams(nlohmann::json& frame) {
  auto found = frame.find("params");
  if (found == frame.end()) return nlohmann::json::object();
  return std::move(*found);
}

// Scopes for a connection authenticated by the shared secret alone (no device identity): as
// upstream, only the local CLI (cli/cli) and local backend helpers (gateway-client/backend) keep
// the operator scopes they ask for; every other device-less client gets none, so scope-gated
// methods answer FORBIDDEN until the device is paired. `local` is a loopback peer that is not a
// browser (no Origin header): a web page never inherits the CLI's trust, even on auth "none".
// Unknown scope names are dropped.
std::vector<std::string> grantedScopes(const std::string& role, const std::string& clientId,
                                       const std::string& clientMode, bool local,
                                       const nlohmann::json& params) {
  std::vector<std::string> granted;
  const bool trustedLocalClient =
      local && ((clientId == "cli" && clientMode == "cli") ||
                (clientId == "gateway-client" && clientMode == "backend"));
  if (role != "operator" || !trustedLocalClient) return granted;
  for (const auto& scope : params.value("scopes", nlohmann::json::array())) {
    const std::string name = scope.get<std::string>();
    const auto& known = protocol::knownOperatorScopes();
    if (std::find(known.begin(), known.end(), name) != known.end() &&
        std::find(granted.begin(), granted.end(), name) == granted.end()) {
      granted.push_back(name);
    }
  }
  return granted;
}

// The gateway's own presence row: mode "gateway", reason "self".
presence::PresenceEntry selfPresence(const GatewayInfo& info) {
  presence::PresenceEntry self;
  self.key = info.instanceId;
  self.host = info.host;
  self.ip = info.ip;
  self.version = info.version;
  self.platform = info.platform;
  self.deviceFamily = "Linux";
  self.mode = "gateway";
  self.reason = "self";
  self.instanceId = info.instanceId;
  self.ts = info.startedAtMs;
  self.onlineSince = info.startedAtMs;
  self.text = presence::presenceText(self);
  return self;
}

// Who connected, from validated connect params (scopes are decided separately).
rpc::ClientSession sessionFromConnect(const nlohmann::json& params, int protocol,
                                      const std::string& connId) {
  const nlohmann::json& client = params.at("client");
  rpc::ClientSession session;
  session.protocol = protocol;
  session.role = params.value("role", "operator");
  session.clientId = client.at("id");
  session.clientMode = client.at("mode");
  session.clientVersion = client.at("version");
  session.platform = client.at("platform");
  session.displayName = core::stringField(client, "displayName");
  session.deviceFamily = core::stringField(client, "deviceFamily");
  session.modelIdentifier = core::stringField(client, "modelIdentifier");
  session.instanceId = core::stringField(client, "instanceId");
  session.presenceKey = session.instanceId.value_or(connId);
  for (const auto& cap : params.value("caps", nlohmann::json::array())) session.caps.push_back(cap);
  for (const auto& command : params.value("commands", nlohmann::json::array())) {
    session.commands.push_back(command);
  }
  session.permissions = params.value("permissions", nlohmann::json::object());
  return session;
}

// The presence row a connected client holds while its socket is open.
presence::PresenceEntry presenceForSession(const rpc::ClientSession& session,
                                           const std::string& ip) {
  presence::PresenceEntry entry;
  entry.key = session.presenceKey;
  entry.host = session.displayName.value_or(session.clientId);
  entry.ip = ip;
  entry.version = session.clientVersion;
  entry.platform = session.platform;
  entry.deviceFamily = session.deviceFamily;
  entry.modelIdentifier = session.modelIdentifier;
  entry.mode = session.clientMode;
  entry.reason = "connect";
  entry.instanceId = session.instanceId;
  entry.deviceId = session.deviceId;
  entry.roles = {session.role};
  entry.scopes = session.scopes;
  entry.ts = core::nowMs();
  entry.onlineSince = entry.ts;
  entry.text = presence::presenceText(entry);
  return entry;
}

}  // namespace

ControlPlane::ControlPlane(boost::asio::io_context& io, const config::GatewaySettings& settings,
                           GatewayInfo info, methods::HealthReport& health,
                           rpc::GatewayMetrics& metrics)
    : io_(io),
      settings_(settings),
      info_(std::move(info)),
      health_(health),
      metrics_(metrics),
      registry_(&metrics),
      rateLimiter_(settings.rateLimit),
      tickTimer_(io),
      presenceTimer_(io) {
  presence_.pin(selfPresence(info_));
  for (const std::string& event : kEvents) registry_.addEvent(event);
}

void ControlPlane::start(int port) {
  port_ = port;
  scheduleTick();
}

void ControlPlane::settingsChanged() {
  rateLimiter_.setPolicy(settings_.rateLimit);
  // As upstream, browser connections the new origin policy refuses are closed.
  for (auto& [key, peer] : connections_) {
    const auto& browser = peer.connection->browser();
    if (!browser) continue;
    if (auto refusal = browserOriginRefusal(*browser, settings_.controlUi)) {
      log(*peer.connection, "closing: " + *refusal + " after a config change");
      peer.connection->close(kClosePolicyViolation, *refusal);
    }
  }
  closeRevokedProxySessions();
  if (!shuttingDown_) {
    tickTimer_.cancel();
    scheduleTick();
  }
}

void ControlPlane::closeRevokedProxySessions() {
  for (auto& [key, peer] : connections_) {
    rpc::Connection& connection = *peer.connection;
    if (!connection.authenticated() || !connection.session().proxyUser) continue;
    const ClientAttribution client =
        attributeClient(connection.remoteAddress(), connection.upgradeHeaders(), settings_.proxy);
    const GatewayAuthVerdict verdict =
        authenticateGatewayClient(settings_, client, connection.upgradeHeaders(), nlohmann::json(),
                                  core::interfaceIPv4Addresses);
    if (verdict.outcome && verdict.proxyUser == connection.session().proxyUser) continue;
    const std::string reason =
        verdict.outcome ? "trusted proxy user changed" : verdict.outcome.error().message;
    core::logger("gateway")->warn("closing {} (user {}) after a config change: {}",
                                  connection.session().clientAddress,
                                  *connection.session().proxyUser, reason);
    connection.close(kClosePolicyViolation, reason);
  }
}

void ControlPlane::scheduleTick() {
  tickTimer_.expires_after(std::chrono::milliseconds(settings_.limits.tickIntervalMs));
  tickTimer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || shuttingDown_) return;
    if (presence_.expire(core::nowMs())) broadcastPresence();
    broadcast("tick", {{"ts", core::nowMs()}}, false);
    scheduleTick();
  });
}

void ControlPlane::log(const rpc::Connection& connection, const std::string& what) const {
  core::logger("ws")->debug("conn {} {}: {}", connection.connId(), connection.remoteAddress(),
                            what);
}

void ControlPlane::onOpen(const std::shared_ptr<rpc::Connection>& connection) {
  Peer& peer = connections_[connection.get()];
  peer.connection = connection;
  peer.challengeNonce = core::uuidV4();
  log(*connection, "open");
  if (shuttingDown_) {
    connection->close(kCloseServiceRestart, "gateway is shutting down");
    return;
  }
  connection->sendText(rpc::frames::event("connect.challenge",
                                          {{"nonce", peer.challengeNonce}, {"ts", core::nowMs()}}));
  peer.handshakeDeadline = std::make_unique<boost::asio::steady_timer>(io_);
  peer.handshakeDeadline->expires_after(
      std::chrono::milliseconds(settings_.limits.handshakeTimeoutMs));
  std::weak_ptr<rpc::Connection> weak = connection;
  peer.handshakeDeadline->async_wait([this, weak](const boost::system::error_code& ec) {
    auto expired = weak.lock();
    if (ec || !expired || expired->authenticated()) return;
    log(*expired, "handshake timeout");
    expired->close(kClosePolicyViolation, "handshake timeout");
  });
}

void ControlPlane::onClosed(const std::shared_ptr<rpc::Connection>& connection) {
  auto found = connections_.find(connection.get());
  if (found == connections_.end()) return;
  connections_.erase(found);
  log(*connection, "closed");
  if (connection->authenticated()) {
    metrics_.connectionClosed(connection->session().role);
    for (rpc::SessionListener* listener : listeners_) listener->onSessionEnded(connection);
    const rpc::ClientSession& session = connection->session();
    if (session.holdsPresence && presence_.detach(session.presenceKey)) broadcastPresence();
  }
  notifyIfDrained();
}

void ControlPlane::notifyIfDrained() {
  if (shuttingDown_ && connections_.empty() && onDrained_) {
    auto onDrained = std::move(onDrained_);
    onDrained_ = nullptr;
    onDrained();
  }
}

void ControlPlane::onMessage(const std::shared_ptr<rpc::Connection>& connection, std::string text) {
  auto found = connections_.find(connection.get());
  if (found == connections_.end()) return;
  core::BoundedJson frame = core::parseBoundedJson(text);
  if (frame.status == core::JsonParseStatus::kMalformed) {
    log(*connection, "malformed JSON; closing");
    connection->close(kClosePolicyViolation, "invalid JSON");
    return;
  }
  if (found->second.admitting) {
    connection->close(kClosePolicyViolation, "invalid handshake: connect in progress");
  } else if (!connection->authenticated()) {
    handleConnect(found->second, std::move(frame));
  } else {
    dispatch(connection, std::move(frame));
  }
}

void ControlPlane::reject(rpc::Connection& connection, const std::string& requestId,
                          const GatewayError& error, std::uint16_t closeCode) {
  log(connection, "connect rejected: " + error.message);
  connection.sendText(rpc::frames::errorResponse(requestId, error));
  connection.close(closeCode, error.message);
}

void ControlPlane::handleConnect(Peer& peer, core::BoundedJson parsed) {
  rpc::Connection& connection = *peer.connection;
  nlohmann::json& frame = parsed.value;
  // Client-controlled: "type" may be any JSON value, so read it type-safely.
  if (!frame.is_object() || core::stringField(frame, "type") != "req") {
    log(connection, "first frame is not a request; closing");
    connection.close(kClosePolicyViolation, "invalid request frame");
    return;
  }
  const std::string requestId = requestIdOf(frame);
  const auto& schema = protocol::ProtocolSchema::instance();
  if (auto problem = requestFrameProblem(parsed)) {
    reject(connection, requestId,
           GatewayError::invalidRequest("invalid request frame: " + *problem),
           kClosePolicyViolation);
    return;
  }
  if (frame.at("method") != "connect") {
    reject(connection, requestId,
           GatewayError::invalidRequest("invalid handshake: first request must be connect"),
           kClosePolicyViolation);
    return;
  }
  const nlohmann::json params = takeParams(frame);
  if (auto problem = schema.validate("ConnectParams", params, "params")) {
    reject(connection, requestId,
           GatewayError::invalidRequest("invalid connect params: " + *problem),
           kClosePolicyViolation);
    return;
  }
  const nlohmann::json& client = params.at("client");
  const std::string role = params.value("role", "operator");
  const std::string clientMode = client.at("mode");
  if (role != "operator" && role != "node") {
    reject(connection, requestId, GatewayError::invalidRequest("invalid role"),
           kClosePolicyViolation);
    return;
  }
  const int clientMin = params.at("minProtocol");
  const int clientMax = params.at("maxProtocol");
  const auto negotiated = protocol::negotiateProtocol(clientMin, clientMax, role, clientMode);
  if (!negotiated) {
    connection.sendText(rpc::frames::errorResponse(
        requestId,
        GatewayError::invalidRequest(
            "protocol mismatch", {{"code", "PROTOCOL_MISMATCH"},
                                  {"clientMinProtocol", clientMin},
                                  {"clientMaxProtocol", clientMax},
                                  {"expectedProtocol", protocol::kProtocolVersion},
                                  {"minimumProbeProtocol", protocol::kMinProbeProtocolVersion}})));
    log(connection, "connect rejected: protocol mismatch");
    connection.close(kCloseProtocolError, "protocol mismatch");
    return;
  }

  const std::int64_t now = core::monotonicMs();
  peer.client =
      attributeClient(connection.remoteAddress(), connection.upgradeHeaders(), settings_.proxy);
  noteIgnoredForwarding(peer.client, "WebSocket upgrade");
  const std::string& address = peer.client.clientAddress;
  if (auto lockedFor = rateLimiter_.lockedFor(address, now)) {
    reject(connection, requestId, auth::rateLimitedError(*lockedFor), kClosePolicyViolation);
    return;
  }
  if (tailscale_ != nullptr && !peer.tailscaleLogin) {
    const HeaderLookup header = [&connection](const std::string& name) {
      const auto& headers = connection.upgradeHeaders();
      auto found = headers.find(name);
      return found == headers.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
    if (auto claim = tailscale_->claimFor(connection.remoteAddress(), header,
                                          params.value("auth", nlohmann::json()))) {
      frame["params"] = params;  // handleConnect runs again once whois answered
      verifyTailscale(peer, *claim, std::move(parsed));
      return;
    }
  }
  // A login `tailscale whois` confirmed stands in for the gateway's credentials.
  const bool viaTailscale = peer.tailscaleLogin && !peer.tailscaleLogin->empty();
  GatewayAuthVerdict verdict =
      viaTailscale ? GatewayAuthVerdict{Result<void>{}, std::nullopt}
                   : authenticateGatewayClient(settings_, peer.client, connection.upgradeHeaders(),
                                               params.value("auth", nlohmann::json()),
                                               core::interfaceIPv4Addresses);
  peer.proxyUser = std::move(verdict.proxyUser);
  if (params.contains("device")) {
    admitDevice(peer, requestId, params, *negotiated, std::move(verdict.outcome));
    return;
  }
  if (!verdict.outcome) {
    const GatewayError& failure = verdict.outcome.error();
    rateLimiter_.recordFailure(address, now);
    core::logger("gateway")->warn("auth failed for {} ({}): {}", address,
                                  failure.details.value("code", ""), failure.message);
    reject(connection, requestId, failure, kClosePolicyViolation);
    return;
  }
  rateLimiter_.recordSuccess(address);

  rpc::ClientSession session = sessionFromConnect(params, *negotiated, connection.connId());
  session.scopes = grantedScopes(role, session.clientId, clientMode,
                                 peer.client.directLocal() && !connection.browser(), params);
  accept(peer, requestId, std::move(session), nlohmann::json::object());
}

void ControlPlane::verifyTailscale(Peer& peer, const TailscaleClaim& claim,
                                   core::BoundedJson connectFrame) {
  peer.admitting = true;
  std::weak_ptr<rpc::Connection> weak = peer.connection;
  auto frame = std::make_shared<core::BoundedJson>(std::move(connectFrame));
  tailscale_->verify(claim, [this, weak, frame](std::optional<std::string> login) {
    auto alive = weak.lock();
    auto found = alive ? connections_.find(alive.get()) : connections_.end();
    if (found == connections_.end() || shuttingDown_) return;
    found->second.admitting = false;
    found->second.tailscaleLogin = login.value_or("");
    if (login) log(*alive, "Tailscale identity " + *login + " confirmed by tailscale whois");
    handleConnect(found->second, std::move(*frame));
  });
}

void ControlPlane::admitDevice(Peer& peer, const std::string& requestId,
                               const nlohmann::json& params, int protocol, Result<void> shared) {
  rpc::Connection& connection = *peer.connection;
  if (pairing_ == nullptr) {
    reject(connection, requestId, GatewayError::invalidRequest("device pairing unavailable"),
           kClosePolicyViolation);
    return;
  }
  peer.admitting = true;
  std::weak_ptr<rpc::Connection> weak = peer.connection;
  admitDeviceConnect(
      *pairing_, params, peer.challengeNonce, connection, peer.client, std::move(shared),
      [this, weak, requestId, params, protocol](Result<pairing::DeviceAdmission> outcome) {
        auto alive = weak.lock();
        auto found = alive ? connections_.find(alive.get()) : connections_.end();
        if (found == connections_.end() || shuttingDown_) return;
        found->second.admitting = false;
        if (!outcome) {
          const GatewayError& error = outcome.error();
          const std::string code = error.details.value("code", "");
          if (code.rfind("AUTH_", 0) == 0) {
            rateLimiter_.recordFailure(found->second.client.clientAddress, core::monotonicMs());
          }
          reject(*alive, requestId, error, kClosePolicyViolation);
          return;
        }
        rateLimiter_.recordSuccess(found->second.client.clientAddress);
        pairing::DeviceAdmission& admission = outcome.value();
        rpc::ClientSession session = sessionFromConnect(params, protocol, alive->connId());
        session.scopes = std::move(admission.scopes);
        session.deviceId = params.at("device").at("id").get<std::string>();
        accept(found->second, requestId, std::move(session), admission.helloAuth);
      });
}

void ControlPlane::accept(Peer& peer, const std::string& requestId, rpc::ClientSession session,
                          const nlohmann::json& helloAuth) {
  rpc::Connection& connection = *peer.connection;
  session.clientAddress = peer.client.clientAddress;
  if (peer.proxyUser && session.role == "operator") {
    // gateway.auth.identityScopes: session-only grants for the verified user, as upstream.
    for (std::string& scope : identityScopesFor(settings_.proxy, *peer.proxyUser)) {
      if (std::find(session.scopes.begin(), session.scopes.end(), scope) == session.scopes.end())
        session.scopes.push_back(std::move(scope));
    }
  }
  session.proxyUser = peer.proxyUser;
  session.holdsPresence = presence_.attach(presenceForSession(session, session.clientAddress));
  connection.setSession(std::move(session));
  connection.setReadLimit(settings_.limits.maxPayloadBytes);
  peer.handshakeDeadline.reset();
  connection.sendText(rpc::frames::okResponse(requestId, helloOk(connection, helloAuth)));
  metrics_.connectionOpened(connection.session().role);
  const std::chrono::duration<double> handshake = std::chrono::steady_clock::now() - peer.openedAt;
  metrics_.handshakeSeconds().observe(handshake.count());
  const rpc::ClientSession& admitted = connection.session();
  const std::string via = peer.client.viaTrustedProxy()
                              ? " via proxy " + peer.client.peerAddress +
                                    (admitted.proxyUser ? " as user " + *admitted.proxyUser : "")
                              : "";
  core::logger("gateway")->info("client connected: {} {} {} v{} from {}{} (conn {})", admitted.role,
                                admitted.clientId, admitted.clientMode, admitted.clientVersion,
                                admitted.clientAddress, via, connection.connId());
  for (rpc::SessionListener* listener : listeners_) listener->onSessionStarted(peer.connection);
  if (connection.session().holdsPresence) broadcastPresence();
}

void ControlPlane::dispatch(const std::shared_ptr<rpc::Connection>& connection,
                            core::BoundedJson parsed) {
  const auto receivedAt = std::chrono::steady_clock::now();
  nlohmann::json& frame = parsed.value;
  const std::string requestId = requestIdOf(frame);
  rpc::Responder responder(
      connection, requestId,
      frame.is_object() ? core::stringField(frame, "method").value_or("?") : "?");
  if (auto problem = requestFrameProblem(parsed)) {
    responder.fail(GatewayError::invalidRequest("invalid request frame: " + *problem));
    return;
  }
  const std::string method = frame.at("method");
  log(*connection, "req " + method + " id=" + requestId);
  const rpc::MethodRegistry::Registered* registered = registry_.lookup(method);
  rpc::MethodStats& stats =
      registered && registered->stats ? *registered->stats : metrics_.unknownMethod();
  responder.measure(stats, receivedAt);
  if (method == "connect") {
    responder.fail(GatewayError::invalidRequest("already connected"));
    return;
  }
  if (registered == nullptr) {
    responder.fail(GatewayError::invalidRequest("unknown method: " + method));
    return;
  }
  const rpc::MethodSpec* spec = &registered->spec;
  const rpc::ClientSession& session = connection->session();
  const bool roleAllowed =
      spec->scope == "node"
          ? session.role == "node"
          : session.role == "operator" || (spec->nodeMayCall && session.role == "node");
  if (!roleAllowed) {
    responder.fail({protocol::codes::kForbidden,
                    method + " is not available to role " + session.role,
                    {{"code", "ROLE_NOT_ALLOWED"}, {"role", session.role}},
                    std::nullopt,
                    std::nullopt});
    return;
  }
  if (session.role == "operator" && !protocol::scopeSatisfied(session.scopes, spec->scope)) {
    responder.fail(GatewayError::missingScope(spec->scope));
    return;
  }
  nlohmann::json params = takeParams(frame);
  const auto& schema = protocol::ProtocolSchema::instance();
  if (auto problem = schema.validate(spec->paramsSchema, params, "params")) {
    responder.fail(GatewayError::invalidRequest("invalid " + method + " params: " + *problem));
    return;
  }
  if (spec->sideEffects) {
    if (auto key = core::stringField(params, "idempotencyKey")) {
      const std::string slot = rpc::IdempotencyCache::slot(method, *key);
      if (auto remembered = idempotency_.find(method, *key, core::monotonicMs())) {
        log(*connection, "idempotent retry of " + method + ": answering as before");
        responder.ok(*remembered);
        // A two-phase call: the retry also gets its final answer, now if it failed already,
        // else when it ends.
        if (remembered->is_object() && remembered->value("status", "") == "accepted") {
          if (auto failure = idempotency_.finalError(method, *key)) {
            responder.fail(*failure);
          } else {
            awaitingFinal_[slot].push_back(responder);
          }
        }
        return;
      }
      responder.setOnOk([this, method, key = *key, slot](const nlohmann::json& payload) {
        idempotency_.remember(method, key, payload, core::monotonicMs());
        if (payload.is_object() && payload.value("status", "") == "accepted") return;
        for (const rpc::Responder& retry : takeAwaitingFinal(slot)) retry.ok(payload);
      });
      responder.setOnFail([this, method, key = *key, slot](const GatewayError& error) {
        idempotency_.rememberFinalError(method, key, error);
        for (const rpc::Responder& retry : takeAwaitingFinal(slot)) retry.fail(error);
      });
    }
  }
  const auto handlerStarted = std::chrono::steady_clock::now();
  try {
    spec->handler(rpc::MethodCall{connection, method, params}, responder);
  } catch (const std::exception& error) {
    core::logger("gateway")->error("method {} failed: {}", method, error.what());
    responder.fail({protocol::codes::kUnavailable, method + " failed: " + error.what(), nullptr,
                    false, std::nullopt});
  }
  const std::chrono::duration<double> handlerTime =
      std::chrono::steady_clock::now() - handlerStarted;
  stats.handler.observe(handlerTime.count());
}

std::vector<rpc::Responder> ControlPlane::takeAwaitingFinal(const std::string& slot) {
  auto found = awaitingFinal_.find(slot);
  if (found == awaitingFinal_.end()) return {};
  std::vector<rpc::Responder> retries = std::move(found->second);
  awaitingFinal_.erase(found);
  return retries;
}

nlohmann::json ControlPlane::snapshot() {
  return {
      {"presence", presence_.toJson()},
      // hello-ok carries upstream's health shape exactly (its schema closes configReload).
      {"health", health_.helloSnapshot()},
      {"stateVersion", {{"presence", presence_.version()}, {"health", health_.version()}}},
      {"uptimeMs", core::monotonicMs() - info_.startedAtMonotonicMs},
      {"configPath", settings_.paths.configPath.string()},
      {"stateDir", settings_.paths.stateDir.string()},
      {"authMode", config::authModeName(settings_.auth.mode)},
  };
}

nlohmann::json ControlPlane::helloOk(const rpc::Connection& connection,
                                     const nlohmann::json& helloAuth) {
  const rpc::ClientSession& session = connection.session();
  nlohmann::json auth = helloAuth;
  auth["role"] = session.role;
  auth["scopes"] = session.scopes;
  nlohmann::json hello = {
      {"type", "hello-ok"},
      {"protocol", session.protocol},
      {"server", {{"version", info_.version}, {"connId", connection.connId()}}},
      {"features",
       {{"methods", registry_.names()},
        {"events", registry_.events()},
        {"capabilities", registry_.capabilities()}}},
      {"snapshot", snapshot()},
      {"auth", auth},
      {"policy",
       {{"maxPayload", settings_.limits.maxPayloadBytes},
        {"maxBufferedBytes", settings_.limits.maxBufferedBytes},
        {"tickIntervalMs", settings_.limits.tickIntervalMs}}},
  };
  for (const HelloExtension& extend : helloExtensions_) extend(connection, hello);
  return hello;
}

std::size_t ControlPlane::broadcast(const std::string& event, const nlohmann::json& payload,
                                    bool withStateVersion,
                                    const std::function<bool(const rpc::Connection&)>& accept) {
  std::optional<rpc::frames::StateVersion> stateVersion;
  if (withStateVersion)
    stateVersion = rpc::frames::StateVersion{presence_.version(), health_.version()};
  // Snapshot the peers first: a send that overflows a slow reader's buffer drops it, and the
  // transport may report that synchronously.
  std::vector<std::shared_ptr<rpc::Connection>> recipients;
  recipients.reserve(connections_.size());
  for (const auto& [key, peer] : connections_) {
    if (peer.connection->authenticated() && (!accept || accept(*peer.connection))) {
      recipients.push_back(peer.connection);
    }
  }
  const rpc::frames::BroadcastEvent frame(event, payload, stateVersion);
  std::size_t bytes = 0;
  for (const auto& connection : recipients) {
    rpc::OutboundText text = frame.frameFor(connection->nextEventSeq());
    bytes += text.size();
    connection->send(std::move(text));
  }
  core::logger("ws")->debug("event {} to {} clients", event, recipients.size());
  return bytes;
}

void ControlPlane::broadcastPresence() {
  // Changes that arrive close together (a burst of joins) go out as one event carrying the
  // latest rows and stateVersion, instead of one full list per change to every client; after a
  // big broadcast the next one waits longer (kPresenceBytesPerSecond).
  if (presencePending_) return;
  presencePending_ = true;
  presenceTimer_.expires_at(std::max(
      boost::asio::steady_timer::clock_type::now() + kPresenceCoalescing, nextPresenceAt_));
  presenceTimer_.async_wait([this](const boost::system::error_code& ec) {
    presencePending_ = false;
    if (ec || shuttingDown_) return;
    const std::size_t bytes = broadcast("presence", {{"presence", presence_.toJson()}}, true);
    nextPresenceAt_ = boost::asio::steady_timer::clock_type::now() +
                      std::chrono::microseconds(
                          static_cast<std::int64_t>(bytes / (kPresenceBytesPerSecond / 1'000'000)));
  });
}

void ControlPlane::shutdown(const std::string& reason,
                            std::optional<std::int64_t> restartExpectedMs) {
  if (shuttingDown_) return;
  shuttingDown_ = true;
  tickTimer_.cancel();
  presenceTimer_.cancel();
  nlohmann::json payload = {{"reason", reason}};
  if (restartExpectedMs) payload["restartExpectedMs"] = *restartExpectedMs;
  broadcast("shutdown", payload, false);
  const std::uint16_t code = restartExpectedMs ? kCloseServiceRestart : kCloseGoingAway;
  for (auto& [key, peer] : connections_) {
    peer.handshakeDeadline.reset();
    peer.connection->close(code,
                           restartExpectedMs ? "gateway restarting" : "gateway shutting down");
  }
  notifyIfDrained();
}

void ControlPlane::healthChanged() {
  health_.changed();
  if (shuttingDown_) return;
  // The snapshot without the admin-only reload error text: every reader gets the same frame.
  broadcast("health", health_.snapshot(false), true, [](const rpc::Connection& connection) {
    const rpc::ClientSession& session = connection.session();
    return session.role == "operator" &&
           protocol::scopeSatisfied(session.scopes, protocol::scopes::kRead);
  });
}

nlohmann::json ControlPlane::statusSummary(const rpc::Connection& caller) {
  methods::StatusInputs inputs;
  inputs.version = info_.version;
  inputs.host = info_.host;
  inputs.uptimeMs = core::monotonicMs() - info_.startedAtMonotonicMs;
  inputs.port = port_;
  const config::DerivedPorts derived = config::derivePorts(port_, settings_.canvasHostPort);
  inputs.browserControlPort = derived.browserControl;
  inputs.canvasHostPort = derived.canvasHost;
  inputs.bindMode = settings_.bindMode;
  inputs.bindHosts = settings_.bindHosts;
  inputs.authMode = config::authModeName(settings_.auth.mode);
  inputs.configPath = settings_.paths.configPath.string();
  inputs.stateDir = settings_.paths.stateDir.string();
  inputs.connections = connections_.size();
  inputs.presenceCount = presence_.size();
  inputs.callerIsAdmin =
      protocol::scopeSatisfied(caller.session().scopes, protocol::scopes::kAdmin);
  inputs.configReload = health_.reloadDetails(inputs.callerIsAdmin);
  return methods::buildStatusSummary(inputs);
}

nlohmann::json ControlPlane::presenceList() { return presence_.toJson(); }

void ControlPlane::broadcastToOperators(const std::string& event, const nlohmann::json& payload,
                                        const std::string& scope) {
  broadcast(event, payload, false, [&scope](const rpc::Connection& connection) {
    const rpc::ClientSession& session = connection.session();
    return session.role == "operator" &&
           (scope.empty() || protocol::scopeSatisfied(session.scopes, scope));
  });
}

bool ControlPlane::sendTo(const std::string& connId, const std::string& event,
                          const nlohmann::json& payload) {
  for (const auto& [key, peer] : connections_) {
    rpc::Connection& connection = *peer.connection;
    if (connection.connId() != connId || !connection.authenticated()) continue;
    connection.sendText(rpc::frames::event(event, payload, connection.nextEventSeq()));
    return true;
  }
  return false;
}

void ControlPlane::reportPresence(const presence::PresenceEntry& entry) {
  presence_.report(entry);
  broadcastPresence();
}

}  // namespace openclaw::server
