#include "channels/irc/irc_session.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <utility>

#include "channels/irc/irc_chunking.h"
#include "channels/irc/irc_text.h"
#include "core/backoff.h"
#include "core/clock.h"
#include "core/logging.h"
#include "net/tls_client_context.h"

namespace openclaw::channels::irc {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

// Time allowed from starting to connect until the server welcomes us (001).
constexpr std::chrono::seconds kRegistrationTimeout{30};
// Servers PING idle clients every few minutes; this much silence means the link is dead.
constexpr std::chrono::seconds kIdleTimeout{360};
// Chat lines waiting for the flood pacer (at the default pace, several minutes of sending): a
// send that would queue more is refused whole rather than growing the queue without bound.
constexpr std::size_t kMaxQueuedLines = 1000;

std::shared_ptr<spdlog::logger> log() { return core::logger("irc"); }

auto awaitable(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

}  // namespace

struct IrcSession::PendingSend {
  std::function<void(SendResult)> done;
  std::vector<std::string> messageIds;
  std::size_t unwritten = 0;
  bool finished = false;
};

IrcSession::IrcSession(asio::io_context& io, IrcSettings settings, IrcSessionEvents events)
    : io_(io),
      settings_(std::move(settings)),
      events_(std::move(events)),
      reconnectTimer_(io),
      wake_(io),
      watchdog_(io),
      pacer_(settings_.sendBurst, settings_.sendInterval),
      random_(std::random_device{}()),
      nick_(settings_.nick) {
  if (!settings_.password.empty()) core::registerSecret(settings_.password);
  if (!settings_.nickservPassword.empty()) core::registerSecret(settings_.nickservPassword);
}

void IrcSession::start() {
  running_ = true;
  connect();
}

void IrcSession::connect() {
  if (settings_.tls && !tls_) {
    try {
      tls_ = net::makeTlsClientContext(settings_.tlsCaFile);
    } catch (const boost::system::system_error& error) {
      return lost("cannot load tlsCaFile '" + settings_.tlsCaFile + "': " + error.what());
    }
  }
  serverError_.clear();
  auto transport = std::make_shared<IrcTransport>(io_, settings_.tls ? tls_ : nullptr);
  transport_ = transport;
  armWatchdog(kRegistrationTimeout);
  asio::co_spawn(io_, readLoop(shared_from_this(), transport), asio::detached);
}

asio::awaitable<void> IrcSession::readLoop(std::shared_ptr<IrcSession> /*self*/,
                                           std::shared_ptr<IrcTransport> transport) {
  error_code ec;
  const std::string what = co_await transport->connect(settings_.host, settings_.port, ec);
  if (!current(transport)) co_return;
  if (ec) {
    lost(what + ": " + ec.message());
    co_return;
  }
  connected(transport);
  while (true) {
    const std::string line = co_await transport->readLine(ec);
    if (!current(transport)) co_return;
    if (ec) {
      lost(ec == asio::error::eof ? "server closed the connection"
                                  : "read failed: " + ec.message());
      co_return;
    }
    if (registered_) armWatchdog(kIdleTimeout);
    if (auto message = parseIrcLine(line)) handle(*message);
    if (!current(transport)) co_return;
  }
}

void IrcSession::connected(const std::shared_ptr<IrcTransport>& transport) {
  log()->info("connected to {}:{}{}, registering as {}", settings_.host, settings_.port,
              settings_.tls ? " (TLS)" : "", settings_.nick);
  nick_ = settings_.nick;
  asio::co_spawn(io_, writeLoop(shared_from_this(), transport), asio::detached);
  if (!settings_.password.empty()) writeControl("PASS " + settings_.password);
  writeControl("NICK " + nick_);
  writeControl("USER " + settings_.username + " 0 * :" + settings_.realname);
}

void IrcSession::handle(const IrcMessage& message) {
  const std::string& command = message.command;
  if (command == "PING") {
    writeControl("PONG :" + message.param(0));
  } else if (command == "001") {
    registered(message);
  } else if ((command == "433" || command == "437") && !registered_) {
    // Nick in use (or temporarily unavailable): try the next one.
    nick_ += "_";
    log()->warn("nick {} is taken, trying {}", message.param(1), nick_);
    writeControl("NICK " + nick_);
  } else if (command == "432" && !registered_) {
    // An invalid nick (bad characters, too long) will not become valid by retrying at once.
    lost("the server rejected the nick " + message.param(1) + ": " + message.param(2));
  } else if (command == "NICK" && ircEquals(message.sourceNick(), nick_)) {
    nick_ = message.param(0);
  } else if (command == "PRIVMSG") {
    handlePrivmsg(message);
  } else if (command == "464" || command == "465") {
    serverError_ = "server refused us: " + message.param(1);
  } else if (command == "ERROR") {
    serverError_ = "server error: " + message.param(0);
  }
}

void IrcSession::registered(const IrcMessage& welcome) {
  registered_ = true;
  nick_ = welcome.param(0).empty() ? nick_ : welcome.param(0);
  epochMs_ = core::nowMs();
  counter_ = 0;
  lastConnectedAtMs_ = epochMs_;
  reconnectAttempts_ = 0;
  lastError_.clear();
  armWatchdog(kIdleTimeout);
  log()->info("registered with {} as {}", settings_.host, nick_);
  if (settings_.nickservEnabled && !settings_.nickservPassword.empty()) {
    writeControl("PRIVMSG " + settings_.nickservService + " :IDENTIFY " +
                 settings_.nickservPassword);
  }
  for (const std::string& channel : settings_.channels) writeControl("JOIN " + channel);
  if (events_.statusChanged) events_.statusChanged();
}

void IrcSession::handlePrivmsg(const IrcMessage& message) {
  const std::string sender = message.sourceNick();
  if (sender.empty() || ircEquals(sender, nick_)) return;
  const std::string& target = message.param(0);
  const bool group = isChannelName(target);
  if (!group && !ircEquals(target, nick_)) return;
  std::optional<std::string> text = privmsgText(message.param(1));
  if (!text) return;

  InboundMessage inbound;
  inbound.channel = "irc";
  inbound.accountId = "default";
  inbound.messageId = nextId();
  inbound.chatId = group ? target : sender;
  inbound.senderId = message.prefix;
  inbound.senderLabel = sender;
  inbound.isGroup = group;
  inbound.text = stripFormatting(*text);
  // A direct message is addressed to us by definition.
  inbound.mentioned = !group || mentionsNick(inbound.text, nick_);
  inbound.receivedAtMs = core::nowMs();
  lastInboundAtMs_ = inbound.receivedAtMs;
  if (events_.inbound) events_.inbound(std::move(inbound));
}

void IrcSession::lost(const std::string& error) {
  registered_ = false;
  if (transport_) transport_->close();
  transport_.reset();
  wake_.cancel();  // the write loop of the lost connection ends
  control_.clear();
  failQueued("disconnected: " + error);
  watchdog_.cancel();
  if (stopDone_) {
    auto done = std::move(stopDone_);
    stopDone_ = nullptr;
    return done();
  }
  if (!running_) return;
  lastError_ = serverError_.empty() ? error : serverError_ + " (" + error + ")";
  log()->warn("{}:{}: {}", settings_.host, settings_.port, lastError_);
  scheduleReconnect();
  if (events_.statusChanged) events_.statusChanged();
}

void IrcSession::scheduleReconnect() {
  const double jitter = std::uniform_real_distribution<double>(0.5, 1.0)(random_);
  const auto delay = core::backoffDelay(reconnectAttempts_++, settings_.reconnectDelay,
                                        settings_.reconnectMaxDelay, jitter);
  log()->info("reconnecting to {} in {} ms (attempt {})", settings_.host, delay.count(),
              reconnectAttempts_);
  reconnectTimer_.expires_after(delay);
  reconnectTimer_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec || !self->running_) return;
    self->connect();
  });
}

