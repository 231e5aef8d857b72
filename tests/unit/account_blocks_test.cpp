#include "channels/account_blocks.h"

#include <gtest/gtest.h>

namespace openclaw::channels {
namespace {

using nlohmann::json;

std::string errorOf(const json& block) {
  try {
    accountBlocks("telegram", block);
  } catch (const config::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(AccountBlocksTest, ABlockWithoutAccountsIsTheDefaultAccount) {
  const ChannelAccounts accounts =
      accountBlocks("telegram", json{{"botToken", "t"}, {"dmPolicy", "open"}});
  ASSERT_EQ(accounts.blocks.size(), 1u);
  EXPECT_EQ(accounts.defaultAccountId, "default");
  EXPECT_EQ(accounts.blocks.at("default"), (json{{"botToken", "t"}, {"dmPolicy", "open"}}));
  EXPECT_EQ(accountBlocks("telegram", nullptr).blocks.at("default"), json::object());
  EXPECT_EQ(accountPointer("telegram", json::object(), "default"), "/channels/telegram");
}

TEST(AccountBlocksTest, AccountsInheritTheTopLevelKeysAndOverrideThem) {
  const json block = {
      {"dmPolicy", "allowlist"},
      {"allowFrom", {"1"}},
      {"defaultAccount", "work"},
      {"accounts",
       {{"work", {{"botToken", "a"}}}, {"home", {{"botToken", "b"}, {"dmPolicy", "pairing"}}}}}};
  const ChannelAccounts accounts = accountBlocks("telegram", block);
  EXPECT_EQ(accounts.defaultAccountId, "work");
  EXPECT_EQ(accounts.blocks.at("work"),
            (json{{"dmPolicy", "allowlist"}, {"allowFrom", {"1"}}, {"botToken", "a"}}));
  EXPECT_EQ(accounts.blocks.at("home"),
            (json{{"dmPolicy", "pairing"}, {"allowFrom", {"1"}}, {"botToken", "b"}}));
  EXPECT_EQ(accountPointer("telegram", block, "home"), "/channels/telegram/accounts/home");
}

TEST(AccountBlocksTest, TheDefaultIsNamedDefaultElseTheFirstAccount) {
  EXPECT_EQ(accountBlocks("irc", json{{"accounts", {{"b", json::object()}, {"a", json::object()}}}})
                .defaultAccountId,
            "a");
  EXPECT_EQ(
      accountBlocks("irc", json{{"accounts", {{"b", json::object()}, {"default", json::object()}}}})
          .defaultAccountId,
      "default");
}

TEST(AccountBlocksTest, InvalidAccountsNameTheKey) {
  EXPECT_EQ(errorOf(json{{"accounts", json::array()}}),
            "config: channels.telegram.accounts: must be an object");
  EXPECT_EQ(errorOf(json{{"accounts", {{"work", 3}}}}),
            "config: channels.telegram.accounts.work: must be an object");
  EXPECT_NE(errorOf(json{{"accounts", {{"Work!", json::object()}}}}).find("account id \"Work!\""),
            std::string::npos);
  EXPECT_EQ(errorOf(json{{"accounts", {{"work", json::object()}}}, {"defaultAccount", "home"}}),
            "config: channels.telegram.defaultAccount: names no account in accounts");
  EXPECT_EQ(errorOf(json{{"defaultAccount", "home"}}),
            "config: channels.telegram.defaultAccount: names no account in accounts");
  EXPECT_FALSE(errorOf(json{{"accounts", {{std::string(65, 'a'), json::object()}}}}).empty());
}

TEST(AccountBlocksTest, TheAccountViewNamesTheAccountsOwnKey) {
  const config::ConfigFile view =
      accountConfigView("/channels/discord/accounts/work", json{{"token", 5}});
  try {
    (void)view.string("/channels/discord/accounts/work/token");
    FAIL() << "a number is not a token";
  } catch (const config::ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              "config: channels.discord.accounts.work.token: must be a string, got 5");
  }
}

}  // namespace
}  // namespace openclaw::channels
