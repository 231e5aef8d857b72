#include "channels/telegram/telegram_channel.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>

#include "auth/constant_time.h"
#include "channels/telegram/telegram_api.h"
#include "channels/telegram/telegram_config.h"
#include "channels/telegram/telegram_updates.h"
#include "channels/text_chunks.h"
#include "core/backoff.h"
#include "core/bounded_json.h"
#include "core/clock.h"
#include "core/logging.h"
#include "rpc/http_router.h"

namespace openclaw::channels::telegram {
namespace {

using namespace std::chrono_literals;

constexpr const char* kAccountId = "default";
constexpr const char* kOffsetKey = "updateOffset";
constexpr auto kShortCall = 30s;         // idle limit of every call but the long poll
constexpr auto kMaxBackoff = 30s;        // between reconnect attempts
constexpr int kMaxRateLimitRetries = 5;  // per chunk, on 429

auto log() { return core::logger("telegram"); }

// A Telegram id as the Bot API expects it: a number when the text is one.
nlohmann::json numericId(const std::string& text) {
  const bool digits = !text.empty() && text.find_first_not_of("-0123456789") == std::string::npos;
  return digits ? nlohmann::json(std::stoll(text)) : nlohmann::json(text);
}

std::chrono::milliseconds backoff(int attempt) {
  return core::backoffDelay(attempt, std::chrono::milliseconds(500), kMaxBackoff);
}

// One start..stop life of the bot account. Callbacks of a stopped session do nothing.
struct Session {
  Session(boost::asio::io_context& io, const TelegramConfig& settings)
      : config(settings), api(io, settings.apiRoot, settings.token), timer(io) {}

  TelegramConfig config;
  BotApi api;
  boost::asio::steady_timer timer;
  std::shared_ptr<net::HttpExchange> poll;
  BotIdentity bot;
  std::int64_t offset = 0;
  bool stopped = false;
};

class TelegramChannel final : public Channel {
 public:
  TelegramChannel(ChannelHost& host, const nlohmann::json& config, rpc::HttpRouter& router)
      : host_(host), router_(router), block_(config), config_(TelegramConfig::fromJson(config)) {
    if (!config_.token.empty()) core::registerSecret(config_.token);
    addWebhookRoute();
  }

  ~TelegramChannel() override { halt(); }

  std::string id() const override { return "telegram"; }
  std::string label() const override { return "Telegram"; }
  std::string defaultAccountId() const override { return kAccountId; }

  void start() override {
    status_.enabled = config_.enabled;
    status_.configured = !config_.token.empty();
    status_.mode = config_.webhook() ? "webhook" : "polling";
    if (!config_.enabled || config_.token.empty()) {
      if (config_.enabled) status_.lastError = "no bot token (botToken, tokenFile or env)";
      return;
    }
    session_ = std::make_shared<Session>(host_.runtime().io, config_);
    status_.running = true;
    status_.lastError.clear();
    auto session = session_;
    host_.loadState(kAccountId, kOffsetKey, [this, session](std::optional<std::string> saved) {
      if (session->stopped) return;
      if (saved) session->offset = std::stoll(*saved);
      connect(session);
    });
  }

  void stop(std::function<void()> done) override {
    halt();
    done();
  }

  void reconfigure(const nlohmann::json& config) override {
    if (config == block_) {  // back to the running block after a rejected edit
      configError_.clear();
      return;
    }
    TelegramConfig next;
    try {
      next = TelegramConfig::fromJson(config);
    } catch (const std::exception& error) {
      configError_ = error.what();
      log()->error("keeping the running Telegram settings: {}", configError_);
      return;
    }
    configError_.clear();
    halt();
    block_ = config;
    config_ = std::move(next);
    if (!config_.token.empty()) core::registerSecret(config_.token);
    addWebhookRoute();
    status_ = AccountStatus{};
    start();
  }

  std::vector<AccountStatus> status() const override {
    AccountStatus status = status_;
    if (!configError_.empty()) status.lastError = configError_;
    return {status};
  }

  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override {
    if (!message.accountId.empty() && message.accountId != kAccountId) {
      done(notLinked("unknown telegram account: " + message.accountId));
      return;
    }
    if (!session_ || !status_.connected) {
      const std::string reason = status_.lastError.empty() ? "not connected" : status_.lastError;
      done(notLinked("telegram is not linked: " + reason));
      return;
    }
    auto job = std::make_shared<SendJob>();
    job->message = message;
    job->chunks = chunkText(message.text, kMaxMessageLength);
    job->done = std::move(done);
    sendNext(session_, job);
  }

  void typing(const std::string& accountId, const std::string& chatId) override {
    (void)accountId;
    if (!session_ || !status_.connected) return;
    session_->api.call("sendChatAction", {{"chat_id", chatId}, {"action", "typing"}}, kShortCall,
                       [](const ApiResult&) {});
  }

