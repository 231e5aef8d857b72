#include <iostream>

#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "core/random_ids.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

// Runs one request and prints its payload as JSON (--json) or through `printHuman`.
void addCall(CLI::App& command, CliContext& context, std::shared_ptr<RpcOptions> options,
             std::string method, std::string scope, std::function<nlohmann::json()> params,
             std::function<void(const nlohmann::json&)> printHuman) {
  addRpcOptions(command, *options);
  command.callback([=, &context] {
    context.action = [=, &context] {
      return callAndPrint(context, *options, scope, method, params(), printHuman);
    };
  });
}

void printChannels(const nlohmann::json& status) {
  if (status.at("channelOrder").empty()) std::cout << "No channels configured.\n";
  for (const auto& id : status.at("channelOrder")) {
    const std::string name = id.get<std::string>();
    for (const auto& account : status.at("channelAccounts").at(name)) {
      std::cout << status.at("channelLabels").value(name, name) << " ("
                << account.value("accountId", "") << "): " << channelLinkState(account);
      if (account.contains("mode")) std::cout << ", " << account.value("mode", "");
      if (account.value("lastError", nlohmann::json()).is_string()) {
        std::cout << ", last error: " << account.at("lastError").get<std::string>();
      }
      std::cout << "\n";
    }
  }
}

void printPairingRequests(const nlohmann::json& list) {
  if (list.at("requests").empty()) std::cout << "No pending pairing requests.\n";
  for (const auto& request : list.at("requests")) {
    std::cout << request.value("channel", "") << "  " << request.value("requestId", "") << "  "
              << request.value("senderId", "") << " (" << request.value("senderLabel", "")
              << ")  expires " << request.value("expiresAt", "") << "\n";
  }
}

void addMessageCommand(CLI::App& root, CliContext& context) {
  CLI::App* message = root.add_subcommand("message", "Send messages through channels");
  message->require_subcommand(1);
  CLI::App* send = message->add_subcommand("send", "Send a text message through a channel");
  auto channel = std::make_shared<std::string>();
  auto target = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  auto account = std::make_shared<std::string>();
  send->add_option("--channel", *channel, "Channel id, e.g. telegram (default: the only one)");
  send->add_option("--target,--to", *target, "Chat id or user in the channel's terms")->required();
  send->add_option("--message,-m", *text, "The text to send")->required();
  send->add_option("--account", *account, "Channel account id");
  addCall(
      *send, context, std::make_shared<RpcOptions>(), "send", protocol::scopes::kWrite,
      [=] {
        nlohmann::json params = {
            {"to", *target}, {"message", *text}, {"idempotencyKey", core::uuidV4()}};
        if (!channel->empty()) params["channel"] = *channel;
        if (!account->empty()) params["accountId"] = *account;
        return params;
      },
      [](const nlohmann::json& sent) {
        std::cout << "Sent via " << sent.value("channel", "") << " (message id "
                  << sent.value("messageId", "") << ")\n";
      });
}

void addChannelsCommand(CLI::App& root, CliContext& context) {
  CLI::App* channels = root.add_subcommand("channels", "Messaging channels");
  channels->require_subcommand(1);
  CLI::App* status = channels->add_subcommand("status", "Link state of every channel account");
  addCall(
      *status, context, std::make_shared<RpcOptions>(), "channels.status", protocol::scopes::kRead,
      [] { return nlohmann::json::object(); }, printChannels);
}

void addPairingCommand(CLI::App& root, CliContext& context) {
  CLI::App* pairing = root.add_subcommand("pairing", "DM pairing: approve who may message the bot");
  pairing->require_subcommand(1);

  CLI::App* list = pairing->add_subcommand("list", "Pending DM pairing requests");
  auto listChannel = std::make_shared<std::string>();
  list->add_option("channel", *listChannel, "Only this channel");
  addCall(
      *list, context, std::make_shared<RpcOptions>(), "channels.pairing.list",
      protocol::scopes::kPairing,
      [=] {
        nlohmann::json params = nlohmann::json::object();
        if (!listChannel->empty()) params["channel"] = *listChannel;
        return params;
      },
      printPairingRequests);

  CLI::App* approve = pairing->add_subcommand("approve", "Approve a sender by pairing code");
  auto channel = std::make_shared<std::string>();
  auto code = std::make_shared<std::string>();
  auto account = std::make_shared<std::string>("default");
  auto notify = std::make_shared<bool>(false);
  approve->add_option("channel", *channel, "Channel id, e.g. telegram")->required();
  approve->add_option("code", *code, "The pairing code the sender got")->required();
  approve->add_option("--account", *account, "Channel account id (default: default)");
  approve->add_flag("--notify", *notify, "Tell the sender on the same channel");
  addCall(
      *approve, context, std::make_shared<RpcOptions>(), "channels.pairing.approve",
      protocol::scopes::kPairing,
      [=] {
        return nlohmann::json{{"channel", *channel},
                              {"accountId", *account},
                              {"requestId", *code},
                              {"notify", *notify}};
      },
      [](const nlohmann::json& approved) {
        std::cout << "Approved sender " << approved.value("senderId", "") << "\n";
      });
}

}  // namespace

std::string channelLinkState(const nlohmann::json& entry) {
  if (entry.value("linked", false)) return "linked";
  return entry.value("running", false) ? "not linked" : "stopped";
}

void addChannelCommands(CLI::App& root, CliContext& context) {
  addMessageCommand(root, context);
  addChannelsCommand(root, context);
  addPairingCommand(root, context);
}

}  // namespace openclaw::cli
