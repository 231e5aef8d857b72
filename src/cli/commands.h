#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_context.h"
#include "cli/command_words.h"

namespace openclaw::cli {

// Adds to `root` every subcommand that `words` may select (each add* function below builds the
// subcommands it names); the one the parse selects stores its action in `context`.
void addCommands(CLI::App& root, CliContext& context, const CommandLineWords& words);
// The `openclaw` root: its name, description, global options (--version, --dev, --profile) and
// the commands of addCommands. With CommandLineWords::everything(), the whole tree.
void configureRoot(CLI::App& root, CliContext& context, const CommandLineWords& words);

// `openclaw gateway` / `openclaw gateway run` (and `gateway protocol-schema`).
CLI::App* addGatewayCommand(CLI::App& root, CliContext& context, const CommandLineWords& words);

// `openclaw setup`.
void addSetupCommand(CLI::App& root, CliContext& context);

// RPC helpers: `gateway call|health`, `health`, `status`.
void addRpcCommands(CLI::App& root, CLI::App& gateway, CliContext& context);

// `openclaw agent --message … [--to|--session-id|--session-key|--agent …]`: one agent turn.
void addAgentCommand(CLI::App& root, CliContext& context);

// `openclaw dashboard [--no-open]`: the Control UI URL (with the token), opened when possible.
void addDashboardCommand(CLI::App& root, CliContext& context);

// `openclaw logs [--follow]`: the gateway's file log via logs.tail.
void addLogsCommand(CLI::App& root, CliContext& context);

// Service management: `gateway install|uninstall|start|stop|restart`.
void addServiceCommands(CLI::App& gateway, CliContext& context);

// Diagnostics: `gateway status` (service, listeners, RPC) and `gateway probe` (every gateway).
void addGatewayStatusCommands(CLI::App& gateway, CliContext& context);

// `openclaw devices list|approve|reject|remove|revoke|rotate`: device pairing over RPC.
void addDevicesCommand(CLI::App& root, CliContext& context);

// `openclaw doctor [--json] [--fix]`: findings with fixes for config, state, service and logs.
void addDoctorCommand(CLI::App& root, CliContext& context);

// `openclaw node run`: the headless node host.
void addNodeCommand(CLI::App& root, CliContext& context);

// `openclaw nodes list|pending|describe|approve|reject|invoke`.
void addNodesCommand(CLI::App& root, CliContext& context);
// `openclaw nodes canvas present|hide|navigate|eval|snapshot|a2ui push|a2ui reset`.
void addNodesCanvasCommand(CLI::App& nodes, CliContext& context);

// `openclaw browser status|start|stop|tabs|open|navigate|snapshot|screenshot|click|type`: the
// gateway's browser control over browser.request.
void addBrowserCommand(CLI::App& root, CliContext& context);

// `openclaw cron` (alias `automations`): status|list|add (create)|get|show|edit|enable|disable|
// run|runs|rm (remove, delete) over the cron.* methods.
void addCronCommand(CLI::App& root, CliContext& context);

// `openclaw system event|heartbeat last|enable|disable|presence`.
void addSystemCommand(CLI::App& root, CliContext& context);

// `openclaw message send`, `channels status`, `pairing list|approve`: messaging channels.
void addChannelCommands(CLI::App& root, CliContext& context);
// "linked", "not linked" or "stopped" for a channel or account entry of channels.status/health.
std::string channelLinkState(const nlohmann::json& entry);

// `openclaw update status [--json]`; `openclaw update` itself and its other forms are refused
// (this build never updates itself).
void addUpdateCommand(CLI::App& root, CliContext& context);

// `openclaw completion [bash|zsh|fish]` (or --shell): a completion script for the whole tree.
void addCompletionCommand(CLI::App& root, CliContext& context);

}  // namespace openclaw::cli
