#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "automation/wake.h"
#include "channels/channel_manager.h"
#include "httpapi/hook_actions.h"
#include "rpc/http_router.h"
#include "runs/run_manager.h"

namespace openclaw::httpapi {

// Where a hook agent run goes, after the session and agent policy passed.
struct HookRunTarget {
  std::string agentId;     // the effective (normalized) agent
  std::string sessionKey;  // the dispatch key (hook_policy.h)
  bool freshKey = false;   // the key was generated for this request
};

// Carries out admitted hook actions through the run manager and the channels. Event-loop thread.
class HookDispatcher {
 public:
  HookDispatcher(runs::RunManager& runs, channels::ChannelManager& channels,
                 automation::Waker& waker)
      : runs_(runs), channels_(channels), waker_(waker) {}

  // Wakes `agentId` through the Waker: queues `text` as a system event of `sessionKey`
  // (canonical); with `now` also starts a heartbeat turn of that session. True when queued,
  // false when coalesced with the same text already at the end of the queue.
  bool wake(const std::string& agentId, const std::string& sessionKey, const std::string& text,
            bool now);

  // Starts `agent` in its hook session: isolated runs get a session of their own
  // ("agent:<id>:<key>", plus ":run:<runId>" when the key is not fresh), persistent ones reuse
  // "agent:<id>:<key>". Answers 200 {ok, runId} once admitted (with `waitForCompletion`, once
  // ended, adding `completion`), 502 {ok:false, error, runId} when the run could not start. At
  // the end the reply goes to agent.channel/to, or without a destination (and unless
  // deliver:false) becomes a "Hook <name>: ..." system event of the agent's main session.
  void agent(HookAgent agent, HookRunTarget target, bool waitForCompletion,
             rpc::HttpRouter::Respond respond);

  channels::ChannelManager& channels() const { return channels_; }

 private:
  // Delivers or announces the ended run; `done` gets upstream's completion facts.
  void finish(const HookAgent& agent, const std::string& agentId, const runs::EndedRun& ended,
              std::function<void(nlohmann::json)> done);

  runs::RunManager& runs_;
  channels::ChannelManager& channels_;
  automation::Waker& waker_;
};

}  // namespace openclaw::httpapi
