#include "automation/heartbeat_runner.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <fstream>

#include "automation/active_hours.h"
#include "automation/heartbeat_reply.h"
#include "core/clock.h"
#include "core/logging.h"
#include "core/text.h"
#include "core/utf8.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;

// How much of an alert the heartbeat event previews (upstream's 200).
constexpr std::size_t kPreviewChars = 200;

auto logger() { return core::logger("heartbeat"); }

// The first kMaxChecklistBytes of the workspace's HEARTBEAT.md; nullopt when there is none.
// Blocking.
std::optional<std::string> readChecklist(const std::filesystem::path& workspace) {
  std::ifstream file(workspace / "HEARTBEAT.md", std::ios::binary);
  if (!file) return std::nullopt;
  std::string content(kMaxChecklistBytes, '\0');
  file.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(file.gcount()));
  return core::toValidUtf8(content);
}

// The heartbeat turn's message: the prompt, then the checklist when it has something.
std::string turnMessage(const std::string& prompt, const std::string& checklist) {
  const std::string body = core::trimmed(checklist);
  if (body.empty() || prompt.find(body) != std::string::npos) return prompt;
  return prompt + "\n\nHEARTBEAT.md:\n" + body;
}

// What a run's reply is for the contract: its last assistant text.
std::string finalReply(const runs::RunResult& result) {
  return result.payloads.empty() ? result.text : result.payloads.back();
}

}  // namespace

// One agent's heartbeat state.
struct HeartbeatRunner::Agent {
  Agent(boost::asio::io_context& io, AgentHeartbeat heartbeat)
      : config(std::move(heartbeat)), tick(io), retry(io) {}
  AgentHeartbeat config;
  bool enrolled = false;            // runs on a cadence (config.every > 0)
  boost::asio::steady_timer tick;   // the next scheduled heartbeat
  boost::asio::steady_timer retry;  // a wake that found its session busy
  bool busy = false;                // a heartbeat turn is being prepared, running or delivered
  // A wake arrived while busy: the session to run once the turn ended.
  std::optional<std::string> pendingWake;
  // The destination of the turn under way ("" channel: none), resolved before it runs.
  std::string channel;
  std::string to;
};

HeartbeatRunner::HeartbeatRunner(rpc::GatewayRuntime& runtime, runs::RunManager& runs,
                                 channels::ChannelManager& channels,
                                 sessions::SessionStore& sessions,
                                 std::function<std::string()> defaultAgentId)
    : runtime_(runtime),
      runs_(runs),
      channels_(channels),
      sessions_(sessions),
      defaultAgentId_(std::move(defaultAgentId)) {}

HeartbeatRunner::~HeartbeatRunner() = default;

void HeartbeatRunner::settingsChanged() {
  std::vector<AgentHeartbeat> enrolled = heartbeatAgents(runtime_.settings, defaultAgentId_());
  for (auto it = agents_.begin(); it != agents_.end();) {
    const bool stays = std::any_of(enrolled.begin(), enrolled.end(), [&](const auto& heartbeat) {
      return heartbeat.agentId == it->first;
    });
    Agent& agent = *it->second;
    if (!stays) {
      agent.enrolled = false;
      agent.tick.cancel();
    }
    it = !stays && !agent.busy ? agents_.erase(it) : std::next(it);
  }
  for (AgentHeartbeat& heartbeat : enrolled) {
    auto [it, added] = agents_.try_emplace(heartbeat.agentId);
    if (added) it->second = std::make_shared<Agent>(runtime_.io, heartbeat);
    Agent& agent = *it->second;
    const bool enrolledNow = heartbeat.every.count() > 0;
    if (!added && agent.enrolled == enrolledNow && agent.config == heartbeat) continue;
    agent.config = std::move(heartbeat);
    agent.enrolled = enrolledNow;
    arm(it->second);
  }
}

void HeartbeatRunner::arm(const AgentPtr& agent) {
  agent->tick.cancel();
  if (!agent->enrolled) return;
  agent->tick.expires_after(agent->config.every);
  agent->tick.async_wait([weak = std::weak_ptr(agent), this](boost::system::error_code error) {
    const AgentPtr locked = weak.lock();
    if (error || !locked) return;
    arm(locked);  // the next tick counts from this one
    attempt(locked, sessions::mainSessionKey(locked->config.agentId), Trigger::Tick);
  });
}

const HeartbeatRunner::AgentPtr& HeartbeatRunner::agentFor(const std::string& agentId) {
  auto [it, added] = agents_.try_emplace(agentId);
  // An agent without a cadence: a wake runs a turn on its heartbeat settings.
  if (added)
    it->second = std::make_shared<Agent>(runtime_.io, agentHeartbeat(runtime_.settings, agentId));
  return it->second;
}

