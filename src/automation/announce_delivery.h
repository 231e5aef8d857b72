#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <string>

#include "automation/cron_job.h"
#include "channels/channel_manager.h"
#include "rpc/gateway_runtime.h"
#include "sessions/session_store.h"

namespace openclaw::automation {

// Where announced text goes, as a job's delivery (or failure destination) names it.
struct AnnounceRoute {
  std::string channel;  // a channel id, or "last"/empty: the channel the conversation was on
  std::string to;       // empty: the target the conversation was on
  std::string accountId;
  std::string threadId;
};

// What an announcement came to.
struct AnnounceResult {
  bool delivered = false;
  std::string error;  // why not: "<CODE>: <message>" for a refused send
  // The route could not be resolved to a configured channel and a target (upstream fails the
  // run for that unless delivery.bestEffort); a refused send does not fail it.
  bool unresolved = false;
};

// Sends text of a job's runs through the channels, as the `send` method does: the channel
// splits it at its own limits; a channel that is configured but not connected refuses with
// NOT_LINKED. Event-loop thread.
class ChannelAnnouncer {
 public:
  ChannelAnnouncer(rpc::GatewayRuntime& runtime, channels::ChannelManager& channels,
                   sessions::SessionStore& sessions)
      : runtime_(runtime), channels_(channels), sessions_(sessions) {}

  // Resolves `route` for `job` of agent `agentId` ("last" and a missing target come from the
  // session the job delivers for: its session:<key> target or its creating session, then the
  // agent's main session; a missing channel with an explicit target falls back to the only
  // configured channel), then sends `text` there.
  boost::asio::awaitable<AnnounceResult> announce(const CronJob& job, const std::string& agentId,
                                                  AnnounceRoute route, std::string text);

 private:
  // Fills route.channel and route.to from the job's sessions; "" or why it cannot.
  boost::asio::awaitable<std::string> resolve(const CronJob& job, const std::string& agentId,
                                              AnnounceRoute& route);

  rpc::GatewayRuntime& runtime_;
  channels::ChannelManager& channels_;
  sessions::SessionStore& sessions_;
};

}  // namespace openclaw::automation
