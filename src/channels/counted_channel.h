#pragma once

#include <memory>

#include "channels/channel.h"
#include "rpc/gateway_metrics.h"

namespace openclaw::channels {

// A channel whose sends are counted by outcome in `stats`; everything else goes straight to the
// wrapped channel. The channel manager wraps every channel it builds, so replies, `send` and
// pairing codes are all counted in one place.
class CountedChannel final : public Channel {
 public:
  CountedChannel(std::unique_ptr<Channel> inner, rpc::ChannelStats& stats)
      : inner_(std::move(inner)), stats_(stats) {}

  std::string id() const override { return inner_->id(); }
  std::string label() const override { return inner_->label(); }
  void start() override { inner_->start(); }
  void stop(std::function<void()> done) override { inner_->stop(std::move(done)); }
  void reconfigure(const nlohmann::json& config) override { inner_->reconfigure(config); }
  std::vector<AccountStatus> status() const override { return inner_->status(); }
  std::string defaultAccountId() const override { return inner_->defaultAccountId(); }
  void typing(const std::string& accountId, const std::string& chatId) override {
    inner_->typing(accountId, chatId);
  }

  protocol::Result<void> startAccount(const std::string& accountId) override {
    return inner_->startAccount(accountId);
  }
  void stopAccount(const std::string& accountId,
                   std::function<void(protocol::Result<void>)> done) override {
    inner_->stopAccount(accountId, std::move(done));
  }
  void logout(const std::string& accountId,
              std::function<void(protocol::Result<LogoutResult>)> done) override {
    inner_->logout(accountId, std::move(done));
  }
  void probe(const std::string& accountId, std::chrono::milliseconds timeout,
             std::function<void(ProbeResult)> done) override {
    inner_->probe(accountId, timeout, std::move(done));
  }

  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override {
    inner_->send(message, [&stats = stats_, done = std::move(done)](SendResult result) {
      (result ? stats.delivered : stats.deliveryFailed).add();
      done(std::move(result));
    });
  }

 private:
  std::unique_ptr<Channel> inner_;
  rpc::ChannelStats& stats_;
};

}  // namespace openclaw::channels
