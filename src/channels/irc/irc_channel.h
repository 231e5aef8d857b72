#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "channels/channel.h"
#include "channels/channel_account.h"
#include "channels/irc/irc_session.h"
#include "channels/irc/irc_settings.h"
#include "config/environment.h"

namespace openclaw::channels::irc {

// One IRC account: a nick on a server (`channels.irc` alone, or an entry of
// `channels.irc.accounts` over the shared top-level keys).
class IrcAccount : public ChannelAccount {
 public:
  // `pointer` and `env` say how reconfigure reads a changed block (as the factory did).
  IrcAccount(ChannelHost& host, std::string accountId, std::string pointer, config::EnvLookup env,
             IrcSettings settings);
  ~IrcAccount() override;

  void start() override;
  void stop(std::function<void()> done) override;
  // A change that needs no new connection (channels, pacing, chunking) is applied to the open
  // one; anything else makes the wrapper rebuild the account.
  bool reconfigure(const nlohmann::json& block) override;
  AccountStatus status() const override;
  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override;
  // Connects to the server (TLS handshake included) with a separate connection, then closes it.
  void probe(std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done) override;
  // IRC keeps no session state: nothing to forget.
  void forgetSession(std::function<void(LogoutResult)> done) override;

 private:
  ChannelHost& host_;
  std::string accountId_;
  std::string pointer_;
  config::EnvLookup env_;
  IrcSettings settings_;
  std::shared_ptr<IrcSession> session_;
};

// The ChannelFactory for "irc": one IrcAccount per account; only the default account falls
// back to the IRC_* environment variables (`env`). Throws config::ConfigError for an invalid
// block.
std::unique_ptr<Channel> makeIrcChannel(ChannelHost& host, const nlohmann::json& config,
                                        rpc::HttpRouter& router);
std::unique_ptr<Channel> makeIrcChannelWithEnv(ChannelHost& host, const nlohmann::json& config,
                                               rpc::HttpRouter& router, config::EnvLookup env);

}  // namespace openclaw::channels::irc
