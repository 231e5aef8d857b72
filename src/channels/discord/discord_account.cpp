#include "channels/discord/discord_account.h"

#include <boost/asio/steady_timer.hpp>

#include "channels/account_blocks.h"
#include "channels/discord/discord_config.h"
#include "channels/discord/discord_gateway.h"
#include "channels/discord/discord_messages.h"
#include "channels/discord/discord_rest.h"
#include "channels/discord/discord_sender.h"
#include "core/clock.h"
#include "core/json_fields.h"
#include "core/logging.h"

namespace openclaw::channels::discord {
namespace {

using namespace std::chrono_literals;
constexpr auto kDownloadTimeout = 60s;
constexpr auto kStopGrace = 3s;
// The Gateway session stored per account, so that a restart resumes it (and Discord replays what
// arrived meanwhile) instead of starting a new one.
constexpr const char* kSessionKey = "gatewaySession";

auto log() { return core::logger("discord"); }

// One start..stop life of the account; callbacks of a stopped one do nothing.
struct Run {
  Run(boost::asio::io_context& io, const DiscordConfig& config)
      : rest(io, config.apiRoot, config.token), sender(rest, config.textChunkLimit) {}
  RestClient rest;
  DiscordSender sender;
  std::unique_ptr<GatewaySession> gateway;
  ThreadDirectory threads;
  BotIdentity bot;
  bool stopped = false;
};

// A received message on its way to the host: its attachments are fetched and saved first.
struct Incoming {
  ParsedMessage parsed;
  std::size_t next = 0;  // the attachment to fetch next
  std::function<void(bool)> handled;
};

class DiscordAccount final : public ChannelAccount {
 public:
  DiscordAccount(AccountContext context, DiscordConfig config)
      : host_(context.host), config_(std::move(config)) {
    status_.accountId = context.accountId;
    status_.configured = !config_.token.empty();
    status_.mode = "gateway";
    if (!config_.token.empty()) core::registerSecret(config_.token);
  }

  ~DiscordAccount() override { halt(); }

  void start() override {
    if (run_) return;
    if (config_.token.empty()) {
      status_.lastError = "no bot token (channels.discord.token or DISCORD_BOT_TOKEN)";
      host_.statusChanged();
      return;
    }
    run_ = std::make_shared<Run>(host_.runtime().io, config_);
    // The session's callbacks live inside the Run: they hold it weakly.
    std::weak_ptr<Run> weak = run_;
    GatewayEvents events;
    events.linked = [this, weak](const BotIdentity& bot) {
      auto run = weak.lock();
      if (!run || run->stopped) return;
      run->bot = bot;
      checkpoint(run);
      if (!status_.connected) status_.lastConnectedAtMs = core::nowMs();
      status_.connected = true;
      status_.lastError.clear();
      host_.statusChanged();
    };
    events.lost = [this, weak](const std::string& reason, bool fatal) {
      auto run = weak.lock();
      if (!run || run->stopped) return;
      status_.connected = false;
      status_.lastError = fatal ? reason + " (not reconnecting)" : reason;
      host_.statusChanged();
    };
    events.dispatch = [this, weak](const GatewayPayload& dispatch,
                                   std::function<void(bool)> handled) {
      auto run = weak.lock();
      if (!run || run->stopped) return;
      onDispatch(run, dispatch, std::move(handled));
    };
    run_->gateway = std::make_unique<GatewaySession>(host_.runtime().io, run_->rest, config_.token,
                                                     std::move(events));
    auto run = run_;
    host_.loadState(status_.accountId, kSessionKey, [run](std::optional<std::string> saved) {
      if (run->stopped) return;
      if (auto state = storedSession(saved.value_or(""))) run->gateway->restore(*state);
      run->gateway->start();
    });
  }

