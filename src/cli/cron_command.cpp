// `openclaw cron` (alias `openclaw automations`): scheduled jobs over the gateway's cron.*
// methods. Flags become params in cron_params.cpp; human output is in cron_output.cpp.
#include <iostream>

#include "cli/commands.h"
#include "cli/cron_add_options.h"
#include "cli/cron_output.h"
#include "cli/cron_params.h"
#include "cli/cron_run.h"
#include "cli/rpc_client.h"
#include "core/clock.h"
#include "core/durations.h"
#include "core/text.h"
#include "protocol/scopes.h"
#include "sessions/session_keys.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

// cron.list is read in pages of this size, at most this many pages (10,000 jobs).
constexpr int kListPageSize = 200;
constexpr int kListMaxPages = 50;

void printJson(const json& value) { std::cout << value.dump(2) << "\n"; }

bool isJobNotFound(const client::RequestRejected& error) {
  const json& details = error.error().details;
  return details.is_object() && details.value("code", "") == "CRON_JOB_NOT_FOUND";
}

std::string lookupMiss(const std::string& id) {
  return "Automation not found: " + id + ". Run `openclaw cron list` to see recent automation ids.";
}

// withGateway, with an unknown job id said in users' words (with --json the gateway's error
// object is printed as for any other failed call).
int withCron(const CliContext& context, const RpcOptions& options, const std::string& scope,
             const std::function<int(client::GatewayClient&)>& session) {
  return withGateway(context, options, scope, [&](client::GatewayClient& gateway) {
    try {
      return session(gateway);
    } catch (const client::RequestRejected& error) {
      if (options.json || !isJobNotFound(error)) throw;
      std::cerr << lookupMiss(error.error().details.value("jobId", "?")) << "\n";
      return 1;
    }
  });
}

milliseconds callTimeout(const RpcOptions& options) { return milliseconds(options.timeoutMs); }

// After a change: the scheduler may be switched off (cron.enabled false), then jobs are stored
// but never run; say so on stderr. Best effort.
void warnIfSchedulerDisabled(client::GatewayClient& gateway, const RpcOptions& options) {
  try {
    const json status = gateway.call("cron.status", json::object(), callTimeout(options));
    if (status.value("enabled", true)) return;
    std::cerr << "warning: the scheduler is disabled in the gateway (cron.enabled is false); jobs "
                 "are saved but will not run automatically.\n";
  } catch (const std::exception&) {
  }
}

// Every job cron.list returns for `filters`, across its pages; the first page's other fields
// are kept.
json listAll(client::GatewayClient& gateway, const json& filters, const RpcOptions& options) {
  json result;
  json jobs = json::array();
  std::int64_t offset = 0;
  for (int page = 0; page < kListMaxPages; ++page) {
    json params = filters;
    params["limit"] = kListPageSize;
    params["offset"] = offset;
    const json answer = gateway.call("cron.list", params, callTimeout(options));
    if (!answer.is_object() || !answer.contains("jobs") || !answer.at("jobs").is_array()) {
      throw std::runtime_error("cron.list returned an invalid page");
    }
    if (result.is_null()) result = answer;
    for (const json& job : answer.at("jobs")) jobs.push_back(job);
    if (!answer.value("hasMore", false)) {
      result["jobs"] = std::move(jobs);
      if (result.contains("hasMore")) {
        result["hasMore"] = false;
        result["nextOffset"] = nullptr;
      }
      return result;
    }
    const json next = answer.value("nextOffset", json());
    if (!next.is_number_integer() || next.get<std::int64_t>() <= offset) {
      throw std::runtime_error("cron.list pagination did not advance");
    }
    offset = next.get<std::int64_t>();
  }
  throw std::runtime_error("cron.list has more than " +
                           std::to_string(kListPageSize * kListMaxPages) + " jobs");
}

// A job by id, else by exact name (case-insensitive), as upstream's `cron show`. Throws
// CronUsageError when the name matches more than one job; null when nothing matches.
json findJob(client::GatewayClient& gateway, const std::string& idOrName,
             const RpcOptions& options) {
  try {
    const json job = gateway.call("cron.get", {{"id", idOrName}}, callTimeout(options));
    if (job.value("id", "") == idOrName) return job;
  } catch (const client::RequestRejected& error) {
    if (!isJobNotFound(error)) throw;
  }
  const json inventory = listAll(gateway, {{"includeDisabled", true}}, options);
  const std::string needle = core::asciiLowercase(idOrName);
  std::vector<json> byName;
  for (const json& job : inventory.at("jobs")) {
    if (core::asciiLowercase(job.value("id", "")) == needle) return job;
    if (core::asciiLowercase(job.value("name", "")) == needle) byName.push_back(job);
  }
  if (byName.size() > 1) {
    std::string message = "Several automations are named '" + idOrName + "'; give a job id:";
    for (const json& job : byName) {
      message +=
          "\n  " + job.value("id", "?") + "  " + describeSchedule(job.value("schedule", json()));
    }
    throw CronUsageError(message);
  }
  return byName.empty() ? json() : byName.front();
}

