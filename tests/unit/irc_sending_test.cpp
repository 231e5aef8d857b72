// How the IRC channel shapes outgoing text: chunking to the line limit, pacing, backoff.
#include <gtest/gtest.h>

#include "channels/irc/irc_chunking.h"
#include "channels/irc/send_pacer.h"

namespace openclaw::channels::irc {
namespace {

using std::chrono::milliseconds;

bool validUtf8(const std::string& text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if ((lead & 0xC0) == 0x80 || at + length > text.size()) return false;
    for (std::size_t i = 1; i < length; ++i) {
      if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return false;
    }
    at += length;
  }
  return true;
}

TEST(IrcChunking, OneMessagePerLineBlankLinesDropped) {
  EXPECT_EQ(splitForIrc("first\r\nsecond\n\n  \nthird\rfourth", 100),
            (std::vector<std::string>{"first", "second", "third", "fourth"}));
  EXPECT_TRUE(splitForIrc("\n \n", 100).empty());
  EXPECT_EQ(splitForIrc(std::string("nul\0byte", 8), 100), (std::vector<std::string>{"nulbyte"}));
}

TEST(IrcChunking, LongLinesBreakAtSpacesWithinTheLimit) {
  const std::string text = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
  const auto pieces = splitForIrc(text, 20);
  std::string joined;
  for (const std::string& piece : pieces) {
    EXPECT_LE(piece.size(), 20u);
    EXPECT_NE(piece.front(), ' ');
    joined += (joined.empty() ? "" : " ") + piece;
  }
  EXPECT_EQ(joined, text);
}

TEST(IrcChunking, NeverSplitsInsideAUtf8Sequence) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "ü€😀";  // 2-, 3- and 4-byte sequences, no spaces
  const auto pieces = splitForIrc(text, 50);
  std::string joined;
  for (const std::string& piece : pieces) {
    EXPECT_LE(piece.size(), 50u);
    EXPECT_TRUE(validUtf8(piece)) << piece;
    joined += piece;
  }
  EXPECT_EQ(joined, text);
}

TEST(IrcChunking, TextBudgetKeepsTheRelayedLineWithin512Bytes) {
  const std::string nick = "clawbot";
  const std::string user = "openclaw";
  const std::string target = "#a-fairly-long-channel-name";
  const std::size_t budget = privmsgTextBudget(nick, user, target);
  const std::string relayed = ":" + nick + "!~" + user + "@" + std::string(63, 'h') + " PRIVMSG " +
                              target + " :" + std::string(budget, 'x') + "\r\n";
  EXPECT_EQ(relayed.size(), kIrcLineLimit);
  EXPECT_EQ(privmsgTextBudget(std::string(300, 'n'), user, std::string(300, 't')), 64u);
}

TEST(IrcSendPacer, AllowsABurstThenOneLinePerInterval) {
  SendPacer pacer(3, milliseconds(1000));
  const auto start = SendPacer::Clock::now();
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(pacer.waitTime(start), milliseconds(0));
    pacer.take(start);
  }
  EXPECT_EQ(pacer.waitTime(start), milliseconds(1000));
  EXPECT_EQ(pacer.waitTime(start + milliseconds(400)), milliseconds(600));
  EXPECT_EQ(pacer.waitTime(start + milliseconds(1000)), milliseconds(0));
  pacer.take(start + milliseconds(1000));
  EXPECT_EQ(pacer.waitTime(start + milliseconds(1000)), milliseconds(1000));
  // A long pause refills only up to the burst.
  const auto later = start + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) pacer.take(later);
  EXPECT_GT(pacer.waitTime(later), milliseconds(0));
}

TEST(IrcSendPacer, ZeroIntervalNeverWaits) {
  SendPacer pacer(1, milliseconds(0));
  const auto now = SendPacer::Clock::now();
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(pacer.waitTime(now), milliseconds(0));
    pacer.take(now);
  }
}

}  // namespace
}  // namespace openclaw::channels::irc
