#include "methods/cron_methods.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "automation/cron_events.h"
#include "core/clock.h"
#include "methods/agent_lookup.h"
#include "methods/cron_views.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {
namespace {

using automation::CronJob;
using nlohmann::json;

protocol::GatewayError invalid(const std::string& method, const std::string& reason) {
  return protocol::GatewayError::invalidRequest("invalid " + method + " params: " + reason);
}

// upstream's CronGetParams & co.: `id`, or `jobId` as its alias.
std::string jobIdOf(const json& params) {
  return params.contains("id") ? params.value("id", "") : params.value("jobId", "");
}

std::string defaultAgent(const CronServices& services) {
  return defaultAgentId(services.runtime.settings.agents);
}

// The job's agent exists, and a main-session job belongs to the default agent (upstream's rule:
// other agents run isolated turns).
protocol::Result<void> checkAgent(const CronServices& services, const CronJob& job,
                                  const std::string& method) {
  if (job.agentId.empty()) return {};
  const config::AgentSettings& agents = services.runtime.settings.agents;
  if (!isConfiguredAgent(agents, job.agentId)) {
    std::string known;
    for (const std::string& id : configuredAgentIds(agents))
      known += (known.empty() ? "" : ", ") + id;
    return invalid(
        method, "agentId \"" + job.agentId + "\" is not an agent of this gateway (" + known + ")");
  }
  if (job.sessionTarget == "main" && job.agentId != defaultAgent(services)) {
    return invalid(method,
                   "sessionTarget \"main\" is only valid for the default agent; use "
                   "sessionTarget \"isolated\" with payload.kind \"agentTurn\" for agent \"" +
                       job.agentId + "\"");
  }
  return {};
}

void handleList(CronServices& services, const rpc::MethodCall& call,
                const rpc::Responder& respond) {
  respond.ok(cronListPage(services.cron.jobs(), call.params, defaultAgent(services)));
}

void handleStatus(CronServices& services, const rpc::MethodCall&, const rpc::Responder& respond) {
  const automation::SchedulerStatus status = services.cron.status();
  const std::string path = services.runtime.settings.paths.databasePath.string();
  respond.ok({{"enabled", status.enabled},
              {"triggersEnabled", false},
              {"storePath", path},
              {"storage", "sqlite"},
              {"sqlitePath", path},
              {"jobs", status.jobs},
              {"nextWakeAtMs", status.enabled && status.nextWakeAtMs ? json(*status.nextWakeAtMs)
                                                                     : json(nullptr)}});
}

void handleGet(CronServices& services, const rpc::MethodCall& call, const rpc::Responder& respond) {
  const std::string id = jobIdOf(call.params);
  const CronJob* job = services.cron.find(id);
  if (job == nullptr) return respond.fail(automation::jobNotFound(id));
  respond.ok(automation::jobReadView(*job));
}

void handleAdd(CronServices& services, const rpc::MethodCall& call, const rpc::Responder& respond) {
  auto job = automation::jobFromAddParams(call.params, core::nowMs());
  if (!job) return respond.fail(job.error());
  if (auto agent = checkAgent(services, *job, "cron.add"); !agent) {
    return respond.fail(agent.error());
  }
  auto added = services.cron.add(std::move(*job));
  if (!added) return respond.fail(added.error());
  json view = automation::jobReadView(*added);
  view["deliveryPreview"] = deliveryPreview(*added);
  respond.ok(view);
}

// upstream's optimistic concurrency: expectedConfigRevision must be the definition read last.
protocol::Result<void> checkRevision(const json& params, const CronJob& job) {
  if (!params.contains("expectedConfigRevision")) return {};
  const std::string expected = params.value("expectedConfigRevision", "");
  const std::string actual = automation::jobReadView(job).value("configRevision", "");
  if (expected == actual) return {};
  return protocol::GatewayError::invalidRequest(
      "cron job definition no longer matches the loaded version; review the latest version "
      "before retrying",
      {{"code", "CRON_JOB_CHANGED"},
       {"expectedConfigRevision", expected},
       {"actualConfigRevision", actual}});
}

void handleUpdate(CronServices& services, const rpc::MethodCall& call,
                  const rpc::Responder& respond) {
  const std::string id = jobIdOf(call.params);
  const CronJob* job = services.cron.find(id);
  if (job == nullptr) return respond.fail(automation::jobNotFound(id));
  if (auto fresh = checkRevision(call.params, *job); !fresh) return respond.fail(fresh.error());
  const json& patch = call.params.at("patch");
  auto next = automation::jobWithPatch(*job, patch, core::nowMs());
  if (!next) return respond.fail(next.error());
  const bool retargeted =
      patch.contains("agentId") || patch.contains("sessionTarget") || patch.contains("payload");
  if (retargeted) {
    if (auto agent = checkAgent(services, *next, "cron.update"); !agent) {
      return respond.fail(agent.error());
    }
  }
  auto replaced = services.cron.replace(std::move(*next));
  if (!replaced) return respond.fail(replaced.error());
  respond.ok(automation::jobReadView(*replaced));
}

void handleRemove(CronServices& services, const rpc::MethodCall& call,
                  const rpc::Responder& respond) {
  auto removed = services.cron.remove(jobIdOf(call.params));
  if (!removed) return respond.fail(removed.error());
  respond.ok({{"ok", true}, {"removed", true}});
}

void handleRun(CronServices& services, const rpc::MethodCall& call, const rpc::Responder& respond) {
  const std::string id = jobIdOf(call.params);
  const CronJob* job = services.cron.find(id);
  if (job == nullptr) return respond.fail(automation::jobNotFound(id));
  // upstream: a run checked against one gateway process is not started by another.
  const std::string expected = call.params.value("expectedProcessInstanceId", "");
  if (!expected.empty() && expected != services.processInstanceId) {
    return respond.fail(invalid("cron.run", "Gateway process changed after preflight"));
  }
  const std::string mode = call.params.value("mode", "force");
  // "if-enabled": forced, unless the job is disabled.
  json answer = {{"ok", true}};
  if (mode == "if-enabled" && !job->enabled) {
    answer.update({{"ran", false}, {"reason", "disabled"}});
  } else {
    auto result = services.cron.runNow(id, mode == "if-enabled" ? "force" : mode);
    if (!result) return respond.fail(result.error());
    if (result->ran) {
      answer.update({{"enqueued", true}, {"runId", result->runId}});
    } else {
      answer.update({{"ran", false}, {"reason", result->reason}});
    }
  }
  answer["processInstanceId"] = services.processInstanceId;
  respond.ok(answer);
}

// cron.runs' filters as the scheduler's query; INVALID_REQUEST for a job scope without an id.
protocol::Result<automation::RunsQuery> runsQuery(const json& params) {
  automation::RunsQuery query;
  const bool selectsJob = params.contains("id") || params.contains("jobId");
  const std::string scope = params.value("scope", selectsJob ? "job" : "all");
  if (scope == "job") {
    query.jobId = jobIdOf(params);
    if (query.jobId.empty()) return invalid("cron.runs", "missing id");
  } else if (params.contains("agentId")) {
    return invalid("cron.runs", "agentId is supported with a job id only (scope \"job\")");
  }
  const auto named = [](const std::string& name) -> std::optional<automation::RunStatus> {
    if (name == "ok") return automation::RunStatus::Ok;
    if (name == "error") return automation::RunStatus::Error;
    if (name == "skipped") return automation::RunStatus::Skipped;
    return std::nullopt;
  };
  for (const json& status : params.value("statuses", json::array())) {
    if (auto value = named(status.get<std::string>())) query.statuses.push_back(*value);
  }
  if (query.statuses.empty()) {
    if (auto value = named(params.value("status", "all"))) query.statuses.push_back(*value);
  }
  const auto deliveryNamed = [](const std::string& name) {
    if (name == "delivered") return automation::DeliveryStatus::Delivered;
    if (name == "not-delivered") return automation::DeliveryStatus::NotDelivered;
    if (name == "not-requested") return automation::DeliveryStatus::NotRequested;
    return automation::DeliveryStatus::Unknown;
  };
  for (const json& status : params.value("deliveryStatuses", json::array())) {
    query.deliveryStatuses.push_back(deliveryNamed(status.get<std::string>()));
  }
  if (query.deliveryStatuses.empty() && params.contains("deliveryStatus")) {
    query.deliveryStatuses.push_back(deliveryNamed(params.value("deliveryStatus", "")));
  }
  query.runId = params.value("runId", "");
  query.query = params.value("query", "");
  query.limit = params.value("limit", std::size_t{50});
  query.offset = params.value("offset", std::size_t{0});
  query.newestFirst = params.value("sortDir", "desc") != "asc";
  return query;
}

boost::asio::awaitable<void> listRuns(CronServices& services, json params, rpc::Responder respond) {
  auto query = runsQuery(params);
  if (!query) {
    respond.fail(query.error());
    co_return;
  }
  const std::string jobId = query->jobId;
  const std::size_t limit = query->limit;
  automation::RunsPage page;
  try {
    page = co_await services.cron.runs(std::move(*query));
  } catch (const std::exception& error) {
    rpc::logStorageFailure(error);
    respond.fail(protocol::GatewayError::unavailable(
        "cannot read the run history; the gateway log has the reason", std::nullopt));
    co_return;
  }
  const CronJob* job = jobId.empty() ? nullptr : services.cron.find(jobId);
  const std::string agentId = params.value("agentId", "");
  const bool otherAgent = job != nullptr && !agentId.empty() &&
                          sessions::normalizeAgentId(agentId) !=
                              (job->agentId.empty() ? defaultAgent(services) : job->agentId);
  if (!jobId.empty() && ((page.total == 0 && job == nullptr) || otherAgent)) {
    respond.fail(automation::jobNotFound(jobId));
    co_return;
  }
  json entries = json::array();
  for (const automation::JobRunRecord& record : page.entries) {
    entries.push_back(automation::runRecordToJson(record));
  }
  const std::size_t offset = std::min(page.total, params.value("offset", std::size_t{0}));
  const std::size_t next = offset + page.entries.size();
  respond.ok({{"entries", std::move(entries)},
              {"total", page.total},
              {"offset", offset},
              {"limit", limit},
              {"hasMore", next < page.total},
              {"nextOffset", next < page.total ? json(next) : json(nullptr)}});
}

void handleRuns(CronServices& services, const rpc::MethodCall& call,
                const rpc::Responder& respond) {
  boost::asio::co_spawn(services.runtime.io, listRuns(services, std::move(call.params), respond),
                        boost::asio::detached);
}

}  // namespace