// Runs a subcommand's action; a CronUsageError is a usage error (exit 2).
int usageGuarded(const std::function<int()>& action) {
  try {
    return action();
  } catch (const CronUsageError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 2;
  }
}

// Adds `cron <name>` with the RPC options. `alwaysJson`: the command prints JSON whether or not
// --json is given (as upstream's); --json is still accepted.
CLI::App* addSubcommand(CLI::App& cron, CliContext& context, const std::string& name,
                        const std::string& description, bool alwaysJson,
                        const std::shared_ptr<RpcOptions>& options,
                        std::function<int(const RpcOptions&)> action) {
  CLI::App* command = cron.add_subcommand(name, description);
  addRpcOptions(*command, *options);
  if (alwaysJson) command->get_option("--json")->description("Accepted; this command prints JSON");
  command->callback([options, action, &context] {
    context.action = [options, action] { return usageGuarded([&] { return action(*options); }); };
  });
  return command;
}

// A subcommand taking a job id and printing one method's answer as JSON. After enable and
// disable (cron.update), as after create and edit, a switched-off scheduler is pointed out.
void addIdCommand(CLI::App& cron, CliContext& context, const std::string& name,
                  const std::string& description, const std::string& method,
                  const std::string& scope, std::function<json(const std::string& id)> params) {
  auto id = std::make_shared<std::string>();
  addSubcommand(cron, context, name, description, true, std::make_shared<RpcOptions>(),
                [&context, id, method, scope, params](const RpcOptions& options) {
                  return withCron(context, options, scope, [&](client::GatewayClient& gateway) {
                    printJson(gateway.call(method, params(*id), callTimeout(options)));
                    if (method == "cron.update") warnIfSchedulerDisabled(gateway, options);
                    return 0;
                  });
                })
      ->add_option("id", *id, "Job id")
      ->required();
}

void addListCommand(CLI::App& cron, CliContext& context) {
  auto all = std::make_shared<bool>(false);
  auto agent = std::make_shared<std::optional<std::string>>();
  CLI::App* list = addSubcommand(
      cron, context, "list", "List jobs (a table; --json for cron.list's answer)", false,
      std::make_shared<RpcOptions>(), [&context, all, agent](const RpcOptions& options) {
        json filters = {{"includeDisabled", *all}};
        if (*agent) {
          const std::string id = core::trimmed(**agent);
          if (id.empty()) throw CronUsageError("--agent must not be blank");
          filters["agentId"] = sessions::normalizeAgentId(id);
        }
        return withCron(context, options, protocol::scopes::kRead,
                        [&](client::GatewayClient& gateway) {
                          const json result = listAll(gateway, filters, options);
                          if (options.json) {
                            printJson(withCronStatus(result));
                          } else {
                            std::cout << cronListTable(result.at("jobs"), core::nowMs());
                          }
                          return 0;
                        });
      });
  list->add_flag("--all", *all, "Include disabled jobs");
  list->add_option("--agent", *agent, "Only the jobs of this agent");
}

void addShowCommand(CLI::App& cron, CliContext& context) {
  auto idOrName = std::make_shared<std::string>();
  addSubcommand(cron, context, "show", "Show one job for people (--json: the job with its status)",
                false, std::make_shared<RpcOptions>(),
                [&context, idOrName](const RpcOptions& options) {
                  return withCron(context, options, protocol::scopes::kRead,
                                  [&](client::GatewayClient& gateway) {
                                    const json job = findJob(gateway, *idOrName, options);
                                    if (job.is_null()) {
                                      std::cerr << lookupMiss(*idOrName) << "\n";
                                      return 1;
                                    }
                                    if (options.json) {
                                      printJson(withCronStatus(job));
                                    } else {
                                      std::cout << cronShowText(job, core::nowMs());
                                    }
                                    return 0;
                                  });
                })
      ->add_option("id", *idOrName, "Job id or exact name")
      ->required();
}

