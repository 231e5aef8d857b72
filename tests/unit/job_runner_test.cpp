// The cron job runner (automation::JobRunner) in process, over real parts: the run manager
// against a scripted model server, the channel manager with a real IRC server (ngircd) and a
// loopback webhook receiver.
#include "automation/job_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include "automation/failure_alert.h"
#include "automation/job_session.h"
#include "core/clock.h"
#include "in_process_gateway.h"
#include "irc_server.h"
#include "rpc/storage_await.h"
#include "scripted_provider.h"
#include "webhook_receiver.h"

namespace openclaw::testsupport {
namespace {

using automation::AgentTurnPayload;
using automation::CronJob;
using automation::DeliveryMode;
using automation::DeliveryStatus;
using automation::JobRunOutcome;
using automation::RunStatus;
using nlohmann::json;
using namespace std::chrono_literals;

CronJob agentJob(const std::string& id, const std::string& message) {
  CronJob job;
  job.id = id;
  job.name = "Nightly " + id;
  job.sessionTarget = "isolated";
  job.payload = AgentTurnPayload{message, std::nullopt, std::nullopt, std::nullopt, false};
  return job;
}

// The text of every message of a recorded OpenAI-dialect model request, in order.
std::vector<std::string> promptTexts(const RecordedRequest& request) {
  std::vector<std::string> texts;
  const json body = request.json();
  for (const json& message : body.at("messages")) {
    if (message.at("content").is_string()) texts.push_back(message.at("content"));
  }
  return texts;
}

class JobRunnerTest : public ::testing::Test {
 protected:
  explicit JobRunnerTest(json extra = json::object()) {
    json config = provider_.gatewayConfig();
    config.merge_patch(extra);
    gateway_ = std::make_unique<InProcessGateway>(config);
    daemon::GatewayServices& services = gateway_->services();
    runner_ = std::make_unique<automation::JobRunner>(
        services.runtime(), services.runs(), services.sessionStore(), services.channels(),
        services.waker(), [] { return std::string("main"); }, [this] { return policy_; });
  }
  ~JobRunnerTest() override { runner_.reset(); }

  // Starts `job` and runs the loop until its `done`; checks `done` is called once, not inside
  // start().
  JobRunOutcome run(const CronJob& job, std::chrono::milliseconds deadline = 20s) {
    std::optional<JobRunOutcome> outcome;
    int calls = 0;
    handle_ = runner_->start(job, [&outcome, &calls](JobRunOutcome result) {
      ++calls;
      outcome = std::move(result);
    });
    EXPECT_EQ(calls, 0) << "done was called inside start()";
    EXPECT_TRUE(gateway_->runUntil([&] { return outcome.has_value(); }, deadline));
    gateway_->runUntil([] { return false; }, 50ms);  // a second call would come meanwhile
    EXPECT_EQ(calls, 1);
    return outcome.value_or(JobRunOutcome{});
  }

  // Records that the agent's main session last talked on `channel` with `to`.
  void rememberConversation(const std::string& channel, const std::string& to) {
    bool stored = false;
    boost::asio::post(gateway_->services().runtime().storage, [&, this] {
      sessions::TurnOrigin origin;
      origin.channel = channel;
      origin.to = to;
      gateway_->services().sessionStore().recordUserTurn(
          "agent:main:main", "main", "earlier-run",
          {{"role", "user"}, {"content", {{{"type", "text"}, {"text", "hello"}}}}}, core::nowMs(),
          origin);
      boost::asio::post(gateway_->services().runtime().io, [&stored] { stored = true; });
    });
    ASSERT_TRUE(gateway_->runUntil([&] { return stored; }));
  }

