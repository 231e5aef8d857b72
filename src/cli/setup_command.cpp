#include <iostream>

#include "cli/commands.h"
#include "config/config_file.h"
#include "config/instance_setup.h"

namespace openclaw::cli {
namespace {

int runSetup(const CliContext& context) {
  const config::InstancePaths paths = context.paths();
  if (config::ensureInstanceConfig(paths)) {
    std::cout << "created " << paths.configPath.string()
              << " (gateway.mode=local, loopback, token auth with a generated token)\n"
              << "workspace: " << (paths.stateDir / "workspace").string() << "\n"
              << "start the gateway with: " << config::cliPrefix(paths.profile) << " gateway\n";
    return 0;
  }
  // An existing file is never rewritten (it may hold comments and keys this build does not
  // know); say whether it is ready to run.
  const config::ConfigFile file = config::ConfigFile::load(paths.configPath);
  if (file.oneOf("/gateway/mode", {"local", "remote"}) == "local") {
    std::cout << paths.configPath.string() << " already exists with gateway.mode \"local\"\n";
    return 0;
  }
  std::cerr << paths.configPath.string()
            << " already exists but does not set gateway.mode to \"local\"; edit it (this "
               "command never rewrites an existing config)\n";
  return 1;
}

}  // namespace

void addSetupCommand(CLI::App& root, CliContext& context) {
  CLI::App* setup = root.add_subcommand(
      "setup", "Create the instance's config (gateway.mode=local, a generated token) if missing");
  setup->callback([&context] { context.action = [&context] { return runSetup(context); }; });
}

}  // namespace openclaw::cli
