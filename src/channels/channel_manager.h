#pragma once

#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "channels/access_policy.h"
#include "channels/channel.h"
#include "channels/inbound_router.h"
#include "channels/store/channel_store.h"
#include "core/awaitable.h"
#include "rpc/gateway_metrics.h"
#include "rpc/http_router.h"

namespace openclaw::channels {

// Owns the configured channels: builds each from its `channels.<id>` block, starts and stops
// them, applies hot reloads to the changed ones only, journals their inbound messages and hands
// them to the router, and answers status. Event-loop thread only.
class ChannelManager {
 public:
  using Factories = std::vector<std::pair<std::string, ChannelFactory>>;

  // `statusChanged` runs (on the event loop) whenever a channel's link state or configuration
  // changed, e.g. to tell operators through a `health` event.
  ChannelManager(rpc::GatewayRuntime& runtime, rpc::HttpRouter& router, runs::RunManager& runs,
                 sessions::DmScope dmScope, Factories factories,
                 std::function<void()> statusChanged);
  ~ChannelManager();

  // Builds and starts every channel whose block exists in `channels`, then (on the storage
  // thread) forgets journal rows done more than kDoneInboundRetentionMs ago, now and once an
  // hour, and resumes the inbound messages journaled but not done before the last stop.
  void start(const nlohmann::json& channels);
  // Reconfigures channels whose block changed (a new block builds and starts its channel). A
  // block whose enabled or access keys are invalid is logged and not applied: a new channel is
  // not started, a running one keeps its block and policy.
  void reconfigure(const nlohmann::json& channels);
  // Stops every channel; `done` runs once all have stopped.
  void stop(std::function<void()> done);

  // A running channel by id; nullptr when not configured.
  Channel* find(const std::string& id) const;
  // The channel `send` uses without an explicit one: the only configured channel, else none.
  std::optional<std::string> defaultChannel() const;
  // Configured channel ids in registry order.
  std::vector<std::string> configuredIds() const;
  // Whether this build has a channel named `id` (configured or not).
  bool knows(const std::string& id) const;
  // The agent workspace (received attachments go under its media folder).
  const std::filesystem::path& workspace() const { return workspace_; }

  // The channels.status answer (upstream ChannelsStatusResult) for one or every channel.
  nlohmann::json statusResult(const std::optional<std::string>& only) const;
  // The `health` snapshot's channels, channelOrder and channelLabels.
  void addToHealth(nlohmann::json& health) const;

  ChannelStore& store() { return store_; }

  // Where inbound messages and sends are counted per channel (null: nowhere); set before start()
  // and outliving the manager.
  void setMetrics(rpc::GatewayMetrics* metrics) { metrics_ = metrics; }

  // Journals `message` (persisted(true) once stored) and routes it unless it is a redelivery.
  void deliver(InboundMessage message, std::function<void(bool)> persisted);

 private:
  class BoundHost;  // the ChannelHost one channel sees: state keyed by that channel's id
  struct Entry {
    std::unique_ptr<BoundHost> host;  // outlives the channel
    std::unique_ptr<Channel> channel;
    nlohmann::json config;  // the block in effect: a rejected edit leaves it (and below) as is
    bool enabled = true;
    // Per account, parsed once per block from its merged block, used for every inbound message.
    std::map<std::string, AccessPolicy> policies;
    std::string configError;  // why the last edit was rejected; shown as lastError
  };
  // Routes the messages journaled but not done before the last stop.
  boost::asio::awaitable<void> resumePending();
  // Journals one delivered message, then routes it unless it was seen before.
  boost::asio::awaitable<void> journal(InboundMessage message, std::function<void(bool)> persisted);
  // Forgets journal rows done long ago, now and then every hour.
  void forgetOldInbound();
  boost::asio::awaitable<void> forgetDoneInbound();

  rpc::GatewayRuntime& runtime_;
  rpc::HttpRouter& router_;
  std::filesystem::path workspace_;  // received attachments go under its media folder
  Factories factories_;
  ChannelStore store_;
  InboundRouter inbound_;
  std::map<std::string, Entry> channels_;
  std::function<void()> statusChanged_;
  boost::asio::steady_timer journalTimer_;
  rpc::GatewayMetrics* metrics_ = nullptr;
};

}  // namespace openclaw::channels
