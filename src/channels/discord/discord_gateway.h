#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "channels/discord/discord_gateway_payload.h"
#include "channels/discord/discord_messages.h"
#include "channels/discord/discord_rest.h"

namespace openclaw::channels::discord {

// What a GatewaySession tells its account. All run on the event loop, never after stop().
struct GatewayEvents {
  // READY (a new session) or RESUMED: the link is up.
  std::function<void(const BotIdentity& bot)> linked;
  // The link went down (each failed attempt too). `fatal`: the session stopped for good
  // (authentication failed, disallowed intents); it does not reconnect.
  std::function<void(const std::string& reason, bool fatal)> lost;
  // A dispatch (op 0), in order, one at a time: the next comes after `handled` was called.
  // handled(false) (e.g. the message could not be journaled) reconnects and resumes from the
  // last handled dispatch, so Discord sends the rest again.
  std::function<void(const GatewayPayload& dispatch, std::function<void(bool)> handled)> dispatch;
};

// Timings, adjustable for tests.
struct GatewayTimings {
  std::chrono::milliseconds backoffBase{1000};
  std::chrono::milliseconds backoffCap{60'000};
  std::chrono::milliseconds connectTimeout{15'000};
};

// One bot's Discord Gateway connection
// (https://discord.com/developers/docs/events/gateway): GET /gateway/bot for the URL, Hello ->
// heartbeats at heartbeat_interval (the first after a random part of it) with ACK tracking (a
// missing ACK means a zombie connection: drop it and resume), Identify with kIntents or Resume
// (op 6) with the session id and the last handled sequence number, op 7 Reconnect and op 9
// Invalid Session, reconnects with capped exponential backoff, and the fatal close codes that
// stop it. Dispatches are queued (at most kMaxQueuedDispatches; beyond that the connection is
// dropped and resumed from the last handled one). Event-loop thread only.
class GatewaySession {
 public:
  static constexpr std::size_t kMaxQueuedDispatches = 1000;

  GatewaySession(boost::asio::io_context& io, RestClient& rest, std::string token,
                 GatewayEvents events, GatewayTimings timings = {});
  ~GatewaySession();  // stop()
  GatewaySession(const GatewaySession&) = delete;
  GatewaySession& operator=(const GatewaySession&) = delete;

  // Where a session can be resumed: its id, resume URL and the last handled sequence number.
  struct ResumeState {
    std::string sessionId;
    std::string resumeUrl;
    std::int64_t seq = 0;
  };
  // Before start(): resume this session (stored before a restart) instead of identifying. An
  // expired one is answered with op 9 and a new session follows.
  void restore(const ResumeState& state);
  // The current session's resume state; nullopt before READY.
  std::optional<ResumeState> resumeState() const;

  void start();
  void stop();

  // Reconnect attempts since the link was last up.
  int attempts() const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace openclaw::channels::discord
