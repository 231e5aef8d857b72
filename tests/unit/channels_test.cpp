// The channel core without a network: text chunking, access policy, DM pairing codes and the
// channel store on a real SQLite file.
#include <gtest/gtest.h>

#include <set>

#include "channels/access_policy.h"
#include "channels/dm_pairing.h"
#include "channels/inbound_router.h"
#include "channels/store/channel_store.h"
#include "channels/telegram/telegram_updates.h"
#include "channels/text_chunks.h"
#include "config/config_file.h"
#include "daemon/gateway_schema.h"
#include "temp_dir.h"

namespace openclaw::channels {
namespace {

InboundMessage direct(const std::string& sender, const std::string& id = "1") {
  InboundMessage message;
  message.channel = "telegram";
  message.accountId = "default";
  message.messageId = id;
  message.chatId = sender;
  message.senderId = sender;
  message.senderLabel = "@" + sender;
  message.text = "hello";
  message.receivedAtMs = 1000;
  return message;
}

TEST(TextChunks, ShortTextIsOnePieceAndEmptyTextNone) {
  EXPECT_EQ(chunkText("hello", 4096), std::vector<std::string>{"hello"});
  EXPECT_TRUE(chunkText("", 4096).empty());
}

TEST(TextChunks, CutsAtNewlinesThenSpacesAndKeepsEveryByte) {
  EXPECT_EQ(chunkText("aaa bbb\nccc ddd", 10), (std::vector<std::string>{"aaa bbb\n", "ccc ddd"}));
  EXPECT_EQ(chunkText("aaaa bbbb cccc", 10), (std::vector<std::string>{"aaaa bbbb ", "cccc"}));
  EXPECT_EQ(chunkText("abcdefghij", 4), (std::vector<std::string>{"abcd", "efgh", "ij"}));
}

TEST(TextChunks, CountsCodePointsAndNeverSplitsACharacter) {
  const std::string text = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";  // five "é"
  const auto pieces = chunkText(text, 2);
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[0], "\xc3\xa9\xc3\xa9");
  for (const auto& piece : pieces) EXPECT_LE(codePointCount(piece), 2u);
}

TEST(AccessPolicy, DefaultsArePairingForDmsAndAllowlistWithMentionsForGroups) {
  const AccessPolicy policy = AccessPolicy::fromConfig("telegram", nlohmann::json::object());
  EXPECT_EQ(decideDirect(policy, direct("7"), false), AccessDecision::Pair);
  EXPECT_EQ(decideDirect(policy, direct("7"), true), AccessDecision::Allow);
  InboundMessage group = direct("7");
  group.isGroup = true;
  group.chatId = "-100";
  group.mentioned = true;
  EXPECT_EQ(decideGroup(policy, group), AccessDecision::Drop);  // not in groups
}

TEST(AccessPolicy, DmPoliciesFollowAllowFrom) {
  const auto policy = [](const nlohmann::json& config) {
    return AccessPolicy::fromConfig("telegram", config);
  };
  EXPECT_EQ(decideDirect(policy({{"dmPolicy", "allowlist"}, {"allowFrom", {"telegram:7"}}}),
                         direct("7"), false),
            AccessDecision::Allow);
  EXPECT_EQ(
      decideDirect(policy({{"dmPolicy", "allowlist"}, {"allowFrom", {8}}}), direct("7"), true),
      AccessDecision::Drop);
  EXPECT_EQ(decideDirect(policy({{"dmPolicy", "open"}, {"allowFrom", {"*"}}}), direct("7"), false),
            AccessDecision::Allow);
  // fromConfig refuses "open" without the wildcard; should such a policy reach decideDirect it
  // admits only the listed senders, and approvals do not widen it.
  AccessPolicy listedOpen;
  listedOpen.dmPolicy = "open";
  listedOpen.allowFrom = {"8"};
  EXPECT_EQ(decideDirect(listedOpen, direct("7"), true), AccessDecision::Drop);
  EXPECT_EQ(decideDirect(listedOpen, direct("8"), false), AccessDecision::Allow);
  EXPECT_EQ(decideDirect(policy({{"dmPolicy", "disabled"}}), direct("7"), true),
            AccessDecision::Drop);
}

TEST(AccessPolicy, GroupsNeedAMentionUnlessConfiguredOtherwise) {
  InboundMessage group = direct("7");
  group.isGroup = true;
  group.chatId = "-100";
  const auto listed =
      AccessPolicy::fromConfig("telegram", {{"groups", {{"-100", nlohmann::json::object()}}}});
  EXPECT_EQ(decideGroup(listed, group), AccessDecision::Drop);
  group.mentioned = true;
  EXPECT_EQ(decideGroup(listed, group), AccessDecision::Allow);
  group.mentioned = false;
  const auto quiet =
      AccessPolicy::fromConfig("telegram", {{"groups", {{"*", {{"requireMention", false}}}}}});
  EXPECT_EQ(decideGroup(quiet, group), AccessDecision::Allow);
  const auto open =
      AccessPolicy::fromConfig("telegram", {{"groupPolicy", "open"}, {"requireMention", false}});
  EXPECT_EQ(decideGroup(open, group), AccessDecision::Allow);
}

// The ConfigError message AccessPolicy::fromConfig throws for `block`, or "" when it parses.
std::string accessError(const nlohmann::json& block) {
  try {
    AccessPolicy::fromConfig("telegram", block);
  } catch (const config::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(AccessPolicy, ReadsEveryKey) {
  const AccessPolicy policy = AccessPolicy::fromConfig(
      "irc", {{"dmPolicy", "allowlist"},
              {"allowFrom", {"alice", 42}},
              {"groupPolicy", "open"},
              {"groups", {{"#a", {{"requireMention", false}}}, {"*", nlohmann::json::object()}}},
              {"requireMention", false},
              {"host", "irc.example"}});  // the channel's own keys are not the policy's
  EXPECT_EQ(policy.dmPolicy, "allowlist");
  EXPECT_EQ(policy.allowFrom, (std::vector<std::string>{"alice", "42"}));
  EXPECT_EQ(policy.groupPolicy, "open");
  ASSERT_EQ(policy.groups.size(), 2u);
  EXPECT_EQ(policy.groups.at("#a").requireMention, false);
  EXPECT_FALSE(policy.groups.at("*").requireMention);
  EXPECT_FALSE(policy.requireMention);
  EXPECT_EQ(AccessPolicy::fromConfig("irc", nullptr).dmPolicy, "pairing");
}

TEST(AccessPolicy, WrongTypesNameTheKey) {
  EXPECT_EQ(accessError({{"dmPolicy", 5}}),
            "config: channels.telegram.dmPolicy: must be a string, got 5");
  EXPECT_EQ(accessError({{"allowFrom", "x"}}),
            "config: channels.telegram.allowFrom: must be a list of sender ids, got \"x\"");
  EXPECT_NE(accessError({{"allowFrom", {"1", true}}}).find("channels.telegram.allowFrom: must be"),
            std::string::npos);
  EXPECT_NE(accessError({{"allowFrom", {""}}}).find("channels.telegram.allowFrom: must be"),
            std::string::npos);
  EXPECT_EQ(accessError({{"requireMention", "yes"}}),
            "config: channels.telegram.requireMention: must be true or false, got \"yes\"");
  EXPECT_NE(accessError({{"groups", {"-100"}}}).find("channels.telegram.groups: must be an object"),
            std::string::npos);
  EXPECT_EQ(accessError({{"groups", {{"-100", true}}}}),
            "config: channels.telegram.groups.-100: must be an object, got true");
  EXPECT_EQ(accessError({{"groups", {{"-100", {{"requireMention", 1}}}}}}),
            "config: channels.telegram.groups.-100.requireMention: must be true or false, got 1");
  EXPECT_NE(accessError(5).find("channels.telegram: must be an object"), std::string::npos);
}

TEST(AccessPolicy, UnknownPolicyNamesAreRejected) {
  EXPECT_EQ(accessError({{"dmPolicy", "opne"}}),
            "config: channels.telegram.dmPolicy: must be one of \"pairing\", \"allowlist\", "
            "\"open\", \"disabled\", got \"opne\"");
  EXPECT_EQ(accessError({{"groupPolicy", "pairing"}}),
            "config: channels.telegram.groupPolicy: must be one of \"allowlist\", \"open\", "
            "\"disabled\", got \"pairing\"");
  for (const char* dm : {"pairing", "allowlist", "disabled"}) {
    EXPECT_EQ(accessError({{"dmPolicy", dm}}), "") << dm;
  }
  for (const char* group : {"allowlist", "open", "disabled"}) {
    EXPECT_EQ(accessError({{"groupPolicy", group}}), "") << group;
  }
}

TEST(AccessPolicy, OpenDmsRequireTheWildcard) {
  EXPECT_EQ(accessError({{"dmPolicy", "open"}}),
            "config: channels.telegram.allowFrom: must include \"*\" when dmPolicy is \"open\"");
  EXPECT_NE(accessError({{"dmPolicy", "open"}, {"allowFrom", {"8"}}}), "");
  EXPECT_EQ(accessError({{"dmPolicy", "open"}, {"allowFrom", {"8", "*"}}}), "");
}

TEST(DmPairing, CodesAreEightUnambiguousUppercaseCharacters) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = newPairingCode();
    ASSERT_EQ(code.size(), 8u);
    EXPECT_EQ(code.find_first_not_of(kPairingCodeAlphabet), std::string::npos) << code;
    EXPECT_EQ(code.find_first_of("0O1I"), std::string::npos) << code;
    seen.insert(code);
  }
  EXPECT_GT(seen.size(), 190u);
}

TEST(InboundSessionKey, DirectMessagesFollowDmScopeAndGroupsGetTheirOwnSession) {
  EXPECT_EQ(inboundSessionKey(direct("7"), sessions::DmScope::Main), "agent:main:main");
  EXPECT_EQ(inboundSessionKey(direct("7"), sessions::DmScope::PerChannelPeer),
            "agent:main:telegram:direct:7");
  InboundMessage group = direct("7");
  group.isGroup = true;
  group.chatId = "-100";
  group.threadId = "5";
  EXPECT_EQ(inboundSessionKey(group, sessions::DmScope::Main),
            "agent:main:telegram:group:-100:thread:5");
}

TEST(TelegramUpdates, MentionsAndRepliesToTheBotAddressIt) {
  const telegram::BotIdentity bot{99, "my_bot"};
  nlohmann::json update = {{"update_id", 1},
                           {"message",
                            {{"message_id", 10},
                             {"chat", {{"id", -5}, {"type", "supergroup"}}},
                             {"from", {{"id", 7}, {"username", "alice"}}},
                             {"text", "hey @My_Bot"}}}};
  auto inbound = telegram::inboundFromUpdate(update, bot);
  ASSERT_TRUE(inbound);
  EXPECT_TRUE(inbound->isGroup);
  EXPECT_TRUE(inbound->mentioned);
  EXPECT_EQ(inbound->chatId, "-5");
  EXPECT_EQ(inbound->senderLabel, "@alice");
  update["message"]["text"] = "hey";
  EXPECT_FALSE(telegram::inboundFromUpdate(update, bot)->mentioned);
  update["message"]["reply_to_message"] = {{"from", {{"id", 99}}}};
  EXPECT_TRUE(telegram::inboundFromUpdate(update, bot)->mentioned);
  EXPECT_FALSE(telegram::inboundFromUpdate({{"update_id", 2}}, bot));
}

// Fields of the wrong type (a proxy or a changed API) drop the update instead of throwing.
TEST(TelegramUpdates, FieldsOfTheWrongTypeAreDroppedWithoutThrowing) {
  const telegram::BotIdentity bot{99, "my_bot"};
  const nlohmann::json good = {{"message_id", 10},
                               {"chat", {{"id", -5}, {"type", "private"}}},
                               {"from", {{"id", 7}, {"first_name", "Al"}}},
                               {"text", "hi"},
                               {"date", 1700000000}};
  ASSERT_TRUE(telegram::inboundFromUpdate({{"message", good}}, bot));
  const nlohmann::json overrides[] = {
      {{"text", 5}}, {{"chat", "x"}},       {{"chat", {{"id", nullptr}}}},
      {{"from", 7}}, {{"message_id", 1.5}}, {{"from", {{"id", {1, 2}}}}},
  };
  for (const auto& patch : overrides) {
    nlohmann::json message = good;
    message.merge_patch(patch);
    EXPECT_FALSE(telegram::inboundFromUpdate({{"message", message}}, bot)) << patch.dump();
  }
  // Optional fields of the wrong type are ignored.
  nlohmann::json odd = good;
  odd.merge_patch({{"date", "today"},
                   {"is_topic_message", "yes"},
                   {"entities", {{{"type", 3}, {"user", "99"}}, 4}},
                   {"reply_to_message", {{"from", {{"id", "99"}}}}},
                   {"from", {{"first_name", 3}, {"username", nullptr}}}});
  auto inbound = telegram::inboundFromUpdate({{"message", odd}}, bot);
  ASSERT_TRUE(inbound);
  EXPECT_EQ(inbound->receivedAtMs, 0);
  EXPECT_EQ(inbound->threadId, "");
  EXPECT_FALSE(inbound->mentioned);
  EXPECT_EQ(inbound->senderLabel, "7");
}

class ChannelStoreTest : public ::testing::Test {
 protected:
  testsupport::TempDir dir;
  store::Database database{dir.path() / "openclaw.db", daemon::gatewaySchema()};
  ChannelStore store{database};
};

TEST_F(ChannelStoreTest, InboundIsJournaledOnceAndPendingUntilDone) {
  EXPECT_TRUE(store.recordInbound(direct("7", "1")));
  EXPECT_FALSE(store.recordInbound(direct("7", "1")));  // a redelivery
  EXPECT_TRUE(store.recordInbound(direct("7", "2")));
  auto pending = store.pendingInbound();
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].messageId, "1");
  EXPECT_EQ(pending[0].senderLabel, "@7");
  store.markInboundDone(pending[0], 2000);
  pending = store.pendingInbound();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].messageId, "2");
}

