#include "channels/irc/irc_channel.h"

#include <boost/asio/post.hpp>

#include "config/config_file.h"
#include "core/logging.h"

namespace openclaw::channels::irc {

IrcChannel::IrcChannel(ChannelHost& host, const nlohmann::json& config, config::EnvLookup env)
    : host_(host), env_(std::move(env)), settings_(parseIrcSettings(config, env_)) {}

IrcChannel::~IrcChannel() {
  // Without a stop() the session would keep reconnecting on its own.
  if (session_) session_->stop([] {});
}

void IrcChannel::start() {
  running_ = true;
  startSession();
}

void IrcChannel::startSession() {
  if (!settings_.enabled || !settings_.configured()) return;
  IrcSessionEvents events;
  events.inbound = [&host = host_](InboundMessage message) {
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

void IrcChannel::stop(std::function<void()> done) {
  running_ = false;
  if (!session_) return boost::asio::post(host_.runtime().io, std::move(done));
  auto session = std::move(session_);
  session->stop(std::move(done));
}

void IrcChannel::reconfigure(const nlohmann::json& config) {
  IrcSettings next;
  try {
    next = parseIrcSettings(config, env_);
  } catch (const config::ConfigError& error) {
    configError_ = error.what();
    core::logger("irc")->error("keeping the running IRC settings: {}", configError_);
    host_.statusChanged();
    return;
  }
  configError_.clear();
  const bool reconnect = !next.sameConnection(settings_);
  settings_ = std::move(next);
  if (!running_) return;
  if (session_ && !reconnect) return session_->update(settings_);
  if (session_) std::exchange(session_, nullptr)->stop([] {});
  startSession();
  host_.statusChanged();
}

std::vector<AccountStatus> IrcChannel::status() const {
  AccountStatus status;
  if (session_) {
    status = session_->status();
  } else {
    status.enabled = settings_.enabled;
    status.configured = settings_.configured();
    status.mode = settings_.tls ? "tls" : "plain";
    if (!status.configured) status.lastError = "channels.irc needs host and nick";
  }
  if (!configError_.empty()) status.lastError = configError_;
  return {status};
}

void IrcChannel::send(const OutboundMessage& message, std::function<void(SendResult)> done) {
  if (!message.accountId.empty() && message.accountId != defaultAccountId()) {
    return done(sendFailed("unknown IRC account '" + message.accountId + "'"));
  }
  if (!session_) {
    return done(notLinked("IRC is not running"));
  }
  session_->send(message, std::move(done));
}

std::unique_ptr<Channel> makeIrcChannel(ChannelHost& host, const nlohmann::json& config,
                                        rpc::HttpRouter& router) {
  (void)router;  // IRC receives nothing over HTTP
  return std::make_unique<IrcChannel>(host, config, config::processEnvironment());
}

}  // namespace openclaw::channels::irc
