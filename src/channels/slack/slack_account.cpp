#include "channels/slack/slack_account.h"

#include <boost/asio/steady_timer.hpp>

#include "channels/slack/slack_config.h"
#include "channels/slack/slack_events.h"
#include "channels/slack/slack_files.h"
#include "channels/slack/slack_sender.h"
#include "channels/slack/slack_signature.h"
#include "channels/slack/slack_socket_mode.h"
#include "channels/slack/slack_web_api.h"
#include "core/backoff.h"
#include "core/bounded_json.h"
#include "core/clock.h"
#include "core/json_fields.h"
#include "core/logging.h"
#include "rpc/http_router.h"

namespace openclaw::channels::slack {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr auto kCallWait = 30s;
// Events API bodies are a message and its metadata; Slack's largest stay far below this.
constexpr std::size_t kMaxWebhookBody = 1024 * 1024;

auto log() { return core::logger("slack"); }

// What an operator should do about a token Slack refuses.
std::string authError(const std::string& error) {
  if (error == "token_revoked" || error == "token_expired") {
    return "slack refused the token (" + error + "): reinstall the app or set a new token";
  }
  if (error == "account_inactive") {
    return "slack refused the token (account_inactive): the workspace or the app's bot user "
           "was deactivated";
  }
  if (error == "missing_scope" || error == "no_permission") {
    return "slack refused the call (" + error + "): add the scopes in docs/channels-slack.md";
  }
  return "slack refused the token (" + error + "): check botToken and appToken";
}

// The Events API route stays on the router for the gateway's lifetime; it reaches the account
// through this, which the account clears when it goes.
struct WebhookEndpoint {
  std::function<void(const rpc::HttpRequest&, rpc::HttpRouter::Respond)> target;
};

// One start..stop life of the account. Callbacks check `stopped` before touching the account.
struct Session {
  Session(boost::asio::io_context& io, const SlackConfig& config)
      : api(std::make_shared<WebApi>(io, config.apiRoot)), timer(io) {}

  std::shared_ptr<WebApi> api;
  boost::asio::steady_timer timer;
  std::shared_ptr<net::HttpExchange> checking;  // auth.test
  std::shared_ptr<SlackSender> sender;
  std::shared_ptr<SocketModeLink> link;
  std::string botUserId;
  bool authenticated = false;  // auth.test accepted the bot token
  int attempts = 0;
  bool stopped = false;
  bool refused = false;  // Slack refused a token: no retries until the config changes
};

class SlackAccount final : public ChannelAccount {
 public:
  SlackAccount(AccountContext context, SlackConfig config)
      : host_(context.host),
        router_(context.router),
        accountId_(std::move(context.accountId)),
        config_(std::move(config)) {
    for (const std::string* secret :
         {&config_.botToken, &config_.appToken, &config_.signingSecret}) {
      if (!secret->empty()) core::registerSecret(*secret);
    }
    status_.accountId = accountId_;
    status_.mode = config_.mode;
    status_.configured = config_.missingCredential().empty();
  }

  ~SlackAccount() override {
    halt();
    if (endpoint_) endpoint_->target = nullptr;
  }

  void start() override {
    if (session_) return;
    status_.lastError = config_.missingCredential();
    if (!status_.lastError.empty()) {
      host_.statusChanged();
      return;
    }
    // Registered here, not when built: objects built for a logout or a rejected edit never take
    // the route over.
    if (!config_.socketMode() && !endpoint_) addRoute();
    auto session = std::make_shared<Session>(host_.runtime().io, config_);
    session->sender = std::make_shared<SlackSender>(host_.runtime().io, session->api,
                                                    config_.botToken, config_.textChunkLimit,
                                                    [this, session](const std::string& error) {
                                                      if (!session->stopped)
                                                        refuse(session, authError(error));
                                                    });
    session_ = session;
    checkAuth(session);
  }

  void stop(std::function<void()> done) override {
    halt();
    done();
  }

  AccountStatus status() const override { return status_; }

  // The Web API does not need the Socket Mode connection: sends work while it reconnects, once
  // auth.test accepted the bot token and until Slack refuses it.
  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override {
    if (!session_ || session_->refused || !session_->authenticated) {
      const std::string reason = status_.lastError.empty() ? "not connected" : status_.lastError;
      done(notLinked("slack account " + accountId_ + " is not linked: " + reason));
      return;
    }
    auto session = session_;
    session->sender->send(message, [this, session, done = std::move(done)](SendResult result) {
      if (result && !session->stopped) status_.lastOutboundAtMs = core::nowMs();
      done(std::move(result));
    });
  }

