// makeAccountsChannel: a Channel made of one ChannelAccount per configured account.
#include <boost/asio/post.hpp>
#include <map>
#include <memory>
#include <utility>

#include "channels/account_blocks.h"
#include "channels/channel_account.h"
#include "core/logging.h"

namespace openclaw::channels {
namespace {

using protocol::GatewayError;

auto log() { return core::logger("channels"); }

// One configured account. `account` is null only when its block never built (configError says
// why); a built account that is not running was stopped or is disabled and has not started.
struct Slot {
  std::unique_ptr<ChannelAccount> account;
  nlohmann::json block;  // the merged block `account` was built from
  std::string pointer;
  bool enabled = true;
  bool running = false;
  std::string configError;  // why the last block for this account was rejected
};

class AccountsChannel final : public Channel {
 public:
  AccountsChannel(std::string id, std::string label, ChannelHost& host,
                  const nlohmann::json& config, rpc::HttpRouter& router, AccountFactory factory)
      : id_(std::move(id)),
        label_(std::move(label)),
        host_(host),
        router_(router),
        factory_(std::move(factory)),
        block_(config) {
    const ChannelAccounts accounts = accountBlocks(id_, config);
    defaultAccountId_ = accounts.defaultAccountId;
    for (const auto& [accountId, block] : accounts.blocks) {
      accounts_.emplace(accountId, build(accountId, block));  // an error rejects the whole block
    }
  }

  ~AccountsChannel() override {
    for (auto& [accountId, slot] : accounts_) retire(slot, [] {});
  }

  std::string id() const override { return id_; }
  std::string label() const override { return label_; }
  std::string defaultAccountId() const override { return defaultAccountId_; }

  void start() override {
    for (auto& [accountId, slot] : accounts_) launch(slot);
  }

  void stop(std::function<void()> done) override {
    auto remaining = std::make_shared<std::size_t>(1);
    auto finished = [remaining, done = std::move(done)] {
      if (--*remaining == 0) done();
    };
    for (auto& [accountId, slot] : accounts_) {
      if (!slot.running) continue;
      ++*remaining;
      retire(slot, finished);
    }
    finished();
  }

  void reconfigure(const nlohmann::json& config) override {
    if (config == block_) {  // back to the running block after a rejected edit
      configError_.clear();
      for (auto& [accountId, slot] : accounts_) slot.configError.clear();
      return;
    }
    ChannelAccounts next;
    try {
      next = accountBlocks(id_, config);
    } catch (const std::exception& error) {
      configError_ = error.what();
      log()->error("keeping the running {} accounts: {}", label_, configError_);
      return;
    }
    configError_.clear();
    block_ = config;
    defaultAccountId_ = next.defaultAccountId;
    for (auto it = accounts_.begin(); it != accounts_.end();) {
      if (next.blocks.contains(it->first)) {
        ++it;
        continue;
      }
      retire(it->second, [] {});
      it = accounts_.erase(it);
    }
    for (const auto& [accountId, block] : next.blocks) apply(accountId, block);
  }

