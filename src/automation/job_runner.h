#pragma once

#include "core/awaitable.h"
// (first: see there)
#include <memory>
#include <string>

#include "automation/announce_delivery.h"
#include "automation/job_executor.h"
#include "automation/wake.h"
#include "automation/webhook_delivery.h"
#include "channels/channel_manager.h"
#include "net/http_client.h"
#include "rpc/gateway_runtime.h"
#include "runs/run_manager.h"
#include "sessions/session_store.h"

namespace openclaw::automation {

// How much of a run's reply its outcome keeps as the summary (upstream's 2000 characters).
inline constexpr std::size_t kSummaryChars = 2000;

// The gateway's JobExecutor: carries out a job's payload, then its delivery.
// - systemEvent: the text goes to the agent's main session through the Waker (wakeMode "now"
//   starts a heartbeat turn at once, "next-heartbeat" leaves it queued); the outcome is ok with
//   the text as the summary.
// - agentTurn: one run through the RunManager (queued behind the session's runs like any turn)
//   in the job's session (job_session.h), with the job's model and timeout; its reply is the
//   outcome's summary (cut to kSummaryChars), a failed or timed-out run an error.
// - delivery: announce sends the reply through the channels (announce_delivery.h), webhook
//   POSTs the finished-run event (webhook_delivery.h), and a failure streak notifies the
//   failure destination once (failure_alert.h).
// Event-loop thread only; destroy it only once the loop no longer runs (runs still going then
// end without calling `done`).
class JobRunner final : public JobExecutor {
 public:
  // `defaultAgentId` names the agent of jobs that name none; `webhooks` is read at each POST
  // (the running settings' cron.webhookSsrfPolicy and cron.webhookToken).
  JobRunner(rpc::GatewayRuntime& runtime, runs::RunManager& runs, sessions::SessionStore& sessions,
            channels::ChannelManager& channels, Waker& waker,
            std::function<std::string()> defaultAgentId, std::function<WebhookPolicy()> webhooks);
  ~JobRunner() override;
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  std::shared_ptr<JobRunHandle> start(const CronJob& job, Done done) override;

 private:
  class Run;
  // The payload, then the delivery and the failure notification, then `done`.
  boost::asio::awaitable<void> execute(std::shared_ptr<Run> run);
  boost::asio::awaitable<void> runAgentTurn(Run& run);
  boost::asio::awaitable<void> deliver(Run& run);
  boost::asio::awaitable<void> notifyFailure(const Run& run, const std::string& error);
  // The finished-run event a webhook delivery POSTs.
  nlohmann::json finishedEvent(const Run& run) const;

  rpc::GatewayRuntime& runtime_;
  runs::RunManager& runs_;
  sessions::SessionStore& sessions_;
  Waker& waker_;
  std::function<std::string()> defaultAgentId_;
  std::function<WebhookPolicy()> webhooks_;
  ChannelAnnouncer announcer_;
  net::HttpClient http_;
};

}  // namespace openclaw::automation
