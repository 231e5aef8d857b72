#include "cli/cli_main.h"

#include <iostream>

#include "cli/commands.h"
#include "cli/fleet_command.h"
#include "cli/gateway_healthcheck_command.h"
#include "cli/unknown_command.h"
#include "core/build_info.h"
#include "core/logging.h"

namespace openclaw::cli {

void addCommands(CLI::App& root, CliContext& context, const CommandLineWords& words) {
  CLI::App* gateway = addGatewayCommand(root, context, words);
  if (words.mayName({"health", "status", "call"})) addRpcCommands(root, *gateway, context);
  if (words.mayName({"logs"})) addLogsCommand(root, context);
  if (words.mayName({"dashboard"})) addDashboardCommand(root, context);
  if (words.mayName({"agent"})) addAgentCommand(root, context);
  if (words.mayName({"install", "uninstall", "start", "stop", "restart"})) {
    addServiceCommands(*gateway, context);
  }
  if (words.mayName({"status", "probe"})) addGatewayStatusCommands(*gateway, context);
  if (words.mayName({"healthcheck"})) addGatewayHealthcheckCommand(*gateway, context);
  if (words.mayName({"setup"})) addSetupCommand(root, context);
  if (words.mayName({"doctor"})) addDoctorCommand(root, context);
  if (words.mayName({"devices"})) addDevicesCommand(root, context);
  if (words.mayName({"node"})) addNodeCommand(root, context);
  if (words.mayName({"nodes"})) addNodesCommand(root, context);
  if (words.mayName({"message", "channels", "pairing"})) addChannelCommands(root, context);
  if (words.mayName({"cron", "automations"})) addCronCommand(root, context);
  if (words.mayName({"system"})) addSystemCommand(root, context);
  if (words.mayName({"browser"})) addBrowserCommand(root, context);
  if (words.mayName({"update"})) addUpdateCommand(root, context);
  if (words.mayName({"completion"})) addCompletionCommand(root, context);
  if (words.mayName({"fleet"})) addFleetCommand(root, context);
}

void configureRoot(CLI::App& root, CliContext& context, const CommandLineWords& words) {
  root.name("openclaw");
  root.description(
      "OpenClaw Gateway (native): one always-on process that serves the WebSocket "
      "control plane and HTTP on a single port.");
  root.set_version_flag("-V,--version", core::versionLine(),
                        "Print the version, git commit and build type, then exit");
  root.add_flag("--dev", context.dev,
                "Use the isolated dev instance (~/.openclaw-dev, port 19001)");
  root.add_option("--profile", context.profileName,
                  "Use the isolated instance NAME (~/.openclaw-NAME)");
  root.require_subcommand(1);
  root.fallthrough();

  addCommands(root, context, words);
}

int runCli(int argc, char** argv) {
  CliContext context;
  CLI::App root;
  configureRoot(root, context, CommandLineWords(argc, argv));

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& error) {  // also --help and --version, which exit 0
    const auto unknown = error.get_exit_code() != 0 ? unknownCommandMessage(root) : std::nullopt;
    if (unknown) {
      std::cerr << *unknown;
      return 2;
    }
    const int code = root.exit(error);
    return code == 0 ? 0 : 2;
  }
  context.commandPath = selectedCommandPath(root);
  core::initConsoleOnlyLogging(false);
  try {
    return context.action ? context.action() : 0;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace openclaw::cli
