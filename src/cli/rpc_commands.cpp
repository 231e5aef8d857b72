#include <iostream>

#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

void printHealth(const nlohmann::json& health) {
  std::cout << "Gateway health: " << (health.value("ok", false) ? "OK" : "NOT OK") << "\n";
  const auto& channels = health.value("channels", nlohmann::json::object());
  std::cout << "Channels: " << (channels.empty() ? "none configured" : "") << "\n";
  for (const auto& [name, state] : channels.items()) {
    std::cout << "  " << name << ": " << channelLinkState(state) << "\n";
  }
}

void printStatus(const nlohmann::json& status) {
  const auto& gateway = status.value("gateway", nlohmann::json::object());
  std::cout << "Gateway " << gateway.value("version", "?") << " on " << gateway.value("host", "?")
            << "\n";
  std::cout << "  listening: port " << gateway.value("port", 0) << " (bind "
            << gateway.value("bind", "?") << "), auth " << gateway.value("authMode", "?") << "\n";
  std::cout << "  uptime: " << gateway.value("uptimeMs", 0) / 1000
            << " s, connections: " << gateway.value("connections", 0)
            << ", presence entries: " << gateway.value("presence", 0) << "\n";
  if (gateway.contains("configPath")) {
    std::cout << "  config: " << gateway.value("configPath", "") << "\n";
    std::cout << "  state dir: " << gateway.value("stateDir", "") << "\n";
  }
}

void addHealthCommand(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<RpcOptions>();
  CLI::App* health = parent.add_subcommand("health", "Ask the running gateway for its health");
  addRpcOptions(*health, *options);
  health->callback([options, &context] {
    context.action = [options, &context] {
      return callAndPrint(context, *options, protocol::scopes::kRead, "health",
                          nlohmann::json::object(), printHealth);
    };
  });
}

}  // namespace

void addRpcCommands(CLI::App& root, CLI::App& gateway, CliContext& context) {
  addHealthCommand(root, context);
  addHealthCommand(gateway, context);

  auto statusOptions = std::make_shared<RpcOptions>();
  CLI::App* status = root.add_subcommand("status", "Short summary of the running gateway");
  addRpcOptions(*status, *statusOptions);
  status->callback([statusOptions, &context] {
    context.action = [statusOptions, &context] {
      return callAndPrint(context, *statusOptions, protocol::scopes::kRead, "status",
                          nlohmann::json::object(), printStatus);
    };
  });

  auto callOptions = std::make_shared<RpcOptions>();
  auto method = std::make_shared<std::string>();
  auto paramsText = std::make_shared<std::string>("{}");
  CLI::App* call =
      gateway.add_subcommand("call", "Call any gateway method (raw RPC, for debugging)");
  call->add_option("method", *method, "Method name, e.g. health or system-presence")->required();
  call->add_option("--params", *paramsText, "Params as a JSON object (default {})");
  addRpcOptions(*call, *callOptions);
  call->callback([=, &context] {
    context.action = [=, &context] {
      const nlohmann::json params = nlohmann::json::parse(*paramsText, nullptr, false);
      if (params.is_discarded() || !params.is_object()) {
        std::cerr << "error: --params must be a JSON object, got: " << *paramsText << "\n";
        return 2;
      }
      return callAndPrint(
          context, *callOptions, protocol::scopes::kAdmin, *method, params,
          [](const nlohmann::json& payload) { std::cout << payload.dump(2) << "\n"; });
    };
  });
}

}  // namespace openclaw::cli
