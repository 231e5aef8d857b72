#include "automation/job_runner.h"

#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <exception>
#include <optional>
#include <utility>
#include <variant>

#include "automation/failure_alert.h"
#include "automation/job_session.h"
#include "core/clock.h"
#include "core/logging.h"
#include "core/once_completion.h"
#include "core/random_ids.h"
#include "core/text.h"
#include "core/utf8.h"
#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;

// How an agent turn submitted to the run manager ended: refused before it started, or ended.
struct TurnEnd {
  std::optional<protocol::GatewayError> refused;
  runs::EndedRun ended;
};

// RunManager::submit as an await; `onAdmitted` sees the run once it is queued.
boost::asio::awaitable<TurnEnd> submitTurn(
    runs::RunManager& runs, runs::RunRequest request,
    std::function<void(const runs::AcceptedRun&)> onAdmitted) {
  co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                 void(TurnEnd)>(
      [&runs, &request, &onAdmitted](auto handler) {
        auto state = std::make_shared<core::OnceCompletion<decltype(handler)>>(std::move(handler));
        runs.submit(
            std::move(request),
            [state, onAdmitted](const protocol::Result<runs::AcceptedRun>& accepted) {
              if (accepted) return onAdmitted(accepted.value());
              TurnEnd end;
              end.refused = accepted.error();
              state->complete(std::move(end));
            },
            [state](const runs::EndedRun& ended) {
              state->complete(TurnEnd{std::nullopt, ended});
            });
      },
      boost::asio::use_awaitable);
}

// Why a reply is not announced, or "" (upstream's silent and heartbeat-only replies).
std::string suppressionReason(const std::string& reply) {
  const std::string text = core::trimmed(reply);
  if (text.empty()) return "empty";
  if (text == "NO_REPLY") return "silent";
  if (text == "HEARTBEAT_OK") return "heartbeat";
  return "";
}

// The reply a run delivers: its last assistant text (the answer after any tool calls).
std::string finalReply(const runs::RunResult& result) {
  for (auto payload = result.payloads.rbegin(); payload != result.payloads.rend(); ++payload) {
    if (!core::trimmed(*payload).empty()) return *payload;
  }
  return result.text;
}

std::string summaryOf(const std::string& text) {
  return core::truncatedText(core::trimmed(text), kSummaryChars);
}

// The model a run asked for (the job's, else the configured one), as the outcome reports it.
void describeModel(const config::ModelSettings& models, const std::optional<std::string>& ref,
                   JobRunOutcome& outcome) {
  std::optional<config::ModelSelection> selection = models.primary;
  if (ref) {
    std::string ignored;
    selection = config::sessionModelSelection(models, *ref, ignored);
  }
  if (!selection) return;
  outcome.model = selection->model;
  outcome.provider = selection->provider.id;
}

std::string runFailure(const runs::RunResult& result) {
  if (result.status == runs::RunStatus::Timeout) {
    return "cron: job execution timed out (" + result.errorMessage + ")";
  }
  if (!result.errorMessage.empty()) return result.errorMessage;
  return std::string("agent run ended with status ") + runs::runStatusName(result.status);
}

}  // namespace

// One run of a job: what is known of its outcome so far, and the one call of `done`.
class JobRunner::Run final : public JobRunHandle {
 public:
  Run(JobRunner& runner, CronJob ranJob, Done done)
      : job(std::move(ranJob)),
        startedAtMs(core::nowMs()),
        runner_(runner),
        done_(std::move(done)) {}

  // Aborts the agent run (once it is queued) and reports `reason` as the run's error.
  void cancel(const std::string& reason) override {
    if (finished_) return;
    cancelled_ = true;
    if (!outcome.runId.empty()) runner_.runs_.abort(outcome.sessionKey, outcome.runId);
    JobRunOutcome cancelledOutcome = outcome;
    cancelledOutcome.status = RunStatus::Error;
    cancelledOutcome.error = reason;
    finish(std::move(cancelledOutcome));
  }

  bool cancelled() const { return cancelled_; }

  // Calls `done` with `result`, posted (so never inside start() or cancel()), once.
  void finish(JobRunOutcome result) {
    if (finished_) return;
    finished_ = true;
    boost::asio::post(runner_.runtime_.io,
                      [done = std::move(done_), result = std::move(result)] { done(result); });
  }

