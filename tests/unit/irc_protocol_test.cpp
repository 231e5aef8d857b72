// The IRC channel's pure parts: line parsing, formatting codes, mentions, CTCP.
#include <gtest/gtest.h>

#include "channels/irc/irc_message.h"
#include "channels/irc/irc_text.h"

namespace openclaw::channels::irc {
namespace {

TEST(IrcLineParser, SplitsPrefixCommandAndTrailingParameter) {
  const auto message = parseIrcLine(":alice!~al@host.example PRIVMSG #room :hello there\r\n");
  ASSERT_TRUE(message);
  EXPECT_EQ(message->prefix, "alice!~al@host.example");
  EXPECT_EQ(message->sourceNick(), "alice");
  EXPECT_EQ(message->command, "PRIVMSG");
  EXPECT_EQ(message->params, (std::vector<std::string>{"#room", "hello there"}));
}

TEST(IrcLineParser, HandlesNoPrefixTagsNumericsAndEmptyTrailing) {
  const auto ping = parseIrcLine("PING :irc.test");
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->prefix, "");
  EXPECT_EQ(ping->params, (std::vector<std::string>{"irc.test"}));

  const auto tagged = parseIrcLine("@time=2026-01-01T00:00:00Z :srv 433 * bot :Nick in use");
  ASSERT_TRUE(tagged);
  EXPECT_EQ(tagged->command, "433");
  EXPECT_EQ(tagged->param(1), "bot");
  EXPECT_EQ(tagged->param(7), "");

  const auto empty = parseIrcLine(":a!b@c PRIVMSG bot :");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->params, (std::vector<std::string>{"bot", ""}));

  const auto lower = parseIrcLine("privmsg  #x   word");
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->command, "PRIVMSG");
  EXPECT_EQ(lower->params, (std::vector<std::string>{"#x", "word"}));

  EXPECT_FALSE(parseIrcLine(""));
  EXPECT_FALSE(parseIrcLine(":prefix.only"));
}

TEST(IrcNames, CompareWithRfc1459CaseMappingAndRecogniseChannels) {
  EXPECT_TRUE(ircEquals("Claw[Bot]", "claw{bot}"));
  EXPECT_TRUE(ircEquals("a\\b~", "A|B^"));
  EXPECT_FALSE(ircEquals("claw", "claw_"));
  EXPECT_TRUE(isChannelName("#room"));
  EXPECT_TRUE(isChannelName("&local"));
  EXPECT_FALSE(isChannelName("alice"));
  EXPECT_FALSE(isChannelName(""));
}

TEST(IrcFormatting, StripsStyleAndColourCodes) {
  EXPECT_EQ(stripFormatting("\x02"
                            "bold\x02 \x1Ditalic\x1D \x1Funder\x0F \x11mono\x16rev\x1Estrike"),
            "bold italic under monorevstrike");
  EXPECT_EQ(stripFormatting("\x03"
                            "4red\x03 \x03"
                            "04,12on blue\x03 plain"),
            "red on blue plain");
  // A comma after the foreground that starts no background stays text; so do extra digits.
  EXPECT_EQ(stripFormatting("\x03"
                            "3,text \x03"
                            "123"),
            ",text 3");
  EXPECT_EQ(stripFormatting("\x04"
                            "FF00AA,00ff00hex\x04 done"),
            "hex done");
  EXPECT_EQ(stripFormatting("no codes: 100% ✓"), "no codes: 100% ✓");
}

TEST(IrcMentions, MatchWholeWordCaseInsensitively) {
  EXPECT_TRUE(mentionsNick("clawbot: what time is it?", "clawbot"));
  EXPECT_TRUE(mentionsNick("ClawBot, hi", "clawbot"));
  EXPECT_TRUE(mentionsNick("hey clawbot!", "clawbot"));
  EXPECT_TRUE(mentionsNick("ask CLAWBOT", "clawbot"));
  EXPECT_TRUE(mentionsNick("(clawbot) ping", "clawbot"));
  EXPECT_FALSE(mentionsNick("[clawbot] is a different nick", "clawbot"));
  EXPECT_FALSE(mentionsNick("clawbots are great", "clawbot"));
  EXPECT_FALSE(mentionsNick("myclawbot", "clawbot"));
  EXPECT_FALSE(mentionsNick("clawbot_ is another bot", "clawbot"));
  EXPECT_FALSE(mentionsNick("nothing here", "clawbot"));
  EXPECT_FALSE(mentionsNick("anything", ""));
}

TEST(IrcCtcp, ActionBecomesTextAndOtherRequestsAreDropped) {
  EXPECT_EQ(privmsgText("plain words"), "plain words");
  EXPECT_EQ(privmsgText("\x01"
                        "ACTION waves\x01"),
            "/me waves");
  EXPECT_EQ(privmsgText("\x01"
                        "ACTION waves"),
            "/me waves");
  EXPECT_FALSE(privmsgText("\x01VERSION\x01"));
  EXPECT_FALSE(privmsgText("\x01PING 12345\x01"));
}

}  // namespace
}  // namespace openclaw::channels::irc
