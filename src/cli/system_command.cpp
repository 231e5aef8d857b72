// `openclaw system event|heartbeat|presence`: wake, the heartbeat switch and presence over RPC.
#include <iostream>

#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "core/text.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

void printJson(const json& value) { std::cout << value.dump(2) << "\n"; }

// A subcommand calling `method` and printing its answer as JSON (as upstream's, with or
// without --json).
void addJsonCommand(CLI::App& parent, CliContext& context, const std::string& name,
                    const std::string& description, const std::string& method,
                    const std::string& scope, const json& params) {
  auto options = std::make_shared<RpcOptions>();
  CLI::App* command = parent.add_subcommand(name, description);
  addRpcOptions(*command, *options);
  command->get_option("--json")->description("Accepted; this command prints JSON");
  command->callback([=, &context] {
    context.action = [=, &context] {
      return callAndPrint(context, *options, scope, method, params, printJson);
    };
  });
}

void addEventCommand(CLI::App& system, CliContext& context) {
  struct Flags {
    std::string text;
    std::string mode = "next-heartbeat";
    std::optional<std::string> sessionKey;
  };
  auto flags = std::make_shared<Flags>();
  auto options = std::make_shared<RpcOptions>();
  CLI::App* event = system.add_subcommand(
      "event", "Queue a system event for the agent's next turn (wake); --mode now starts one");
  event->add_option("--text", flags->text, "The event text")->required();
  event->add_option("--mode", flags->mode, "now or next-heartbeat (default next-heartbeat)")
      ->check(CLI::IsMember({"now", "next-heartbeat"}));
  event->add_option("--session-key", flags->sessionKey,
                    "The session to queue it for (default: the agent's main session)");
  addRpcOptions(*event, *options);
  event->callback([=, &context] {
    context.action = [=, &context] {
      const std::string text = core::trimmed(flags->text);
      if (text.empty()) {
        std::cerr << "error: --text must not be blank, e.g. openclaw system event --text "
                     "\"deploy finished\"\n";
        return 2;
      }
      json params = {{"mode", flags->mode}, {"text", text}};
      if (flags->sessionKey) params["sessionKey"] = *flags->sessionKey;
      return withGateway(
          context, *options, protocol::scopes::kWrite, [&](client::GatewayClient& gateway) {
            const json result =
                gateway.call("wake", params, std::chrono::milliseconds(options->timeoutMs));
            if (options->json) printJson(result);
            if (result.is_object() && !result.value("ok", true)) {
              std::cerr << "error: "
                        << result.value("reason", "the gateway did not accept the event") << "\n";
              return 1;
            }
            if (!options->json) std::cout << "ok\n";
            return 0;
          });
    };
  });
}

}  // namespace

void addSystemCommand(CLI::App& root, CliContext& context) {
  CLI::App* system =
      root.add_subcommand("system", "System events, the heartbeat switch and presence");
  system->require_subcommand(1);
  addEventCommand(*system, context);

  CLI::App* heartbeat = system->add_subcommand("heartbeat", "The periodic heartbeat");
  heartbeat->require_subcommand(1);
  addJsonCommand(*heartbeat, context, "last", "The last heartbeat event (last-heartbeat)",
                 "last-heartbeat", protocol::scopes::kRead, json::object());
  addJsonCommand(*heartbeat, context, "enable", "Turn heartbeats on (set-heartbeats)",
                 "set-heartbeats", protocol::scopes::kAdmin, {{"enabled", true}});
  addJsonCommand(*heartbeat, context, "disable", "Turn heartbeats off (set-heartbeats)",
                 "set-heartbeats", protocol::scopes::kAdmin, {{"enabled", false}});

  addJsonCommand(*system, context, "presence", "Presence entries (system-presence)",
                 "system-presence", protocol::scopes::kRead, json::object());
}

}  // namespace openclaw::cli
