#include "channels/telegram/telegram_account.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>

#include "auth/constant_time.h"
#include "channels/telegram/telegram_api.h"
#include "channels/telegram/telegram_media.h"
#include "channels/telegram/telegram_updates.h"
#include "core/backoff.h"
#include "core/bounded_json.h"
#include "core/clock.h"
#include "core/json_fields.h"
#include "core/logging.h"

namespace openclaw::channels::telegram {
namespace {

using namespace std::chrono_literals;

constexpr const char* kOffsetKey = "updateOffset";
constexpr auto kShortCall = 30s;         // idle limit of every call but the long poll
constexpr auto kUploadCall = 120s;       // idle limit of a file upload
constexpr auto kMaxBackoff = 30s;        // between reconnect attempts
constexpr int kMaxRateLimitRetries = 5;  // per part, on 429

auto log() { return core::logger("telegram"); }

std::chrono::milliseconds backoff(int attempt) {
  return core::backoffDelay(attempt, std::chrono::milliseconds(500), kMaxBackoff);
}

// One start..stop life of the bot account. Callbacks of a stopped session do nothing.
struct Session {
  Session(boost::asio::io_context& io, const TelegramConfig& settings)
      : config(settings),
        api(std::make_shared<BotApi>(io, settings.apiRoot, settings.token)),
        timer(io) {}

  TelegramConfig config;
  std::shared_ptr<BotApi> api;
  boost::asio::steady_timer timer;
  std::shared_ptr<net::HttpExchange> poll;
  BotIdentity bot;
  std::int64_t offset = 0;
  bool stopped = false;
  WebhookRoutes::Claim webhook;  // held while in webhook mode
};

class TelegramAccount final : public ChannelAccount {
 public:
  TelegramAccount(AccountContext context, TelegramConfig config,
                  std::shared_ptr<WebhookRoutes> webhooks)
      : host_(context.host),
        accountId_(std::move(context.accountId)),
        config_(std::move(config)),
        webhooks_(std::move(webhooks)) {
    if (!config_.token.empty()) core::registerSecret(config_.token);
    status_.accountId = accountId_;
    status_.configured = !config_.token.empty();
    status_.mode = config_.webhook() ? "webhook" : "polling";
    if (!status_.configured) status_.lastError = "no bot token (botToken, tokenFile or env)";
  }

  ~TelegramAccount() override { halt(); }

  void start() override {
    if (config_.token.empty()) return;
    session_ = std::make_shared<Session>(host_.runtime().io, config_);
    status_.running = true;
    status_.lastError.clear();
    auto session = session_;
    host_.loadState(accountId_, kOffsetKey, [this, session](std::optional<std::string> saved) {
      if (session->stopped) return;
      if (saved && !saved->empty()) session->offset = std::stoll(*saved);
      connect(session);
    });
  }

  void stop(std::function<void()> done) override {
    halt();
    done();
  }

  AccountStatus status() const override { return status_; }

  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override {
    if (!session_ || !status_.connected) {
      const std::string reason = status_.lastError.empty() ? "not connected" : status_.lastError;
      done(notLinked("telegram account " + accountId_ + " is not linked: " + reason));
      return;
    }
    auto job = std::make_shared<SendJob>();
    job->message = message;
    job->parts = outgoingParts(job->message);
    job->done = std::move(done);
    sendNext(session_, job);
  }

  void typing(const std::string& chatId) override {
    if (!session_ || !status_.connected) return;
    session_->api->call("sendChatAction", {{"chat_id", chatId}, {"action", "typing"}}, kShortCall,
                        [](const ApiResult&) {});
  }

  // getMe with its own client, so the running poll is not disturbed.
  void probe(std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done) override {
    auto api = std::make_shared<BotApi>(host_.runtime().io, config_.apiRoot, config_.token);
    const std::int64_t started = core::nowMs();
    api->call("getMe", nlohmann::json::object(), timeout,
              [api, started, done = std::move(done)](const ApiResult& result) {
                ProbeResult answer = {{"ok", result.ok}, {"elapsedMs", core::nowMs() - started}};
                if (result.status != 0) answer["status"] = result.status;
                if (result.ok) {
                  answer["bot"] = {
                      {"id", core::integerField(result.result, "id").value_or(0)},
                      {"username", core::stringField(result.result, "username").value_or("")}};
                } else {
                  answer["error"] = result.unauthorized() ? "unauthorized: check the bot token"
                                                          : result.description;
                }
                done(std::move(answer));
              });
  }

  // Forgets the update offset (the next start asks Telegram from the oldest unconfirmed update;
  // the journal drops repeats). The token stays in the config.
  void forgetSession(std::function<void(LogoutResult)> done) override {
    host_.saveState(accountId_, kOffsetKey, "", [done = std::move(done)](bool saved) {
      done({saved,
            "the bot token stays in the config: remove botToken/tokenFile (or "
            "TELEGRAM_BOT_TOKEN) to keep the account from starting again"});
    });
  }