  ScriptedProvider provider_;
  automation::WebhookPolicy policy_{true, {}, ""};
  std::unique_ptr<InProcessGateway> gateway_;
  std::unique_ptr<automation::JobRunner> runner_;
  std::shared_ptr<automation::JobRunHandle> handle_;
};

TEST_F(JobRunnerTest, IsolatedAgentTurnRunsInAFreshCronSessionEachTime) {
  provider_.enqueue(ScriptedReply::text({"all ", "green"}));
  provider_.enqueue(ScriptedReply::text({"still green"}));
  const CronJob job = agentJob("job-1", "check the build");

  const JobRunOutcome first = run(job);
  EXPECT_EQ(first.status, RunStatus::Ok) << first.error;
  EXPECT_EQ(first.summary, "all green");
  EXPECT_EQ(first.sessionKey, "agent:main:cron:job-1");
  EXPECT_FALSE(first.sessionId.empty());
  EXPECT_FALSE(first.runId.empty());
  EXPECT_EQ(first.model, "test-model");
  EXPECT_EQ(first.provider, "scripted");
  EXPECT_EQ(first.inputTokens, 11);
  EXPECT_EQ(first.outputTokens, 7);
  EXPECT_EQ(first.deliveryStatus, DeliveryStatus::NotRequested);

  const JobRunOutcome second = run(job);
  EXPECT_EQ(second.summary, "still green");
  EXPECT_EQ(second.sessionKey, first.sessionKey);
  EXPECT_NE(second.sessionId, first.sessionId);
  EXPECT_NE(second.runId, first.runId);

  // Each run's prompt names the job, and the second one does not see the first conversation.
  const auto requests = provider_.requests();
  ASSERT_EQ(requests.size(), 2u);
  const auto texts = promptTexts(requests[1]);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "[cron:job-1 Nightly job-1] check the build"),
            1);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "all green"), 0);
}

TEST_F(JobRunnerTest, ACustomSessionTargetKeepsItsConversation) {
  provider_.enqueue(ScriptedReply::text({"one"}));
  provider_.enqueue(ScriptedReply::text({"two"}));
  CronJob job = agentJob("standup", "summarize");
  job.sessionTarget = "session:daily";
  const JobRunOutcome first = run(job);
  const JobRunOutcome second = run(job);
  EXPECT_EQ(first.sessionKey, "agent:main:daily");
  EXPECT_EQ(second.sessionId, first.sessionId);
  const auto texts = promptTexts(provider_.requests().at(1));
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "one"), 1);
}

TEST_F(JobRunnerTest, AModelErrorIsTheRunsError) {
  provider_.enqueue(ScriptedReply::httpError(400, "model is not available"));
  CronJob job = agentJob("bad-model", "go");
  job.payload = AgentTurnPayload{"go", "scripted/other-model", "high", std::nullopt, false};
  const JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Error);
  EXPECT_NE(outcome.error.find("model is not available"), std::string::npos) << outcome.error;
  EXPECT_EQ(outcome.model, "other-model");
  EXPECT_EQ(provider_.requests().at(0).json().at("model"), "other-model");
}

TEST_F(JobRunnerTest, TheJobsTimeoutEndsTheRunAsAnError) {
  provider_.enqueue(ScriptedReply::hanging());
  CronJob job = agentJob("slow", "go");
  job.payload = AgentTurnPayload{"go", std::nullopt, std::nullopt, 1.0, false};
  const JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Error);
  EXPECT_TRUE(outcome.error.starts_with("cron: job execution timed out")) << outcome.error;
}

TEST_F(JobRunnerTest, CancelAbortsTheRunAndReportsTheReasonOnce) {
  provider_.enqueue(ScriptedReply::hanging());
  const CronJob job = agentJob("cancelled", "go");
  std::optional<JobRunOutcome> outcome;
  int calls = 0;
  handle_ = runner_->start(job, [&](JobRunOutcome result) {
    ++calls;
    outcome = std::move(result);
  });
  ASSERT_TRUE(gateway_->runUntil([&] { return provider_.requests().size() == 1; }));
  handle_->cancel("cron: job removed");
  EXPECT_EQ(calls, 0) << "done is posted, not called inside cancel()";
  ASSERT_TRUE(gateway_->runUntil([&] { return outcome.has_value(); }));
  handle_->cancel("again");
  EXPECT_TRUE(gateway_->runUntil(
      [&] { return !gateway_->services().runs().activeRun("agent:main:cron:cancelled"); }));
  gateway_->runUntil([] { return false; }, 50ms);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(outcome->status, RunStatus::Error);
  EXPECT_EQ(outcome->error, "cron: job removed");
  EXPECT_EQ(outcome->sessionKey, "agent:main:cron:cancelled");
}

