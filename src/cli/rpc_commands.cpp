#include <iostream>

#include "cli/commands.h"
#include "client/gateway_client.h"
#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "core/random_ids.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

// Options every RPC helper takes.
struct RpcOptions {
  std::optional<std::string> url;
  std::optional<std::string> token;
  std::optional<std::string> password;
  int timeoutMs = 10'000;
  bool json = false;
};

void addRpcOptions(CLI::App& command, RpcOptions& options) {
  command.add_option("--url", options.url,
                     "Gateway WebSocket URL (default: OPENCLAW_GATEWAY_URL, gateway.remote.url in "
                     "remote mode, else ws://127.0.0.1:<port>)");
  command.add_option("--token", options.token,
                     "Gateway token (default: OPENCLAW_GATEWAY_TOKEN, gateway.auth.token; with "
                     "--url only what you pass)");
  command.add_option("--password", options.password,
                     "Gateway password (default: OPENCLAW_GATEWAY_PASSWORD, gateway.auth.password; "
                     "with --url only what you pass)");
  command.add_option("--timeout", options.timeoutMs, "Timeout in milliseconds (default 10000)")
      ->check(CLI::Range(1, 3'600'000));
  command.add_flag("--json", options.json, "Print machine-readable JSON");
}

// Connects with the least scope the command needs, runs one request, and prints the payload.
int callGateway(const CliContext& context, const RpcOptions& options, const std::string& method,
                const nlohmann::json& params, const std::string& scope,
                const std::function<void(const nlohmann::json&)>& printHuman) {
  const config::InstancePaths paths = context.paths();
  const config::ConfigFile file = config::ConfigFile::load(paths.configPath);
  const config::ClientTarget target = config::resolveClientTarget(
      file, paths, {options.url, options.token, options.password}, context.env);

  client::ConnectOptions connect;
  connect.url = target.url;
  connect.token = target.token;
  connect.password = target.password;
  connect.client.version = OPENCLAW_VERSION;
  connect.client.instanceId = core::uuidV4();
  connect.scopes = {scope};
  connect.timeout = std::chrono::milliseconds(options.timeoutMs);
  try {
    client::GatewayClient gateway(connect);
    gateway.connect();
    const nlohmann::json payload =
        gateway.call(method, params, std::chrono::milliseconds(options.timeoutMs));
    if (options.json) {
      std::cout << payload.dump(2) << "\n";
    } else {
      printHuman(payload);
    }
    return 0;
  } catch (const client::GatewayError& error) {
    if (options.json) {
      nlohmann::json out = {{"ok", false}, {"error", error.error()}};
      out["error"]["type"] = "gateway_request_error";
      std::cout << out.dump(2) << "\n";
    }
    std::cerr << "gateway call failed: " << error.what() << "\n";
  } catch (const client::TransportError& error) {
    if (options.json) {
      std::cout << nlohmann::json{{"ok", false},
                                  {"error",
                                   {{"type", "gateway_transport_error"},
                                    {"message", error.what()},
                                    {"timedOut", error.timedOut()}}},
                                  {"gateway", {{"url", target.url}}}}
                       .dump(2)
                << "\n";
    }
    std::cerr << "gateway call failed: " << error.what() << "\n";
  }
  return 1;
}

void printHealth(const nlohmann::json& health) {
  std::cout << "Gateway health: " << (health.value("ok", false) ? "OK" : "NOT OK") << "\n";
  const auto& channels = health.value("channels", nlohmann::json::object());
  std::cout << "Channels: " << (channels.empty() ? "none configured" : "") << "\n";
  for (const auto& [name, state] : channels.items()) {
    std::cout << "  " << name << ": " << state.dump() << "\n";
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
      return callGateway(context, *options, "health", nlohmann::json::object(),
                         protocol::scopes::kRead, printHealth);
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
      return callGateway(context, *statusOptions, "status", nlohmann::json::object(),
                         protocol::scopes::kRead, printStatus);
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
      return callGateway(
          context, *callOptions, *method, params, protocol::scopes::kAdmin,
          [](const nlohmann::json& payload) { std::cout << payload.dump(2) << "\n"; });
    };
  });
}

}  // namespace openclaw::cli
