#include <algorithm>
#include <filesystem>
#include <iostream>

#include "auth/base64url.h"
#include "cli/channel_setup.h"
#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "core/files.h"
#include "core/random_ids.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

// What `channels status --probe` keeps of its --timeout for the answer to travel back.
constexpr int kProbeReplyMarginMs = 2'000;

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
      if (account.contains("probe")) {
        const nlohmann::json& probe = account.at("probe");
        std::cout << ", probe " << (probe.value("ok", false) ? "ok" : "failed");
        if (probe.contains("elapsedMs")) std::cout << " in " << probe.at("elapsedMs") << " ms";
      }
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

// A file `message send --media` names, loaded here (the gateway reads only its own workspace):
// its base64 must fit in one frame of the gateway's 25 MiB limit.
constexpr std::uintmax_t kMaxCliMediaBytes = 18 * 1024 * 1024;

bool isUrl(const std::string& media) {
  return media.starts_with("http://") || media.starts_with("https://");
}

// Adds the `--media` of a send to `params`: URLs as mediaUrls (the gateway fetches them), one
// local file as buffer + filename. Prints the problem and returns false when it cannot.
bool addMedia(const std::vector<std::string>& media, nlohmann::json& params) {
  std::vector<std::string> urls;
  std::vector<std::string> files;
  for (const std::string& item : media) (isUrl(item) ? urls : files).push_back(item);
  if (files.size() > 1) {
    std::cerr << "error: one local file per send (--media); pass further files as URLs\n";
    return false;
  }
  if (!urls.empty()) params["mediaUrls"] = urls;
  if (files.empty()) return true;
  const std::filesystem::path path = core::expandHome(files.front());
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || !std::filesystem::is_regular_file(path, ec)) {
    std::cerr << "error: --media " << files.front() << ": not a readable file\n";
    return false;
  }
  if (size > kMaxCliMediaBytes) {
    std::cerr << "error: --media " << files.front() << ": larger than "
              << kMaxCliMediaBytes / (1024 * 1024) << " MiB\n";
    return false;
  }
  const std::optional<std::string> bytes = core::readFile(path);
  if (!bytes) {
    std::cerr << "error: --media " << files.front() << ": cannot read it\n";
    return false;
  }
  params["buffer"] = auth::base64UrlEncode(*bytes);
  params["filename"] = path.filename().string();
  return true;
}

void addMessageCommand(CLI::App& root, CliContext& context) {
  CLI::App* message = root.add_subcommand("message", "Send messages through channels");
  message->require_subcommand(1);
  CLI::App* send = message->add_subcommand("send", "Send a message or files through a channel");
  auto channel = std::make_shared<std::string>();
  auto target = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  auto account = std::make_shared<std::string>();
  auto media = std::make_shared<std::vector<std::string>>();
  auto options = std::make_shared<RpcOptions>();
  send->add_option("--channel", *channel, "Channel id, e.g. telegram (default: the only one)");
  send->add_option("--target,--to", *target, "Chat id or user in the channel's terms")->required();
  send->add_option("--message,-m", *text, "The text to send (a caption with --media)");
  send->add_option("--account", *account, "Channel account id (default: the channel's default)");
  send->add_option("--media", *media,
                   "A file to attach: a local path (read here) or an http(s) URL (fetched by the "
                   "gateway); repeatable");
  addRpcOptions(*send, *options);
  send->callback([=, &context] {
    context.action = [=, &context] {
      if (text->empty() && media->empty()) {
        std::cerr << "error: --message or --media is required\n";
        return 2;
      }
      nlohmann::json params = {{"to", *target}, {"idempotencyKey", core::uuidV4()}};
      if (!text->empty()) params["message"] = *text;
      if (!channel->empty()) params["channel"] = *channel;
      if (!account->empty()) params["accountId"] = *account;
      if (!addMedia(*media, params)) return 2;
      return callAndPrint(context, *options, protocol::scopes::kWrite, "send", params,
                          [](const nlohmann::json& sent) {
                            std::cout << "Sent via " << sent.value("channel", "") << " (message id "
                                      << sent.value("messageId", "") << ")\n";
                          });
    };
  });
}

void addChannelsCommand(CLI::App& root, CliContext& context) {
  CLI::App* channels = root.add_subcommand("channels", "Messaging channels");
  channels->require_subcommand(1);

  CLI::App* status = channels->add_subcommand("status", "Link state of every channel account");
  auto only = std::make_shared<std::string>();
  auto probe = std::make_shared<bool>(false);
  auto statusOptions = std::make_shared<RpcOptions>();
  status->add_option("--channel", *only, "Only this channel");
  status->add_flag("--probe", *probe, "Check every account live with its service");
  addCall(
      *status, context, statusOptions, "channels.status", protocol::scopes::kRead,
      [=] {
        nlohmann::json params = nlohmann::json::object();
        if (!only->empty()) params["channel"] = *only;
        if (*probe) {
          params["probe"] = true;
          // The probes must answer inside our own wait: the gateway may take up to half a
          // second past timeoutMs to cut off a check that hangs.
          params["timeoutMs"] = std::max(1'000, statusOptions->timeoutMs - kProbeReplyMarginMs);
        }
        return params;
      },
      printChannels);

  CLI::App* logout =
      channels->add_subcommand("logout", "Stop an account and forget its stored session");
  auto channel = std::make_shared<std::string>();
  auto account = std::make_shared<std::string>();
  logout->add_option("channel", *channel, "Channel id, e.g. telegram");
  logout->add_option("--channel", *channel, "Channel id, e.g. telegram");
  logout->add_option("--account", *account, "Account id (default: the channel's default)");
  addCall(
      *logout, context, std::make_shared<RpcOptions>(), "channels.logout", protocol::scopes::kAdmin,
      [=] {
        nlohmann::json params = {{"channel", *channel}};
        if (!account->empty()) params["accountId"] = *account;
        return params;
      },
      [](const nlohmann::json& done) {
        std::cout << "Logged out " << done.value("channel", "") << " account "
                  << done.value("accountId", "")
                  << (done.value("cleared", false) ? " (session forgotten)" : "") << "\n";
        if (done.contains("note")) std::cout << done.value("note", "") << "\n";
      });

  addChannelSetupCommands(*channels, context);
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
