#include <iostream>
#include <set>

#include "channels/access_policy.h"
#include "channels/account_blocks.h"
#include "channels/channel_registry.h"
#include "cli/channel_config_edit.h"
#include "cli/channel_setup.h"
#include "cli/rpc_client.h"
#include "config/config_file.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

// The setup flags of `channels add` / `login` and the config key each sets, per channel
// (upstream's flag names where it has them).
struct SetupFlag {
  const char* channel;
  const char* flag;  // without the dashes
  const char* key;
  bool integer = false;
};
constexpr SetupFlag kSetupFlags[] = {
    {"telegram", "token", "botToken"},
    {"telegram", "token-file", "tokenFile"},
    {"irc", "host", "host"},
    {"irc", "port", "port", true},
    {"irc", "nick", "nick"},
    {"irc", "password", "password"},
    {"discord", "token", "token"},
    {"slack", "bot-token", "botToken"},
    {"slack", "app-token", "appToken"},
    {"signal", "signal-number", "account"},
    {"signal", "http-url", "httpUrl"},
};

bool knownChannel(const std::string& id) {
  for (const auto& [name, factory] : channels::builtinChannels()) {
    if (name == id) return true;
  }
  return false;
}

json blockOf(const json& config, const std::string& channel) {
  const json channels = config.value("channels", json::object());
  return channels.is_object() ? channels.value(channel, json::object()) : json::object();
}

bool hasAccounts(const json& block) {
  const auto found = block.find("accounts");
  return found != block.end() && found->is_object() && !found->empty();
}

// What the shared options of add/remove/login/logout hold.
struct Target {
  std::string channel;
  std::string account = "default";
  RpcOptions rpc;
};

void addTargetFlags(CLI::App& command, Target& target) {
  command.add_option("channel", target.channel, "Channel id, e.g. telegram");
  command.add_option("--channel", target.channel, "Channel id, e.g. telegram");
  command.add_option("--account", target.account, "Account id (default: default)");
  command.add_option("--url", target.rpc.url, "Gateway WebSocket URL");
  command.add_option("--gateway-token", target.rpc.token, "Gateway token");
  command.add_option("--password", target.rpc.password, "Gateway password (or --password for IRC)");
  command.add_option("--timeout", target.rpc.timeoutMs, "Timeout in milliseconds (default 10000)");
  command.add_flag("--json", target.rpc.json, "Print machine-readable JSON");
}

// Checks the channel and account; prints the problem and returns false when they are bad.
bool validTarget(const Target& target) {
  if (target.channel.empty()) {
    std::cerr << "error: name the channel (e.g. `--channel telegram`)\n";
    return false;
  }
  if (!knownChannel(target.channel)) {
    std::cerr << "error: unknown channel: " << target.channel << "\n";
    return false;
  }
  if (target.account.find_first_not_of(" \t") == std::string::npos) {
    std::cerr << "error: --account must not be blank\n";
    return false;
  }
  return true;
}

// The config keys the setup flags given on the command line set, or nullopt (printed) when a
// flag does not apply to the channel.
std::optional<json> settingsFrom(const std::string& channel,
                                 const std::map<std::string, std::string>& given) {
  json settings = json::object();
  for (const auto& [flag, value] : given) {
    const SetupFlag* match = nullptr;
    for (const SetupFlag& candidate : kSetupFlags) {
      if (candidate.channel == channel && candidate.flag == flag) match = &candidate;
    }
    if (!match) {
      std::cerr << "error: --" << flag << " does not apply to " << channel << "\n";
      return std::nullopt;
    }
    if (match->integer) {
      try {
        settings[match->key] = std::stoi(value);
      } catch (const std::exception&) {
        std::cerr << "error: --" << flag << " must be a number, got " << value << "\n";
        return std::nullopt;
      }
    } else {
      settings[match->key] = value;
    }
  }
  return settings;
}

// Refuses a patched channel block the gateway would refuse (account ids, access keys), naming
// the key.
bool validBlock(const json& current, const std::string& channel, const json& patch) {
  json merged = current;
  merged.merge_patch(patch);
  const json block = blockOf(merged, channel);
  try {
    for (const auto& [accountId, accountBlock] : channels::accountBlocks(channel, block).blocks) {
      channels::AccessPolicy::fromAccount(channels::accountPointer(channel, block, accountId),
                                          accountBlock);
    }
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return false;
  }
  return true;
}

