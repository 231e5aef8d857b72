#include "methods/channel_method_parts.h"
#include "methods/with_services.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

using rpc::MethodCall;
using rpc::Responder;

std::optional<channels::AccountStatus> accountStatus(const channels::Channel& channel,
                                                     const std::string& accountId) {
  for (channels::AccountStatus& account : channel.status()) {
    if (account.accountId == accountId) return account;
  }
  return std::nullopt;
}

bool running(const channels::Channel& channel, const std::string& accountId) {
  const auto account = accountStatus(channel, accountId);
  return account && account->running;
}

// The account the call names, or the answer is sent (INVALID_REQUEST).
std::optional<ChannelAccountRef> target(ChannelServices& services, const MethodCall& call,
                                        const Responder& respond) {
  auto found =
      findChannelAccount(services, call.params.at("channel"), call.params.value("accountId", ""));
  if (!found) {
    respond.fail(found.error());
    return std::nullopt;
  }
  return *found;
}

// upstream's outcome vocabulary: {status: "handed-off"} when the start was begun, else
// {status: "skipped", reason}.
nlohmann::json skipped(const std::string& reason) {
  return {{"status", "skipped"}, {"reason", reason}};
}

void handleStart(ChannelServices& services, const MethodCall& call, const Responder& respond) {
  auto ref = target(services, call, respond);
  if (!ref) return;
  const channels::AccountStatus before = *accountStatus(*ref->channel, ref->accountId);
  nlohmann::json outcome = {{"status", "handed-off"}};
  if (!before.enabled) {
    outcome = skipped("disabled");
  } else if (!before.configured) {
    outcome = skipped("unconfigured");
  } else if (before.running) {
    outcome = skipped("already-running");
  } else if (auto started = ref->channel->startAccount(ref->accountId); !started) {
    respond.fail(started.error());
    return;
  }
  respond.ok({{"channel", ref->channel->id()},
              {"accountId", ref->accountId},
              {"started", running(*ref->channel, ref->accountId)},
              {"outcome", outcome}});
}

void handleStop(ChannelServices& services, const MethodCall& call, const Responder& respond) {
  auto ref = target(services, call, respond);
  if (!ref) return;
  ref->channel->stopAccount(ref->accountId,
                            [&services, respond, channelId = ref->channel->id(),
                             accountId = ref->accountId](const protocol::Result<void>& stopped) {
                              if (!stopped) return respond.fail(stopped.error());
                              channels::Channel* channel = services.channels.find(channelId);
                              respond.ok({{"channel", channelId},
                                          {"accountId", accountId},
                                          {"stopped", !channel || !running(*channel, accountId)}});
                            });
}

void handleLogout(ChannelServices& services, const MethodCall& call, const Responder& respond) {
  auto ref = target(services, call, respond);
  if (!ref) return;
  ref->channel->logout(ref->accountId,
                       [respond, channelId = ref->channel->id(), accountId = ref->accountId](
                           const protocol::Result<channels::LogoutResult>& done) {
                         if (!done) return respond.fail(done.error());
                         nlohmann::json answer = {{"channel", channelId},
                                                  {"accountId", accountId},
                                                  {"cleared", done->cleared},
                                                  {"loggedOut", true}};
                         if (!done->note.empty()) answer["note"] = done->note;
                         respond.ok(answer);
                       });
}

}  // namespace

void registerChannelLifecycleMethods(rpc::MethodRegistry& registry, ChannelServices& services) {
  using namespace protocol::scopes;
  registry.add({.name = "channels.start",
                .scope = kAdmin,
                .paramsSchema = "ChannelsStartParams",
                .sideEffects = true,
                .handler = withServices(services, handleStart)});
  registry.add({.name = "channels.stop",
                .scope = kAdmin,
                .paramsSchema = "ChannelsStopParams",
                .sideEffects = true,
                .handler = withServices(services, handleStop)});
  registry.add({.name = "channels.logout",
                .scope = kAdmin,
                .paramsSchema = "ChannelsLogoutParams",
                .sideEffects = true,
                .handler = withServices(services, handleLogout)});
}

}  // namespace openclaw::methods