  const CronJob job;
  const std::int64_t startedAtMs;
  JobRunOutcome outcome;
  std::string reply;  // the full text an agent turn delivers (the summary is cut)

 private:
  JobRunner& runner_;
  Done done_;
  bool finished_ = false;
  bool cancelled_ = false;
};

JobRunner::JobRunner(rpc::GatewayRuntime& runtime, runs::RunManager& runs,
                     sessions::SessionStore& sessions, channels::ChannelManager& channels,
                     Waker& waker, std::function<WebhookPolicy()> webhooks)
    : runtime_(runtime),
      runs_(runs),
      sessions_(sessions),
      waker_(waker),
      webhooks_(std::move(webhooks)),
      announcer_(runtime, channels, sessions),
      http_(runtime.io) {}

JobRunner::~JobRunner() = default;

std::shared_ptr<JobRunHandle> JobRunner::start(const CronJob& job, Done done) {
  auto run = std::make_shared<Run>(*this, job, std::move(done));
  boost::asio::co_spawn(
      runtime_.io, execute(run), [jobId = job.id](const std::exception_ptr& failure) {
        if (!failure) return;
        try {
          std::rethrow_exception(failure);
        } catch (const std::exception& error) {
          core::logger("cron")->error("job {} run failed: {}", jobId, error.what());
        }
      });
  return run;
}

boost::asio::awaitable<void> JobRunner::execute(std::shared_ptr<Run> run) {
  const CronJob& job = run->job;
  if (const auto* event = std::get_if<SystemEventPayload>(&job.payload)) {
    WakeRequest request;
    request.text = event->text;
    request.now = job.wakeNow;
    request.agentId = jobAgentId(job);
    request.source = "cron:" + job.id;
    waker_.wake(request);
    run->outcome.summary = summaryOf(event->text);
    run->outcome.sessionKey = sessions::mainSessionKey(request.agentId);
  } else {
    try {
      co_await runAgentTurn(*run);
    } catch (const std::exception& error) {
      rpc::logStorageFailure(error);
      run->outcome.status = RunStatus::Error;
      run->outcome.error =
          std::string("cron: could not prepare the job's session: ") + error.what();
    }
  }
  if (run->cancelled()) co_return;
  co_await deliver(*run);
  if (run->cancelled()) co_return;
  run->finish(run->outcome);
  if (run->outcome.status == RunStatus::Error) co_await notifyFailure(*run, run->outcome.error);
}

boost::asio::awaitable<void> JobRunner::runAgentTurn(Run& run) {
  const CronJob& job = run.job;
  const auto& payload = std::get<AgentTurnPayload>(job.payload);
  JobRunOutcome& outcome = run.outcome;
  std::string error;
  const std::optional<JobSession> session = jobSession(job, error);
  if (!session) {
    outcome.status = RunStatus::Error;
    outcome.error = error;
    co_return;
  }
  outcome.sessionKey = session->sessionKey;
  if (session->fresh) {
    co_await rpc::onStorage(runtime_, [this, &session] {
      sessions_.reset(session->sessionKey, session->agentId, core::nowMs());
    });
    if (run.cancelled()) co_return;
  }
  runs::RunRequest request;
  request.runId = core::uuidV4();
  request.target.sessionKey = session->sessionKey;
  request.target.agentId = session->agentId;
  request.message = "[cron:" + job.id + " " + job.name + "] " + payload.message;
  if (payload.timeoutSeconds) {
    request.timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(*payload.timeoutSeconds * 1000.0));
  }
  request.extras.model = payload.model;
  outcome.runId = request.runId;
  const TurnEnd end = co_await submitTurn(runs_, std::move(request),
                                          [this, &run](const runs::AcceptedRun& accepted) {
                                            run.outcome.sessionId = accepted.sessionId;
                                            if (run.cancelled())
                                              runs_.abort(accepted.sessionKey, accepted.runId);
                                          });
  if (end.refused) {
    outcome.status = RunStatus::Error;
    outcome.error = end.refused->message;
    co_return;
  }
  const runs::RunResult& result = end.ended.result;
  outcome.sessionId = end.ended.run.sessionId;
  describeModel(runtime_.settings.models, payload.model, outcome);
  outcome.inputTokens = result.usage.inputTokens;
  outcome.outputTokens = result.usage.outputTokens;
  if (result.status != runs::RunStatus::Ok) {
    outcome.status = RunStatus::Error;
    outcome.error = runFailure(result);
    co_return;
  }
  run.reply = finalReply(result);
  outcome.summary = summaryOf(run.reply);
}

