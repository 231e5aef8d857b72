#include "channels/irc/irc_channel.h"

#include <boost/asio/post.hpp>

#include "channels/account_blocks.h"
#include "channels/irc/irc_probe.h"
#include "config/config_file.h"
#include "core/logging.h"

namespace openclaw::channels::irc {

IrcAccount::IrcAccount(ChannelHost& host, std::string accountId, std::string pointer,
                       config::EnvLookup env, IrcSettings settings)
    : host_(host),
      accountId_(std::move(accountId)),
      pointer_(std::move(pointer)),
      env_(std::move(env)),
      settings_(std::move(settings)) {}

IrcAccount::~IrcAccount() {
  // Without a stop() the session would keep reconnecting on its own.
  if (session_) session_->stop([] {});
}

void IrcAccount::start() {
  if (!settings_.configured()) return;
  IrcSessionEvents events;
  events.inbound = [&host = host_, accountId = accountId_](InboundMessage message) {
    message.accountId = accountId;
    const std::string id = message.messageId;
    host.deliver(std::move(message), [id](bool stored) {
      // IRC cannot redeliver, so there is nothing to acknowledge; only a loss is worth noting.
      if (!stored) core::logger("irc")->warn("message {} could not be stored", id);
    });
  };
  events.statusChanged = [&host = host_] { host.statusChanged(); };
  session_ = std::make_shared<IrcSession>(host_.runtime().io, settings_, std::move(events));
  session_->start();
}

void IrcAccount::stop(std::function<void()> done) {
  if (!session_) return boost::asio::post(host_.runtime().io, std::move(done));
  auto session = std::move(session_);
  session->stop(std::move(done));
}

bool IrcAccount::reconfigure(const nlohmann::json& block) {
  IrcSettings next = parseIrcSettings(accountConfigView(pointer_, block), pointer_, env_);
  if (!next.sameConnection(settings_)) return false;
  settings_ = std::move(next);
  if (session_) session_->update(settings_);
  return true;
}

AccountStatus IrcAccount::status() const {
  AccountStatus status;
  if (session_) {
    status = session_->status();
  } else {
    status.configured = settings_.configured();
    status.mode = settings_.tls ? "tls" : "plain";
    if (!status.configured) status.lastError = "channels.irc needs host and nick";
  }
  status.accountId = accountId_;
  return status;
}

void IrcAccount::send(const OutboundMessage& message, std::function<void(SendResult)> done) {
  if (!message.media.empty()) return done(sendFailed("IRC cannot send files"));
  if (!session_) return done(notLinked("IRC is not running"));
  session_->send(message, std::move(done));
}

void IrcAccount::probe(std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done) {
  probeIrcServer(host_.runtime().io, settings_, timeout, std::move(done));
}

void IrcAccount::forgetSession(std::function<void(LogoutResult)> done) {
  done({false, "IRC keeps no session; remove the account from the config to log out for good"});
}

std::unique_ptr<Channel> makeIrcChannel(ChannelHost& host, const nlohmann::json& config,
                                        rpc::HttpRouter& router) {
  return makeIrcChannelWithEnv(host, config, router, config::processEnvironment());
}

std::unique_ptr<Channel> makeIrcChannelWithEnv(ChannelHost& host, const nlohmann::json& config,
                                               rpc::HttpRouter& router, config::EnvLookup env) {
  return makeAccountsChannel(
      "irc", "IRC", host, config, router,
      [env = std::move(env)](AccountContext context,
                             const nlohmann::json& block) -> std::unique_ptr<ChannelAccount> {
        config::EnvLookup accountEnv = env;
        if (!context.isDefault) accountEnv = [](const std::string&) { return std::nullopt; };
        IrcSettings settings = parseIrcSettings(accountConfigView(context.pointer, block),
                                                context.pointer, accountEnv);
        return std::make_unique<IrcAccount>(context.host, context.accountId, context.pointer,
                                            std::move(accountEnv), std::move(settings));
      });
}

}  // namespace openclaw::channels::irc