CronJob systemEventJob(const std::string& id, const std::string& text, bool now) {
  CronJob job;
  job.id = id;
  job.sessionTarget = "main";
  job.wakeNow = now;
  job.payload = automation::SystemEventPayload{text};
  return job;
}

TEST_F(JobRunnerTest, ASystemEventForTheNextHeartbeatWaitsInTheMainSession) {
  const JobRunOutcome outcome = run(systemEventJob("remind", "Stand up and stretch", false));
  EXPECT_EQ(outcome.status, RunStatus::Ok);
  EXPECT_EQ(outcome.summary, "Stand up and stretch");
  EXPECT_EQ(outcome.sessionKey, "agent:main:main");
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::NotRequested);
  runs::SystemEventQueue& queued = gateway_->services().runs().systemEvents();
  EXPECT_EQ(queued.size("agent:main:main"), 1u);
  EXPECT_EQ(queued.drain("agent:main:main").at(0).text, "Stand up and stretch");
  EXPECT_TRUE(provider_.requests().empty());
}

TEST_F(JobRunnerTest, ASystemEventWithWakeNowStartsAHeartbeatTurnOnIt) {
  provider_.enqueue(ScriptedReply::text({"HEARTBEAT_OK"}));
  const JobRunOutcome outcome = run(systemEventJob("remind-now", "Check the oven", true));
  EXPECT_EQ(outcome.status, RunStatus::Ok);
  ASSERT_TRUE(gateway_->runUntil([&] { return provider_.requests().size() == 1; }));
  EXPECT_NE(provider_.requests()[0].body.find("Check the oven"), std::string::npos);
}

TEST_F(JobRunnerTest, AWebhookJobPostsTheFinishedEvent) {
  WebhookReceiver receiver;
  policy_.token = "hook-secret";
  provider_.enqueue(ScriptedReply::text({"report body"}));
  CronJob job = agentJob("hooked", "report");
  job.delivery.mode = DeliveryMode::Webhook;
  job.delivery.to = receiver.url("/cron?x=1");
  const JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Ok);
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::Delivered) << outcome.deliveryError;
  ASSERT_EQ(receiver.requests().size(), 1u);
  const RecordedRequest posted = receiver.requests()[0];
  EXPECT_EQ(posted.method, "POST");
  EXPECT_EQ(posted.target, "/cron?x=1");
  EXPECT_EQ(posted.headers.at("content-type"), "application/json");
  EXPECT_EQ(posted.headers.at("authorization"), "Bearer hook-secret");
  const json body = posted.json();
  EXPECT_EQ(body.at("jobId"), "hooked");
  EXPECT_EQ(body.at("action"), "finished");
  EXPECT_EQ(body.at("job").at("id"), "hooked");
  EXPECT_EQ(body.at("status"), "ok");
  EXPECT_EQ(body.at("summary"), "report body");
  EXPECT_EQ(body.at("sessionKey"), "agent:main:cron:hooked");
  EXPECT_EQ(body.at("sessionId"), outcome.sessionId);
  EXPECT_EQ(body.at("model"), "test-model");
  EXPECT_EQ(body.at("usage"),
            (json{{"input_tokens", 11}, {"output_tokens", 7}, {"total_tokens", 18}}));
  EXPECT_TRUE(body.at("runAtMs").is_number_integer());
  EXPECT_FALSE(body.contains("error"));
}

