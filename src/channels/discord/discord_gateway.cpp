#include "channels/discord/discord_gateway.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <random>

#include "core/backoff.h"
#include "core/json_fields.h"
#include "core/logging.h"
#include "net/websocket_client.h"

namespace openclaw::channels::discord {

namespace asio = boost::asio;
using std::chrono::milliseconds;

namespace {

auto log() { return core::logger("discord"); }

constexpr auto kRestTimeout = std::chrono::seconds(30);
constexpr std::int64_t kMinHeartbeatMs = 1000;
constexpr std::int64_t kMaxHeartbeatMs = 600'000;

// Why a connection ended and what comes next.
struct Outcome {
  std::string reason;
  bool fatal = false;                 // stop reconnecting
  bool reidentify = false;            // the session is gone: identify anew
  std::optional<milliseconds> delay;  // instead of the backoff
};

std::string withQuery(std::string url) {
  if (url.find('?') != std::string::npos) return url;
  if (url.empty() || url.back() != '/') url += '/';
  return url + "?v=10&encoding=json";
}

}  // namespace

struct GatewaySession::State {
  State(asio::io_context& context, RestClient& client, std::string secret, GatewayEvents handlers,
        GatewayTimings settings)
      : io(context),
        rest(client),
        token(std::move(secret)),
        events(std::move(handlers)),
        timings(settings),
        ws(context),
        heartbeat(context),
        retry(context),
        random(std::random_device{}()) {}

  asio::io_context& io;
  RestClient& rest;
  std::string token;
  GatewayEvents events;
  GatewayTimings timings;
  net::WebSocketClient ws;
  asio::steady_timer heartbeat;
  asio::steady_timer retry;
  std::mt19937 random;

  bool stopped = false;
  std::shared_ptr<net::WebSocketConnection> connection;
  std::uint64_t generation = 0;   // one per connection: callbacks of an older one do nothing
  std::optional<Outcome> ending;  // set before cancelling the connection ourselves

  std::string gatewayUrl;  // from GET /gateway/bot
  std::string sessionId;   // from READY
  std::string resumeUrl;   // READY's resume_gateway_url
  BotIdentity bot;
  std::optional<std::int64_t> lastSeq;     // the last sequence number received
  std::optional<std::int64_t> handledSeq;  // the last dispatch handled (resumed from)
  milliseconds heartbeatInterval{0};
  bool acked = true;
  int attempts = 0;

  std::deque<GatewayPayload> queue;  // dispatches not yet handled
  bool busy = false;                 // one dispatch is with the account

  double uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
  }
};