void addCreateCommand(CLI::App& cron, CliContext& context) {
  auto args = std::make_shared<CronAddOptions>();
  CLI::App* add = addSubcommand(
      cron, context, "add", "Create a job (cron.add); prints the stored job as JSON", true,
      std::make_shared<RpcOptions>(), [&context, args](const RpcOptions& options) {
        const json params = cronAddParams(*args, core::nowMs());
        return withCron(context, options, protocol::scopes::kAdmin,
                        [&](client::GatewayClient& gateway) {
                          printJson(gateway.call("cron.add", params, callTimeout(options)));
                          warnIfSchedulerDisabled(gateway, options);
                          return 0;
                        });
      });
  add->alias("create");
  declareCronAddFlags(*add, *args);
}

// Thrown by the stored-job fetch of a first, offline pass over the edit flags.
struct NeedsStoredJob {};

void addEditCommand(CLI::App& cron, CliContext& context) {
  auto args = std::make_shared<CronEditOptions>();
  CLI::App* edit = addSubcommand(
      cron, context, "edit", "Change a job (cron.update with only what the flags name)", true,
      std::make_shared<RpcOptions>(), [&context, args](const RpcOptions& options) {
        // Flag errors are reported before connecting, unless they depend on the stored job.
        std::optional<json> patch;
        try {
          patch = cronEditPatch(*args, core::nowMs(), []() -> json { throw NeedsStoredJob{}; });
        } catch (const NeedsStoredJob&) {
        }
        return withCron(
            context, options, protocol::scopes::kAdmin, [&](client::GatewayClient& gateway) {
              if (!patch) {
                patch = cronEditPatch(*args, core::nowMs(), [&] {
                  return gateway.call("cron.get", {{"id", args->id}}, callTimeout(options));
                });
              }
              printJson(gateway.call("cron.update", {{"id", args->id}, {"patch", *patch}},
                                     callTimeout(options)));
              warnIfSchedulerDisabled(gateway, options);
              return 0;
            });
      });
  declareCronEditFlags(*edit, *args);
}

std::chrono::milliseconds durationFlag(const std::string& text, const std::string& flag,
                                       bool positive) {
  const auto duration = core::parseDurationText(text, std::chrono::milliseconds(1));
  if (!duration || (positive && duration->count() <= 0)) {
    throw CronUsageError("Invalid " + flag + ": " + text + " (use e.g. 30s, 10m, 1h)");
  }
  return *duration;
}

void addRunCommand(CLI::App& cron, CliContext& context) {
  struct Flags {
    CronRunArgs args;
    std::string waitTimeout = "10m";
    std::string pollInterval = "2s";
    CLI::App* command = nullptr;
  };
  auto flags = std::make_shared<Flags>();
  flags->command = addSubcommand(
      cron, context, "run",
      "Run a job now (cron.run); --wait follows the run to its end (exit 0 only if it "
      "succeeded)",
      true, std::make_shared<RpcOptions>(), [&context, flags](const RpcOptions& options) {
        CronRunArgs args = flags->args;
        args.waitTimeout = durationFlag(flags->waitTimeout, "--wait-timeout", false);
        args.pollInterval = durationFlag(flags->pollInterval, "--poll-interval", true);
        // A run may take long to be accepted; without --timeout the call waits 10 minutes.
        if (flags->command->count("--timeout") > 0) args.callTimeout = callTimeout(options);
        return withCron(context, options, protocol::scopes::kAdmin,
                        [&](client::GatewayClient& gateway) { return runCronJob(gateway, args); });
      });
  CLI::App& run = *flags->command;
  run.add_option("id", flags->args.id, "Job id")->required();
  run.add_flag("--due", flags->args.due, "Run only when the job is due");
  run.add_flag("--wait", flags->args.wait, "Wait for the queued run to finish");
  run.add_option("--wait-timeout", flags->waitTimeout,
                 "How long --wait waits, e.g. 90s, 10m (default 10m)");
  run.add_option("--poll-interval", flags->pollInterval,
                 "How often --wait checks cron.runs between the gateway's cron events (default "
                 "2s)");
}