 private:
  struct SendJob {
    OutboundMessage message;
    std::vector<std::string> chunks;
    std::size_t next = 0;
    int rateLimited = 0;
    std::vector<std::string> messageIds;  // one per chunk delivered so far
    std::function<void(SendResult)> done;
  };

  void halt() {
    if (!session_) return;
    session_->stopped = true;
    session_->timer.cancel();
    if (session_->poll) session_->poll->cancel();
    // The exchange's handlers hold the session: drop it, or the two keep each other alive.
    session_->poll.reset();
    session_.reset();
    status_.running = false;
    status_.connected = false;
  }

  void linkLost(const ApiResult& result) {
    status_.connected = false;
    status_.lastError =
        result.unauthorized() ? "unauthorized: check the bot token" : result.description;
    ++status_.reconnectAttempts;
    host_.statusChanged();
  }

  void retryLater(const std::shared_ptr<Session>& session, std::chrono::milliseconds delay,
                  void (TelegramChannel::*step)(const std::shared_ptr<Session>&)) {
    session->timer.expires_after(delay);
    session->timer.async_wait([this, session, step](const boost::system::error_code& ec) {
      if (!ec && !session->stopped) (this->*step)(session);
    });
  }

  // getMe (checks the token, learns the bot's name), then setWebhook in webhook mode, else
  // deleteWebhook and long polling.
  void connect(const std::shared_ptr<Session>& session) {
    session->poll = session->api.call(
        "getMe", nlohmann::json::object(), kShortCall, [this, session](ApiResult result) {
          if (session->stopped) return;
          if (!result.ok) {
            log()->warn("getMe failed: {}", result.description);
            linkLost(result);
            retryLater(session, backoff(status_.reconnectAttempts), &TelegramChannel::connect);
            return;
          }
          session->bot.id = result.result.value("id", std::int64_t{0});
          session->bot.username = result.result.value("username", "");
          if (session->config.webhook()) {
            registerWebhook(session);
            return;
          }
          markConnected();
          log()->info("telegram bot @{} connected (long polling)", session->bot.username);
          session->poll = session->api.call("deleteWebhook", nlohmann::json::object(), kShortCall,
                                            [this, session](const ApiResult&) {
                                              if (!session->stopped) poll(session);
                                            });
        });
  }

  void registerWebhook(const std::shared_ptr<Session>& session) {
    const nlohmann::json params = {{"url", session->config.webhookUrl},
                                   {"secret_token", session->config.webhookSecret},
                                   {"allowed_updates", {"message"}}};
    session->poll =
        session->api.call("setWebhook", params, kShortCall, [this, session](ApiResult result) {
          if (session->stopped) return;
          if (!result.ok) {
            log()->warn("setWebhook failed: {}", result.description);
            linkLost(result);
            retryLater(session, backoff(status_.reconnectAttempts), &TelegramChannel::connect);
            return;
          }
          markConnected();
          log()->info("telegram bot @{} connected (webhook {})", session->bot.username,
                      session->config.webhookPath);
        });
  }

  void addWebhookRoute() {
    router_.addAsync("POST", config_.webhookPath,
                     [this](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
                       onWebhook(request, std::move(respond));
                     });
  }

  // An update Telegram pushed: answered 200 only once it is journaled, so Telegram redelivers
  // anything the gateway could not store (the dedupe key drops repeats).
  void onWebhook(const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
    const auto answer = [&respond](unsigned code, const std::string& message) {
      respond(rpc::HttpResponse::json(
          code, nlohmann::json{{"ok", code == 200}, {"description", message}}.dump()));
    };
    if (!session_ || !session_->config.webhook() || request.path != config_.webhookPath) {
      return answer(503, "telegram webhook mode is not active");
    }
    // TelegramConfig refuses webhook mode without a secret; an empty one is refused here too.
    auto secret = request.headers.find("x-telegram-bot-api-secret-token");
    if (config_.webhookSecret.empty() || secret == request.headers.end() ||
        !auth::secretsEqual(secret->second, config_.webhookSecret)) {
      return answer(401, "bad secret token");
    }
    const auto update = core::parseJsonOrDiscarded(request.body);
    if (!update.is_object()) return answer(400, "the body is not a Telegram update");
    auto inbound = inboundFromUpdate(update, session_->bot);
    if (!inbound) return answer(200, "ignored");
    status_.lastInboundAtMs = core::nowMs();
    host_.deliver(std::move(*inbound), [respond = std::move(respond)](bool persisted) {
      respond(rpc::HttpResponse::json(persisted ? 200 : 500,
                                      persisted ? R"({"ok":true})" : R"({"ok":false})"));
    });
  }