  // Slack has no typing indicator for bots (typing events are RTM-only, which new apps lack).

  void probe(std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done) override {
    if (config_.botToken.empty()) {
      done({{"ok", false}, {"elapsedMs", 0}, {"error", config_.missingCredential()}});
      return;
    }
    auto api = std::make_shared<WebApi>(host_.runtime().io, config_.apiRoot);
    const auto started = std::chrono::steady_clock::now();
    api->call("auth.test", config_.botToken, {}, timeout,
              [api, started, done = std::move(done)](ApiResult result) {
                const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started);
                json answer = {{"ok", result.ok}, {"elapsedMs", elapsed.count()}};
                if (result.ok) {
                  answer["bot"] = {{"id", core::stringField(result.body, "user_id").value_or("")},
                                   {"name", core::stringField(result.body, "user").value_or("")}};
                  answer["team"] = {{"id", core::stringField(result.body, "team_id").value_or("")},
                                    {"name", core::stringField(result.body, "team").value_or("")}};
                } else {
                  answer["error"] = result.error;
                }
                done(std::move(answer));
              });
  }

  void forgetSession(std::function<void(LogoutResult)> done) override {
    done({false,
          "Slack keeps no session here; remove botToken and appToken (or signingSecret) from "
          "the config to log out for good"});
  }

 private:
  void halt() {
    if (!session_) return;
    auto session = std::exchange(session_, nullptr);
    session->stopped = true;
    session->timer.cancel();
    if (session->checking) session->checking->cancel();
    session->checking.reset();
    if (session->link) session->link->stop();
    session->sender->close("slack account " + accountId_ + " stopped");
    status_.connected = false;
  }

  // auth.test checks the bot token and names the bot user (mentions are "<@BOTID>").
  void checkAuth(const std::shared_ptr<Session>& session) {
    session->checking = session->api->call(
        "auth.test", config_.botToken, {}, kCallWait, [this, session](ApiResult result) {
          if (session->stopped) return;
          session->checking.reset();
          if (!result.ok) {
            if (result.authFailed()) return refuse(session, authError(result.error));
            linkDown("auth.test failed: " + result.error);
            session->timer.expires_after(core::backoffDelay(session->attempts++, 2s, 30s));
            session->timer.async_wait([this, session](const boost::system::error_code& ec) {
              if (!ec && !session->stopped) checkAuth(session);
            });
            return;
          }
          session->authenticated = true;
          session->botUserId = core::stringField(result.body, "user_id").value_or("");
          log()->info("slack account {}: bot {} ({}) in {}", accountId_,
                      core::stringField(result.body, "user").value_or(""), session->botUserId,
                      core::stringField(result.body, "team").value_or(""));
          if (config_.socketMode()) {
            startSocket(session);
          } else {
            markConnected();
          }
        });
  }

  void startSocket(const std::shared_ptr<Session>& session) {
    SocketModeLink::Handlers handlers;
    handlers.onHello = [this, session] {
      if (!session->stopped) markConnected();
    };
    handlers.onEnvelope = [this, session](SocketEnvelope envelope, std::function<void()> ack) {
      if (!session->stopped) onEnvelope(session, std::move(envelope), std::move(ack));
    };
    handlers.onDown = [this, session](const std::string& reason, bool fatal) {
      if (session->stopped) return;
      if (fatal) {
        refuse(session, reason);
      } else {
        linkDown(reason);
      }
    };
    session->link = std::make_shared<SocketModeLink>(host_.runtime().io, session->api,
                                                     config_.appToken, std::move(handlers));
    session->link->start();
  }

  // An envelope is acknowledged once its message is journaled; anything not for the agent at
  // once.
  void onEnvelope(const std::shared_ptr<Session>& session, SocketEnvelope envelope,
                  std::function<void()> ack) {
    const json* event = envelope.type == "events_api" ? callbackEvent(envelope.payload) : nullptr;
    auto message = event ? messageFromEvent(*event, session->botUserId, accountId_) : std::nullopt;
    if (!message) {
      ack();
      return;
    }
    receive(session, std::move(*message), [ack = std::move(ack)](bool persisted) {
      if (persisted) ack();
    });
  }