  // Replies already being sent may finish (within kStopGrace); the Gateway closes at once.
  void stop(std::function<void()> done) override {
    auto run = std::exchange(run_, nullptr);
    status_.connected = false;
    if (!run) return done();
    run->stopped = true;
    run->gateway->stop();
    auto grace = std::make_shared<boost::asio::steady_timer>(host_.runtime().io, kStopGrace);
    auto finish =
        std::make_shared<std::function<void()>>([run, grace, done = std::move(done)]() mutable {
          grace->cancel();
          run->rest.cancelAll();
          if (done) std::exchange(done, nullptr)();
        });
    grace->async_wait([finish](const boost::system::error_code&) { (*finish)(); });
    run->sender.whenIdle([finish] { (*finish)(); });
  }

  AccountStatus status() const override {
    AccountStatus status = status_;
    if (run_ && run_->gateway) status.reconnectAttempts = run_->gateway->attempts();
    return status;
  }

  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override {
    if (!run_ || !status_.connected) {
      const std::string reason = status_.lastError.empty() ? "not connected" : status_.lastError;
      done(notLinked("discord account " + status_.accountId + " is not linked: " + reason));
      return;
    }
    auto run = run_;
    run_->sender.send(message, [this, run, done = std::move(done)](SendResult result) {
      if (result.ok() && !run->stopped) status_.lastOutboundAtMs = core::nowMs();
      done(std::move(result));
    });
  }

  void typing(const std::string& chatId) override {
    if (run_ && status_.connected) run_->sender.typing(chatId);
  }

  void probe(std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done) override {
    if (config_.token.empty()) {
      done({{"ok", false}, {"elapsedMs", 0}, {"error", "no bot token"}});
      return;
    }
    // Its own client: the probe must not wait behind (or take from) the account's sends.
    auto client = std::make_shared<RestClient>(host_.runtime().io, config_.apiRoot, config_.token);
    const std::int64_t started = core::monotonicMs();
    client->call(
        {"GET", "/users/@me", "", ""}, timeout,
        [client, started, done = std::move(done)](RestResult result) mutable {
          ProbeResult answer = {{"ok", result.ok()}, {"elapsedMs", core::monotonicMs() - started}};
          if (result.ok()) {
            answer["bot"] = {{"id", core::stringField(result.body, "id").value_or("")},
                             {"username", core::stringField(result.body, "username").value_or("")}};
          } else {
            answer["error"] =
                result.unauthorized() ? "unauthorized: check the bot token" : result.error;
          }
          done(std::move(answer));
          client.reset();  // (captured until here: keeps the client alive)
        });
  }

  void forgetSession(std::function<void(LogoutResult)> done) override {
    host_.saveState(status_.accountId, kSessionKey, "", [done = std::move(done)](bool saved) {
      done({saved,
            "the stored Gateway session was forgotten; remove channels.discord.token (or "
            "DISCORD_BOT_TOKEN) to log out for good"});
    });
  }

 private:
  void halt() {
    if (!run_) return;
    run_->stopped = true;
    if (run_->gateway) run_->gateway->stop();
    run_->rest.cancelAll();
    run_.reset();
    status_.connected = false;
  }

  void onDispatch(const std::shared_ptr<Run>& run, const GatewayPayload& dispatch,
                  std::function<void(bool)> handled) {
    if (dispatch.t == "GUILD_CREATE" || dispatch.t == "THREAD_LIST_SYNC") {
      run->threads.rememberAll(dispatch.d);
    } else if (dispatch.t == "THREAD_CREATE" || dispatch.t == "THREAD_UPDATE") {
      run->threads.remember(dispatch.d);
    } else if (dispatch.t == "THREAD_DELETE") {
      run->threads.forget(core::stringField(dispatch.d, "id").value_or(""));
    } else if (dispatch.t == "MESSAGE_CREATE") {
      auto parsed = parseMessageCreate(dispatch.d, run->bot, run->threads, config_.allowBots,
                                       status_.accountId);
      if (parsed) {
        auto incoming = std::make_shared<Incoming>();
        incoming->parsed = std::move(*parsed);
        incoming->handled = std::move(handled);
        status_.lastInboundAtMs = core::nowMs();
        fetchAttachments(run, incoming);
        return;
      }
    }
    handled(true);
  }

