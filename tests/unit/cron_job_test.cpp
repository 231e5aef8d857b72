// The wire side of cron jobs: cron.add params to a job with upstream's defaults, cron.update
// patches, the job and run record in upstream's shapes (checked against upstream's schema), the
// `cron` event payloads, and every refusal naming its field.
#include "automation/cron_job.h"

#include <gtest/gtest.h>

#include "automation/cron_events.h"
#include "automation/cron_service.h"
#include "upstream_schema.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;
using testsupport::upstreamValid;

constexpr std::int64_t kNow = 1'800'000'000'000;  // 2027-01-15T08:00:00Z

json systemEventParams() {
  return {{"name", "nightly"},
          {"schedule", {{"kind", "every"}, {"everyMs", 60'000}}},
          {"sessionTarget", "main"},
          {"wakeMode", "now"},
          {"payload", {{"kind", "systemEvent"}, {"text", "check the inbox"}}}};
}

json agentTurnParams() {
  return {{"name", "digest"},
          {"schedule", {{"kind", "cron"}, {"expr", "30 7 * * *"}, {"tz", "UTC"}}},
          {"sessionTarget", "isolated"},
          {"wakeMode", "next-heartbeat"},
          {"payload", {{"kind", "agentTurn"}, {"message", "Summarize the news"}}}};
}

CronJob added(const json& params) {
  auto job = jobFromAddParams(params, kNow);
  if (!job) throw std::runtime_error(job.error().message);
  job->id = "job-1";
  return *job;
}

// The refusal's message, or "" when the params were accepted.
std::string addRefusal(const json& params) {
  auto job = jobFromAddParams(params, kNow);
  if (job) return "";
  EXPECT_EQ(job.error().code, "INVALID_REQUEST");
  return job.error().message;
}

std::string patchRefusal(const CronJob& job, const json& patch) {
  auto next = jobWithPatch(job, patch, kNow + 1000);
  if (next) return "";
  EXPECT_EQ(next.error().code, "INVALID_REQUEST");
  return next.error().message;
}

CronJob patched(const CronJob& job, const json& patch) {
  auto next = jobWithPatch(job, patch, kNow + 1000);
  if (!next) throw std::runtime_error(next.error().message);
  return *next;
}

bool mentions(const std::string& message, const std::string& text) {
  return message.find(text) != std::string::npos;
}

TEST(CronJobAdd, SystemEventJobRoundTripsInUpstreamsShape) {
  const CronJob job = added(systemEventParams());
  const json wire = jobToJson(job);
  EXPECT_EQ(wire.at("id"), "job-1");
  EXPECT_EQ(wire.at("name"), "nightly");
  EXPECT_EQ(wire.at("enabled"), true);
  EXPECT_EQ(wire.at("createdAtMs"), kNow);
  EXPECT_EQ(wire.at("updatedAtMs"), kNow);
  EXPECT_EQ(wire.at("schedule"),
            (json{{"kind", "every"}, {"everyMs", 60'000}, {"anchorMs", kNow}}));
  EXPECT_EQ(wire.at("sessionTarget"), "main");
  EXPECT_EQ(wire.at("wakeMode"), "now");
  EXPECT_EQ(wire.at("payload"), (json{{"kind", "systemEvent"}, {"text", "check the inbox"}}));
  EXPECT_EQ(wire.at("state"), json::object());
  // Unset fields are left out, as upstream's JSON does.
  for (const char* absent :
       {"agentId", "sessionKey", "description", "deleteAfterRun", "delivery"}) {
    EXPECT_FALSE(wire.contains(absent)) << absent;
  }
  EXPECT_TRUE(upstreamValid("CronJob", wire));
  EXPECT_TRUE(upstreamValid("CronJob", jobReadView(job)));
}

TEST(CronJobAdd, IsolatedAgentTurnAnnouncesToLastByDefault) {
  const json wire = jobToJson(added(agentTurnParams()));
  EXPECT_EQ(wire.at("delivery"), (json{{"mode", "announce"}}));
  EXPECT_EQ(wire.at("wakeMode"), "next-heartbeat");
  EXPECT_EQ(wire.at("payload"), (json{{"kind", "agentTurn"}, {"message", "Summarize the news"}}));
  EXPECT_TRUE(upstreamValid("CronJob", wire));
}

TEST(CronJobAdd, KeepsEveryAgentTurnOptionAndDeliveryField) {
  json params = agentTurnParams();
  params["agentId"] = "Work";
  params["description"] = "  morning digest ";
  params["enabled"] = false;
  params["payload"].update({{"model", "openai/gpt-5"},
                            {"thinking", "low"},
                            {"timeoutSeconds", 90},
                            {"lightContext", true}});
  params["delivery"] = {{"mode", "announce"},
                        {"channel", "IRC"},
                        {"to", "#news"},
                        {"accountId", "default"},
                        {"threadId", 42},
                        {"bestEffort", true},
                        {"failureDestination", {{"channel", "telegram"}, {"to", "12345"}}}};
  const json wire = jobToJson(added(params));
  EXPECT_EQ(wire.at("agentId"), "work");
  EXPECT_EQ(wire.at("description"), "morning digest");
  EXPECT_EQ(wire.at("enabled"), false);
  EXPECT_EQ(wire.at("payload"), (json{{"kind", "agentTurn"},
                                      {"message", "Summarize the news"},
                                      {"model", "openai/gpt-5"},
                                      {"thinking", "low"},
                                      {"timeoutSeconds", 90},
                                      {"lightContext", true}}));
  EXPECT_EQ(wire.at("delivery"),
            (json{{"mode", "announce"},
                  {"channel", "irc"},
                  {"to", "#news"},
                  {"accountId", "default"},
                  {"threadId", "42"},
                  {"bestEffort", true},
                  {"failureDestination", {{"channel", "telegram"}, {"to", "12345"}}}}));
  EXPECT_TRUE(upstreamValid("CronJob", wire));
}

TEST(CronJobAdd, OneShotDeletesItselfAndEchoesIsoTime) {
  json params = systemEventParams();
  params["schedule"] = {{"kind", "at"}, {"at", "2030-01-01T00:00:00Z"}};
  const json wire = jobToJson(added(params));
  EXPECT_EQ(wire.at("deleteAfterRun"), true);
  EXPECT_EQ(wire.at("schedule"), (json{{"kind", "at"}, {"at", "2030-01-01T00:00:00.000Z"}}));
  params["deleteAfterRun"] = false;
  EXPECT_EQ(jobToJson(added(params)).at("deleteAfterRun"), false);
}

TEST(CronJobAdd, TopOfHourExpressionsGetUpstreamsStagger) {
  json params = agentTurnParams();
  params["schedule"] = {{"kind", "cron"}, {"expr", "0 * * * *"}};
  EXPECT_EQ(jobToJson(added(params)).at("schedule").at("staggerMs"), 300'000);
  params["schedule"] = {{"kind", "cron"}, {"expr", "0 */2 * * *"}, {"staggerMs", 0}};
  EXPECT_EQ(jobToJson(added(params)).at("schedule").at("staggerMs"), 0);
  params["schedule"] = {{"kind", "cron"}, {"expr", "0 9 * * *"}};
  EXPECT_FALSE(jobToJson(added(params)).at("schedule").contains("staggerMs"));
}

TEST(CronJobAdd, CurrentRunsInTheCreatingSessionOrIsolated) {
  json params = agentTurnParams();
  params["sessionTarget"] = "current";
  EXPECT_EQ(added(params).sessionTarget, "isolated");
  params["sessionKey"] = "agent:main:work";
  const CronJob job = added(params);
  EXPECT_EQ(job.sessionTarget, "current");
  EXPECT_EQ(job.sessionKey, "agent:main:work");
  params["sessionTarget"] = "session:agent:main:other";
  EXPECT_EQ(added(params).sessionTarget, "session:agent:main:other");
}

TEST(CronJobAdd, WebhookDeliveryOfAMainJob) {
  json params = systemEventParams();
  params["delivery"] = {{"mode", "webhook"}, {"to", "https://example.com/hook"}};
  EXPECT_EQ(jobToJson(added(params)).at("delivery"),
            (json{{"mode", "webhook"}, {"to", "https://example.com/hook"}}));
}

TEST(CronJobAdd, RefusesWhatThisGatewayDoesNotRunNamingTheField) {
  struct Case {
    json params;
    const char* field;
  };
  const auto with = [](json params, const json& patch) {
    params.merge_patch(patch);
    return params;
  };
  const json main = systemEventParams();
  const json isolated = agentTurnParams();
  const std::vector<Case> cases = {
      {with(isolated, {{"payload", {{"kind", "command"}, {"argv", {"ls"}}}}}), "payload.kind"},
      {with(main, {{"payload", {{"kind", "script"}, {"script", "1"}}}}), "payload.kind"},
      {with(main, {{"payload", {{"kind", "heartbeat"}}}}), "payload.kind"},
      {with(main, {{"payload", {{"kind", "skillCollectionReview"}}}}), "payload.kind"},
      {with(main, {{"pacing", {{"min", "1h"}}}}), "pacing"},
      {with(main, {{"trigger", {{"script", "true"}}}}), "trigger"},
      {with(main, {{"declarationKey", "daily"}}), "declarationKey"},
      {with(main, {{"displayName", "Daily"}}), "displayName"},
      {with(main, {{"owner", {{"agentId", "main"}}}}), "owner"},
      {with(main, {{"failureAlert", {{"after", 2}}}}), "failureAlert"},
      {with(isolated, {{"payload", {{"toolsAllow", {"exec"}}}}}), "payload.toolsAllow"},
      {with(isolated, {{"payload", {{"fallbacks", {"a/b"}}}}}), "payload.fallbacks"},
      {with(main, {{"payload", {{"kind", "agentTurn"}, {"message", "hi"}, {"text", nullptr}}}}),
       "payload.kind"},
      {with(isolated,
            {{"payload", {{"kind", "systemEvent"}, {"text", "hi"}, {"message", nullptr}}}}),
       "payload.kind"},
      {with(isolated, {{"delivery", {{"mode", "webhook"}, {"to", "not a url"}}}}), "delivery.to"},
      {with(isolated, {{"delivery", {{"mode", "webhook"}, {"to", "ftp://example.com/x"}}}}),
       "delivery.to"},
      {with(isolated, {{"delivery", {{"mode", "announce"}, {"channel", "whatsapp"}}}}),
       "delivery.channel"},
      {with(main, {{"delivery", {{"mode", "announce"}, {"channel", "irc"}}}}), "delivery.mode"},
      {with(isolated,
            {{"delivery",
              {{"mode", "announce"}, {"failureDestination", {{"channel", "whatsapp"}}}}}}),
       "delivery.failureDestination.channel"},
      {with(isolated,
            {{"delivery",
              {{"mode", "announce"}, {"failureDestination", {{"mode", "webhook"}, {"to", "x"}}}}}}),
       "delivery.failureDestination.to"},
      {with(isolated,
            {{"delivery",
              {{"mode", "announce"},
               {"completionDestination", {{"mode", "webhook"}, {"to", "https://e.com"}}}}}}),
       "delivery.completionDestination"},
      {with(main, {{"name", "   "}}), "name"},
      {with(main, {{"payload", {{"text", "  "}}}}), "payload.text"},
      {with(isolated, {{"payload", {{"message", " \n"}}}}), "payload.message"},
  };
  for (const Case& refused : cases) {
    const std::string message = addRefusal(refused.params);
    EXPECT_TRUE(mentions(message, "invalid cron.add params: ")) << message;
    EXPECT_TRUE(mentions(message, refused.field)) << refused.field << ": " << message;
  }
}

TEST(CronJobAdd, DeclarationKeyRefusalSaysWhy) {
  json params = systemEventParams();
  params["declarationKey"] = "daily";
  EXPECT_TRUE(mentions(addRefusal(params), "declarationKey is not supported by this gateway"));
}

TEST(CronJobPatch, PresentFieldsReplaceAndTheRestStays) {
  const CronJob job = added(agentTurnParams());
  const CronJob next = patched(job, {{"name", " renamed "}, {"enabled", false}});
  EXPECT_EQ(next.name, "renamed");
  EXPECT_FALSE(next.enabled);
  EXPECT_EQ(next.updatedAtMs, kNow + 1000);
  EXPECT_EQ(next.createdAtMs, job.createdAtMs);
  EXPECT_EQ(jobToJson(next).at("payload"), jobToJson(job).at("payload"));
  EXPECT_EQ(jobToJson(next).at("schedule"), jobToJson(job).at("schedule"));
}

TEST(CronJobPatch, EnablingAgainResetsTheErrorStreak) {
  CronJob job = added(agentTurnParams());
  job.enabled = false;
  job.state.consecutiveErrors = 3;
  EXPECT_EQ(patched(job, {{"enabled", false}}).state.consecutiveErrors, 3);
  EXPECT_EQ(patched(job, {{"enabled", true}}).state.consecutiveErrors, 0);
}

TEST(CronJobPatch, NullClearsOptionalFields) {
  json params = agentTurnParams();
  params["agentId"] = "work";
  params["sessionKey"] = "agent:work:chat";
  params["payload"]["model"] = "openai/gpt-5";
  params["delivery"] = {{"mode", "announce"}, {"channel", "irc"}, {"to", "#x"}, {"threadId", "t"}};
  const CronJob next =
      patched(added(params), {{"agentId", nullptr},
                              {"sessionKey", nullptr},
                              {"payload", {{"kind", "agentTurn"}, {"model", nullptr}}},
                              {"delivery", {{"channel", nullptr}, {"threadId", nullptr}}},
                              {"pacing", nullptr},
                              {"trigger", nullptr},
                              {"displayName", nullptr}});
  const json wire = jobToJson(next);
  EXPECT_FALSE(wire.contains("agentId"));
  EXPECT_FALSE(wire.contains("sessionKey"));
  EXPECT_EQ(wire.at("payload"), (json{{"kind", "agentTurn"}, {"message", "Summarize the news"}}));
  EXPECT_EQ(wire.at("delivery"), (json{{"mode", "announce"}, {"to", "#x"}}));
}

TEST(CronJobPatch, PayloadMergesIntoTheSameKindAndIsReplacedByAnother) {
  json params = agentTurnParams();
  params["payload"]["thinking"] = "high";
  const CronJob job = added(params);
  const json merged = jobToJson(patched(
      job, {{"payload", {{"kind", "agentTurn"}, {"message", "New"}, {"timeoutSeconds", 30}}}}));
  EXPECT_EQ(merged.at("payload"), (json{{"kind", "agentTurn"},
                                        {"message", "New"},
                                        {"thinking", "high"},
                                        {"timeoutSeconds", 30}}));
  // Another kind must be complete, and move the job to a target that runs it.
  EXPECT_TRUE(mentions(
      patchRefusal(job, {{"sessionTarget", "main"}, {"payload", {{"kind", "systemEvent"}}}}),
      "payload.text"));
  const CronJob moved = patched(
      job, {{"sessionTarget", "main"}, {"payload", {{"kind", "systemEvent"}, {"text", "ping"}}}});
  const json wire = jobToJson(moved);
  EXPECT_EQ(wire.at("payload"), (json{{"kind", "systemEvent"}, {"text", "ping"}}));
  // The isolated target's announce does not follow the job to the main session.
  EXPECT_FALSE(wire.contains("delivery"));
  EXPECT_TRUE(upstreamValid("CronJob", wire));
}

TEST(CronJobPatch, DeliveryMergesFieldByField) {
  json params = agentTurnParams();
  params["delivery"] = {{"mode", "announce"}, {"channel", "irc"}, {"to", "#x"}};
  const CronJob job = added(params);
  EXPECT_EQ(
      jobToJson(patched(job, {{"delivery", {{"to", "#y"}, {"bestEffort", true}}}})).at("delivery"),
      (json{{"mode", "announce"}, {"channel", "irc"}, {"to", "#y"}, {"bestEffort", true}}));
  // To a webhook: the channel route goes and the URL is required.
  EXPECT_TRUE(mentions(patchRefusal(job, {{"delivery", {{"mode", "webhook"}}}}), "delivery.to"));
  EXPECT_EQ(jobToJson(patched(job, {{"delivery", {{"mode", "webhook"}, {"to", "http://h/x"}}}}))
                .at("delivery"),
            (json{{"mode", "webhook"}, {"to", "http://h/x"}}));
  EXPECT_TRUE(
      mentions(patchRefusal(job, {{"delivery", {{"channel", "matrix"}}}}), "delivery.channel"));
  EXPECT_TRUE(mentions(
      patchRefusal(job,
                   {{"delivery", {{"completionDestination", {{"mode", "webhook"}, {"to", "x"}}}}}}),
      "delivery.completionDestination"));
}

TEST(CronJobPatch, ScheduleKindChangeTogglesDeleteAfterRun) {
  const CronJob job = added(systemEventParams());
  const CronJob once =
      patched(job, {{"schedule", {{"kind", "at"}, {"at", "2030-01-01T00:00:00Z"}}}});
  EXPECT_TRUE(once.deleteAfterRun);
  const CronJob again = patched(once, {{"schedule", {{"kind", "every"}, {"everyMs", 5000}}}});
  EXPECT_FALSE(again.deleteAfterRun);
  EXPECT_TRUE(patched(job, {{"deleteAfterRun", true}}).deleteAfterRun);
}

TEST(CronJobPatch, AnUnchangedExpressionKeepsItsStagger) {
  json params = agentTurnParams();
  params["schedule"] = {{"kind", "cron"}, {"expr", "0 * * * *"}, {"staggerMs", 1234}};
  const CronJob job = added(params);
  const CronJob same =
      patched(job, {{"schedule", {{"kind", "cron"}, {"expr", "0 * * * *"}, {"tz", "UTC"}}}});
  EXPECT_EQ(jobToJson(same).at("schedule").at("staggerMs"), 1234);
}

TEST(CronJobPatch, RefusesWhatThisGatewayDoesNotRunNamingTheField) {
  const CronJob job = added(agentTurnParams());
  const std::vector<std::pair<json, const char*>> cases = {
      {{{"pacing", {{"min", "1h"}}}}, "patch.pacing"},
      {{{"trigger", {{"script", "x"}}}}, "patch.trigger"},
      {{{"displayName", "X"}}, "patch.displayName"},
      {{{"failureAlert", false}}, "patch.failureAlert"},
      {{{"state", {{"nextRunAtMs", 1}}}}, "patch.state"},
      {{{"payload", {{"kind", "script"}, {"script", "x"}}}}, "payload.kind"},
      {{{"payload", {{"kind", "agentTurn"}, {"toolsAllow", {"exec"}}}}}, "payload.toolsAllow"},
      {{{"sessionTarget", "main"}}, "payload.kind"},
      {{{"name", " "}}, "patch.name"},
  };
  for (const auto& [patch, field] : cases) {
    const std::string message = patchRefusal(job, patch);
    EXPECT_TRUE(mentions(message, "invalid cron.update params: ")) << message;
    EXPECT_TRUE(mentions(message, field)) << field << ": " << message;
  }
}

JobRunRecord finishedRecord() {
  JobRunRecord record;
  record.ts = kNow + 5000;
  record.jobId = "job-1";
  record.jobName = "digest";
  record.status = RunStatus::Ok;
  record.summary = "All quiet.";
  record.deliveryStatus = DeliveryStatus::Delivered;
  record.sessionKey = "agent:main:cron:job-1";
  record.sessionId = "s-1";
  record.runId = "run-1";
  record.runAtMs = kNow;
  record.durationMs = 5000;
  record.nextRunAtMs = kNow + 86'400'000;
  record.model = "gpt-5";
  record.provider = "openai";
  record.inputTokens = 10;
  record.outputTokens = 4;
  return record;
}

TEST(CronRunRecord, IsUpstreamsRunLogEntry) {
  const json entry = runRecordToJson(finishedRecord());
  EXPECT_EQ(entry.at("action"), "finished");
  EXPECT_EQ(entry.at("status"), "ok");
  EXPECT_EQ(entry.at("completionStatus"), "succeeded");
  EXPECT_EQ(entry.at("delivered"), true);
  EXPECT_EQ(entry.at("deliveryStatus"), "delivered");
  EXPECT_EQ(entry.at("summary"), "All quiet.");
  EXPECT_EQ(entry.at("jobName"), "digest");
  EXPECT_EQ(entry.at("usage"),
            (json{{"input_tokens", 10}, {"output_tokens", 4}, {"total_tokens", 14}}));
  EXPECT_FALSE(entry.contains("error"));
  EXPECT_TRUE(upstreamValid("CronRunLogEntry", entry));

  JobRunRecord failed = finishedRecord();
  failed.status = RunStatus::Error;
  failed.error = "interrupted: gateway stopped";
  failed.deliveryStatus = DeliveryStatus::Unknown;
  const json failure = runRecordToJson(failed);
  EXPECT_EQ(failure.at("completionStatus"), "failed");
  EXPECT_EQ(failure.at("error"), "interrupted: gateway stopped");
  EXPECT_FALSE(failure.contains("delivered"));
  EXPECT_TRUE(upstreamValid("CronRunLogEntry", failure));
}

TEST(CronJobState, ShowsRunFactsWithTheDeprecatedAlias) {
  CronJob job = added(agentTurnParams());
  job.state.nextRunAtMs = kNow + 60'000;
  job.state.lastRunAtMs = kNow;
  job.state.lastRunStatus = RunStatus::Error;
  job.state.lastError = "model unavailable";
  job.state.lastDurationMs = 1200;
  job.state.consecutiveErrors = 2;
  job.state.lastDeliveryStatus = DeliveryStatus::NotDelivered;
  const json state = jobToJson(job).at("state");
  EXPECT_EQ(state.at("lastRunStatus"), "error");
  EXPECT_EQ(state.at("lastStatus"), "error");
  EXPECT_EQ(state.at("consecutiveErrors"), 2);
  EXPECT_EQ(state.at("lastDelivered"), false);
  const json view = jobReadView(job);
  EXPECT_EQ(view.at("nextRunAtMs"), kNow + 60'000);
  EXPECT_EQ(view.at("lastRunError"), "model unavailable");
  EXPECT_EQ(view.at("lastRunStatus"), "error");
  EXPECT_TRUE(view.at("configRevision").get<std::string>().starts_with("sha256:"));
  EXPECT_TRUE(upstreamValid("CronJob", view));
}

TEST(CronJobState, ConfigRevisionFollowsTheDefinitionNotTheState) {
  CronJob job = added(agentTurnParams());
  const json before = jobReadView(job).at("configRevision");
  job.state.lastRunAtMs = kNow;
  job.updatedAtMs = kNow + 1;
  EXPECT_EQ(jobReadView(job).at("configRevision"), before);
  job.name = "other";
  EXPECT_NE(jobReadView(job).at("configRevision"), before);
}

TEST(CronEvents, JobAndRunPayloadsAreUpstreams) {
  CronJob job = added(agentTurnParams());
  job.state.nextRunAtMs = kNow + 60'000;
  const json addedEvent = cronJobEvent(JobChange::Added, job);
  EXPECT_EQ(addedEvent.at("jobId"), "job-1");
  EXPECT_EQ(addedEvent.at("action"), "added");
  EXPECT_EQ(addedEvent.at("nextRunAtMs"), kNow + 60'000);
  EXPECT_TRUE(upstreamValid("CronJob", addedEvent.at("job")));
  EXPECT_EQ(cronJobEvent(JobChange::Updated, job).at("action"), "updated");
  const json removed = cronJobEvent(JobChange::Removed, job);
  EXPECT_EQ(removed.at("action"), "removed");
  EXPECT_FALSE(removed.contains("nextRunAtMs"));

  const json started = cronRunStartedEvent(job, kNow);
  EXPECT_EQ(
      started,
      (json{
          {"jobId", "job-1"}, {"action", "started"}, {"job", jobToJson(job)}, {"runAtMs", kNow}}));

  const json finished = cronRunFinishedEvent(job, finishedRecord());
  EXPECT_EQ(finished.at("action"), "finished");
  EXPECT_EQ(finished.at("status"), "ok");
  EXPECT_EQ(finished.at("runAtMs"), kNow);
  EXPECT_EQ(finished.at("job"), jobToJson(job));
  EXPECT_FALSE(finished.contains("ts"));
  EXPECT_FALSE(finished.contains("jobName"));
}

TEST(CronErrors, NotFoundCarriesUpstreamsDetails) {
  const protocol::GatewayError error = jobNotFound("nope");
  EXPECT_EQ(error.code, "INVALID_REQUEST");
  EXPECT_TRUE(mentions(error.message, "nope"));
  EXPECT_EQ(error.details, (json{{"code", "CRON_JOB_NOT_FOUND"}, {"jobId", "nope"}}));
  EXPECT_TRUE(upstreamValid("CronJobNotFoundErrorDetails", error.details));
}

}  // namespace
}  // namespace openclaw::automation