void IrcSession::armWatchdog(std::chrono::milliseconds budget) {
  watchdog_.expires_after(budget);
  watchdog_.async_wait([self = shared_from_this(), transport = transport_](const error_code& ec) {
    if (ec || !self->current(transport)) return;
    self->lost(self->registered_ ? "no traffic from the server" : "registration timed out");
  });
}

void IrcSession::send(const OutboundMessage& message, std::function<void(SendResult)> done) {
  if (!running_ || !registered_) return done(notLinked("IRC is not connected"));
  if (message.to.empty() || message.to.find_first_of(" ,\r\n") != std::string::npos) {
    return done(sendFailed("invalid IRC target '" + message.to + "'"));
  }
  const std::size_t limit =
      std::min(settings_.textChunkLimit, privmsgTextBudget(nick_, settings_.username, message.to));
  const std::vector<std::string> pieces = splitForIrc(message.text, limit);
  if (pieces.empty()) return done(sendFailed("nothing to send: the text is empty"));
  if (paced_.size() + pieces.size() > kMaxQueuedLines) {
    return done(sendFailed("the IRC send queue is full (" + std::to_string(paced_.size()) +
                           " lines waiting for the flood pacer, at most " +
                           std::to_string(kMaxQueuedLines) + ")"));
  }
  auto pending = std::make_shared<PendingSend>();
  pending->done = std::move(done);
  pending->unwritten = pieces.size();
  for (const std::string& piece : pieces) {
    pending->messageIds.push_back(nextId());
    paced_.push_back({"PRIVMSG " + message.to + " :" + piece, pending});
  }
  wake_.cancel();
}

