#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <vector>

#include "core/clock.h"
#include "methods/channel_method_parts.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

using namespace std::chrono_literals;
using rpc::MethodCall;
using rpc::Responder;

// channels.status with probe: each account's live check gets timeoutMs, default and cap 30 s,
// at least 1 s (upstream's bounds). The answer comes when every check answered or, for checks
// that did not, when the time is up (they count as timed out).
constexpr auto kDefaultProbeTimeout = 30'000ms;
constexpr auto kMinProbeTimeout = 1'000ms;
// A check that ignores its own timeout is cut off this much later.
constexpr auto kProbeGrace = 500ms;
// Checks in flight at once per call (upstream's number): a gateway with thousands of accounts
// does not open thousands of connections for one status call; checks not started in time count
// as timed out.
constexpr std::size_t kConcurrentProbes = 5;

std::chrono::milliseconds probeTimeout(const nlohmann::json& params) {
  if (!params.contains("timeoutMs")) return kDefaultProbeTimeout;
  const auto asked = std::chrono::milliseconds(params.at("timeoutMs").get<std::int64_t>());
  return std::clamp<std::chrono::milliseconds>(asked, kMinProbeTimeout, kDefaultProbeTimeout);
}

// The checks of one channels.status call, answered once: when the last check is in or the timer
// fires, whichever comes first.
struct ProbeRound {
  ProbeRound(ChannelServices& owner, Responder responder, std::optional<std::string> channel,
             std::chrono::milliseconds limit)
      : services(owner),
        respond(std::move(responder)),
        only(std::move(channel)),
        timeout(limit),
        timer(owner.runtime.io) {}

  ChannelServices& services;
  Responder respond;
  std::optional<std::string> only;
  std::chrono::milliseconds timeout;
  boost::asio::steady_timer timer;
  // Per checked account; a timeout answer until its check answers.
  std::map<std::pair<std::string, std::string>, channels::ProbeResult> results;
  std::vector<std::pair<channels::Channel*, std::string>> checks;  // in the order they start
  std::size_t started = 0;
  std::size_t pending = 0;
  bool answered = false;

  // Starts the next check, if any is left and the round is still open.
  static void startNext(const std::shared_ptr<ProbeRound>& round) {
    if (round->answered || round->started == round->checks.size()) return;
    const auto [channel, accountId] = round->checks[round->started++];
    channel->probe(
        accountId, round->timeout,
        [round, key = std::make_pair(channel->id(), accountId)](channels::ProbeResult result) {
          if (round->answered) return;
          round->results[key] = std::move(result);
          if (--round->pending == 0) return round->finish();
          startNext(round);
        });
  }

  void finish() {
    if (answered) return;
    answered = true;
    timer.cancel();
    const std::int64_t now = core::nowMs();
    nlohmann::json status = services.channels.statusResult(only);
    for (auto& [channelId, accounts] : status.at("channelAccounts").items()) {
      for (nlohmann::json& account : accounts) {
        const std::string accountId = account.at("accountId");
        auto found = results.find({channelId, accountId});
        if (found == results.end()) continue;  // not checked: disabled or without credentials
        nlohmann::json probe = std::move(found->second);
        if (!probe.value("ok", false) && account.at("lastError").is_null() &&
            probe.contains("error")) {
          account["lastError"] = probe.at("error");
        }
        account["probe"] = std::move(probe);
        account["lastProbeAt"] = now;
      }
    }
    respond.ok(status);
  }
};

void handleStatus(ChannelServices& services, const MethodCall& call, const Responder& respond) {
  std::optional<std::string> only;
  if (call.params.contains("channel")) {
    only = call.params.at("channel").get<std::string>();
    if (!services.channels.knows(*only)) {
      respond.fail(protocol::GatewayError::invalidRequest("unknown channel: " + *only));
      return;
    }
  }
  if (!call.params.value("probe", false)) {
    respond.ok(services.channels.statusResult(only));
    return;
  }
  auto round = std::make_shared<ProbeRound>(services, respond, only, probeTimeout(call.params));
  auto& checks = round->checks;
  for (const std::string& id : services.channels.configuredIds()) {
    if (only && *only != id) continue;
    channels::Channel* channel = services.channels.find(id);
    for (const channels::AccountStatus& account : channel->status()) {
      // Like upstream: only enabled accounts with credentials are checked.
      if (account.enabled && account.configured) checks.emplace_back(channel, account.accountId);
    }
  }
  round->pending = checks.size();
  for (const auto& [channel, accountId] : checks) {
    round->results[{channel->id(), accountId}] = {
        {"ok", false},
        {"timedOut", true},
        {"error", "probe timed out after " + std::to_string(round->timeout.count()) + "ms"}};
  }
  if (checks.empty()) return round->finish();
  round->timer.expires_after(round->timeout + kProbeGrace);
  round->timer.async_wait([round](const boost::system::error_code& ec) {
    if (!ec) round->finish();
  });
  for (std::size_t i = 0; i < kConcurrentProbes; ++i) ProbeRound::startNext(round);
}

}  // namespace

void registerChannelStatusMethod(rpc::MethodRegistry& registry, ChannelServices& services) {
  registry.add({.name = "channels.status",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "ChannelsStatusParams",
                .handler = withServices(services, handleStatus)});
}

}  // namespace openclaw::methods