void registerCronMethods(rpc::MethodRegistry& registry, CronServices& services) {
  struct Method {
    const char* name;
    const char* scope;
    const char* paramsSchema;
    bool sideEffects;
    ServiceHandler<CronServices> handler;
  };
  const Method methods[] = {
      {"cron.list", protocol::scopes::kRead, "CronListParams", false, handleList},
      {"cron.status", protocol::scopes::kRead, "CronStatusParams", false, handleStatus},
      {"cron.get", protocol::scopes::kRead, "CronGetParams", false, handleGet},
      {"cron.runs", protocol::scopes::kRead, "CronRunsParams", false, handleRuns},
      {"cron.add", protocol::scopes::kAdmin, "CronAddParams", true, handleAdd},
      {"cron.update", protocol::scopes::kAdmin, "CronUpdateParams", true, handleUpdate},
      {"cron.remove", protocol::scopes::kAdmin, "CronRemoveParams", true, handleRemove},
      {"cron.run", protocol::scopes::kAdmin, "CronRunParams", true, handleRun},
  };
  for (const Method& method : methods) {
    registry.add({.name = method.name,
                  .scope = method.scope,
                  .paramsSchema = method.paramsSchema,
                  .sideEffects = method.sideEffects,
                  .handler = withServices(services, method.handler)});
  }
  registry.addEvent(automation::kCronEvent);  // the scheduler broadcasts it
}

}  // namespace openclaw::methods