void addRunsCommand(CLI::App& cron, CliContext& context) {
  struct Flags {
    std::optional<std::string> id, flagId, runId, status, deliveryStatus, query, sort;
    std::optional<int> offset;
    int limit = 50;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* runs = addSubcommand(
      cron, context, "runs", "A job's run history (cron.runs), newest first, as JSON", true,
      std::make_shared<RpcOptions>(), [&context, flags](const RpcOptions& options) {
        const std::string id = core::trimmed(flags->id.value_or(""));
        const std::string flagId = core::trimmed(flags->flagId.value_or(""));
        if (!id.empty() && !flagId.empty() && id != flagId) {
          throw CronUsageError("Conflicting job ids: '" + id + "' and --id '" + flagId + "'.");
        }
        if (id.empty() && flagId.empty()) {
          throw CronUsageError("Missing job id. Pass it positionally or with --id.");
        }
        json params = {{"id", id.empty() ? flagId : id}, {"limit", flags->limit}};
        if (flags->runId) {
          if (core::trimmed(*flags->runId).empty())
            throw CronUsageError("--run-id must not be blank");
          params["runId"] = *flags->runId;
        }
        if (flags->status) params["status"] = *flags->status;
        if (flags->deliveryStatus) params["deliveryStatus"] = *flags->deliveryStatus;
        if (flags->query) params["query"] = *flags->query;
        if (flags->offset) params["offset"] = *flags->offset;
        if (flags->sort) params["sortDir"] = *flags->sort;
        return withCron(
            context, options, protocol::scopes::kRead, [&](client::GatewayClient& gateway) {
              printJson(withRunTimes(gateway.call("cron.runs", params, callTimeout(options))));
              return 0;
            });
      });
  runs->add_option("id", flags->id, "Job id");
  runs->add_option("--id", flags->flagId, "Job id (instead of the positional one)");
  runs->add_option("--run-id", flags->runId, "Only this run");
  runs->add_option("--status", flags->status, "Only runs with this status")
      ->check(CLI::IsMember({"all", "ok", "error", "skipped"}));
  runs->add_option("--delivery-status", flags->deliveryStatus,
                   "Only runs with this delivery status")
      ->check(CLI::IsMember({"delivered", "not-delivered", "unknown", "not-requested"}));
  runs->add_option("--query", flags->query, "Only runs whose summary or error contains this");
  runs->add_option("--offset", flags->offset, "Entries to skip")->check(CLI::NonNegativeNumber);
  runs->add_option("--sort", flags->sort, "Order by run time: asc or desc (default desc)")
      ->check(CLI::IsMember({"asc", "desc"}));
  runs->add_option("--limit", flags->limit, "Most entries to return, 1-200 (default 50)")
      ->check(CLI::Range(1, 200));
}

}  // namespace

void addCronCommand(CLI::App& root, CliContext& context) {
  CLI::App* cron =
      root.add_subcommand("cron", "Scheduled jobs: create, list, edit, run and remove them");
  cron->alias("automations");
  cron->require_subcommand(1);

  addSubcommand(
      *cron, context, "status", "The scheduler's state (cron.status) as JSON", true,
      std::make_shared<RpcOptions>(), [&context](const RpcOptions& options) {
        return withCron(
            context, options, protocol::scopes::kRead, [&](client::GatewayClient& gateway) {
              printJson(gateway.call("cron.status", json::object(), callTimeout(options)));
              return 0;
            });
      });
  addListCommand(*cron, context);
  addCreateCommand(*cron, context);
  addIdCommand(*cron, context, "get", "One job as stored (cron.get), as JSON", "cron.get",
               protocol::scopes::kRead, [](const std::string& id) {
                 return json{{"id", id}};
               });
  addShowCommand(*cron, context);
  addEditCommand(*cron, context);
  addIdCommand(*cron, context, "enable", "Enable a job", "cron.update", protocol::scopes::kAdmin,
               [](const std::string& id) {
                 return json{{"id", id}, {"patch", {{"enabled", true}}}};
               });
  addIdCommand(*cron, context, "disable",
               "Disable a job (kept; `cron list --all` shows it, `cron enable` resumes it)",
               "cron.update", protocol::scopes::kAdmin, [](const std::string& id) {
                 return json{{"id", id}, {"patch", {{"enabled", false}}}};
               });
  addRunCommand(*cron, context);
  addRunsCommand(*cron, context);
  addIdCommand(*cron, context, "rm", "Delete a job and its run history (cron.remove)",
               "cron.remove", protocol::scopes::kAdmin, [](const std::string& id) {
                 return json{{"id", id}};
               });
  cron->get_subcommand("rm")->alias("remove")->alias("delete");
}

}  // namespace openclaw::cli