namespace {

using StatePtr = std::shared_ptr<GatewaySession::State>;

void reconnect(const StatePtr& s);

void send(const StatePtr& s, const std::string& text) {
  if (s->connection) s->connection->send(text);
}

// Ends the current connection for `outcome` (the read loop reports it).
void endConnection(const StatePtr& s, Outcome outcome) {
  if (!s->connection) return;
  s->ending = std::move(outcome);
  s->connection->cancel();
}

void armHeartbeat(const StatePtr& s, milliseconds delay) {
  const std::uint64_t generation = s->generation;
  s->heartbeat.expires_after(delay);
  s->heartbeat.async_wait([s, generation](const boost::system::error_code& ec) {
    if (ec || s->stopped || generation != s->generation) return;
    if (!s->acked) {
      endConnection(s, {"no heartbeat ACK: zombie connection", false, false, milliseconds(0)});
      return;
    }
    s->acked = false;
    send(s, heartbeatPayload(s->lastSeq));
    armHeartbeat(s, s->heartbeatInterval);
  });
}

void pump(const StatePtr& s);

void dispatchHandled(const StatePtr& s, std::uint64_t generation, std::optional<std::int64_t> seq,
                     bool ok) {
  if (s->stopped || generation != s->generation) return;
  s->busy = false;
  if (!ok) {
    endConnection(s,
                  {"a received message could not be stored; resuming", false, false, std::nullopt});
    return;
  }
  if (seq) s->handledSeq = seq;
  asio::post(s->io, [s] { pump(s); });  // not recursively: a burst may be long
}

void linked(const StatePtr& s) {
  s->attempts = 0;
  s->events.linked(s->bot);
}

// READY (a new session) and RESUMED, as soon as they arrive: the link is up (replies may go
// out while replayed dispatches before RESUMED are still being journaled).
void sessionEvent(const StatePtr& s, const GatewayPayload& payload) {
  if (payload.t == "READY") {
    s->sessionId = core::stringField(payload.d, "session_id").value_or("");
    s->resumeUrl = core::stringField(payload.d, "resume_gateway_url").value_or("");
    if (payload.d.is_object() && payload.d.contains("user") && payload.d["user"].is_object()) {
      const auto& user = payload.d["user"];
      s->bot.id = core::stringField(user, "id").value_or("");
      s->bot.username = core::stringField(user, "username").value_or("");
    }
    log()->info("discord bot {} ({}) connected", s->bot.username, s->bot.id);
    s->handledSeq = payload.s;  // the first dispatch of a new session: resumable from here on
  } else {
    log()->info("discord session resumed after sequence {}", s->handledSeq.value_or(0));
  }
  linked(s);
}

bool isSessionEvent(const GatewayPayload& payload) {
  return payload.t == "READY" || payload.t == "RESUMED";
}

// Hands the oldest queued dispatch to the account; READY and RESUMED were handled on arrival and
// only count here, in order, for the sequence number a resume starts after.
void pump(const StatePtr& s) {
  if (s->stopped || s->busy || s->queue.empty()) return;
  GatewayPayload payload = std::move(s->queue.front());
  s->queue.pop_front();
  s->busy = true;
  const std::uint64_t generation = s->generation;
  const auto seq = payload.s;
  if (isSessionEvent(payload)) {
    dispatchHandled(s, generation, seq, true);
    return;
  }
  s->events.dispatch(payload,
                     [s, generation, seq](bool ok) { dispatchHandled(s, generation, seq, ok); });
}

// One received Gateway message; an Outcome ends the connection.
std::optional<Outcome> onMessage(const StatePtr& s, const std::string& text) {
  auto payload = parseGatewayPayload(text);
  if (!payload) {
    log()->warn("ignoring a malformed Discord gateway payload ({} bytes)", text.size());
    return std::nullopt;
  }
  if (payload->s) s->lastSeq = payload->s;
  switch (payload->op) {
    case op::kHello: {
      const auto interval = core::integerField(payload->d, "heartbeat_interval").value_or(0);
      if (interval < kMinHeartbeatMs || interval > kMaxHeartbeatMs) {
        return Outcome{"bad Hello from the gateway", false, false, std::nullopt};
      }
      s->heartbeatInterval = milliseconds(interval);
      s->acked = true;
      armHeartbeat(s, milliseconds(static_cast<std::int64_t>(static_cast<double>(interval) *
                                                             s->uniform(0.0, 1.0))));
      if (!s->sessionId.empty() && s->handledSeq) {
        send(s, resumePayload(s->token, s->sessionId, *s->handledSeq));
      } else {
        send(s, identifyPayload(s->token));
      }
      return std::nullopt;
    }
    case op::kHeartbeatAck:
      s->acked = true;
      return std::nullopt;
    case op::kHeartbeat:
      send(s, heartbeatPayload(s->lastSeq));
      return std::nullopt;
    case op::kReconnect:
      return Outcome{"the gateway asked to reconnect", false, false, milliseconds(0)};
    case op::kInvalidSession: {
      const bool resumable = payload->d.is_boolean() && payload->d.get<bool>();
      // Discord's advice: wait 1-5 s before identifying again.
      const auto wait = milliseconds(static_cast<std::int64_t>(s->uniform(1000, 5000)));
      return Outcome{"invalid session", false, !resumable, wait};
    }
    case op::kDispatch:
      if (s->queue.size() >= GatewaySession::kMaxQueuedDispatches) {
        return Outcome{"too many dispatches waiting; resuming", false, false, std::nullopt};
      }
      if (isSessionEvent(*payload)) sessionEvent(s, *payload);
      s->queue.push_back(std::move(*payload));
      pump(s);
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

void finished(const StatePtr& s, Outcome outcome) {
  s->heartbeat.cancel();
  s->connection.reset();
  s->queue.clear();
  s->busy = false;
  ++s->generation;
  if (outcome.reidentify) {
    s->sessionId.clear();
    s->resumeUrl.clear();
    s->handledSeq.reset();
    s->lastSeq.reset();
  }
  log()->warn("discord gateway link lost: {}", outcome.reason);
  s->events.lost(outcome.reason, outcome.fatal);
  if (outcome.fatal) return;
  const milliseconds delay = outcome.delay.value_or(core::backoffDelay(
      s->attempts, s->timings.backoffBase, s->timings.backoffCap, s->uniform(0.5, 1.0)));
  ++s->attempts;
  s->retry.expires_after(delay);
  s->retry.async_wait([s](const boost::system::error_code& ec) {
    if (!ec && !s->stopped) reconnect(s);
  });
}

asio::awaitable<void> runConnection(StatePtr s, std::string url) {
  net::WebSocketRequest request;
  request.url = withQuery(std::move(url));
  request.connectTimeout = s->timings.connectTimeout;
  auto connection = s->ws.start(std::move(request));
  s->connection = connection;
  s->ending.reset();
  Outcome outcome;
  try {
    co_await connection->connect();
    while (true) {
      const std::string text = co_await connection->read();
      if (s->stopped) co_return;
      if (auto end = onMessage(s, text)) {
        s->ending = std::move(end);
        connection->cancel();
      }
    }
  } catch (const net::WebSocketFailure& failure) {
    if (s->stopped) co_return;
    const auto& error = failure.error();
    if (error.kind == net::WebSocketError::Kind::Cancelled && s->ending) {
      outcome = std::move(*s->ending);
    } else if (error.kind == net::WebSocketError::Kind::Closed) {
      const CloseAction action = closeAction(error.closeCode);
      outcome.reason = closeReason(error.closeCode, error.message);
      outcome.fatal = action == CloseAction::Fatal;
      outcome.reidentify = action == CloseAction::Reidentify;
    } else {
      outcome.reason = "gateway connection failed: " + error.message;
      if (error.kind != net::WebSocketError::Kind::Network &&
          error.kind != net::WebSocketError::Kind::TooLarge) {
        // Could not reach the URL at all: ask for a fresh one next time.
        s->gatewayUrl.clear();
        s->resumeUrl.clear();
      }
    }
  }
  finished(s, std::move(outcome));
}

void reconnect(const StatePtr& s) {
  if (s->stopped) return;
  if (!s->sessionId.empty() && !s->resumeUrl.empty()) {
    asio::co_spawn(s->io, runConnection(s, s->resumeUrl), asio::detached);
    return;
  }
  if (!s->gatewayUrl.empty()) {
    asio::co_spawn(s->io, runConnection(s, s->gatewayUrl), asio::detached);
    return;
  }
  s->rest.call({"GET", "/gateway/bot", "", ""}, kRestTimeout, [s](RestResult result) {
    if (s->stopped) return;
    const std::string url = core::stringField(result.body, "url").value_or("");
    if (!result.ok() || (url.rfind("wss://", 0) != 0 && url.rfind("ws://", 0) != 0)) {
      Outcome outcome;
      outcome.fatal = result.unauthorized();
      outcome.reason = result.unauthorized() ? "unauthorized: check the bot token"
                       : result.ok()         ? "GET /gateway/bot gave no usable url"
                                             : "GET /gateway/bot failed: " + result.error;
      finished(s, std::move(outcome));
      return;
    }
    s->gatewayUrl = url;
    asio::co_spawn(s->io, runConnection(s, url), asio::detached);
  });
}

}  // namespace

GatewaySession::GatewaySession(asio::io_context& io, RestClient& rest, std::string token,
                               GatewayEvents events, GatewayTimings timings)
    : state_(std::make_shared<State>(io, rest, std::move(token), std::move(events), timings)) {}

GatewaySession::~GatewaySession() { stop(); }

void GatewaySession::restore(const ResumeState& state) {
  state_->sessionId = state.sessionId;
  state_->resumeUrl = state.resumeUrl;
  state_->handledSeq = state.seq;
}

std::optional<GatewaySession::ResumeState> GatewaySession::resumeState() const {
  if (state_->sessionId.empty() || state_->resumeUrl.empty() || !state_->handledSeq) {
    return std::nullopt;
  }
  return ResumeState{state_->sessionId, state_->resumeUrl, *state_->handledSeq};
}

void GatewaySession::start() { reconnect(state_); }

void GatewaySession::stop() {
  if (state_->stopped) return;
  state_->stopped = true;
  state_->heartbeat.cancel();
  state_->retry.cancel();
  if (state_->connection) state_->connection->cancel();
  state_->connection.reset();
  state_->queue.clear();
}

int GatewaySession::attempts() const { return state_->attempts; }

}  // namespace openclaw::channels::discord
