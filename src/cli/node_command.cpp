#include <pthread.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "nodehost/node_host.h"

namespace openclaw::cli {
namespace {

struct NodeRunOptions {
  std::optional<std::string> url;
  std::optional<std::string> token;
  std::optional<std::string> password;
  std::optional<std::string> tlsFingerprint;
  std::optional<std::string> displayName;
};

// Runs the node host until SIGINT or SIGTERM. The signals are blocked in every thread and
// taken by one watcher thread, which asks the host to stop.
int runUntilSignalled(const nodehost::NodeHostOptions& options) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  nodehost::StopSignal stop;
  std::thread watcher([&signals, &stop] {
    int received = 0;
    sigwait(&signals, &received);
    stop.request();
  });
  int code = 1;
  try {
    code = nodehost::runNodeHost(options, stop);
  } catch (const std::exception& error) {
    std::cerr << "node host failed: " << error.what() << "\n";
  }
  if (!stop.requested()) pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  return code;
}

int runNode(const CliContext& context, const NodeRunOptions& run) {
  const config::InstancePaths paths = context.paths();
  const config::ConfigFile file = config::ConfigFile::load(paths.configPath);
  const config::ClientTarget target = config::resolveClientTarget(
      file, paths, {run.url, run.token, run.password, run.tlsFingerprint}, context.env);
  nodehost::NodeHostOptions options;
  options.url = target.url;
  options.token = target.token;
  options.password = target.password;
  options.tlsFingerprint = tlsPinFor(target);
  options.displayName = run.displayName;
  options.stateDir = paths.stateDir;
  try {
    options.policy = nodehost::ExecPolicy::fromConfig(file.root);
  } catch (const std::invalid_argument& error) {
    std::cerr << "error: " << paths.configPath.string() << ": " << error.what() << "\n";
    return 2;
  }
  std::cout << "node host: gateway " << options.url << "; system.run policy "
            << options.policy.security << ", ask " << options.policy.ask << " ("
            << options.policy.allowCommands.size() << " allowed commands)" << std::endl;
  return runUntilSignalled(options);
}

}  // namespace

void addNodeCommand(CLI::App& root, CliContext& context) {
  CLI::App* node = root.add_subcommand("node", "Run a headless node host on this machine");
  node->require_subcommand(1);
  auto options = std::make_shared<NodeRunOptions>();
  CLI::App* run = node->add_subcommand(
      "run",
      "Connect to the gateway as a node (role node, own device identity) and serve system.run, "
      "system.which and system.info until SIGINT/SIGTERM; reconnects with backoff");
  run->add_option("--url", options->url,
                  "Gateway WebSocket URL (default: OPENCLAW_GATEWAY_URL, gateway.remote.url in "
                  "remote mode, else ws://127.0.0.1:<port>)");
  run->add_option(
      "--token", options->token,
      "Gateway token (default: OPENCLAW_GATEWAY_TOKEN, gateway.auth.token; with --url only "
      "what you pass). Once paired, the stored device token also authenticates");
  run->add_option("--password", options->password,
                  "Gateway password (default: OPENCLAW_GATEWAY_PASSWORD, gateway.auth.password; "
                  "with --url only what you pass)");
  addTlsFingerprintOption(*run, options->tlsFingerprint);
  run->add_option("--display-name", options->displayName,
                  "Name shown in node lists (default: the host name)");
  run->footer(
      "system.run only starts programs named in nodeHost.allowCommands (openclaw.json); set "
      "nodeHost.execSecurity to \"full\" to allow any program or \"deny\" to allow none.");
  run->callback([options, &context] {
    context.action = [options, &context] { return runNode(context, *options); };
  });
}

}  // namespace openclaw::cli