boost::asio::awaitable<void> JobRunner::deliver(Run& run) {
  const CronJob& job = run.job;
  const Delivery& delivery = job.delivery;
  JobRunOutcome& outcome = run.outcome;
  const bool agentTurn = std::holds_alternative<AgentTurnPayload>(job.payload);
  if (delivery.mode == DeliveryMode::None) co_return;
  // A main-session job's text reaches the conversation through the session itself.
  if (delivery.mode == DeliveryMode::Announce && !agentTurn) co_return;
  outcome.deliveryStatus = DeliveryStatus::NotDelivered;
  const bool ok = outcome.status == RunStatus::Ok;
  if (delivery.mode == DeliveryMode::Webhook) {
    if (ok && core::trimmed(outcome.summary).empty()) {
      outcome.deliverySuppressionReason = "empty";
      co_return;
    }
    const WebhookResult posted =
        co_await postWebhook(http_, delivery.to, finishedEvent(run), webhooks_());
    if (posted.error.empty()) {
      outcome.deliveryStatus = DeliveryStatus::Delivered;
    } else {
      core::logger("cron")->warn("job {}: webhook delivery failed: {}", job.id, posted.error);
      outcome.deliveryError = posted.error;
    }
    co_return;
  }
  if (!ok) co_return;
  if (std::string reason = suppressionReason(run.reply); !reason.empty()) {
    outcome.deliverySuppressionReason = std::move(reason);
    co_return;
  }
  const AnnounceRoute route{delivery.channel, delivery.to, delivery.accountId,
                            delivery.threadId.value_or("")};
  const AnnounceResult announced = co_await announcer_.announce(job, route, run.reply);
  if (announced.delivered) {
    outcome.deliveryStatus = DeliveryStatus::Delivered;
    co_return;
  }
  core::logger("cron")->warn("job {}: delivery failed: {}", job.id, announced.error);
  outcome.deliveryError = announced.error;
  if (announced.unresolved && !delivery.bestEffort) {
    outcome.status = RunStatus::Error;
    outcome.error = announced.error;
  }
}

boost::asio::awaitable<void> JobRunner::notifyFailure(const Run& run, const std::string& error) {
  const std::optional<FailureAlert> alert = failureAlertFor(run.job, error, run.startedAtMs);
  if (!alert) co_return;
  std::string failure;
  if (alert->mode == DeliveryMode::Webhook) {
    failure = (co_await postWebhook(http_, alert->url, alert->webhookBody, webhooks_())).error;
  } else {
    failure = (co_await announcer_.announce(run.job, alert->route, alert->text)).error;
  }
  if (!failure.empty()) {
    core::logger("cron")->warn("job {}: failure notification not sent: {}", run.job.id, failure);
  }
}

json JobRunner::finishedEvent(const Run& run) const {
  const JobRunOutcome& outcome = run.outcome;
  const bool failed = outcome.status == RunStatus::Error;
  json event = {{"jobId", run.job.id},
                {"action", "finished"},
                {"job", jobToJson(run.job)},
                {"runAtMs", run.startedAtMs},
                {"durationMs", core::nowMs() - run.startedAtMs},
                {"status", runStatusName(outcome.status)},
                {"delivered", true},
                {"deliveryStatus", "delivered"}};
  if (failed) event["error"] = outcome.error;
  // Upstream leaves the summary out of a failed run's event.
  if (!failed && !outcome.summary.empty()) event["summary"] = outcome.summary;
  for (const auto& [key, value] :
       {std::pair{"sessionId", &outcome.sessionId}, std::pair{"sessionKey", &outcome.sessionKey},
        std::pair{"runId", &outcome.runId}, std::pair{"model", &outcome.model},
        std::pair{"provider", &outcome.provider}}) {
    if (!value->empty()) event[key] = *value;
  }
  if (outcome.inputTokens || outcome.outputTokens) {
    const std::int64_t input = outcome.inputTokens.value_or(0);
    const std::int64_t output = outcome.outputTokens.value_or(0);
    event["usage"] = {
        {"input_tokens", input}, {"output_tokens", output}, {"total_tokens", input + output}};
  }
  return event;
}

}  // namespace openclaw::automation
