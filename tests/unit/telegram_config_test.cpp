// channels.telegram parsing: token precedence, typed and range-checked keys, errors that name
// the key.
#include "channels/telegram/telegram_config.h"

#include <gtest/gtest.h>

#include <map>

#include "config/config_file.h"
#include "env_lookup.h"
#include "temp_dir.h"

namespace openclaw::channels::telegram {
namespace {

// The ConfigError message fromJson throws for `block`, or "" when it parses.
std::string errorFor(const nlohmann::json& block) {
  try {
    TelegramConfig::fromJson(block, testsupport::environmentOf({}));
  } catch (const config::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(TelegramConfig, DefaultsWithoutAToken) {
  const TelegramConfig config = TelegramConfig::fromJson(nullptr, testsupport::environmentOf({}));
  EXPECT_TRUE(config.enabled);
  EXPECT_EQ(config.tokenSource, "none");
  EXPECT_EQ(config.apiRoot, kDefaultApiRoot);
  EXPECT_EQ(config.pollTimeout, std::chrono::seconds(30));
  EXPECT_FALSE(config.webhook());
  EXPECT_EQ(config.webhookPath, "/telegram-webhook");
}

TEST(TelegramConfig, TokenPrecedenceIsBotTokenThenTokenFileThenEnvironment) {
  testsupport::TempDir dir;
  const auto tokenFile = dir.write("token", "  2:file \n");
  const auto env = testsupport::environmentOf({{"TELEGRAM_BOT_TOKEN", " 3:env "}});

  auto config = TelegramConfig::fromJson(
      {{"botToken", " 1:config "}, {"tokenFile", tokenFile.string()}}, env);
  EXPECT_EQ(config.token, "1:config");
  EXPECT_EQ(config.tokenSource, "config");

  config = TelegramConfig::fromJson({{"botToken", " "}, {"tokenFile", tokenFile.string()}}, env);
  EXPECT_EQ(config.token, "2:file");
  EXPECT_EQ(config.tokenSource, "tokenFile");

  config = TelegramConfig::fromJson(nlohmann::json::object(), env);
  EXPECT_EQ(config.token, "3:env");
  EXPECT_EQ(config.tokenSource, "env");
}

TEST(TelegramConfig, ReadsEveryKey) {
  const TelegramConfig config =
      TelegramConfig::fromJson({{"enabled", false},
                                {"botToken", "1:a"},
                                {"apiRoot", "http://127.0.0.1:8081"},
                                {"pollTimeoutSeconds", 0},
                                {"webhookUrl", "https://bot.example/hook"},
                                {"webhookPath", "/hook"},
                                {"webhookSecret", "s3cret_-X"},
                                {"dmPolicy", "open"}},  // access keys belong to the router
                               testsupport::environmentOf({}));
  EXPECT_FALSE(config.enabled);
  EXPECT_EQ(config.apiRoot, "http://127.0.0.1:8081");
  EXPECT_EQ(config.pollTimeout, std::chrono::seconds(0));
  EXPECT_TRUE(config.webhook());
  EXPECT_EQ(config.webhookUrl, "https://bot.example/hook");
  EXPECT_EQ(config.webhookPath, "/hook");
  EXPECT_EQ(config.webhookSecret, "s3cret_-X");
  EXPECT_EQ(TelegramConfig::fromJson({{"pollTimeoutSeconds", 50}}, testsupport::environmentOf({}))
                .pollTimeout,
            std::chrono::seconds(50));
}

TEST(TelegramConfig, WrongTypesAndRangesNameTheKey) {
  EXPECT_EQ(errorFor({{"botToken", 5}}),
            "config: channels.telegram.botToken: must be a string, got 5");
  EXPECT_EQ(errorFor({{"pollTimeoutSeconds", "x"}}),
            "config: channels.telegram.pollTimeoutSeconds: must be an integer, got \"x\"");
  EXPECT_EQ(errorFor({{"pollTimeoutSeconds", 51}}),
            "config: channels.telegram.pollTimeoutSeconds: must be between 0 and 50, got 51");
  EXPECT_EQ(errorFor({{"pollTimeoutSeconds", -1}}),
            "config: channels.telegram.pollTimeoutSeconds: must be between 0 and 50, got -1");
  EXPECT_EQ(errorFor({{"enabled", "yes"}}),
            "config: channels.telegram.enabled: must be true or false, got \"yes\"");
  EXPECT_EQ(errorFor("token"), "config: channels.telegram: must be an object, got \"token\"");
  EXPECT_NE(errorFor({{"tokenFile", 1}}).find("channels.telegram.tokenFile: must be a string"),
            std::string::npos);
  EXPECT_NE(errorFor({{"apiRoot", "api.telegram.org"}}).find("channels.telegram.apiRoot: must be"),
            std::string::npos);
  EXPECT_NE(errorFor({{"webhookUrl", "http://bot.example/hook"}})
                .find("channels.telegram.webhookUrl: must be an https:// URL"),
            std::string::npos);
  EXPECT_NE(errorFor({{"webhookPath", "hook"}}).find("channels.telegram.webhookPath: must start"),
            std::string::npos);
  EXPECT_NE(errorFor({{"webhookSecret", "no spaces"}}).find("channels.telegram.webhookSecret"),
            std::string::npos);
  EXPECT_NE(errorFor({{"webhookSecret", std::string(257, 'a')}}).find("webhookSecret"),
            std::string::npos);
}

// Without a secret anyone who can reach the gateway's port could post forged updates.
TEST(TelegramConfig, WebhookModeNeedsASecret) {
  const std::string error = errorFor({{"webhookUrl", "https://bot.example/hook"}});
  EXPECT_EQ(error,
            "config: channels.telegram.webhookSecret: is required when webhookUrl is set "
            "(webhook mode); Telegram sends it with every update");
  EXPECT_EQ(errorFor({{"webhookUrl", "https://bot.example/hook"}, {"webhookSecret", ""}}), error);
  EXPECT_EQ(errorFor({{"webhookUrl", "https://bot.example/hook"}, {"webhookSecret", "s"}}), "");
  EXPECT_EQ(errorFor({{"webhookSecret", "s"}}), "");  // long polling ignores it
}

TEST(TelegramConfig, TokenFileMustBeAReadableRegularFileWithAToken) {
  testsupport::TempDir dir;
  EXPECT_EQ(errorFor({{"tokenFile", (dir.path() / "missing").string()}}),
            "config: channels.telegram.tokenFile: '" + (dir.path() / "missing").string() +
                "' is not a regular file");
  EXPECT_NE(errorFor({{"tokenFile", dir.path().string()}}).find("is not a regular file"),
            std::string::npos);
  const auto empty = dir.write("empty", " \n");
  EXPECT_EQ(errorFor({{"tokenFile", empty.string()}}),
            "config: channels.telegram.tokenFile: '" + empty.string() + "' is empty");
}

}  // namespace
}  // namespace openclaw::channels::telegram
