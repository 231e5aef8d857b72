#include "channels/channel_manager.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>

#include "channels/account_blocks.h"
#include "channels/channel_config.h"
#include "channels/counted_channel.h"
#include "channels/media_store.h"
#include "config/config_file.h"
#include "core/clock.h"
#include "core/logging.h"
#include "core/utf8.h"
#include "rpc/storage_await.h"

namespace openclaw::channels {
namespace {

auto log() { return core::logger("channels"); }

// The keys the manager itself reads from a channel's block, validated together so an invalid
// block is rejected before anything of it is applied. Throws config::ConfigError.
struct BlockSettings {
  bool enabled = true;
  std::map<std::string, AccessPolicy> policies;  // per account
};

BlockSettings readBlock(const std::string& id, const nlohmann::json& block) {
  BlockSettings settings;
  settings.enabled =
      channelConfigView(id, block).boolean(channelPointer(id) + "/enabled").value_or(true);
  for (const auto& [accountId, merged] : accountBlocks(id, block).blocks) {
    settings.policies.emplace(
        accountId, AccessPolicy::fromAccount(accountPointer(id, block, accountId), merged));
  }
  return settings;
}

nlohmann::json optionalMs(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(*ms) : nlohmann::json(nullptr);
}

nlohmann::json accountJson(AccountStatus status,
                           const std::map<std::string, AccessPolicy>& policies,
                           const std::string& configError) {
  const auto found = policies.find(status.accountId);
  const AccessPolicy policy = found == policies.end() ? AccessPolicy{} : found->second;
  if (!configError.empty()) status.lastError = configError;
  return {{"accountId", status.accountId},
          {"enabled", status.enabled},
          {"configured", status.configured},
          {"linked", status.connected},
          {"running", status.running},
          {"connected", status.connected},
          {"reconnectAttempts", status.reconnectAttempts},
          {"lastConnectedAt", optionalMs(status.lastConnectedAtMs)},
          {"lastInboundAt", optionalMs(status.lastInboundAtMs)},
          {"lastOutboundAt", optionalMs(status.lastOutboundAtMs)},
          {"lastError",
           status.lastError.empty() ? nlohmann::json(nullptr) : nlohmann::json(status.lastError)},
          {"mode", status.mode},
          {"dmPolicy", policy.dmPolicy},
          {"allowFrom", policy.allowFrom}};
}

}  // namespace

class ChannelManager::BoundHost final : public ChannelHost {
 public:
  BoundHost(ChannelManager& manager, std::string channelId)
      : manager_(manager), channelId_(std::move(channelId)) {}

  rpc::GatewayRuntime& runtime() override { return manager_.runtime_; }

  void deliver(InboundMessage message, std::function<void(bool)> persisted) override {
    message.channel = channelId_;
    manager_.deliver(std::move(message), std::move(persisted));
  }

  // The channels are callback-driven, so these adapt the coroutines below to callbacks.
  void loadState(const std::string& accountId, const std::string& key,
                 std::function<void(std::optional<std::string>)> done) override {
    boost::asio::co_spawn(
        manager_.runtime_.io, stateOf(accountId, key),
        [done = std::move(done)](const std::exception_ptr&, std::optional<std::string> value) {
          done(std::move(value));
        });
  }

  void saveState(const std::string& accountId, const std::string& key, std::string value,
                 std::function<void(bool)> done) override {
    boost::asio::co_spawn(
        manager_.runtime_.io, storeState(accountId, key, std::move(value)),
        [done = std::move(done)](const std::exception_ptr&, bool saved) { done(saved); });
  }

  void statusChanged() override { manager_.statusChanged_(); }

  void saveMedia(const std::string& accountId, MediaFile file,
                 std::function<void(std::optional<InboundMedia>)> done) override {
    (void)accountId;
    boost::asio::post(manager_.runtime_.blocking, [this, file = std::move(file),
                                                   done = std::move(done)]() mutable {
      std::optional<InboundMedia> saved = saveInboundMedia(manager_.workspace_, channelId_, file);
      boost::asio::post(manager_.runtime_.io,
                        [saved = std::move(saved), done = std::move(done)] { done(saved); });
    });
  }

 private:
  // nullopt when unset or unreadable (logged).
  boost::asio::awaitable<std::optional<std::string>> stateOf(std::string accountId,
                                                             std::string key) {
    ChannelStore& store = manager_.store_;
    try {
      co_return co_await rpc::onStorage(manager_.runtime_, [this, &store, &accountId, &key] {
        return store.state(channelId_, accountId, key);
      });
    } catch (const std::exception& error) {
      rpc::logStorageFailure(error);
    }
    co_return std::nullopt;
  }