// Writes `patchFor(current)` unless it is invalid or null (refused, already explained); prints
// where it went.
int applyPatch(CliContext& context, const Target& target,
               const std::function<json(const json&)>& patchFor, const std::string& done) {
  bool valid = true;
  bool viaGateway = false;
  const int code = editConfig(
      context, target.rpc,
      [&](const json& current) {
        json patch = patchFor(current);
        valid = !patch.is_null() && validBlock(current, target.channel, patch);
        return valid ? patch : json::object();
      },
      viaGateway);
  if (code != 0 || !valid) return 1;
  if (target.rpc.json) {
    std::cout << json{{"ok", true},
                      {"channel", target.channel},
                      {"accountId", target.account},
                      {"appliedBy", viaGateway ? "gateway" : "file"}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << done
              << (viaGateway ? " (applied by the running gateway)\n"
                             : " (written to the config file)\n");
  }
  return 0;
}

void printAccounts(const json& config, bool asJson) {
  json listed = json::array();
  for (const auto& [id, factory] : channels::builtinChannels()) {
    const json block = blockOf(config, id);
    const json channelsKey = config.value("channels", json::object());
    if (!channelsKey.is_object() || !channelsKey.contains(id)) continue;
    json accounts = json::array();
    try {
      const channels::ChannelAccounts split = channels::accountBlocks(id, block);
      const bool channelEnabled = block.value("enabled", true);
      for (const auto& [accountId, accountBlock] : split.blocks) {
        accounts.push_back({{"accountId", accountId},
                            {"enabled", channelEnabled && accountBlock.value("enabled", true)},
                            {"default", accountId == split.defaultAccountId}});
      }
    } catch (const std::exception& error) {
      accounts.push_back({{"error", error.what()}});
    }
    listed.push_back({{"channel", id}, {"accounts", accounts}});
  }
  if (asJson) {
    std::cout << json{{"channels", listed}}.dump(2) << "\n";
    return;
  }
  if (listed.empty()) std::cout << "No channels configured.\n";
  for (const json& channel : listed) {
    for (const json& account : channel.at("accounts")) {
      std::cout << channel.at("channel").get<std::string>() << " ";
      if (account.contains("error")) {
        std::cout << "(invalid: " << account.at("error").get<std::string>() << ")\n";
        continue;
      }
      std::cout << account.at("accountId").get<std::string>()
                << (account.at("default").get<bool>() ? " (default)" : "") << ": "
                << (account.at("enabled").get<bool>() ? "enabled" : "disabled") << "\n";
    }
  }
}

// After a login: asks the running gateway to start the account (it may already run).
void startAccount(const CliContext& context, const Target& target) {
  RpcOptions quiet = target.rpc;
  quiet.json = false;
  withGateway(context, quiet, protocol::scopes::kAdmin, [&](client::GatewayClient& gateway) {
    const json started =
        gateway.call("channels.start", {{"channel", target.channel}, {"accountId", target.account}},
                     std::chrono::milliseconds(target.rpc.timeoutMs));
    std::cout << "start: " << started.value("outcome", json::object()).value("status", "") << " "
              << started.value("outcome", json::object()).value("reason", "") << "\n";
    return 0;
  });
}

void addSetupCommand(CLI::App& channels, CliContext& context, const std::string& name,
                     const std::string& description, bool login) {
  CLI::App* command = channels.add_subcommand(name, description);
  auto target = std::make_shared<Target>();
  auto given = std::make_shared<std::map<std::string, std::string>>();
  addTargetFlags(*command, *target);
  std::set<std::string> flags;
  for (const SetupFlag& flag : kSetupFlags) flags.insert(flag.flag);
  for (const std::string& flag : flags) {
    if (flag == "password") continue;  // shared with the gateway password above
    command->add_option_function<std::string>(
        "--" + flag, [given, flag](const std::string& value) { (*given)[flag] = value; },
        "Channel setting (see docs/channels.md)");
  }
  command->callback([=, &context] {
    context.action = [=, &context] {
      if (!validTarget(*target)) return 2;
      std::map<std::string, std::string> values = *given;
      Target effective = *target;
      if (target->channel == "irc" && target->rpc.password) {
        values["password"] = *target->rpc.password;  // IRC's server password
        effective.rpc.password.reset();
      }
      auto settings = settingsFrom(target->channel, values);
      if (!settings) return 2;
      if (login && settings->empty()) {
        std::cerr << "error: login needs the channel's credentials, e.g. --token\n";
        return 2;
      }
      const int code = applyPatch(
          context, effective,
          [&](const json& current) {
            return accountPatch(current, target->channel, target->account, *settings);
          },
          (login ? "Logged in " : "Added ") + target->channel + " account " + target->account);
      if (code == 0 && login) startAccount(context, effective);
      return code;
    };
  });
}

}  // namespace