  // Downloads the message's files, then hands it to the gateway; `persisted` gets the outcome
  // (false also when the account stopped meanwhile).
  void receive(const std::shared_ptr<Session>& session, SlackMessage message,
               std::function<void(bool)> persisted) {
    status_.lastInboundAtMs = core::nowMs();
    if (message.files.empty()) {
      host_.deliver(std::move(message.inbound), std::move(persisted));
      return;
    }
    collectFiles(
        host_, session->api, config_.botToken, config_.mediaMaxBytes, std::move(message),
        [session] { return !session->stopped; },
        [this, session,
         persisted = std::move(persisted)](std::optional<InboundMessage> inbound) mutable {
          if (!inbound || session->stopped) return persisted(false);
          host_.deliver(std::move(*inbound), std::move(persisted));
        });
  }

  void addRoute() {
    endpoint_ = std::make_shared<WebhookEndpoint>();
    endpoint_->target = [this](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
      onWebhook(request, std::move(respond));
    };
    router_.limitBody(config_.webhookPath, kMaxWebhookBody);
    router_.addAsync(
        "POST", config_.webhookPath,
        [endpoint = endpoint_](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
          if (!endpoint->target) {
            respond(rpc::HttpResponse::json(
                503, R"({"ok":false,"error":"slack http mode is not running"})"));
            return;
          }
          endpoint->target(request, std::move(respond));
        });
  }

  // An Events API request: verified, then answered 200 only once its message is journaled, so
  // Slack retries anything the gateway could not store (the dedupe key drops repeats).
  void onWebhook(const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
    const auto answer = [&respond](unsigned code, const json& body) {
      respond(rpc::HttpResponse::json(code, body.dump()));
    };
    if (!session_) return answer(503, {{"ok", false}, {"error", "slack account not running"}});
    const SignatureCheck check = checkSlackSignature(
        config_.signingSecret, request.header("x-slack-signature"),
        request.header("x-slack-request-timestamp"), request.body, core::nowMs() / 1000);
    if (check != SignatureCheck::kValid) {
      log()->warn("slack account {}: refused an Events API request from {}: {}", accountId_,
                  request.remoteAddress, describe(check));
      return answer(401, {{"ok", false}, {"error", describe(check)}});
    }
    const json body = core::parseJsonOrDiscarded(request.body);
    if (!body.is_object()) return answer(400, {{"ok", false}, {"error", "not a JSON object"}});
    if (core::stringField(body, "type").value_or("") == "url_verification") {
      return answer(200, {{"challenge", core::stringField(body, "challenge").value_or("")}});
    }
    // Without the bot's user id mentions cannot be told; Slack retries a 503.
    if (!status_.connected) return answer(503, {{"ok", false}, {"error", "not linked yet"}});
    const json* event = callbackEvent(body);
    auto message = event ? messageFromEvent(*event, session_->botUserId, accountId_) : std::nullopt;
    if (!message) return answer(200, {{"ok", true}});
    receive(session_, std::move(*message), [respond = std::move(respond)](bool persisted) {
      respond(rpc::HttpResponse::json(persisted ? 200 : 500,
                                      persisted ? R"({"ok":true})" : R"({"ok":false})"));
    });
  }

  void markConnected() {
    if (!status_.connected) status_.lastConnectedAtMs = core::nowMs();
    status_.connected = true;
    status_.reconnectAttempts = 0;
    status_.lastError.clear();
    if (session_) session_->attempts = 0;
    host_.statusChanged();
  }

  void linkDown(const std::string& reason) {
    status_.connected = false;
    status_.lastError = reason;
    ++status_.reconnectAttempts;
    host_.statusChanged();
  }

  // Slack refused a token or the app's link: not connected, and no retries with it.
  void refuse(const std::shared_ptr<Session>& session, const std::string& reason) {
    if (session->refused) return;
    session->refused = true;
    log()->error("slack account {}: {}", accountId_, reason);
    session->timer.cancel();
    if (session->link) session->link->stop();
    session->sender->close("slack account " + accountId_ + " is not linked: " + reason);
    status_.connected = false;
    status_.lastError = reason;
    host_.statusChanged();
  }

  ChannelHost& host_;
  rpc::HttpRouter& router_;
  std::string accountId_;
  SlackConfig config_;
  AccountStatus status_;
  std::shared_ptr<Session> session_;
  std::shared_ptr<WebhookEndpoint> endpoint_;
};

}  // namespace

std::unique_ptr<ChannelAccount> makeSlackAccount(AccountContext context,
                                                 const nlohmann::json& block) {
  SlackConfig config = SlackConfig::fromBlock(context.pointer, block, context.isDefault);
  return std::make_unique<SlackAccount>(std::move(context), std::move(config));
}

}  // namespace openclaw::channels::slack
