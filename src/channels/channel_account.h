#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "channels/account_blocks.h"
#include "channels/channel.h"

namespace openclaw::channels {

// One account of a channel: one bot/app/number with its own connection. A channel with
// `channels.<id>.accounts` runs one of these per account (makeAccountsChannel); each sees its
// merged block (accountBlocks) and knows its own id. Event-loop thread only.
class ChannelAccount {
 public:
  virtual ~ChannelAccount() = default;

  // Connects asynchronously and returns at once. Called at most once per object, never for a
  // disabled account: a restart (channels.start after channels.stop) builds a new object.
  virtual void start() = 0;
  // Closes the connection; `done` runs once nothing is left in flight (it may run before stop
  // returns). Callbacks of a stopped account must do nothing: the object is destroyed soon
  // after `done`.
  virtual void stop(std::function<void()> done) = 0;

  // Applies a changed merged block (already validated by the factory, same `enabled`) to the
  // running account when it can without a new connection: true when it did; false (the
  // default) makes the wrapper build a new account from the block and restart it.
  virtual bool reconfigure(const nlohmann::json& block) {
    (void)block;
    return false;
  }

  // accountId, configured, connected, lastError, ... (enabled and running are set by the
  // wrapper from its own state: leave them as they are).
  virtual AccountStatus status() const = 0;

  // As Channel::send / Channel::typing, for this account.
  virtual void send(const OutboundMessage& message, std::function<void(SendResult)> done) = 0;
  virtual void typing(const std::string& chatId) { (void)chatId; }

  // A live API check within `timeout`: {ok, elapsedMs, error?, ...identity}. Must not disturb
  // the running connection.
  virtual void probe(std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done) = 0;

  // Forgets stored session state (cursors, resume tokens, linked sessions). Called on a new,
  // not started object after the running one was stopped.
  virtual void forgetSession(std::function<void(LogoutResult)> done) = 0;
};

// Builds one account from its merged block (account_blocks.h). Throws config::ConfigError naming
// the key (read the block through accountConfigView(context.pointer, block)) when invalid.
// `isDefault` is true for the channel's default account: only it may fall back to environment
// variables such as DISCORD_BOT_TOKEN.
struct AccountContext {
  ChannelHost& host;
  rpc::HttpRouter& router;
  std::string accountId;
  std::string pointer;  // the account's keys in the config, e.g. "/channels/discord/accounts/work"
  bool isDefault = true;
};
using AccountFactory = std::function<std::unique_ptr<ChannelAccount>(AccountContext context,
                                                                     const nlohmann::json& block)>;

// A Channel made of accounts: builds one ChannelAccount per entry of accountBlocks(config),
// starts the enabled ones, applies a reconfigure per account (unchanged accounts keep their
// connections; an invalid account block keeps that account running as it was and shows the
// error as its lastError), routes send/typing by accountId ("" = the default account; an
// unknown one fails NOT_LINKED), and implements the lifecycle calls. Throws config::ConfigError
// when the initial block is invalid.
std::unique_ptr<Channel> makeAccountsChannel(std::string id, std::string label, ChannelHost& host,
                                             const nlohmann::json& config, rpc::HttpRouter& router,
                                             AccountFactory factory);

}  // namespace openclaw::channels