  std::vector<AccountStatus> status() const override {
    std::vector<AccountStatus> rows;
    for (const auto& [accountId, slot] : accounts_) {
      AccountStatus row = slot.account ? slot.account->status() : AccountStatus{};
      row.accountId = accountId;
      row.enabled = slot.enabled;
      row.running = slot.running;
      if (!slot.configError.empty()) row.lastError = slot.configError;
      if (!configError_.empty()) row.lastError = configError_;
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override {
    const std::string accountId = message.accountId.empty() ? defaultAccountId_ : message.accountId;
    const auto found = accounts_.find(accountId);
    if (found == accounts_.end()) {
      done(notLinked(label_ + " has no account \"" + accountId + "\""));
    } else if (!found->second.running) {
      done(notLinked(label_ + " account \"" + accountId + "\" is not running"));
    } else {
      found->second.account->send(message, std::move(done));
    }
  }

  void typing(const std::string& accountId, const std::string& chatId) override {
    const auto found = accounts_.find(accountId.empty() ? defaultAccountId_ : accountId);
    if (found != accounts_.end() && found->second.running) found->second.account->typing(chatId);
  }

  protocol::Result<void> startAccount(const std::string& accountId) override {
    auto slot = lookup(accountId);
    if (!slot) return slot.error();
    if ((*slot)->running) return {};
    if (!(*slot)->account) return GatewayError::invalidRequest((*slot)->configError);
    if (!(*slot)->enabled) {
      return GatewayError::invalidRequest(label_ + " account \"" + accountId +
                                          "\" is disabled in the config (enabled: false)");
    }
    launch(**slot);
    host_.statusChanged();
    return {};
  }

  void stopAccount(const std::string& accountId,
                   std::function<void(protocol::Result<void>)> done) override {
    auto slot = lookup(accountId);
    if (!slot) return done(slot.error());
    halt(accountId, **slot, [done = std::move(done)] { done({}); });
  }

  void logout(const std::string& accountId,
              std::function<void(protocol::Result<LogoutResult>)> done) override {
    auto slot = lookup(accountId);
    if (!slot) return done(slot.error());
    halt(accountId, **slot, [this, accountId, done = std::move(done)]() mutable {
      const auto found = accounts_.find(accountId);
      if (found == accounts_.end() || !found->second.account) {
        return done(LogoutResult{false, "the account has no stored session"});
      }
      found->second.account->forgetSession(
          [done = std::move(done)](LogoutResult result) { done(std::move(result)); });
    });
  }

  void probe(const std::string& accountId, std::chrono::milliseconds timeout,
             std::function<void(ProbeResult)> done) override {
    auto slot = lookup(accountId);
    if (!slot) return done({{"ok", false}, {"error", slot.error().message}});
    if (!(*slot)->account) return done({{"ok", false}, {"error", (*slot)->configError}});
    (*slot)->account->probe(timeout, std::move(done));
  }

 private:
  // A slot for `block`; throws config::ConfigError when the block is invalid.
  Slot build(const std::string& accountId, const nlohmann::json& block) {
    Slot slot;
    slot.block = block;
    slot.pointer = accountPointer(id_, block_, accountId);
    slot.enabled =
        accountConfigView(slot.pointer, block).boolean(slot.pointer + "/enabled").value_or(true);
    slot.account =
        factory_({host_, router_, accountId, slot.pointer, accountId == defaultAccountId_}, block);
    return slot;
  }

  void launch(Slot& slot) {
    if (!slot.account || !slot.enabled || slot.running) return;
    slot.running = true;
    slot.account->start();
  }

  // Takes the slot's account and destroys it once it stopped (at once when it was not running),
  // then `done`. The slot is left without an account.
  void retire(Slot& slot, std::function<void()> done) {
    const bool wasRunning = std::exchange(slot.running, false);
    dispose(std::move(slot.account), wasRunning, std::move(done));
  }

  void dispose(std::unique_ptr<ChannelAccount> account, bool running, std::function<void()> done) {
    if (!account || !running) return done();
    auto owned = std::shared_ptr<ChannelAccount>(std::move(account));
    owned->stop([&io = host_.runtime().io, owned, done = std::move(done)]() mutable {
      boost::asio::post(io, [owned = std::move(owned)] {});  // destroyed outside its own stop()
      done();
    });
  }

  // Stops a running account, leaving a fresh one from the same block in the slot for a later
  // start (or logout), then `done`.
  void halt(const std::string& accountId, Slot& slot, std::function<void()> done) {
    if (!slot.running) return done();
    std::unique_ptr<ChannelAccount> stopping = std::move(slot.account);
    slot.running = false;
    try {
      slot.account = build(accountId, slot.block).account;
    } catch (const std::exception& error) {
      slot.configError = error.what();
    }
    host_.statusChanged();
    dispose(std::move(stopping), true, std::move(done));
  }

  // Applies one account's block from a reconfigure: unchanged accounts keep running; a
  // changed one is rebuilt and restarted; an invalid one keeps the running account.
  void apply(const std::string& accountId, const nlohmann::json& block) {
    auto found = accounts_.find(accountId);
    if (found != accounts_.end() && found->second.block == block && found->second.account) {
      found->second.configError.clear();
      return;
    }
    Slot next;
    try {
      next = build(accountId, block);
    } catch (const std::exception& error) {
      log()->error("{} account {} keeps its running settings: {}", label_, accountId, error.what());
      if (found == accounts_.end()) found = accounts_.emplace(accountId, Slot{}).first;
      found->second.configError = error.what();
      return;
    }
    if (found != accounts_.end() && found->second.account &&
        found->second.enabled == next.enabled && found->second.account->reconfigure(block)) {
      found->second.block = block;  // applied in place; `next` is dropped unstarted
      found->second.configError.clear();
      return;
    }
    if (found != accounts_.end()) retire(found->second, [] {});
    Slot& slot = accounts_[accountId] = std::move(next);
    launch(slot);
  }

  protocol::Result<Slot*> lookup(const std::string& accountId) {
    const auto found = accounts_.find(accountId.empty() ? defaultAccountId_ : accountId);
    if (found == accounts_.end()) {
      return GatewayError::invalidRequest(label_ + " has no account \"" + accountId + "\"");
    }
    return &found->second;
  }

  std::string id_;
  std::string label_;
  ChannelHost& host_;
  rpc::HttpRouter& router_;
  AccountFactory factory_;
  nlohmann::json block_;  // the block in effect
  std::string defaultAccountId_;
  std::string configError_;  // why the last edit of the whole block was rejected
  std::map<std::string, Slot> accounts_;
};

}  // namespace

std::unique_ptr<Channel> makeAccountsChannel(std::string id, std::string label, ChannelHost& host,
                                             const nlohmann::json& config, rpc::HttpRouter& router,
                                             AccountFactory factory) {
  return std::make_unique<AccountsChannel>(std::move(id), std::move(label), host, config, router,
                                           std::move(factory));
}

}  // namespace openclaw::channels
