#include <iostream>

#include "cli/commands.h"
#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "config/instance_setup.h"
#include "core/logging.h"
#include "core/port_listeners.h"
#include "daemon/gateway_server.h"
#include "protocol/protocol_schema.h"

namespace openclaw::cli {
namespace {

void addRunOptions(CLI::App& command, config::GatewayRunOptions& options, CliContext& context) {
  command
      .add_option("--port", options.port,
                  "WebSocket + HTTP port (default: OPENCLAW_GATEWAY_PORT, gateway.port, "
                  "18789; 19001 with --dev; 0 picks a free port)")
      ->check(CLI::Range(0, 65535));
  command
      .add_option("--bind", options.bind,
                  "Where to listen: loopback (default), lan, tailnet, auto, or custom "
                  "(gateway.customBindHost)")
      ->check(CLI::IsMember({"loopback", "lan", "tailnet", "auto", "custom"}));
  command
      .add_option("--tailscale", options.tailscale.mode,
                  "Publish the gateway with Tailscale: off (default), serve (tailnet) or funnel "
                  "(internet; needs --auth password) (gateway.tailscale.mode)")
      ->check(CLI::IsMember({"off", "serve", "funnel"}));
  command.add_flag("--tailscale-reset-on-exit", options.tailscale.resetOnExit,
                   "Remove the Tailscale serve/funnel route when the gateway stops "
                   "(gateway.tailscale.resetOnExit)");
  command.add_option("--auth", options.authMode, "Auth mode: none, token or password")
      ->check(CLI::IsMember({"none", "token", "password"}));
  command.add_option("--token", options.token,
                     "Shared token clients send in connect.params.auth.token (default: "
                     "OPENCLAW_GATEWAY_TOKEN, gateway.auth.token)");
  command.add_option("--password", options.password,
                     "Password for --auth password (default: OPENCLAW_GATEWAY_PASSWORD, "
                     "gateway.auth.password)");
  command.add_option("--password-file", options.passwordFile, "Read the password from a file");
  command.add_flag("--verbose", options.verbose,
                   "Also print debug lines (handshakes, requests, responses, events) to stdout");
  command.add_flag("--allow-unconfigured", options.allowUnconfigured,
                   "Start even though gateway.mode is not \"local\" (ad-hoc runs): no config "
                   "file is needed or written; the state dir with its lock and database, and the "
                   "log file, are still created");
  command.add_flag("--force", options.force,
                   "End the processes listening on the port first (SIGTERM, then SIGKILL after "
                   "700 ms), logging each one");
  command.add_flag("--reset", options.reset,
                   "With --dev: delete the dev config, credentials, sessions and workspace first");
  command.add_flag("--dev", context.dev,
                   "Use the dev instance; creates its config (gateway.mode=local, a generated "
                   "token) when missing");
}

int runGatewayCommand(const config::GatewayRunOptions& options, const CliContext& context) {
  const config::InstancePaths paths = context.paths();
  if (options.reset) {
    if (!paths.profile.dev) {
      std::cerr << "Use --reset with --dev.\n";
      return 1;
    }
    try {
      for (const auto& removed : config::resetInstance(paths)) {
        std::cout << "reset: removed " << removed.string() << "\n";
      }
    } catch (const std::exception& error) {
      std::cerr << "openclaw gateway --reset: " << error.what() << "\n";
      return 1;
    }
  }
  if (paths.profile.dev && config::ensureInstanceConfig(paths)) {
    std::cout << "created dev config " << paths.configPath.string()
              << " (gateway.mode=local, token auth with a generated token)\n";
  }
  // Called at start-up, by every config reload and to validate config writes (on the gateway's
  // storage thread).
  const daemon::SettingsResolver resolve = [&paths, &options,
                                            &context](const config::ConfigFile& file) {
    return config::resolveGatewaySettings(file, paths, options, context.env);
  };
  config::GatewaySettings settings;
  try {
    settings = resolve(config::ConfigFile::load(paths.configPath));
  } catch (const std::exception& error) {
    std::cerr << "openclaw gateway: " << error.what() << "\n";
    return 1;
  }
  if (options.force && settings.port != 0) {
    core::freePort(settings.port, [](const std::string& line) { std::cout << line << "\n"; });
  }
  return daemon::runGateway(std::move(settings), resolve);
}

}  // namespace

CLI::App* addGatewayCommand(CLI::App& root, CliContext& context, const CommandLineWords& words) {
  // Shared by `gateway` and `gateway run`; owned by the callbacks that read it.
  auto options = std::make_shared<config::GatewayRunOptions>();
  CLI::App* gateway = root.add_subcommand(
      "gateway", "Run the gateway (same as 'gateway run'), or talk to a running one");
  addRunOptions(*gateway, *options, context);
  gateway->require_subcommand(0, 1);
  gateway->callback([gateway, options, &context] {
    if (gateway->get_subcommands().empty()) {
      context.action = [options, &context] { return runGatewayCommand(*options, context); };
    }
  });

  if (words.mayName({"run"})) {
    CLI::App* run = gateway->add_subcommand("run", "Run the gateway in the foreground");
    addRunOptions(*run, *options, context);
    run->callback([options, &context] {
      context.action = [options, &context] { return runGatewayCommand(*options, context); };
    });
  }
  if (words.mayName({"protocol-schema"})) {
    CLI::App* schema = gateway->add_subcommand(
        "protocol-schema",
        "Print the JSON Schema every inbound WebSocket frame is validated against");
    schema->callback([&context] {
      context.action = [] {
        std::cout << protocol::ProtocolSchema::text();
        return 0;
      };
    });
  }
  return gateway;
}

}  // namespace openclaw::cli
