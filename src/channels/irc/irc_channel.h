#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "channels/channel.h"
#include "channels/irc/irc_session.h"
#include "channels/irc/irc_settings.h"
#include "config/environment.h"

namespace openclaw::channels::irc {

// The IRC channel: one account ("default") configured by `channels.irc`.
class IrcChannel : public Channel {
 public:
  // `env` supplies the IRC_* fallbacks for keys the config block leaves unset.
  IrcChannel(ChannelHost& host, const nlohmann::json& config, config::EnvLookup env);
  ~IrcChannel() override;

  std::string id() const override { return "irc"; }
  std::string label() const override { return "IRC"; }
  void start() override;
  void stop(std::function<void()> done) override;
  // An invalid block is logged and reported in status().lastError; the running settings stay.
  void reconfigure(const nlohmann::json& config) override;
  std::vector<AccountStatus> status() const override;
  std::string defaultAccountId() const override { return "default"; }
  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override;

 private:
  void startSession();

  ChannelHost& host_;
  config::EnvLookup env_;
  IrcSettings settings_;
  std::shared_ptr<IrcSession> session_;
  bool running_ = false;
  std::string configError_;
};

// The ChannelFactory for "irc": reads `channels.irc` with the process environment as fallback.
// Throws config::ConfigError for an invalid block.
std::unique_ptr<Channel> makeIrcChannel(ChannelHost& host, const nlohmann::json& config,
                                        rpc::HttpRouter& router);

}  // namespace openclaw::channels::irc