json accountPatch(const json& current, const std::string& channel, const std::string& accountId,
                  const json& settings) {
  const json block = blockOf(current, channel);
  json entry = settings;
  entry["enabled"] = true;
  json patch;
  if (hasAccounts(block)) {
    patch["channels"][channel]["accounts"][accountId] = entry;
  } else if (accountId == "default") {
    patch["channels"][channel] = entry;
  } else {
    // The single top-level account stays as "default" (inheriting the top-level keys).
    if (!block.empty()) patch["channels"][channel]["accounts"]["default"] = json::object();
    patch["channels"][channel]["accounts"][accountId] = entry;
  }
  return patch;
}

json removalPatch(const json& current, const std::string& channel, const std::string& accountId,
                  bool remove) {
  const json block = blockOf(current, channel);
  json patch;
  if (!hasAccounts(block)) {
    patch["channels"][channel] = remove ? json(nullptr) : json{{"enabled", false}};
    return patch;
  }
  const json& accounts = block.at("accounts");
  if (!remove) {
    patch["channels"][channel]["accounts"][accountId]["enabled"] = false;
  } else if (accounts.size() == 1 && accounts.contains(accountId)) {
    patch["channels"][channel] = nullptr;
  } else {
    patch["channels"][channel]["accounts"][accountId] = nullptr;
    if (block.value("defaultAccount", "") == accountId) {
      patch["channels"][channel]["defaultAccount"] = nullptr;
    }
  }
  return patch;
}

void addChannelSetupCommands(CLI::App& channels, CliContext& context) {
  CLI::App* list = channels.add_subcommand("list", "Channel accounts in the config");
  auto listJson = std::make_shared<bool>(false);
  list->add_flag("--json", *listJson, "Print machine-readable JSON");
  list->callback([listJson, &context] {
    context.action = [listJson, &context] {
      const config::ConfigFile file = config::ConfigFile::load(context.paths().configPath);
      printAccounts(file.root.is_object() ? file.root : json::object(), *listJson);
      return 0;
    };
  });

  addSetupCommand(channels, context, "add", "Add or update a channel account in the config", false);
  addSetupCommand(channels, context, "login",
                  "Set a token channel's credentials and start the account", true);

  CLI::App* remove = channels.add_subcommand("remove", "Disable (or --delete) a channel account");
  auto target = std::make_shared<Target>();
  auto erase = std::make_shared<bool>(false);
  addTargetFlags(*remove, *target);
  remove->add_flag("--delete", *erase, "Delete the account's config instead of disabling it");
  remove->callback([=, &context] {
    context.action = [=, &context] {
      if (!validTarget(*target)) return 2;
      return applyPatch(
          context, *target,
          [&](const json& current) {
            const json block = blockOf(current, target->channel);
            const bool exists =
                hasAccounts(block)
                    ? block.at("accounts").contains(target->account)
                    : target->account == "default" &&
                          current.value("channels", json::object()).is_object() &&
                          current.value("channels", json::object()).contains(target->channel);
            if (exists) return removalPatch(current, target->channel, target->account, *erase);
            std::cerr << "error: " << target->channel << " has no account " << target->account
                      << " in the config\n";
            return json();
          },
          std::string(*erase ? "Deleted " : "Disabled ") + target->channel + " account " +
              target->account);
    };
  });
}

}  // namespace openclaw::cli