TEST_F(ChannelStoreTest, ForgettingDoneInboundKeepsPendingAndRecentRows) {
  ASSERT_TRUE(store.recordInbound(direct("7", "old")));
  ASSERT_TRUE(store.recordInbound(direct("7", "recent")));
  ASSERT_TRUE(store.recordInbound(direct("7", "pending")));
  store.markInboundDone(direct("7", "old"), 1000);
  store.markInboundDone(direct("7", "recent"), 5000);
  EXPECT_EQ(store.forgetDoneInbound(5000), 1u);  // done before 5000: only "old"
  EXPECT_EQ(store.forgetDoneInbound(5000), 0u);
  // "recent" is still known, so its redelivery is recognised; "old" is new again.
  EXPECT_FALSE(store.recordInbound(direct("7", "recent")));
  EXPECT_TRUE(store.recordInbound(direct("7", "old")));
  // Pending rows are never forgotten, however old.
  EXPECT_EQ(store.forgetDoneInbound(kDoneInboundRetentionMs * 100), 1u);  // "recent"
  const auto pending = store.pendingInbound();
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].messageId, "pending");
  EXPECT_EQ(pending[1].messageId, "old");
  EXPECT_GE(kDoneInboundRetentionMs, 24LL * 60 * 60 * 1000);  // beyond Telegram's redelivery
}