  void markConnected() {
    if (!status_.connected) status_.lastConnectedAtMs = core::nowMs();
    status_.connected = true;
    status_.reconnectAttempts = 0;
    status_.lastError.clear();
    host_.statusChanged();
  }

  void poll(const std::shared_ptr<Session>& session) {
    const nlohmann::json params = {{"offset", session->offset},
                                   {"timeout", session->config.pollTimeout.count()},
                                   {"allowed_updates", {"message"}}};
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        session->config.pollTimeout + kShortCall);
    session->poll =
        session->api.call("getUpdates", params, wait, [this, session](ApiResult result) {
          if (session->stopped) return;
          if (result.status == 429 && result.retryAfter) {
            retryLater(session, std::chrono::seconds(*result.retryAfter), &TelegramChannel::poll);
            return;
          }
          if (!result.ok || !result.result.is_array()) {
            log()->warn("getUpdates failed: {}", result.description);
            linkLost(result);
            retryLater(session, backoff(status_.reconnectAttempts), &TelegramChannel::poll);
            return;
          }
          markConnected();
          deliverUpdates(session, std::make_shared<nlohmann::json>(std::move(result.result)), 0);
        });
  }

  // Hands updates to the host one at a time, in order; once all are journaled, stores the new
  // offset (which the next getUpdates acknowledges to Telegram) and polls again.
  void deliverUpdates(const std::shared_ptr<Session>& session,
                      const std::shared_ptr<nlohmann::json>& updates, std::size_t index) {
    if (index == updates->size()) {
      std::int64_t next = session->offset;
      for (const auto& update : *updates) {
        next = std::max(next, update.value("update_id", std::int64_t{0}) + 1);
      }
      if (next == session->offset) {
        poll(session);
        return;
      }
      host_.saveState(kAccountId, kOffsetKey, std::to_string(next),
                      [this, session, next](bool saved) {
                        if (session->stopped) return;
                        if (saved) session->offset = next;
                        poll(session);
                      });
      return;
    }
    auto inbound = inboundFromUpdate((*updates)[index], session->bot);
    if (!inbound) {
      deliverUpdates(session, updates, index + 1);
      return;
    }
    status_.lastInboundAtMs = core::nowMs();
    host_.deliver(std::move(*inbound), [this, session, updates, index](bool persisted) {
      if (session->stopped) return;
      if (!persisted) {  // not acknowledged: the same updates come again
        retryLater(session, backoff(1), &TelegramChannel::poll);
        return;
      }
      deliverUpdates(session, updates, index + 1);
    });
  }

  void sendNext(const std::shared_ptr<Session>& session, const std::shared_ptr<SendJob>& job) {
    if (job->next == job->chunks.size()) {
      status_.lastOutboundAtMs = core::nowMs();
      job->done(std::move(job->messageIds));
      return;
    }
    nlohmann::json params = {{"chat_id", numericId(job->message.to)},
                             {"text", job->chunks[job->next]}};
    if (job->next == 0 && !job->message.replyToId.empty()) {
      params["reply_parameters"] = {{"message_id", numericId(job->message.replyToId)},
                                    {"allow_sending_without_reply", true}};
    }
    if (!job->message.threadId.empty()) {
      params["message_thread_id"] = numericId(job->message.threadId);
    }
    session->api.call("sendMessage", params, kShortCall, [this, session, job](ApiResult result) {
      if (result.ok) {
        job->messageIds.push_back(
            nlohmann::json(result.result.value("message_id", nlohmann::json())).dump());
        ++job->next;
        job->rateLimited = 0;
        sendNext(session, job);
        return;
      }
      if (result.status == 429 && job->rateLimited < kMaxRateLimitRetries && !session->stopped) {
        ++job->rateLimited;
        const auto delay = std::chrono::seconds(result.retryAfter.value_or(1));
        log()->info("sendMessage rate limited; retrying in {} s", delay.count());
        auto timer = std::make_shared<boost::asio::steady_timer>(host_.runtime().io, delay);
        timer->async_wait([this, session, job, timer](const boost::system::error_code&) {
          sendNext(session, job);
        });
        return;
      }
      std::string reason = "sendMessage failed: " + result.description;
      const bool linkDown = result.unauthorized() || result.status == 0;
      job->done(linkDown ? notLinked(std::move(reason)) : sendFailed(std::move(reason)));
    });
  }

  ChannelHost& host_;
  rpc::HttpRouter& router_;
  nlohmann::json block_;
  TelegramConfig config_;
  std::string configError_;  // why the last reconfigure was rejected; shown as lastError
  AccountStatus status_;
  std::shared_ptr<Session> session_;
};

}  // namespace

std::unique_ptr<Channel> makeTelegramChannel(ChannelHost& host, const nlohmann::json& config,
                                             rpc::HttpRouter& router) {
  return std::make_unique<TelegramChannel>(host, config, router);
}

}  // namespace openclaw::channels::telegram
