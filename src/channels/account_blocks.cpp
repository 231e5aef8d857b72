#include "channels/account_blocks.h"

#include <cctype>

#include "channels/channel_config.h"

namespace openclaw::channels {
namespace {

constexpr std::size_t kMaxAccountIdLength = 64;

bool validAccountId(const std::string& id) {
  if (id.empty() || id.size() > kMaxAccountIdLength) return false;
  const auto plain = [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c));
  };
  if (!plain(id.front())) return false;
  for (const char c : id) {
    if (!plain(c) && c != '_' && c != '-') return false;
  }
  return true;
}

bool hasAccounts(const nlohmann::json& block) {
  if (!block.is_object()) return false;
  const auto found = block.find("accounts");
  return found != block.end() && !found->is_null() && !(found->is_object() && found->empty());
}

}  // namespace

ChannelAccounts accountBlocks(const std::string& channelId, const nlohmann::json& block) {
  const nlohmann::json top = block.is_null() ? nlohmann::json::object() : block;
  const config::ConfigFile view = channelConfigView(channelId, top);
  const std::string pointer = channelPointer(channelId);
  ChannelAccounts result;
  if (!hasAccounts(top)) {
    if (const auto chosen = view.string(pointer + "/defaultAccount");
        chosen && *chosen != "default") {
      throw view.errorAt(pointer + "/defaultAccount", "names no account in accounts");
    }
    nlohmann::json single = top;
    single.erase("defaultAccount");
    single.erase("accounts");
    result.blocks.emplace("default", std::move(single));
    return result;
  }
  const nlohmann::json& accounts = top.at("accounts");
  if (!accounts.is_object()) throw view.errorAt(pointer + "/accounts", "must be an object");
  nlohmann::json shared = top;
  shared.erase("accounts");
  shared.erase("defaultAccount");
  for (const auto& [id, entry] : accounts.items()) {
    const std::string at = pointer + "/accounts/" + id;
    if (!validAccountId(id)) {
      throw view.errorAt(pointer + "/accounts",
                         "account id \"" + id +
                             "\" must be 1-64 characters of a-z, 0-9, '_' and '-', starting with "
                             "a letter or digit");
    }
    if (!entry.is_null() && !entry.is_object()) throw view.errorAt(at, "must be an object");
    nlohmann::json merged = shared;
    if (entry.is_object()) merged.update(entry);
    result.blocks.emplace(id, std::move(merged));
  }
  if (const auto chosen = view.string(pointer + "/defaultAccount")) {
    if (!result.blocks.contains(*chosen)) {
      throw view.errorAt(pointer + "/defaultAccount", "names no account in accounts");
    }
    result.defaultAccountId = *chosen;
  } else if (!result.blocks.contains("default")) {
    result.defaultAccountId = result.blocks.begin()->first;
  }
  return result;
}

std::string accountPointer(const std::string& channelId, const nlohmann::json& block,
                           const std::string& accountId) {
  const std::string pointer = channelPointer(channelId);
  return hasAccounts(block) ? pointer + "/accounts/" + accountId : pointer;
}

config::ConfigFile accountConfigView(const std::string& pointer,
                                     const nlohmann::json& mergedBlock) {
  config::ConfigFile view;
  view.path = "config";
  view.root = nlohmann::json::object();
  nlohmann::json* node = &view.root;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    const std::size_t end = std::min(pointer.find('/', start), pointer.size());
    node = &(*node)[pointer.substr(start, end - start)];
    start = end + 1;
  }
  *node = mergedBlock.is_null() ? nlohmann::json::object() : mergedBlock;
  return view;
}

}  // namespace openclaw::channels