TEST_F(JobRunnerTest, AFailedRunsWebhookCarriesTheErrorNotTheSummary) {
  WebhookReceiver receiver;
  provider_.enqueue(ScriptedReply::httpError(400, "upstream exploded"));
  CronJob job = agentJob("hooked-error", "report");
  job.delivery.mode = DeliveryMode::Webhook;
  job.delivery.to = receiver.url();
  const JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Error);
  ASSERT_EQ(receiver.requests().size(), 1u);
  const json body = receiver.requests()[0].json();
  EXPECT_EQ(body.at("status"), "error");
  EXPECT_NE(body.at("error").get<std::string>().find("upstream exploded"), std::string::npos)
      << body.dump();
  EXPECT_FALSE(body.contains("summary"));
}

TEST_F(JobRunnerTest, WebhookRefusalsAndFailuresLeaveTheRunOk) {
  WebhookReceiver refusing(503);
  provider_.enqueue(ScriptedReply::text({"a"}));
  provider_.enqueue(ScriptedReply::text({"b"}));
  provider_.enqueue(ScriptedReply::text({"c"}));
  CronJob job = agentJob("hooked-503", "report");
  job.delivery.mode = DeliveryMode::Webhook;
  job.delivery.to = refusing.url();
  JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Ok);
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::NotDelivered);
  EXPECT_EQ(outcome.deliveryError, "webhook request failed with HTTP 503");

  // The strict guard (the default policy) refuses a loopback receiver without connecting.
  WebhookReceiver receiver;
  policy_ = {};
  job.delivery.to = receiver.url();
  outcome = run(job);
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::NotDelivered);
  EXPECT_NE(outcome.deliveryError.find("127.0.0.1 is loopback"), std::string::npos)
      << outcome.deliveryError;
  EXPECT_TRUE(receiver.requests().empty());
  // ... unless the host is exempt.
  policy_.allowedHostnames = {"127.0.0.1"};
  outcome = run(job);
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::Delivered) << outcome.deliveryError;
}

TEST_F(JobRunnerTest, AnEmptyReplyIsNotPostedOrAnnounced) {
  WebhookReceiver receiver;
  provider_.enqueue(ScriptedReply::text({" "}));
  provider_.enqueue(ScriptedReply::text({"NO_REPLY"}));
  CronJob job = agentJob("quiet", "anything?");
  job.delivery.mode = DeliveryMode::Webhook;
  job.delivery.to = receiver.url();
  JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::NotDelivered);
  EXPECT_EQ(outcome.deliverySuppressionReason, "empty");
  job.delivery.mode = DeliveryMode::Announce;
  job.delivery.channel = "irc";
  job.delivery.to = "#ops";
  outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Ok);
  EXPECT_EQ(outcome.deliverySuppressionReason, "silent");
  EXPECT_TRUE(outcome.deliveryError.empty());
  EXPECT_TRUE(receiver.requests().empty());
}

TEST_F(JobRunnerTest, AnnouncingWithoutAnyConversationFailsTheRunUnlessBestEffort) {
  provider_.enqueue(ScriptedReply::text({"news"}));
  provider_.enqueue(ScriptedReply::text({"news"}));
  CronJob job = agentJob("nowhere", "report");
  job.delivery.mode = DeliveryMode::Announce;
  job.delivery.channel = "last";
  JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Error);
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::NotDelivered);
  EXPECT_NE(outcome.error.find("delivery channel is missing"), std::string::npos) << outcome.error;
  EXPECT_EQ(outcome.deliveryError, outcome.error);
  EXPECT_EQ(outcome.summary, "news");

  job.delivery.bestEffort = true;
  outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Ok);
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::NotDelivered);
  EXPECT_FALSE(outcome.deliveryError.empty());
}

