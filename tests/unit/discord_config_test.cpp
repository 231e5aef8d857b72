// channels.discord parsing: the token from the config or DISCORD_BOT_TOKEN (default account
// only), apiRoot, and errors that name the key.
#include "channels/discord/discord_config.h"

#include <gtest/gtest.h>

#include "channels/channel_config.h"
#include "env_lookup.h"

namespace openclaw::channels::discord {
namespace {

DiscordConfig parse(const nlohmann::json& block, bool isDefault = true,
                    std::map<std::string, std::string> env = {}) {
  return DiscordConfig::fromView(channelConfigView("discord", block), "/channels/discord",
                                 isDefault, testsupport::environmentOf(env));
}

std::string errorFor(const nlohmann::json& block) {
  try {
    parse(block);
  } catch (const config::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(DiscordConfig, DefaultsWithoutAToken) {
  const DiscordConfig config = parse(nullptr);
  EXPECT_TRUE(config.enabled);
  EXPECT_EQ(config.token, "");
  EXPECT_EQ(config.tokenSource, "none");
  EXPECT_EQ(config.apiRoot, kDefaultApiRoot);
  EXPECT_FALSE(config.allowBots);
  EXPECT_EQ(config.textChunkLimit, 2000u);
}

TEST(DiscordConfig, TokenFromConfigElseEnvironmentForTheDefaultAccountOnly) {
  EXPECT_EQ(parse({{"token", " abc "}}, true, {{"DISCORD_BOT_TOKEN", "env"}}).token, "abc");
  const DiscordConfig fromEnv = parse(nullptr, true, {{"DISCORD_BOT_TOKEN", "env"}});
  EXPECT_EQ(fromEnv.token, "env");
  EXPECT_EQ(fromEnv.tokenSource, "env");
  EXPECT_EQ(parse(nullptr, false, {{"DISCORD_BOT_TOKEN", "env"}}).token, "");
  EXPECT_EQ(parse({{"token", "Bot xyz"}}).token, "xyz");
}

TEST(DiscordConfig, KeysAreTypeAndRangeChecked) {
  EXPECT_EQ(parse({{"apiRoot", "http://127.0.0.1:1/api/v10/"}}).apiRoot,
            "http://127.0.0.1:1/api/v10");
  EXPECT_NE(errorFor({{"apiRoot", "ftp://x"}}).find("channels.discord.apiRoot"), std::string::npos);
  EXPECT_NE(errorFor({{"token", 5}}).find("channels.discord.token"), std::string::npos);
  EXPECT_NE(errorFor({{"textChunkLimit", 2001}}).find("channels.discord.textChunkLimit"),
            std::string::npos);
  EXPECT_NE(errorFor({{"allowBots", "yes"}}).find("channels.discord.allowBots"), std::string::npos);
  EXPECT_EQ(parse({{"textChunkLimit", 100}, {"allowBots", true}}).textChunkLimit, 100u);
}

}  // namespace
}  // namespace openclaw::channels::discord