  // Downloads and saves the attachments one by one, then hands the message to the host. One that
  // is too large or fails is noted in the text instead.
  void fetchAttachments(const std::shared_ptr<Run>& run,
                        const std::shared_ptr<Incoming>& incoming) {
    auto& attachments = incoming->parsed.attachments;
    if (incoming->next == attachments.size()) {
      host_.deliver(std::move(incoming->parsed.inbound),
                    [this, run, handled = std::move(incoming->handled)](bool persisted) {
                      handled(persisted);
                      if (persisted && !run->stopped) checkpoint(run);
                    });
      return;
    }
    const AttachmentRef& ref = attachments[incoming->next++];
    if (ref.sizeBytes > kMaxInboundMediaBytes) {
      note(incoming, "[attachment " + ref.fileName + " skipped: larger than 25 MB]");
      fetchAttachments(run, incoming);
      return;
    }
    run->rest.download(
        ref.url, kMaxInboundMediaBytes, kDownloadTimeout,
        [this, run, incoming, ref](RestResult result) {
          if (run->stopped) return;
          if (!result.ok()) {
            log()->warn("discord attachment {} not downloaded: {}", ref.fileName, result.error);
            note(incoming, "[attachment " + ref.fileName + " could not be fetched]");
            fetchAttachments(run, incoming);
            return;
          }
          MediaFile file{ref.fileName, ref.contentType, std::move(result.raw)};
          host_.saveMedia(status_.accountId, std::move(file),
                          [this, run, incoming, ref](std::optional<InboundMedia> saved) {
                            if (run->stopped) return;
                            if (saved) {
                              incoming->parsed.inbound.media.push_back(*saved);
                            } else {
                              note(incoming,
                                   "[attachment " + ref.fileName + " could not be saved]");
                            }
                            fetchAttachments(run, incoming);
                          });
        });
  }

  // Stores where the session can be resumed (after the message before it was journaled).
  void checkpoint(const std::shared_ptr<Run>& run) {
    const auto state = run->gateway ? run->gateway->resumeState() : std::nullopt;
    if (!state) return;
    const nlohmann::json stored = {
        {"sessionId", state->sessionId}, {"resumeUrl", state->resumeUrl}, {"seq", state->seq}};
    host_.saveState(status_.accountId, kSessionKey, stored.dump(), [](bool) {});
  }

  static std::optional<GatewaySession::ResumeState> storedSession(const std::string& text) {
    const nlohmann::json stored = nlohmann::json::parse(text, nullptr, false);
    if (!stored.is_object()) return std::nullopt;
    GatewaySession::ResumeState state;
    state.sessionId = core::stringField(stored, "sessionId").value_or("");
    state.resumeUrl = core::stringField(stored, "resumeUrl").value_or("");
    const auto seq = stored.find("seq");
    if (state.sessionId.empty() || state.resumeUrl.empty() || seq == stored.end() ||
        !seq->is_number_integer()) {
      return std::nullopt;
    }
    state.seq = seq->get<std::int64_t>();
    return state;
  }

  static void note(const std::shared_ptr<Incoming>& incoming, const std::string& line) {
    std::string& text = incoming->parsed.inbound.text;
    text += text.empty() ? line : "\n" + line;
  }

  ChannelHost& host_;
  DiscordConfig config_;
  AccountStatus status_;
  std::shared_ptr<Run> run_;
};

}  // namespace

std::unique_ptr<ChannelAccount> makeDiscordAccount(AccountContext context,
                                                   const nlohmann::json& block) {
  const config::ConfigFile view = accountConfigView(context.pointer, block);
  DiscordConfig config = DiscordConfig::fromView(view, context.pointer, context.isDefault);
  return std::make_unique<DiscordAccount>(std::move(context), std::move(config));
}

}  // namespace openclaw::channels::discord