TEST_F(JobRunnerTest, AFailureNotificationGoesOutWhenTheStreakReachesTwo) {
  WebhookReceiver alerts;
  for (int i = 0; i < 3; ++i) provider_.enqueue(ScriptedReply::httpError(400, "boom"));
  CronJob job = agentJob("flaky", "go");
  job.delivery.failureDestination =
      automation::FailureDestination{"", alerts.url("/alerts"), "", DeliveryMode::Webhook};
  for (std::int64_t streak = 0; streak < 3; ++streak) {
    job.state.consecutiveErrors = streak;
    EXPECT_EQ(run(job).status, RunStatus::Error);
  }
  ASSERT_TRUE(alerts.waitForRequests(1, 10s));
  gateway_->runUntil([] { return false; }, 200ms);
  ASSERT_EQ(alerts.requests().size(), 1u);
  const json body = alerts.requests()[0].json();
  EXPECT_EQ(body.at("jobId"), "flaky");
  EXPECT_EQ(body.at("jobName"), "Nightly flaky");
  EXPECT_TRUE(body.at("runAtMs").is_number_integer());
  const std::string message = body.at("message");
  EXPECT_NE(message.find("\"Nightly flaky\" failed 2 times"), std::string::npos) << message;
  EXPECT_NE(message.find("boom"), std::string::npos) << message;
}

// Constructed before the gateway (a base listed first), destroyed after it.
struct WithIrcServer {
  IrcServer server_;
  int ircPort() const { return server_.port(); }
};

// A loopback port bound but not listening: a connection there is refused at once.
struct WithRefusingPort {
  WithRefusingPort() {
    socket_.open(boost::asio::ip::tcp::v4());
    socket_.bind({boost::asio::ip::make_address("127.0.0.1"), 0});
  }
  int ircPort() const { return socket_.local_endpoint().port(); }
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_{io_};
};

// The gateway with its IRC channel started, pointed at Server's port.
template <class Server>
class JobRunnerWithIrc : public Server, public JobRunnerTest {
 protected:
  static json ircConfig(int port) {
    return {{"channels",
             {{"irc",
               {{"host", "127.0.0.1"},
                {"port", port},
                {"tls", false},
                {"nick", "clawbot"},
                {"channels", {"#ops"}},
                {"sendIntervalMs", 50}}}}}};
  }
  JobRunnerWithIrc() : JobRunnerTest(ircConfig(Server::ircPort())) {
    gateway_->services().channels().start(gateway_->settings().channels);
  }
  ~JobRunnerWithIrc() override {
    runner_.reset();
    bool stopped = false;
    gateway_->services().channels().stop([&stopped] { stopped = true; });
    gateway_->runUntil([&] { return stopped; });
  }
};

using JobRunnerOnIrc = JobRunnerWithIrc<WithIrcServer>;
using JobRunnerUnlinked = JobRunnerWithIrc<WithRefusingPort>;

TEST_F(JobRunnerOnIrc, AnIsolatedJobAnnouncesItsReplyToTheLastConversation) {
  server_.start();
  provider_.enqueue(ScriptedReply::text({"nightly build ", "is green"}));
  IrcTestUser alice(server_.port(), "alice");
  alice.join("#ops");
  // The bot joins while the loop runs; alice waits on her own thread.
  std::atomic<bool> joined = false;
  std::thread waiting([&] {
    alice.waitForMember("#ops", "clawbot", ircDeadline(20s));
    joined = true;
  });
  gateway_->runUntil([&] { return joined.load(); }, 20s);
  waiting.join();
  rememberConversation("irc", "#ops");

  CronJob job = agentJob("announce", "report");
  job.delivery.mode = DeliveryMode::Announce;
  job.delivery.channel = "last";
  const JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Ok) << outcome.error;
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::Delivered) << outcome.deliveryError;
  const auto said = alice.waitForPrivmsg("#ops", ircDeadline(10s));
  EXPECT_EQ(said.sourceNick(), "clawbot");
  EXPECT_EQ(said.param(1), "nightly build is green");
}

