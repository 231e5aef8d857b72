#include "httpapi/hook_dispatch.h"

#include <chrono>
#include <memory>

#include "core/clock.h"
#include "core/logging.h"
#include "core/random_ids.h"
#include "core/utf8.h"
#include "sessions/session_keys.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

// How much of a hook run's reply its main-session event carries.
constexpr std::size_t kSummaryChars = 2000;

rpc::HttpResponse jsonAnswer(unsigned status, const json& body) {
  return rpc::HttpResponse::json(status, body.dump());
}

std::string storedSessionKey(const HookRunTarget& target, bool persistent,
                             const std::string& runId) {
  const std::string key = sessions::canonicalSessionKey(target.sessionKey, target.agentId)
                              .value_or(sessions::mainSessionKey(target.agentId));
  return persistent || target.freshKey ? key : key + ":run:" + runId;
}

}  // namespace

bool HookDispatcher::wake(const std::string& agentId, const std::string& sessionKey,
                          const std::string& text, bool now) {
  return waker_.wake(
      {.text = text, .now = now, .agentId = agentId, .sessionKey = sessionKey, .source = "hook"});
}

void HookDispatcher::agent(HookAgent agent, HookRunTarget target, bool waitForCompletion,
                           rpc::HttpRouter::Respond respond) {
  runs::RunRequest request;
  request.runId = core::uuidV4();
  request.target.agentId = target.agentId;
  request.target.sessionKey = storedSessionKey(target, agent.persistent, request.runId);
  request.message = agent.message;
  if (agent.timeoutSeconds) request.timeout = std::chrono::seconds(*agent.timeoutSeconds);
  // Shared by both callbacks: who answers the HTTP request, and when.
  auto answer = std::make_shared<rpc::HttpRouter::Respond>(std::move(respond));
  const std::string runId = request.runId;
  runs_.submit(
      std::move(request),
      [answer, runId, waitForCompletion](const protocol::Result<runs::AcceptedRun>& accepted) {
        if (!accepted) {
          core::logger("hooks")->warn("hook agent run {} not started: {}", runId,
                                      accepted.error().message);
          (*answer)(jsonAnswer(502, {{"ok", false},
                                     {"error",
                                      "hook agent run failed before entering the agent "
                                      "runner"},
                                     {"runId", runId}}));
          return;
        }
        if (!waitForCompletion) (*answer)(jsonAnswer(200, {{"ok", true}, {"runId", runId}}));
      },
      [this, answer, agent, agentId = target.agentId,
       waitForCompletion](const runs::EndedRun& ended) {
        finish(agent, agentId, ended,
               [answer, waitForCompletion, runId = ended.run.runId](json completion) {
                 if (!waitForCompletion) return;
                 (*answer)(jsonAnswer(
                     200, {{"ok", true}, {"runId", runId}, {"completion", std::move(completion)}}));
               });
      });
}

void HookDispatcher::finish(const HookAgent& agent, const std::string& agentId,
                            const runs::EndedRun& ended, std::function<void(json)> done) {
  const runs::RunResult& result = ended.result;
  const bool ok = result.status == runs::RunStatus::Ok;
  const bool visible = !result.text.empty();
  json completion = {{"status", ok ? "ok" : "error"},
                     {"replyDisposition", visible ? "visible" : "empty"}};
  core::logger("hooks")->info("hook agent run completed runId={} status={}", ended.run.runId,
                              completion["status"].get<std::string>());
  if (!agent.deliver) return done(std::move(completion));
  const bool direct = agent.channel != "last" && !agent.to.empty();
  if (!direct) {
    const std::string event =
        ok ? "Hook " + agent.name + ": " + core::truncatedText(result.text, kSummaryChars)
           : "Hook " + agent.name + " (error): " + result.errorMessage;
    if (ok && !visible) {
      completion["deliverySuppressionReason"] = "empty";
    } else {
      runs_.systemEvents().enqueue(sessions::mainSessionKey(agentId), event, core::nowMs());
    }
    return done(std::move(completion));
  }
  if (!ok || !visible) {
    if (ok) completion["deliverySuppressionReason"] = "empty";
    return done(std::move(completion));
  }
  channels::Channel* channel = channels_.find(agent.channel);
  completion["deliveryAttempted"] = true;
  if (channel == nullptr) {
    core::logger("hooks")->warn("hook run {}: channel {} is not configured", ended.run.runId,
                                agent.channel);
    completion["delivered"] = false;
    completion["deliveryError"] = "delivery-failed";
    return done(std::move(completion));
  }
  channels::OutboundMessage message;
  message.accountId = agent.accountId;
  message.to = agent.to;
  message.text = result.text;
  channel->send(message, [completion, done = std::move(done),
                          runId = ended.run.runId](const channels::SendResult& sent) mutable {
    completion["delivered"] = sent.ok();
    if (!sent) {
      core::logger("hooks")->warn("hook run {}: delivery failed: {}", runId, sent.error().message);
      completion["deliveryError"] = "delivery-failed";
    }
    done(std::move(completion));
  });
}

}  // namespace openclaw::httpapi