 private:
  struct SendJob {
    OutboundMessage message;
    std::vector<OutgoingPart> parts;  // point into message.media
    std::size_t next = 0;
    int rateLimited = 0;
    std::vector<std::string> messageIds;  // one per part delivered so far
    std::function<void(SendResult)> done;
  };

  void halt() {
    if (!session_) return;
    session_->stopped = true;
    session_->timer.cancel();
    if (session_->poll) session_->poll->cancel();
    // The exchange's handlers hold the session: drop it, or the two keep each other alive.
    session_->poll.reset();
    session_->webhook.reset();
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
                  void (TelegramAccount::*step)(const std::shared_ptr<Session>&)) {
    session->timer.expires_after(delay);
    session->timer.async_wait([this, session, step](const boost::system::error_code& ec) {
      if (!ec && !session->stopped) (this->*step)(session);
    });
  }

  // getMe (checks the token, learns the bot's name), then setWebhook in webhook mode, else
  // deleteWebhook and long polling.
  void connect(const std::shared_ptr<Session>& session) {
    session->poll = session->api->call(
        "getMe", nlohmann::json::object(), kShortCall, [this, session](ApiResult result) {
          if (session->stopped) return;
          if (!result.ok) {
            log()->warn("{}: getMe failed: {}", accountId_, result.description);
            linkLost(result);
            retryLater(session, backoff(status_.reconnectAttempts), &TelegramAccount::connect);
            return;
          }
          session->bot.id = core::integerField(result.result, "id").value_or(0);
          session->bot.username = core::stringField(result.result, "username").value_or("");
          if (session->config.webhook()) {
            registerWebhook(session);
            return;
          }
          markConnected();
          log()->info("telegram bot @{} connected (account {}, long polling)",
                      session->bot.username, accountId_);
          session->poll = session->api->call("deleteWebhook", nlohmann::json::object(), kShortCall,
                                             [this, session](const ApiResult&) {
                                               if (!session->stopped) poll(session);
                                             });
        });
  }

  void registerWebhook(const std::shared_ptr<Session>& session) {
    std::string holder;
    auto claim = webhooks_->claim(
        session->config.webhookPath, accountId_,
        [this, session](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
          onWebhook(session, request, std::move(respond));
        },
        holder);
    if (!claim) {
      status_.lastError =
          "webhookPath " + session->config.webhookPath + " is already used by account " + holder;
      log()->error("telegram account {}: {}", accountId_, status_.lastError);
      host_.statusChanged();
      return;
    }
    session->webhook = std::move(*claim);
    const nlohmann::json params = {{"url", session->config.webhookUrl},
                                   {"secret_token", session->config.webhookSecret},
                                   {"allowed_updates", {"message"}}};
    session->poll =
        session->api->call("setWebhook", params, kShortCall, [this, session](ApiResult result) {
          if (session->stopped) return;
          if (!result.ok) {
            log()->warn("{}: setWebhook failed: {}", accountId_, result.description);
            linkLost(result);
            retryLater(session, backoff(status_.reconnectAttempts), &TelegramAccount::connect);
            return;
          }
          markConnected();
          log()->info("telegram bot @{} connected (account {}, webhook {})", session->bot.username,
                      accountId_, session->config.webhookPath);
        });
  }

  // An update Telegram pushed: answered 200 only once it is journaled, so Telegram redelivers
  // anything the gateway could not store (the dedupe key drops repeats).
  void onWebhook(const std::shared_ptr<Session>& session, const rpc::HttpRequest& request,
                 rpc::HttpRouter::Respond respond) {
    const auto answer = [&respond](unsigned code, const std::string& message) {
      respond(rpc::HttpResponse::json(
          code, nlohmann::json{{"ok", code == 200}, {"description", message}}.dump()));
    };
    if (session->stopped) return answer(503, "telegram webhook mode is not active");
    // TelegramConfig refuses webhook mode without a secret; an empty one is refused here too.
    auto secret = request.headers.find("x-telegram-bot-api-secret-token");
    if (session->config.webhookSecret.empty() || secret == request.headers.end() ||
        !auth::secretsEqual(secret->second, session->config.webhookSecret)) {
      return answer(401, "bad secret token");
    }
    const auto update = core::parseJsonOrDiscarded(request.body);
    if (!update.is_object()) return answer(400, "the body is not a Telegram update");
    receive(session, update, [respond = std::move(respond)](std::optional<bool> persisted) {
      if (!persisted) {
        respond(rpc::HttpResponse::json(200, R"({"ok":true,"description":"ignored"})"));
        return;
      }
      respond(rpc::HttpResponse::json(*persisted ? 200 : 500,
                                      *persisted ? R"({"ok":true})" : R"({"ok":false})"));
    });
  }