TEST_F(JobRunnerUnlinked, AnUnlinkedChannelRecordsNotLinkedAndTheRunStaysOk) {
  // The channel is configured but cannot connect.
  provider_.enqueue(ScriptedReply::text({"report"}));
  CronJob job = agentJob("unlinked", "report");
  job.delivery.mode = DeliveryMode::Announce;
  job.delivery.channel = "irc";
  job.delivery.to = "#ops";
  const JobRunOutcome outcome = run(job);
  EXPECT_EQ(outcome.status, RunStatus::Ok) << outcome.error;
  EXPECT_EQ(outcome.deliveryStatus, DeliveryStatus::NotDelivered);
  EXPECT_TRUE(outcome.deliveryError.starts_with("NOT_LINKED: ")) << outcome.deliveryError;
}

}  // namespace
}  // namespace openclaw::testsupport

namespace openclaw::automation {
namespace {

TEST(JobSession, EachTargetNamesItsSession) {
  CronJob job;
  job.id = "Daily";
  std::string error;
  job.sessionTarget = "isolated";
  auto session = jobSession(job, "ops", error);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->sessionKey, "agent:ops:cron:daily");
  EXPECT_TRUE(session->fresh);
  job.sessionTarget = "current";  // created without a session: isolated
  EXPECT_EQ(jobSession(job, "ops", error)->sessionKey, "agent:ops:cron:daily");
  job.sessionKey = "agent:ops:telegram:direct:42";
  session = jobSession(job, "ops", error);
  EXPECT_EQ(session->sessionKey, "agent:ops:telegram:direct:42");
  EXPECT_FALSE(session->fresh);
  job.sessionTarget = "session:standup";
  EXPECT_EQ(jobSession(job, "ops", error)->sessionKey, "agent:ops:standup");
  job.sessionTarget = "main";
  EXPECT_EQ(jobSession(job, "ops", error)->sessionKey, "agent:ops:main");
  job.sessionTarget = "session:  ";
  EXPECT_FALSE(jobSession(job, "ops", error));
  EXPECT_EQ(error, "invalid cron sessionTarget session id");
  job.sessionTarget = "elsewhere";
  EXPECT_FALSE(jobSession(job, "ops", error));
}

TEST(FailureAlert, GoesToTheFailureDestinationElseTheAnnounceTargetOnce) {
  CronJob job;
  job.id = "j";
  job.delivery.mode = DeliveryMode::Announce;
  job.delivery.channel = "irc";
  job.delivery.to = "#ops";
  job.state.consecutiveErrors = 0;
  EXPECT_FALSE(failureAlertFor(job, "boom", 1));  // the first failure of a streak
  job.state.consecutiveErrors = 1;
  auto alert = failureAlertFor(job, "boom", 1);
  ASSERT_TRUE(alert);
  EXPECT_EQ(alert->mode, DeliveryMode::Announce);
  EXPECT_EQ(alert->route.channel, "irc");
  EXPECT_EQ(alert->route.to, "#ops");
  EXPECT_EQ(alert->text, "Cron job \"j\" failed 2 times in a row.\nLast error: boom");
  job.state.consecutiveErrors = 2;
  EXPECT_FALSE(failureAlertFor(job, "boom", 1));  // already notified for this streak
  job.state.consecutiveErrors = 1;
  job.delivery.failureDestination = FailureDestination{"", "#alerts", "", std::nullopt};
  alert = failureAlertFor(job, std::string(500, 'x'), 1);
  EXPECT_EQ(alert->route.channel, "irc");
  EXPECT_EQ(alert->route.to, "#alerts");
  EXPECT_LT(alert->text.size(), 300u);
  job.delivery.bestEffort = true;
  EXPECT_FALSE(failureAlertFor(job, "boom", 1));
  job.delivery = {};  // no route at all
  EXPECT_FALSE(failureAlertFor(job, "boom", 1));
}

}  // namespace
}  // namespace openclaw::automation