void IrcSession::writeControl(std::string line) {
  control_.push_back({std::move(line), nullptr});
  wake_.cancel();
}

asio::awaitable<void> IrcSession::writeLoop(std::shared_ptr<IrcSession> /*self*/,
                                            std::shared_ptr<IrcTransport> transport) {
  error_code ec;
  while (current(transport)) {
    std::deque<QueuedLine>* queue = nullptr;
    if (!control_.empty()) {
      queue = &control_;
    } else if (!paced_.empty()) {
      const auto wait = pacer_.waitTime(SendPacer::Clock::now());
      if (wait.count() > 0) {
        wake_.expires_after(wait);
        co_await wake_.async_wait(awaitable(ec));
        continue;
      }
      pacer_.take(SendPacer::Clock::now());
      queue = &paced_;
    }
    if (queue == nullptr) {
      if (stopDone_) {
        // QUIT is out: the stop is complete.
        transport_->close();
        transport_.reset();
        std::exchange(stopDone_, nullptr)();
        co_return;
      }
      wake_.expires_at(asio::steady_timer::time_point::max());
      co_await wake_.async_wait(awaitable(ec));
      continue;
    }
    const QueuedLine next = std::move(queue->front());
    queue->pop_front();
    co_await transport->writeLine(next.line, ec);
    if (!current(transport)) {
      if (next.send) finishSend(next.send, "disconnected before the text was sent");
      co_return;
    }
    if (ec) {
      lost("write failed: " + ec.message());
      co_return;
    }
    if (next.send) {
      lastOutboundAtMs_ = core::nowMs();
      if (--next.send->unwritten == 0) finishSend(next.send, "");
    }
  }
}

void IrcSession::finishSend(const std::shared_ptr<PendingSend>& send, const std::string& error) {
  if (send->finished) return;
  send->finished = true;
  send->done(error.empty() ? SendResult(send->messageIds) : SendResult(sendFailed(error)));
}

void IrcSession::failQueued(const std::string& error) {
  std::deque<QueuedLine> queued;
  queued.swap(paced_);
  for (const QueuedLine& line : queued) {
    if (line.send) finishSend(line.send, error);
  }
}

std::string IrcSession::nextId() {
  return std::to_string(epochMs_) + "-" + std::to_string(++counter_);
}

void IrcSession::update(const IrcSettings& settings) {
  if (registered_) {
    for (const std::string& channel : settings.channels) {
      if (std::ranges::find(settings_.channels, channel) == settings_.channels.end()) {
        writeControl("JOIN " + channel);
      }
    }
    for (const std::string& channel : settings_.channels) {
      if (std::ranges::find(settings.channels, channel) == settings.channels.end()) {
        writeControl("PART " + channel);
      }
    }
  }
  if (settings.sendBurst != settings_.sendBurst ||
      settings.sendInterval != settings_.sendInterval) {
    pacer_ = SendPacer(settings.sendBurst, settings.sendInterval);
  }
  settings_ = settings;
}

void IrcSession::stop(std::function<void()> done) {
  running_ = false;
  reconnectTimer_.cancel();
  watchdog_.cancel();
  wake_.cancel();
  failQueued("the IRC channel stopped");
  if (!transport_ || !registered_) {
    if (transport_) transport_->close();
    transport_.reset();
    registered_ = false;
    asio::post(io_, std::move(done));
    return;
  }
  registered_ = false;
  stopDone_ = std::move(done);
  writeControl("QUIT :Gateway shutting down");
}

AccountStatus IrcSession::status() const {
  AccountStatus status;
  status.enabled = settings_.enabled;
  status.configured = settings_.configured();
  status.running = running_;
  status.connected = registered_;
  status.reconnectAttempts = reconnectAttempts_;
  status.lastConnectedAtMs = lastConnectedAtMs_;
  status.lastInboundAtMs = lastInboundAtMs_;
  status.lastOutboundAtMs = lastOutboundAtMs_;
  status.lastError = lastError_;
  status.mode = settings_.tls ? "tls" : "plain";
  return status;
}

}  // namespace openclaw::channels::irc