  // Whether the value is committed (a failure is logged).
  boost::asio::awaitable<bool> storeState(std::string accountId, std::string key,
                                          std::string value) {
    ChannelStore& store = manager_.store_;
    try {
      co_await rpc::onStorage(manager_.runtime_, [this, &store, &accountId, &key, &value] {
        store.setState(channelId_, accountId, key, value);
      });
      co_return true;
    } catch (const std::exception& error) {
      rpc::logStorageFailure(error);
    }
    co_return false;
  }

  ChannelManager& manager_;
  std::string channelId_;
};

ChannelManager::ChannelManager(rpc::GatewayRuntime& runtime, rpc::HttpRouter& router,
                               runs::RunManager& runs, sessions::DmScope dmScope,
                               Factories factories, std::function<void()> statusChanged)
    : runtime_(runtime),
      router_(router),
      workspace_(runs.environment().workspace),
      factories_(std::move(factories)),
      store_(runtime.database),
      inbound_(runtime, store_, runs, dmScope,
               [this](const std::string& id, const std::string& accountId) {
                 InboundRouter::Route route;
                 auto found = channels_.find(id);
                 if (found == channels_.end() || !found->second.enabled) return route;
                 // A message of an account that is no longer configured waits for it.
                 auto policy = found->second.policies.find(accountId);
                 if (policy == found->second.policies.end()) return route;
                 route.channel = found->second.channel.get();
                 route.policy = policy->second;
                 return route;
               }),
      statusChanged_(std::move(statusChanged)),
      journalTimer_(runtime.io) {}

ChannelManager::~ChannelManager() = default;

void ChannelManager::start(const nlohmann::json& channels) {
  reconfigure(channels);
  forgetOldInbound();
  boost::asio::co_spawn(runtime_.io, resumePending(), boost::asio::detached);
}

void ChannelManager::reconfigure(const nlohmann::json& channels) {
  for (const auto& [id, factory] : factories_) {
    const nlohmann::json block =
        channels.is_object() && channels.contains(id) ? channels.at(id) : nlohmann::json();
    auto found = channels_.find(id);
    if (found == channels_.end()) {
      if (block.is_null()) continue;
      Entry entry;
      entry.host = std::make_unique<BoundHost>(*this, id);
      entry.config = block;
      try {
        BlockSettings settings = readBlock(id, block);
        entry.enabled = settings.enabled;
        entry.policies = std::move(settings.policies);
        entry.channel = factory(*entry.host, block, router_);
        if (metrics_) {
          entry.channel =
              std::make_unique<CountedChannel>(std::move(entry.channel), metrics_->channel(id));
        }
      } catch (const std::exception& error) {
        log()->error("channel {} not started: {}", id, error.what());
        continue;
      }
      log()->info("channel {} configured{}", id, entry.enabled ? "" : " (disabled)");
      Channel& channel = *entry.channel;
      channels_.emplace(id, std::move(entry));
      channel.start();
      continue;
    }
    Entry& entry = found->second;
    // A removed block disables the channel; the channel object (and its routes) stays.
    nlohmann::json next = block.is_null() ? nlohmann::json{{"enabled", false}} : block;
    if (entry.config == next) {
      entry.configError.clear();  // back to the running block after a rejected edit
      continue;
    }
    BlockSettings settings;
    try {
      settings = readBlock(id, next);
    } catch (const config::ConfigError& error) {
      entry.configError = error.what();
      log()->error("channel {} keeps its running configuration: {}", id, entry.configError);
      continue;
    }
    entry.configError.clear();
    entry.config = std::move(next);
    entry.enabled = settings.enabled;
    entry.policies = std::move(settings.policies);
    log()->info("channel {} reconfigured", id);
    entry.channel->reconfigure(entry.config);
    statusChanged_();
  }
}

void ChannelManager::stop(std::function<void()> done) {
  journalTimer_.cancel();
  // Stop receiving first, then let replies under way finish (their messages get marked done).
  auto finish = std::make_shared<std::function<void()>>(
      [this, done = std::move(done)]() mutable { inbound_.drain(std::move(done)); });
  auto remaining = std::make_shared<std::size_t>(channels_.size());
  if (*remaining == 0) {
    (*finish)();
    return;
  }
  for (auto& [id, entry] : channels_) {
    entry.channel->stop([remaining, finish] {
      if (--*remaining == 0) (*finish)();
    });
  }
}

Channel* ChannelManager::find(const std::string& id) const {
  auto found = channels_.find(id);
  if (found == channels_.end() || !found->second.enabled) return nullptr;
  return found->second.channel.get();
}

std::vector<std::string> ChannelManager::configuredIds() const {
  std::vector<std::string> ids;
  for (const auto& [id, factory] : factories_) {
    if (find(id)) ids.push_back(id);
  }
  return ids;
}

bool ChannelManager::knows(const std::string& id) const {
  return std::any_of(factories_.begin(), factories_.end(),
                     [&id](const auto& factory) { return factory.first == id; });
}

std::optional<std::string> ChannelManager::defaultChannel() const {
  const std::vector<std::string> ids = configuredIds();
  if (ids.size() != 1) return std::nullopt;
  return ids.front();
}

nlohmann::json ChannelManager::statusResult(const std::optional<std::string>& only) const {
  nlohmann::json result = {{"ts", core::nowMs()},
                           {"channelOrder", nlohmann::json::array()},
                           {"channelLabels", nlohmann::json::object()},
                           {"channels", nlohmann::json::object()},
                           {"channelAccounts", nlohmann::json::object()},
                           {"channelDefaultAccountId", nlohmann::json::object()}};
  for (const auto& [id, factory] : factories_) {
    auto found = channels_.find(id);
    if (found == channels_.end() || (only && *only != id)) continue;
    const Entry& entry = found->second;
    const Channel& channel = *entry.channel;
    nlohmann::json accounts = nlohmann::json::array();
    bool anyConnected = false;
    bool anyRunning = false;
    for (const AccountStatus& account : channel.status()) {
      accounts.push_back(accountJson(account, entry.policies, entry.configError));
      anyConnected = anyConnected || account.connected;
      anyRunning = anyRunning || account.running;
    }
    result["channelOrder"].push_back(id);
    result["channelLabels"][id] = channel.label();
    result["channels"][id] = {
        {"configured", entry.enabled}, {"running", anyRunning}, {"linked", anyConnected}};
    result["channelAccounts"][id] = accounts;
    result["channelDefaultAccountId"][id] = channel.defaultAccountId();
  }
  return result;
}

void ChannelManager::addToHealth(nlohmann::json& health) const {
  const nlohmann::json status = statusResult(std::nullopt);
  health["channelOrder"] = status["channelOrder"];
  health["channelLabels"] = status["channelLabels"];
  nlohmann::json channels = nlohmann::json::object();
  for (const auto& id : status["channelOrder"]) {
    const std::string name = id.get<std::string>();
    nlohmann::json entry = status["channels"][name];
    entry["accountId"] = status["channelDefaultAccountId"][name];
    entry["accounts"] = nlohmann::json::object();
    for (const auto& account : status["channelAccounts"][name]) {
      entry["accounts"][account.at("accountId").get<std::string>()] = account;
    }
    // linkChannel: the first linked channel, else the first configured one.
    const bool linked = entry.value("linked", false);
    if (!health.contains("linkChannel") ||
        (linked && !health["linkChannel"].value("linked", false))) {
      health["linkChannel"] = {
          {"id", name}, {"label", status["channelLabels"][name]}, {"linked", linked}};
    }
    channels[name] = entry;
  }
  health["channels"] = channels;
}

void ChannelManager::deliver(InboundMessage message, std::function<void(bool)> persisted) {
  if (message.receivedAtMs == 0) message.receivedAtMs = core::nowMs();
  // What people type (e.g. Latin-1 from an IRC client) reaches transcripts and events as UTF-8.
  message.text = core::toValidUtf8(message.text);
  message.senderLabel = core::toValidUtf8(message.senderLabel);
  boost::asio::co_spawn(runtime_.io, journal(std::move(message), std::move(persisted)),
                        boost::asio::detached);
}

boost::asio::awaitable<void> ChannelManager::journal(InboundMessage message,
                                                     std::function<void(bool)> persisted) {
  bool fresh = false;
  try {
    fresh = co_await rpc::onStorage(runtime_,
                                    [this, &message] { return store_.recordInbound(message); });
  } catch (const std::exception& error) {
    rpc::logStorageFailure(error);
    persisted(false);
    co_return;
  }
  persisted(true);
  if (!fresh) co_return;
  if (metrics_) metrics_->channel(message.channel).received.add();
  inbound_.process(message);
}

boost::asio::awaitable<void> ChannelManager::forgetDoneInbound() {
  try {
    const std::size_t forgotten = co_await rpc::onStorage(runtime_, [this] {
      return store_.forgetDoneInbound(core::nowMs() - kDoneInboundRetentionMs);
    });
    if (forgotten > 0) log()->info("forgot {} inbound message(s) done long ago", forgotten);
  } catch (const std::exception& error) {
    rpc::logStorageFailure(error);
  }
}

void ChannelManager::forgetOldInbound() {
  boost::asio::co_spawn(runtime_.io, forgetDoneInbound(), boost::asio::detached);
  journalTimer_.expires_after(std::chrono::hours(1));
  journalTimer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) forgetOldInbound();
  });
}

boost::asio::awaitable<void> ChannelManager::resumePending() {
  std::vector<InboundMessage> pending;
  try {
    pending = co_await rpc::onStorage(runtime_, [this] { return store_.pendingInbound(); });
  } catch (const std::exception& error) {
    rpc::logStorageFailure(error);
    co_return;
  }
  if (!pending.empty()) {
    log()->info("resuming {} inbound message(s) received before the last stop", pending.size());
  }
  for (const InboundMessage& message : pending) inbound_.process(message);
}

}  // namespace openclaw::channels
