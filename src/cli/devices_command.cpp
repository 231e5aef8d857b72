// `openclaw devices`: device pairing requests and device tokens over RPC.
#include <iostream>

#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

std::string joined(const json& list) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : ",") + item.get<std::string>();
  return out.empty() ? "-" : out;
}

// Operator label, then the client's display name, then its id, then the device id.
std::string deviceName(const json& entry) {
  for (const char* key : {"label", "displayName", "clientId", "deviceId"}) {
    if (entry.contains(key)) return entry.at(key);
  }
  return "?";
}

void printList(const json& list) {
  const json& pending = list.at("pending");
  std::cout << "Pending (" << pending.size() << ")\n";
  for (const auto& request : pending) {
    std::cout << "  " << request.at("requestId").get<std::string>() << "  " << deviceName(request)
              << "  role " << request.at("role").get<std::string>() << "  scopes "
              << joined(request.at("scopes")) << "  from " << request.value("remoteIp", "?")
              << (request.value("isRepair", false) ? "  (upgrade of a paired device)" : "") << "\n";
  }
  const json& paired = list.at("paired");
  std::cout << "Paired (" << paired.size() << ")\n";
  for (const auto& device : paired) {
    std::cout << "  " << device.at("deviceId").get<std::string>() << "  " << deviceName(device)
              << "  roles " << joined(device.at("roles")) << "  scopes "
              << joined(device.at("scopes")) << "\n";
  }
}

// One `devices` subcommand: the method it calls, the scope it asks for, and how its payload is
// printed without --json.
void addDevicesSubcommand(CLI::App& devices, CliContext& context, const std::string& name,
                          const std::string& description, const std::string& method,
                          const std::string& scope,
                          const std::function<void(CLI::App&, json& params)>& declareArguments,
                          const std::function<void(const json&)>& printHuman) {
  auto options = std::make_shared<RpcOptions>();
  auto params = std::make_shared<json>(json::object());
  CLI::App* command = devices.add_subcommand(name, description);
  declareArguments(*command, *params);
  addRpcOptions(*command, *options);
  command->callback([=, &context] {
    context.action = [=, &context] {
      return callAndPrint(context, *options, scope, method, *params, printHuman);
    };
  });
}

// Declares a required string argument that lands in params[key].
std::function<void(CLI::App&, json&)> stringArgument(const std::string& flag,
                                                     const std::string& key,
                                                     const std::string& help) {
  return [=](CLI::App& command, json& params) {
    command
        .add_option_function<std::string>(
            flag, [&params, key](const std::string& value) { params[key] = value; }, help)
        ->required();
  };
}

}  // namespace

void addDevicesCommand(CLI::App& root, CliContext& context) {
  CLI::App* devices = root.add_subcommand("devices", "Device pairing requests and device tokens");
  devices->require_subcommand(1);
  addDevicesSubcommand(
      *devices, context, "list", "List pending pairing requests and paired devices",
      "device.pair.list", protocol::scopes::kPairing, [](CLI::App&, json&) {}, printList);
  addDevicesSubcommand(
      *devices, context, "approve",
      "Approve a pending pairing request (asks for operator.admin: node roles need it)",
      "device.pair.approve", protocol::scopes::kAdmin,
      stringArgument("requestId", "requestId", "The request id `devices list` shows"),
      [](const json& result) {
        const json& device = result.at("device");
        std::cout << "Approved " << deviceName(device) << " ("
                  << device.at("deviceId").get<std::string>() << ")\n";
        // A node paired by node.pair.request: its token exists only in this answer.
        if (device.contains("token")) {
          std::cout << "Node token (shown once): " << device.at("token").get<std::string>() << "\n";
        }
      });
  addDevicesSubcommand(
      *devices, context, "reject", "Reject a pending pairing request", "device.pair.reject",
      protocol::scopes::kPairing,
      stringArgument("requestId", "requestId", "The request id `devices list` shows"),
      [](const json& result) {
        std::cout << "Rejected " << result.at("requestId").get<std::string>() << "\n";
      });
  addDevicesSubcommand(
      *devices, context, "remove", "Remove a paired device (its tokens too; it is disconnected)",
      "device.pair.remove", protocol::scopes::kPairing,
      stringArgument("deviceId", "deviceId", "The paired device's id"), [](const json& result) {
        std::cout << "Removed " << result.at("deviceId").get<std::string>() << "\n";
      });
  addDevicesSubcommand(
      *devices, context, "rename", "Give a paired device a label (shown instead of its own name)",
      "device.pair.rename", protocol::scopes::kPairing,
      [](CLI::App& command, json& params) {
        stringArgument("deviceId", "deviceId", "The paired device's id")(command, params);
        stringArgument("name", "label", "The label (1-64 characters)")(command, params);
      },
      [](const json& result) {
        std::cout << "Renamed " << result.at("deviceId").get<std::string>() << " to "
                  << result.at("label").get<std::string>() << "\n";
      });
  const auto deviceAndRole = [](CLI::App& command, json& params) {
    stringArgument("--device", "deviceId", "The paired device's id")(command, params);
    stringArgument("--role", "role", "The token's role: operator or node")(command, params);
  };
  addDevicesSubcommand(
      *devices, context, "revoke",
      "Revoke a device's token for one role (its connections in that role are closed)",
      "device.token.revoke", protocol::scopes::kAdmin, deviceAndRole, [](const json& result) {
        std::cout << "Revoked the " << result.at("role").get<std::string>() << " token of "
                  << result.at("deviceId").get<std::string>() << "\n";
      });
  addDevicesSubcommand(
      *devices, context, "rotate",
      "Replace a device's token for one role (the old one stops working; the device gets a "
      "fresh one on its next shared-secret connect)",
      "device.token.rotate", protocol::scopes::kAdmin, deviceAndRole, [](const json& result) {
        std::cout << "Rotated the " << result.at("role").get<std::string>() << " token of "
                  << result.at("deviceId").get<std::string>() << "\n";
      });
}

}  // namespace openclaw::cli
