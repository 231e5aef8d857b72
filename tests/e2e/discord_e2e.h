#pragma once

// Shared pieces of the Discord e2e tests: the gateway config pointing at a FakeDiscord, what the
// scripted model was asked, and waiting for the account's status.
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fake_discord.h"
#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e::discord {

using nlohmann::json;
using namespace std::chrono_literals;

inline constexpr auto kDeadline = 20s;
inline const std::string kUser = "420000000000000042";
inline const std::string kDmChannel = "430000000000000001";
inline const std::string kGuild = "700000000000000001";
inline const std::string kGuildChannel = "710000000000000001";
inline const json kOpenDms = {{"dmPolicy", "open"}, {"allowFrom", {"*"}}};

// One account's block for `fake`.
inline json accountBlock(const testsupport::FakeDiscord& fake) {
  return {{"token", fake.token()}, {"apiRoot", fake.apiRoot()}};
}

inline json gatewayConfig(const testsupport::ScriptedProvider& provider, const json& discord) {
  json config = provider.gatewayConfig();
  config["channels"] = {{"discord", discord}};
  return config;
}

inline json gatewayConfig(const testsupport::ScriptedProvider& provider,
                          const testsupport::FakeDiscord& fake, json extra = json::object()) {
  json block = accountBlock(fake);
  block.merge_patch(extra);
  return gatewayConfig(provider, block);
}

inline testsupport::DiscordUserMessage dm(const std::string& text,
                                          const std::string& author = kUser) {
  testsupport::DiscordUserMessage message;
  message.channelId = kDmChannel;
  message.authorId = author;
  message.content = text;
  return message;
}

inline testsupport::DiscordUserMessage inGuild(const std::string& text, bool mention,
                                               const std::string& channel = kGuildChannel) {
  testsupport::DiscordUserMessage message;
  message.channelId = channel;
  message.guildId = kGuild;
  message.authorId = kUser;
  message.content = text;
  message.mentionBot = mention;
  return message;
}

// The channels.status rows of Discord.
inline json discordAccounts(client::GatewayClient& client) {
  return client.call("channels.status").at("channelAccounts").at("discord");
}

// The row of `accountId` once `ready` accepts it: checked now and after each `health` event
// (pushed on every link change); the last row seen when the deadline passes.
inline json waitForAccount(client::GatewayClient& client, const std::string& accountId,
                           const std::function<bool(const json&)>& ready) {
  const auto until = std::chrono::steady_clock::now() + kDeadline;
  const auto current = [&] {
    for (const json& row : discordAccounts(client)) {
      if (row.value("accountId", "") == accountId) return row;
    }
    return json();
  };
  json row = current();
  while (row.is_null() || !ready(row)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    const auto event = client.nextEvent(left);
    if (!event) break;
    if (event->value("event", "") == "health") row = current();
  }
  return row;
}

}  // namespace openclaw::e2e::discord
