#include "cli/rpc_subcommand.h"

namespace openclaw::cli {

CLI::App* addRpcSubcommand(CLI::App& parent, CliContext& context, const std::string& name,
                           const std::string& description, std::shared_ptr<RpcOptions> options,
                           std::function<int(const RpcOptions&)> action) {
  CLI::App* command = parent.add_subcommand(name, description);
  addRpcOptions(*command, *options);
  command->callback([options, action = std::move(action), &context] {
    context.action = [options, action] { return action(*options); };
  });
  return command;
}

}  // namespace openclaw::cli