TEST_F(ChannelStoreTest, StateIsKeptPerChannelAccount) {
  EXPECT_FALSE(store.state("telegram", "default", "updateOffset"));
  store.setState("telegram", "default", "updateOffset", "5");
  store.setState("telegram", "default", "updateOffset", "6");
  EXPECT_EQ(store.state("telegram", "default", "updateOffset"), "6");
  EXPECT_FALSE(store.state("irc", "default", "updateOffset"));
}

TEST_F(ChannelStoreTest, PairingCapsPendingRequestsAndExpiresThem) {
  const auto first = store.requestPairing(direct("1"), 0);
  ASSERT_TRUE(first.request);
  EXPECT_TRUE(first.created);
  const auto again = store.requestPairing(direct("1"), 10);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.request->code, first.request->code);
  EXPECT_TRUE(store.requestPairing(direct("2"), 20).created);
  EXPECT_TRUE(store.requestPairing(direct("3"), 30).created);
  EXPECT_FALSE(store.requestPairing(direct("4"), 40).request);  // the cap of three
  EXPECT_EQ(store.pairingRequests("telegram", "", 50).size(), 3u);
  // An hour later every request has expired and the fourth sender gets a code.
  EXPECT_TRUE(store.requestPairing(direct("4"), kPairingCodeTtlMs + 30).created);
  EXPECT_EQ(store.pairingRequests("", "", kPairingCodeTtlMs + 30).size(), 1u);
}

TEST_F(ChannelStoreTest, ApprovingACodeAllowsTheSender) {
  const auto request = store.requestPairing(direct("1"), 0).request;
  EXPECT_FALSE(store.approvePairing("telegram", "default", "WRONGCOD", 5));
  EXPECT_FALSE(store.approved("telegram", "default", "1"));
  const auto approved = store.approvePairing("telegram", "default", request->code, 5);
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->senderId, "1");
  EXPECT_TRUE(store.approved("telegram", "default", "1"));
  EXPECT_TRUE(store.pairingRequests("", "", 6).empty());
  const auto dismissed = store.requestPairing(direct("2"), 0).request;
  EXPECT_TRUE(store.dismissPairing("telegram", "default", dismissed->code, 5));
  EXPECT_FALSE(store.approved("telegram", "default", "2"));
}

}  // namespace
}  // namespace openclaw::channels
