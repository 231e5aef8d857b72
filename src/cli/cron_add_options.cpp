#include "cli/cron_add_options.h"

namespace openclaw::cli {
namespace {

void declareMutationFlags(CLI::App& command, CronMutationOptions& options, bool create) {
  command.add_option("--name", options.name, "Job name");
  command.add_option("--description", options.description, "Job description");
  command.add_option("--agent", options.agent,
                     "Agent id for this job (default: the configured default agent)");
  command.add_option("--session", options.session,
                     create ? "Session target: main, isolated, current or session:<key> (default: "
                              "main for --system-event, isolated for --message)"
                            : "Session target: main, isolated, current or session:<key>");
  command.add_option("--session-key", options.sessionKey,
                     "Session key the job belongs to (routing and wake lane)");
  command.add_option("--wake", options.wake,
                     create ? "Wake mode: now or next-heartbeat (default now)"
                            : "Wake mode: now or next-heartbeat");
  command.add_option("--at", options.at,
                     "One-shot time: ISO 8601 (without an offset: UTC, or --tz), epoch ms, or a "
                     "duration from now like 20m");
  command.add_option("--every", options.every, "Interval, e.g. 10m, 1h, 1d (at least 1s)");
  command.add_option("--cron", options.cron, "Cron expression (5 fields, or 6 with seconds first)");
  command.add_option("--tz", options.tz,
                     "IANA time zone for --cron (default: the gateway host's) or an offset-less "
                     "--at");
  command.add_option("--stagger", options.stagger,
                     "Cron stagger window, e.g. 30s, 5m (cron schedules only)");
  command.add_flag("--exact", options.exact, "No cron stagger (stagger 0)");
  command.add_option("--system-event", options.systemEvent,
                     "System event payload: text queued into the main session");
  command.add_option("--message", options.message,
                     "Agent message payload: the prompt of an agent turn");
  command.add_option("--model", options.model,
                     "Model for agent jobs (provider/model or a model id)");
  command.add_option("--thinking", options.thinking, "Thinking level for agent jobs");
  command.add_option("--timeout-seconds", options.timeoutSeconds,
                     "Run budget of agent jobs in seconds (non-negative integer; 0: no limit)");
  command.add_flag("--light-context", options.lightContext,
                   "Lightweight bootstrap context for agent jobs");
  command.add_flag("--announce", options.announce,
                   create ? "Send the agent's reply to a chat (the default for --message jobs)"
                          : "Send the agent's reply to a chat");
  command.add_flag("--no-deliver", options.noDeliver, "Do not deliver the agent's reply");
  command.add_option("--webhook", options.webhook, "POST the finished run to this http(s) URL");
  command.add_option("--channel", options.channel,
                     create ? "Delivery channel, e.g. telegram, irc, or last (default last)"
                            : "Delivery channel, e.g. telegram, irc, or last");
  command.add_option("--to", options.to, "Delivery target on the channel (chat id, nick, …)");
  command.add_option("--thread-id", options.threadId, "Telegram forum topic thread id");
  command.add_option("--account", options.account, "Channel account id for delivery");
  command.add_flag("--best-effort-deliver", options.bestEffortDeliver,
                   create ? "A failed delivery does not fail the run"
                          : "A failed delivery does not fail the run (alone: implies --announce)");
  command.add_flag("--delete-after-run", options.deleteAfterRun,
                   "Delete a one-shot job after it succeeds");
  command.add_flag("--keep-after-run", options.keepAfterRun, "Keep a one-shot job after it runs");
}

}  // namespace

void declareCronAddFlags(CLI::App& command, CronAddOptions& options) {
  command.add_option("scheduleOrName", options.scheduleOrName,
                     "A schedule (\"0 7 * * *\", \"every 1h\", \"20m\", an ISO time), or the "
                     "job name when --at/--every/--cron is given");
  command.add_option("message", options.positionalMessage, "The agent message (same as --message)");
  declareMutationFlags(command, options, true);
  command.add_flag("--disabled", options.disabled, "Create the job disabled");
}

void declareCronEditFlags(CLI::App& command, CronEditOptions& options) {
  command.add_option("id", options.id, "Job id")->required();
  declareMutationFlags(command, options, false);
  command.add_flag("--enable", options.enable, "Enable the job");
  command.add_flag("--disable", options.disable, "Disable the job");
  command.add_flag("--clear-agent", options.clearAgent, "Unset the agent (use the default)");
  command.add_flag("--clear-session-key", options.clearSessionKey, "Unset the session key");
  command.add_flag("--clear-model", options.clearModel, "Remove the job's model override");
  command.add_flag("--clear-thinking", options.clearThinking, "Remove the job's thinking override");
  command.add_flag("--no-light-context", options.noLightContext,
                   "Full bootstrap context for agent jobs");
  command.add_flag("--no-best-effort-deliver", options.noBestEffortDeliver,
                   "A failed delivery fails the run");
  command.add_flag("--clear-channel", options.clearChannel, "Unset the delivery channel");
  command.add_flag("--clear-to", options.clearTo, "Unset the delivery target");
  command.add_flag("--clear-thread-id", options.clearThreadId, "Unset the thread id");
  command.add_flag("--clear-account", options.clearAccount, "Unset the delivery account");
}

}  // namespace openclaw::cli
