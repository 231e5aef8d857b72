// channels.slack parsing: modes, tokens and their environment fallback (default account only),
// typed and range-checked keys, errors that name the account's key.
#include "channels/slack/slack_config.h"

#include <gtest/gtest.h>

#include "config/config_file.h"
#include "env_lookup.h"

namespace openclaw::channels::slack {
namespace {

using nlohmann::json;

const std::string kTop = "/channels/slack";
const std::string kWork = "/channels/slack/accounts/work";

std::string errorFor(const json& block, const std::string& pointer = kTop) {
  try {
    SlackConfig::fromBlock(pointer, block, true, testsupport::environmentOf({}));
  } catch (const config::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(SlackConfig, SocketModeByDefault) {
  const SlackConfig config = SlackConfig::fromBlock(
      kTop, {{"botToken", "xoxb-1"}, {"appToken", "xapp-1"}}, true, testsupport::environmentOf({}));
  EXPECT_TRUE(config.socketMode());
  EXPECT_EQ(config.webhookPath, "/slack/events");
  EXPECT_EQ(config.apiRoot, "https://slack.com/api");
  EXPECT_EQ(config.textChunkLimit, 8000u);
  EXPECT_EQ(config.mediaMaxBytes, 20u * 1024 * 1024);
  EXPECT_EQ(config.missingCredential(), "");
}

TEST(SlackConfig, EnvironmentTokensOnlyForTheDefaultAccount) {
  const auto env = testsupport::environmentOf(
      {{"SLACK_BOT_TOKEN", "xoxb-env"}, {"SLACK_APP_TOKEN", "xapp-env"}});
  const SlackConfig fallback = SlackConfig::fromBlock(kTop, nullptr, true, env);
  EXPECT_EQ(fallback.botToken, "xoxb-env");
  EXPECT_EQ(fallback.appToken, "xapp-env");
  const SlackConfig other = SlackConfig::fromBlock(kWork, json::object(), false, env);
  EXPECT_EQ(other.botToken, "");
  EXPECT_EQ(other.missingCredential(), "no bot token (botToken or SLACK_BOT_TOKEN)");
  const SlackConfig own = SlackConfig::fromBlock(kTop, {{"botToken", "xoxb-own"}}, true, env);
  EXPECT_EQ(own.botToken, "xoxb-own");
}

TEST(SlackConfig, MissingAppTokenIsReportedNotThrown) {
  const SlackConfig config =
      SlackConfig::fromBlock(kTop, {{"botToken", "xoxb-1"}}, true, testsupport::environmentOf({}));
  EXPECT_EQ(config.missingCredential(),
            "no app-level token for Socket Mode (appToken or SLACK_APP_TOKEN)");
}

TEST(SlackConfig, HttpModeNeedsTheSigningSecret) {
  EXPECT_EQ(errorFor({{"mode", "http"}, {"botToken", "xoxb-1"}}, kWork),
            "config: channels.slack.accounts.work.signingSecret: is required when mode is "
            "\"http\": Slack signs every request with it");
  const SlackConfig config = SlackConfig::fromBlock(
      kTop,
      {{"mode", "http"}, {"botToken", "xoxb-1"}, {"signingSecret", "s"}, {"webhookPath", "/hook"}},
      true, testsupport::environmentOf({{"SLACK_APP_TOKEN", "xapp-unused"}}));
  EXPECT_FALSE(config.socketMode());
  EXPECT_EQ(config.appToken, "");
  EXPECT_EQ(config.webhookPath, "/hook");
  EXPECT_EQ(config.missingCredential(), "");
}

TEST(SlackConfig, BadValuesNameTheKey) {
  EXPECT_NE(errorFor({{"mode", "rtm"}}).find("config: channels.slack.mode: must be one of"),
            std::string::npos);
  EXPECT_NE(errorFor({{"botToken", "xapp-wrong-kind"}})
                .find("config: channels.slack.botToken: must be a bot token"),
            std::string::npos);
  EXPECT_NE(errorFor({{"appToken", "xoxb-wrong-kind"}})
                .find("config: channels.slack.appToken: must be an app-level token"),
            std::string::npos);
  EXPECT_EQ(errorFor({{"webhookPath", "slack"}}),
            "config: channels.slack.webhookPath: must start with '/', got \"slack\"");
  EXPECT_NE(errorFor({{"apiRoot", "ftp://x"}}).find("config: channels.slack.apiRoot:"),
            std::string::npos);
  EXPECT_NE(errorFor({{"textChunkLimit", 50000}}).find("config: channels.slack.textChunkLimit:"),
            std::string::npos);
  EXPECT_NE(errorFor({{"mediaMaxMb", 0}}).find("config: channels.slack.mediaMaxMb:"),
            std::string::npos);
  EXPECT_NE(
      errorFor({{"botToken", 5}}, kWork).find("config: channels.slack.accounts.work.botToken:"),
      std::string::npos);
}

}  // namespace
}  // namespace openclaw::channels::slack