bool HeartbeatRunner::wake(const WakeRequest& request) {
  std::string agentId = request.agentId;
  if (agentId.empty()) {
    agentId = sessions::agentIdOfSessionKey(request.sessionKey).value_or(defaultAgentId_());
  }
  agentId = sessions::normalizeAgentId(agentId);
  const std::string sessionKey =
      request.sessionKey.empty() ? sessions::mainSessionKey(agentId) : request.sessionKey;
  const bool queued = runs_.systemEvents().enqueue(sessionKey, request.text, core::nowMs());
  logger()->info("wake from {} for {} ({})", request.source.empty() ? "?" : request.source,
                 sessionKey, request.now ? "now" : "next-heartbeat");
  if (request.now) attempt(agentFor(agentId), sessionKey, Trigger::Wake);
  return queued;
}

void HeartbeatRunner::attempt(const AgentPtr& agent, const std::string& sessionKey,
                              Trigger trigger) {
  if (!enabled_) return;  // upstream's "disabled": no event
  if (agent->busy) {
    if (trigger == Trigger::Wake) agent->pendingWake = sessionKey;
    return;
  }
  const std::int64_t startedAt = core::nowMs();
  const AgentHeartbeat& config = agent->config;
  if (trigger == Trigger::Tick && config.activeHours &&
      !withinActiveHours(*config.activeHours,
                         minuteOfDayFor(*config.activeHours,
                                        runtime_.settings.heartbeat.userTimezone, startedAt))) {
    return emit({{"status", "skipped"}, {"reason", "quiet-hours"}}, startedAt);
  }
  if (runs_.activeRun(sessionKey)) {
    emit({{"status", "skipped"}, {"reason", "requests-in-flight"}}, startedAt);
    // Queued events keep their turn: try again shortly; a plain tick waits for the next one.
    if (runs_.systemEvents().size(sessionKey) > 0) {
      agent->retry.expires_after(kBusyRetry);
      agent->retry.async_wait(
          [weak = std::weak_ptr(agent), sessionKey, this](boost::system::error_code error) {
            if (const AgentPtr locked = weak.lock(); locked && !error) {
              attempt(locked, sessionKey, Trigger::Wake);
            }
          });
    }
    return;
  }
  agent->busy = true;
  boost::asio::co_spawn(runtime_.io, prepare(agent, sessionKey, trigger, startedAt),
                        boost::asio::detached);
}

boost::asio::awaitable<void> HeartbeatRunner::prepare(std::weak_ptr<Agent> weak,
                                                      std::string sessionKey, Trigger trigger,
                                                      std::int64_t startedAt) {
  // No strong reference to the agent is held across a suspension: the runner may go meanwhile.
  const std::filesystem::path workspace = runs_.environment().workspace;
  std::optional<std::string> checklist;
  try {
    checklist =
        co_await rpc::onPool(runtime_.blocking, [&workspace] { return readChecklist(workspace); });
  } catch (const std::exception& error) {
    logger()->warn("cannot read HEARTBEAT.md: {}", error.what());
  }
  std::string target;
  std::string mainKey;
  if (const AgentPtr agent = weak.lock()) {
    const bool scheduled = trigger == Trigger::Tick;
    if (scheduled && checklist && isEffectivelyEmptyChecklist(*checklist) &&
        runs_.systemEvents().size(sessionKey) == 0) {
      settle(agent, {{"status", "skipped"}, {"reason", "empty-heartbeat-file"}}, startedAt);
      co_return;
    }
    target = agent->config.target;
    mainKey = sessions::mainSessionKey(agent->config.agentId);
    agent->channel = target == "last" || target == "none" ? "" : target;
    agent->to = agent->channel.empty() ? "" : agent->config.to;
  } else {
    co_return;
  }
  std::optional<sessions::SessionRecord> main;
  if (target == "last") {
    sessions::SessionStore& store = sessions_;
    try {
      main = co_await rpc::onStorage(runtime_, [&store, &mainKey] { return store.find(mainKey); });
    } catch (const std::exception& error) {
      rpc::logStorageFailure(error);
    }
  }
  const AgentPtr agent = weak.lock();
  if (!agent) co_return;
  if (main && main->lastChannel && main->lastTo) {
    agent->channel = *main->lastChannel;
    agent->to = *main->lastTo;
  }
  if (target == "last" && agent->channel.empty() && trigger == Trigger::Tick) {
    settle(agent, {{"status", "skipped"}, {"reason", "no-route"}}, startedAt);
    co_return;
  }
  submit(agent, sessionKey, checklist.value_or(""), startedAt);
}

