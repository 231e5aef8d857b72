#pragma once

#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "automation/heartbeat_config.h"
#include "automation/wake.h"
#include "channels/channel_manager.h"
#include "rpc/gateway_runtime.h"
#include "runs/run_manager.h"
#include "sessions/session_store.h"

namespace openclaw::automation {

// The most of HEARTBEAT.md a heartbeat turn reads (upstream caps its scratch at 256 KiB).
inline constexpr std::size_t kMaxChecklistBytes = 256 * 1024;
// How soon a wake that found its session busy tries again (upstream's retry).
inline constexpr std::chrono::seconds kBusyRetry{1};

// The heartbeat: one timer per agent that runs heartbeats (heartbeat_config.h), each tick a turn
// of the agent's main session with the heartbeat prompt and the workspace's HEARTBEAT.md; its
// reply is dropped when it only acknowledges (heartbeat_reply.h), else delivered to the
// heartbeat's target through the channels. Every outcome is a `heartbeat` event to operators
// (upstream's shape: {ts, status, reason?, preview?, channel?, to?, accountId?, silent?,
// indicatorType?, durationMs}) and the answer of last-heartbeat. Also the one wake path: wake()
// queues a system event and, with `now`, starts a heartbeat turn at once. Event-loop thread.
class HeartbeatRunner final : public Waker {
 public:
  // `defaultAgentId` names the agent a wake without one goes to.
  HeartbeatRunner(rpc::GatewayRuntime& runtime, runs::RunManager& runs,
                  channels::ChannelManager& channels, sessions::SessionStore& sessions,
                  std::function<std::string()> defaultAgentId);
  ~HeartbeatRunner() override;
  HeartbeatRunner(const HeartbeatRunner&) = delete;
  HeartbeatRunner& operator=(const HeartbeatRunner&) = delete;

  // Arms the timers from the running settings; again after a reload changed them (an agent whose
  // heartbeat changed starts a fresh interval, the others keep theirs).
  void settingsChanged();

  // Queues request.text for the session (the agent's main one by default); with `now` a
  // heartbeat turn of that session starts at once, or, while one of the agent runs, once it
  // ended. False when the text was coalesced with the same text at the end of the queue.
  bool wake(const WakeRequest& request) override;

  // set-heartbeats: while disabled no heartbeat turn starts (ticks and wakes skip; wakes still
  // queue their text).
  void setEnabled(bool enabled) { enabled_ = enabled; }
  bool enabled() const { return enabled_; }

  // The last heartbeat event, or null before the first.
  const nlohmann::json& lastEvent() const { return lastEvent_; }

 private:
  struct Agent;
  using AgentPtr = std::shared_ptr<Agent>;
  // What started a turn: a scheduled tick skips outside active hours, without a delivery route
  // and on an empty HEARTBEAT.md; a wake does not.
  enum class Trigger { Tick, Wake };

  // The agent's state, made on its heartbeat settings when it has none yet.
  const AgentPtr& agentFor(const std::string& agentId);
  void arm(const AgentPtr& agent);
  // Starts a heartbeat turn of `sessionKey` unless a guard skips it.
  void attempt(const AgentPtr& agent, const std::string& sessionKey, Trigger trigger);
  boost::asio::awaitable<void> prepare(std::weak_ptr<Agent> agent, std::string sessionKey,
                                       Trigger trigger, std::int64_t startedAt);
  void submit(const AgentPtr& agent, const std::string& sessionKey, std::string checklist,
              std::int64_t startedAt);
  void finish(const AgentPtr& agent, const runs::EndedRun& ended, std::int64_t startedAt);
  // Sends an alert to the heartbeat's destination, then emits the outcome.
  void deliver(const AgentPtr& agent, std::string text, std::int64_t startedAt);
  // The turn is over: emits `event` and runs a wake that waited for it.
  void settle(const AgentPtr& agent, nlohmann::json event, std::int64_t startedAt);
  void emit(nlohmann::json event, std::int64_t startedAt);

  rpc::GatewayRuntime& runtime_;
  runs::RunManager& runs_;
  channels::ChannelManager& channels_;
  sessions::SessionStore& sessions_;
  std::function<std::string()> defaultAgentId_;
  // By agent id: the enrolled agents, and those a wake reached (bounded by the configured ones).
  std::map<std::string, AgentPtr> agents_;
  bool enabled_ = true;
  nlohmann::json lastEvent_;
};

}  // namespace openclaw::automation