  // Turns one update into an inbound message (its files downloaded and saved first) and hands it
  // to the host; `done` gets whether it was persisted, or nullopt for an update without a
  // message. Nothing happens once the session stopped.
  void receive(const std::shared_ptr<Session>& session, const nlohmann::json& update,
               std::function<void(std::optional<bool>)> done) {
    auto inbound = inboundFromUpdate(update, session->bot);
    if (!inbound) return done(std::nullopt);
    inbound->accountId = accountId_;
    status_.lastInboundAtMs = core::nowMs();
    auto attachments = attachmentsOf(update);
    if (attachments.empty()) {
      host_.deliver(std::move(*inbound), std::move(done));
      return;
    }
    fetchAttachments(session->api, host_, accountId_, std::move(attachments),
                     [this, session, message = std::move(*inbound),
                      done = std::move(done)](FetchedAttachments fetched) mutable {
                       if (session->stopped) return;
                       message.media = std::move(fetched.saved);
                       for (const std::string& note : fetched.notes) {
                         message.text += (message.text.empty() ? "" : "\n") + note;
                       }
                       host_.deliver(std::move(message), std::move(done));
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
        session->api->call("getUpdates", params, wait, [this, session](ApiResult result) {
          if (session->stopped) return;
          if (result.status == 429 && result.retryAfter) {
            retryLater(session, std::chrono::seconds(*result.retryAfter), &TelegramAccount::poll);
            return;
          }
          if (!result.ok || !result.result.is_array()) {
            log()->warn("{}: getUpdates failed: {}", accountId_, result.description);
            linkLost(result);
            retryLater(session, backoff(status_.reconnectAttempts), &TelegramAccount::poll);
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
        const std::int64_t id = core::integerField(update, "update_id").value_or(0);
        if (id >= 0 && id < INT64_MAX) next = std::max(next, id + 1);
      }
      if (next == session->offset) {
        poll(session);
        return;
      }
      host_.saveState(accountId_, kOffsetKey, std::to_string(next),
                      [this, session, next](bool saved) {
                        if (session->stopped) return;
                        if (saved) session->offset = next;
                        poll(session);
                      });
      return;
    }
    receive(session, (*updates)[index],
            [this, session, updates, index](std::optional<bool> persisted) {
              if (session->stopped) return;
              if (persisted && !*persisted) {  // not acknowledged: the same updates come again
                retryLater(session, backoff(1), &TelegramAccount::poll);
                return;
              }
              deliverUpdates(session, updates, index + 1);
            });
  }

  // The end of a send whose account stopped meanwhile (static: the account may be destroyed).
  static void finishStopped(SendJob& job) {
    if (job.next == job.parts.size()) return job.done(std::move(job.messageIds));
    job.done(notLinked("the telegram account stopped during the send"));
  }

  void sendNext(const std::shared_ptr<Session>& session, const std::shared_ptr<SendJob>& job) {
    if (job->next == job->parts.size()) {
      status_.lastOutboundAtMs = core::nowMs();
      job->done(std::move(job->messageIds));
      return;
    }
    const OutgoingPart& part = job->parts[job->next];
    const char* method = part.file ? "file upload" : "sendMessage";
    sendPart(*session->api, job->message, part, job->next == 0,
             part.file ? std::chrono::milliseconds(kUploadCall) : kShortCall,
             [this, session, job, method](ApiResult result) {
               if (result.ok) {
                 job->messageIds.push_back(
                     std::to_string(core::integerField(result.result, "message_id").value_or(0)));
                 ++job->next;
                 job->rateLimited = 0;
               }
               // A stopped account may be gone: finish without touching it.
               if (session->stopped) return finishStopped(*job);
               if (result.ok) return sendNext(session, job);
               if (result.status == 429 && job->rateLimited < kMaxRateLimitRetries) {
                 ++job->rateLimited;
                 const auto delay = std::chrono::seconds(result.retryAfter.value_or(1));
                 log()->info("{} rate limited; retrying in {} s", method, delay.count());
                 auto timer =
                     std::make_shared<boost::asio::steady_timer>(host_.runtime().io, delay);
                 timer->async_wait([this, session, job, timer](const boost::system::error_code&) {
                   if (session->stopped) return finishStopped(*job);
                   sendNext(session, job);
                 });
                 return;
               }
               std::string reason = std::string(method) + " failed: " + result.description;
               const bool linkDown = result.unauthorized() || result.status == 0;
               job->done(linkDown ? notLinked(std::move(reason)) : sendFailed(std::move(reason)));
             });
  }

  ChannelHost& host_;
  std::string accountId_;
  TelegramConfig config_;
  std::shared_ptr<WebhookRoutes> webhooks_;
  AccountStatus status_;
  std::shared_ptr<Session> session_;
};

}  // namespace

std::unique_ptr<ChannelAccount> makeTelegramAccount(AccountContext context, TelegramConfig config,
                                                    std::shared_ptr<WebhookRoutes> webhooks) {
  return std::make_unique<TelegramAccount>(std::move(context), std::move(config),
                                           std::move(webhooks));
}

}  // namespace openclaw::channels::telegram