void HeartbeatRunner::submit(const AgentPtr& agent, const std::string& sessionKey,
                             std::string checklist, std::int64_t startedAt) {
  const AgentHeartbeat& config = agent->config;
  runs::RunRequest request;
  request.target.sessionKey = sessionKey;
  request.target.agentId = config.agentId;
  request.message = turnMessage(config.prompt, checklist);
  request.timeout = config.timeout;
  request.extras.model = config.model;
  runs_.submit(
      std::move(request),
      [weak = std::weak_ptr(agent), startedAt,
       this](const protocol::Result<runs::AcceptedRun>& accepted) {
        const AgentPtr locked = weak.lock();
        if (accepted || !locked) return;
        logger()->warn("heartbeat of {} not started: {}", locked->config.agentId,
                       accepted.error().message);
        settle(locked, {{"status", "failed"}, {"reason", accepted.error().message}}, startedAt);
      },
      [weak = std::weak_ptr(agent), startedAt, this](const runs::EndedRun& ended) {
        if (const AgentPtr locked = weak.lock()) finish(locked, ended, startedAt);
      });
}

void HeartbeatRunner::finish(const AgentPtr& agent, const runs::EndedRun& ended,
                             std::int64_t startedAt) {
  const runs::RunResult& result = ended.result;
  if (result.status != runs::RunStatus::Ok) {
    const std::string reason =
        result.errorMessage.empty() ? runs::runStatusName(result.status) : result.errorMessage;
    return settle(agent, {{"status", "failed"}, {"reason", reason}, {"indicatorType", "error"}},
                  startedAt);
  }
  const HeartbeatReply reply =
      classifyHeartbeatReply(finalReply(result), agent->config.ackMaxChars);
  switch (reply.kind) {
    case HeartbeatReplyKind::Empty:
      return settle(agent, {{"status", "ok-empty"}, {"indicatorType", "ok"}}, startedAt);
    case HeartbeatReplyKind::Ack:
      return settle(agent, {{"status", "ok-token"}, {"silent", true}, {"indicatorType", "ok"}},
                    startedAt);
    case HeartbeatReplyKind::Alert:
      break;
  }
  if (agent->channel.empty()) {
    const bool none = agent->config.target == "none";
    return settle(agent,
                  {{"status", "skipped"},
                   {"reason", none ? "target-none" : "no-route"},
                   {"preview", core::truncatedText(reply.text, kPreviewChars)}},
                  startedAt);
  }
  deliver(agent, reply.text, startedAt);
}

void HeartbeatRunner::deliver(const AgentPtr& agent, std::string text, std::int64_t startedAt) {
  json event = {{"preview", core::truncatedText(text, kPreviewChars)},
                {"channel", agent->channel},
                {"to", agent->to},
                {"hasMedia", false}};
  if (!agent->config.accountId.empty()) event["accountId"] = agent->config.accountId;
  channels::Channel* channel = channels_.find(agent->channel);
  if (channel == nullptr) {
    event.update({{"status", "failed"},
                  {"reason", "channel " + agent->channel + " is not configured or not enabled"},
                  {"indicatorType", "error"}});
    return settle(agent, std::move(event), startedAt);
  }
  channels::OutboundMessage message;
  message.accountId = agent->config.accountId;
  message.to = agent->to;
  message.text = std::move(text);
  channel->send(message, [weak = std::weak_ptr(agent), event, startedAt,
                          this](const channels::SendResult& sent) mutable {
    const AgentPtr locked = weak.lock();
    if (!locked) return;
    if (sent) {
      event.update({{"status", "sent"}, {"silent", false}, {"indicatorType", "alert"}});
    } else {
      logger()->warn("heartbeat alert of {} not delivered: {}", locked->config.agentId,
                     sent.error().message);
      event.update(
          {{"status", "failed"}, {"reason", sent.error().message}, {"indicatorType", "error"}});
    }
    settle(locked, std::move(event), startedAt);
  });
}

void HeartbeatRunner::settle(const AgentPtr& agent, json event, std::int64_t startedAt) {
  agent->busy = false;
  emit(std::move(event), startedAt);
  if (!agent->pendingWake) return;
  const std::string sessionKey = std::move(*agent->pendingWake);
  agent->pendingWake.reset();
  // The turn that ended may have taken the waiting events already.
  if (runs_.systemEvents().size(sessionKey) > 0) attempt(agent, sessionKey, Trigger::Wake);
}

void HeartbeatRunner::emit(json event, std::int64_t startedAt) {
  const std::int64_t now = core::nowMs();
  event["ts"] = now;
  event["durationMs"] = now - startedAt;
  logger()->info("heartbeat {}{}", event.value("status", ""),
                 event.contains("reason") ? " (" + event.value("reason", "") + ")" : "");
  lastEvent_ = event;
  runtime_.events.broadcastToOperators("heartbeat", event, protocol::scopes::kRead);
}

}  // namespace openclaw::automation
