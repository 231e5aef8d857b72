#include "channels/signal/signal_account.h"

#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <random>

#include "auth/base64url.h"
#include "channels/signal/signal_daemon.h"
#include "channels/signal/signal_envelope.h"
#include "channels/signal/signal_event_stream.h"
#include "channels/signal/signal_rpc.h"
#include "channels/text_chunks.h"
#include "core/backoff.h"
#include "core/clock.h"
#include "core/executable_lookup.h"
#include "core/json_fields.h"
#include "core/logging.h"

namespace openclaw::channels::signal {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr auto kCallTimeout = 30s;
constexpr auto kMaxBackoff = 30s;
// No byte for this long (signal-cli sends none while nobody writes): reconnect quietly, which
// also notices a daemon that went away without closing the connection.
constexpr auto kStreamIdle = 5min;
constexpr auto kStartupPoll = 250ms;  // connect attempts while a managed daemon starts
// Received messages waiting for their attachments or their journal write; the stream pauses at
// this many.
constexpr std::size_t kMaxPending = 256;

auto log() { return core::logger("signal"); }

std::chrono::milliseconds backoff(int attempt) {
  static thread_local std::mt19937 random{std::random_device{}()};
  return core::backoffDelay(attempt, 500ms, kMaxBackoff,
                            std::uniform_real_distribution<double>(0.5, 1.0)(random));
}

// Standard base64 with padding (signal-cli's data: URIs), from the base64url encoder.
std::string base64(std::string_view bytes) {
  std::string text = auth::base64UrlEncode(bytes);
  for (char& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (text.size() % 4 != 0) text.push_back('=');
  return text;
}

std::string lastLine(const std::string& output) {
  std::string text = output;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const auto newline = text.find_last_of('\n');
  return newline == std::string::npos ? text : text.substr(newline + 1);
}

// One start..stop life of the account. Callbacks of a stopped session do nothing.
struct Session {
  Session(boost::asio::io_context& io, const SignalConfig& settings)
      : config(settings), rpc(io, settings.url), timer(io), restartTimer(io), daemon(io) {}

  SignalConfig config;
  SignalRpc rpc;
  boost::asio::steady_timer timer;         // stream reconnects
  boost::asio::steady_timer restartTimer;  // daemon restarts
  std::unique_ptr<SignalEventStream> stream;
  SignalDaemon daemon;
  std::int64_t startedAtMs = core::monotonicMs();
  bool everConnected = false;
  bool idleReconnect = false;  // reconnecting after an idle stream, not yet answered
  int daemonRestarts = 0;
  std::deque<SignalInbound> inbox;  // received, not yet handed to the host
  bool preparing = false;           // the inbox's front is fetching its attachments
  std::size_t unpersisted = 0;      // handed to the host, not yet journaled
  bool stopped = false;
};

class SignalAccount final : public ChannelAccount {
 public:
  SignalAccount(ChannelHost& host, std::string accountId, SignalConfig config)
      : host_(host), config_(std::move(config)) {
    status_.accountId = std::move(accountId);
    status_.configured = !config_.account.empty();
    status_.mode = config_.kind;
  }

  ~SignalAccount() override { halt(); }

  void start() override {
    if (session_) return;
    if (config_.account.empty()) {
      status_.lastError = "no account number: set channels.signal.account (E.164)";
      return;
    }
    session_ = std::make_shared<Session>(host_.runtime().io, config_);
    status_.lastError.clear();
    auto session = session_;
    if (config_.managed() && !launchDaemon(session)) return;
    connect(session);
  }

  void stop(std::function<void()> done) override {
    if (!session_) {
      done();
      return;
    }
    auto session = session_;
    halt();
    session->daemon.stop(std::move(done));
  }

  AccountStatus status() const override { return status_; }

  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override {
    if (!session_ || !status_.connected) {
      const std::string reason = status_.lastError.empty() ? "not connected" : status_.lastError;
      done(notLinked("signal account " + status_.accountId + " is not linked: " + reason));
      return;
    }
    auto target = targetParams(message.to);
    if (!target) {
      done(sendFailed("signal: no recipient"));
      return;
    }
    auto job = std::make_shared<SendJob>();
    job->target = std::move(*target);
    job->chunks = chunkText(message.text, config_.textChunkLimit);
    for (const MediaFile& file : message.media) {
      job->attachments.push_back("data:" + file.contentType + ";filename=" + file.fileName +
                                 ";base64," + base64(file.bytes));
    }
    if (job->chunks.empty() && !job->attachments.empty()) job->chunks.emplace_back();
    if (job->chunks.empty()) {
      done(sendFailed("signal: nothing to send"));
      return;
    }
    job->done = std::move(done);
    sendNext(session_, job);
  }

  void typing(const std::string& chatId) override {
    if (!session_ || !status_.connected) return;
    auto target = targetParams(chatId);
    if (!target) return;
    json params = std::move(*target);
    params["account"] = config_.account;
    session_->rpc.call("sendTyping", params, kCallTimeout, [](const RpcResult&) {});
  }

  void probe(std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done) override {
    if (config_.account.empty()) {
      done({{"ok", false}, {"error", "no account number (channels.signal.account)"}});
      return;
    }
    // Its own client: the running stream is not disturbed, and a stopped account can be probed.
    auto rpc = std::make_shared<SignalRpc>(host_.runtime().io, config_.url);
    const std::int64_t started = core::monotonicMs();
    rpc->call("version", json::object(), timeout,
              [rpc, started, done = std::move(done), url = config_.url,
               account = config_.account](RpcResult result) mutable {
                ProbeResult probe = {{"ok", result.ok},
                                     {"elapsedMs", core::monotonicMs() - started},
                                     {"url", url},
                                     {"account", account}};
                if (result.ok) {
                  if (result.result.is_object() && result.result.contains("version")) {
                    probe["version"] = result.result["version"];
                  }
                } else {
                  probe["error"] = "signal-cli at " + url + ": " + result.error;
                }
                done(std::move(probe));
              });
  }

  void forgetSession(std::function<void(LogoutResult)> done) override {
    LogoutResult result;
    result.note = "signal-cli keeps the linked device: run `signal-cli -a " + config_.account +
                  " unregister` (or remove the device in Signal's linked devices) to log out "
                  "for good";
    done(std::move(result));
  }

 private:
  struct SendJob {
    json target;
    std::vector<std::string> chunks;
    std::vector<std::string> attachments;  // data: URIs, sent with the first chunk
    std::size_t next = 0;
    std::vector<std::string> messageIds;
    std::function<void(SendResult)> done;
  };

  void halt() {
    if (!session_) return;
    session_->stopped = true;
    session_->timer.cancel();
    session_->restartTimer.cancel();
    if (session_->stream) session_->stream->cancel();
    session_->stream.reset();
    session_.reset();
    status_.connected = false;
  }

  void setError(std::string error) {
    status_.connected = false;
    status_.lastError = std::move(error);
    host_.statusChanged();
  }

  // Starts signal-cli for a managed account; false (with lastError) when it is not installed.
  bool launchDaemon(const std::shared_ptr<Session>& session) {
    const auto executable = core::resolveExecutable(config_.cliPath, core::processPath());
    if (!executable) {
      setError("signal-cli not found (transport.cliPath \"" + config_.cliPath +
               "\"): install signal-cli or point cliPath at it, or run the daemon yourself "
               "(transport.kind external-native)");
      log()->error("signal account {}: {}", status_.accountId, status_.lastError);
      return false;
    }
    core::ProcessSpec spec;
    spec.argv = daemonArgv(config_);
    spec.executable = *executable;
    spec.outputLimit = 64 * 1024;
    log()->info("signal account {}: starting {} daemon on {}", status_.accountId,
                executable->string(), config_.url);
    session->daemon.start(std::move(spec), [this, session](core::ProcessResult result) {
      if (session->stopped) return;
      std::string why =
          !result.started ? "could not start signal-cli: " + result.startError
          : result.exitCode
              ? "signal-cli exited with code " + std::to_string(*result.exitCode)
              : "signal-cli was killed by signal " + std::to_string(result.termSignal.value_or(0));
      const std::string said = lastLine(result.output);
      if (!said.empty()) why += ": " + said;
      log()->warn("signal account {}: {}", status_.accountId, why);
      ++status_.reconnectAttempts;
      setError(why);
      const auto delay = backoff(session->daemonRestarts++);
      session->restartTimer.expires_after(delay);
      session->restartTimer.async_wait([this, session](const boost::system::error_code& ec) {
        if (!ec && !session->stopped) launchDaemon(session);
      });
    });
    return true;
  }

  void connect(const std::shared_ptr<Session>& session) {
    SignalEventStream::Handlers handlers;
    handlers.opened = [this, session] {
      if (session->stopped) return;
      session->everConnected = true;
      session->idleReconnect = false;
      session->daemonRestarts = 0;
      if (!status_.connected) status_.lastConnectedAtMs = core::nowMs();
      status_.connected = true;
      status_.reconnectAttempts = 0;
      status_.lastError.clear();
      host_.statusChanged();
      log()->info("signal account {} ({}) receiving from {}", status_.accountId, config_.account,
                  config_.url);
    };
    handlers.event = [this, session](json event) {
      if (session->stopped) return;
      onEvent(session, std::move(event));
    };
    handlers.closed = [this, session](std::string reason, bool idle) {
      if (session->stopped) return;
      session->stream.reset();
      if (idle && status_.connected && !session->idleReconnect) {
        // Nothing arrived for kStreamIdle: reconnect at once, still counted as linked.
        session->idleReconnect = true;
        connect(session);
        return;
      }
      streamClosed(session, std::move(reason));
    };
    session->stream = std::make_unique<SignalEventStream>(host_.runtime().io, session->rpc.client(),
                                                          eventsUrl(config_.url, config_.account),
                                                          kStreamIdle, std::move(handlers));
  }

  void streamClosed(const std::shared_ptr<Session>& session, std::string reason) {
    std::chrono::milliseconds delay;
    const bool starting =
        config_.managed() && !session->everConnected &&
        core::monotonicMs() - session->startedAtMs < config_.startupTimeout.count();
    if (starting) {
      delay = kStartupPoll;  // the daemon is still coming up: no error yet
      if (status_.lastError.empty()) status_.lastError = "waiting for signal-cli to start";
    } else {
      log()->warn("signal account {}: event stream lost: {}", status_.accountId, reason);
      ++status_.reconnectAttempts;
      // A managed daemon that exited already said why (its exit); keep that as the error.
      const bool daemonDown = config_.managed() && !session->daemon.running();
      setError(daemonDown ? status_.lastError : "signal-cli at " + config_.url + ": " + reason);
      delay = backoff(status_.reconnectAttempts - 1);
    }
    session->timer.expires_after(delay);
    session->timer.async_wait([this, session](const boost::system::error_code& ec) {
      if (!ec && !session->stopped && !session->stream) connect(session);
    });
  }

  void onEvent(const std::shared_ptr<Session>& session, json event) {
    auto inbound =
        inboundFromEvent(event, {config_.account, config_.accountUuid}, status_.accountId);
    if (!inbound) return;
    status_.lastInboundAtMs = core::nowMs();
    session->inbox.push_back(std::move(*inbound));
    if (session->inbox.size() + session->unpersisted >= kMaxPending) session->stream->pause();
    pump(session);
  }

  void resumeIfRoom(const std::shared_ptr<Session>& session) {
    if (session->stream && session->inbox.size() + session->unpersisted < kMaxPending) {
      session->stream->resume();
    }
  }

  // Hands the inbox to the host in arrival order, each message once its attachments are saved.
  void pump(const std::shared_ptr<Session>& session) {
    if (session->preparing || session->inbox.empty()) return;
    session->preparing = true;
    auto inbound = std::make_shared<SignalInbound>(std::move(session->inbox.front()));
    session->inbox.pop_front();
    if (config_.ignoreAttachments) inbound->attachments.clear();
    fetchAttachments(session, inbound, 0);
  }

  void fetchAttachments(const std::shared_ptr<Session>& session,
                        const std::shared_ptr<SignalInbound>& inbound, std::size_t index) {
    if (index == inbound->attachments.size()) {
      deliver(session, std::move(inbound->message));
      return;
    }
    const SignalAttachment& attachment = inbound->attachments[index];
    const std::uint64_t limit = std::min(config_.mediaMaxBytes, kMaxInboundMediaBytes);
    const auto skip = [this, session, inbound, index](const std::string& why) {
      const SignalAttachment& skipped = inbound->attachments[index];
      log()->warn("signal account {}: attachment {} skipped: {}", status_.accountId,
                  skipped.fileName, why);
      std::string& text = inbound->message.text;
      text += (text.empty() ? "" : "\n") + std::string("[attachment ") + skipped.fileName +
              " not received: " + why + "]";
      fetchAttachments(session, inbound, index + 1);
    };
    if (attachment.size > limit) {
      skip("larger than " + std::to_string(limit / (1024 * 1024)) + " MB");
      return;
    }
    json params = {{"account", config_.account}, {"id", attachment.id}};
    if (inbound->message.isGroup) {
      params["groupId"] = inbound->message.chatId;
    } else if (auto target = targetParams(inbound->message.chatId);
               target && target->contains("recipient")) {
      params["recipient"] = (*target)["recipient"].at(0);
    }
    const std::size_t maxAnswer = static_cast<std::size_t>(limit / 3 * 4 + 64 * 1024);
    session->rpc.call(
        "getAttachment", params, kCallTimeout,
        [this, session, inbound, index, limit, skip](RpcResult result) {
          if (session->stopped) return;
          const json& data =
              result.result.is_object() ? result.result.value("data", json()) : result.result;
          std::optional<std::string> bytes;
          if (result.ok && data.is_string()) bytes = auth::base64UrlDecode(data.get<std::string>());
          if (!bytes) {
            skip(result.ok ? "signal-cli sent no data" : result.error);
            return;
          }
          if (bytes->size() > limit) {
            skip("larger than " + std::to_string(limit / (1024 * 1024)) + " MB");
            return;
          }
          const SignalAttachment& fetched = inbound->attachments[index];
          MediaFile file{fetched.fileName, fetched.contentType, std::move(*bytes)};
          host_.saveMedia(status_.accountId, std::move(file),
                          [this, session, inbound, index, skip](std::optional<InboundMedia> saved) {
                            if (session->stopped) return;
                            if (!saved) {
                              skip("could not be saved");
                              return;
                            }
                            inbound->message.media.push_back(std::move(*saved));
                            fetchAttachments(session, inbound, index + 1);
                          });
        },
        maxAnswer);
  }

  void deliver(const std::shared_ptr<Session>& session, InboundMessage message) {
    session->preparing = false;
    ++session->unpersisted;
    const std::string messageId = message.messageId;
    host_.deliver(std::move(message), [this, session, messageId](bool persisted) {
      if (session->stopped) return;
      --session->unpersisted;
      // signal-cli has no acknowledgement to withhold: a message the journal refused is lost.
      if (!persisted) {
        log()->error("signal account {}: message {} could not be journaled and is dropped",
                     status_.accountId, messageId);
      }
      resumeIfRoom(session);
    });
    resumeIfRoom(session);
    pump(session);
  }

  void sendNext(const std::shared_ptr<Session>& session, const std::shared_ptr<SendJob>& job) {
    if (job->next == job->chunks.size()) {
      status_.lastOutboundAtMs = core::nowMs();
      job->done(std::move(job->messageIds));
      return;
    }
    json params = job->target;
    params["account"] = config_.account;
    params["message"] = job->chunks[job->next];
    if (job->next == 0 && !job->attachments.empty()) params["attachments"] = job->attachments;
    session->rpc.call("send", params, kCallTimeout, [this, session, job](RpcResult result) {
      if (session->stopped) {  // the account may be gone: answer without touching it
        job->done(notLinked("signal account stopped while sending"));
        return;
      }
      if (!result.ok) {
        std::string reason = "signal-cli send failed: " + result.error;
        log()->warn("signal account {}: {}", status_.accountId, reason);
        job->done(result.unreachable ? notLinked(std::move(reason))
                                     : sendFailed(std::move(reason)));
        return;
      }
      if (auto refused = deliveryFailure(result.result)) {
        job->done(sendFailed("signal-cli send failed: " + *refused));
        return;
      }
      const json timestamp =
          result.result.is_object() ? result.result.value("timestamp", json()) : json();
      job->messageIds.push_back(timestamp.is_number() ? timestamp.dump() : "");
      ++job->next;
      sendNext(session, job);
    });
  }

  // signal-cli answers a send with one result per recipient; none delivered is a failure.
  static std::optional<std::string> deliveryFailure(const json& result) {
    if (!result.is_object() || !result.contains("results") || !result["results"].is_array() ||
        result["results"].empty()) {
      return std::nullopt;
    }
    std::string type;
    for (const json& each : result["results"]) {
      if (!each.is_object()) continue;
      type = core::stringField(each, "type").value_or("");
      if (type == "SUCCESS") return std::nullopt;
    }
    return "not delivered (" + (type.empty() ? std::string("unknown") : type) + ")";
  }

  ChannelHost& host_;
  SignalConfig config_;
  AccountStatus status_;
  std::shared_ptr<Session> session_;
};

}  // namespace

std::unique_ptr<ChannelAccount> makeSignalAccount(ChannelHost& host, std::string accountId,
                                                  SignalConfig config) {
  return std::make_unique<SignalAccount>(host, std::move(accountId), std::move(config));
}

}  // namespace openclaw::channels::signal
