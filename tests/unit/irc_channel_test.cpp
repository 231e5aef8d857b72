// The IRC channel against a real IRC server (ngircd) with a raw IRC user on the other side.
#include "channels/irc/irc_chunking.h"
#include "irc_channel_fixture.h"

namespace openclaw::channels::irc {
namespace {

using testsupport::IrcServer;
using testsupport::IrcTestUser;

TEST_F(IrcChannelTest, DirectMessageArrivesAsInboundMessage) {
  IrcServer server;
  startChannel(config(server.port()));
  IrcTestUser alice(server.port(), "alice");
  alice.privmsg("clawbot",
                "hello \x02there\x02 \x03"
                "4bot");
  alice.privmsg("ClawBot",
                "\x01"
                "ACTION waves\x01");

  const InboundMessage first = host.nextMessage();
  EXPECT_EQ(first.channel, "irc");
  EXPECT_EQ(first.accountId, "default");
  EXPECT_EQ(first.chatId, "alice");
  EXPECT_EQ(first.senderId.rfind("alice!", 0), 0u) << first.senderId;
  EXPECT_NE(first.senderId.find('@'), std::string::npos) << first.senderId;
  EXPECT_EQ(first.senderLabel, "alice");
  EXPECT_FALSE(first.isGroup);
  EXPECT_TRUE(first.mentioned);
  EXPECT_EQ(first.text, "hello there bot");
  EXPECT_FALSE(first.messageId.empty());
  EXPECT_GT(first.receivedAtMs, 0);

  const InboundMessage second = host.nextMessage();
  EXPECT_EQ(second.text, "/me waves");
  EXPECT_NE(second.messageId, first.messageId);
  EXPECT_TRUE(host.onLoop([&] { return channel->status().at(0).lastInboundAtMs.has_value(); }));
}

TEST_F(IrcChannelTest, ChannelMessagesCarryTheMentionFlag) {
  IrcServer server;
  startChannel(config(server.port()));
  IrcTestUser alice(server.port(), "alice");
  alice.join("#room");
  alice.waitForMember("#room", "clawbot", ircDeadline());

  alice.sendLine("NOTICE #room :notices are never answered");
  alice.privmsg("#room", "just chatting");
  alice.privmsg("#room", "clawbot: what time is it?");
  alice.privmsg("#room", "thanks CLAWBOT");

  const InboundMessage chatter = host.nextMessage();
  EXPECT_EQ(chatter.text, "just chatting");
  EXPECT_TRUE(chatter.isGroup);
  EXPECT_EQ(chatter.chatId, "#room");
  EXPECT_FALSE(chatter.mentioned);
  const InboundMessage prefixed = host.nextMessage();
  EXPECT_EQ(prefixed.text, "clawbot: what time is it?");
  EXPECT_TRUE(prefixed.mentioned);
  EXPECT_TRUE(host.nextMessage().mentioned);
}

TEST_F(IrcChannelTest, SendReachesAChannelAndANick) {
  IrcServer server;
  startChannel(config(server.port()));
  IrcTestUser alice(server.port(), "alice");
  alice.join("#room");
  alice.waitForMember("#room", "clawbot", ircDeadline());

  const SendResult toChannel = host.send(*channel, "#room", "hello room");
  ASSERT_TRUE(toChannel.ok()) << toChannel.error().message;
  EXPECT_EQ(toChannel->size(), 1u);
  const IrcMessage inRoom = alice.waitForPrivmsg("#room", ircDeadline());
  EXPECT_EQ(inRoom.sourceNick(), "clawbot");
  EXPECT_EQ(inRoom.param(1), "hello room");

  const SendResult toNick = host.send(*channel, "alice", "hello alice");
  ASSERT_TRUE(toNick.ok()) << toNick.error().message;
  EXPECT_EQ(alice.waitForPrivmsg("alice", ircDeadline()).param(1), "hello alice");
  EXPECT_NE(toNick->at(0), toChannel->at(0));
  EXPECT_TRUE(host.onLoop([&] { return channel->status().at(0).lastOutboundAtMs.has_value(); }));

  const SendResult otherAccount = host.send(*channel, "alice", "hi", "second");
  EXPECT_FALSE(otherAccount.ok());
  EXPECT_EQ(otherAccount.error().code, protocol::codes::kNotLinked);
  EXPECT_NE(otherAccount.error().message.find("second"), std::string::npos);
  // Nothing to send, or a target that would smuggle in more protocol: refused, not delivered.
  for (const auto& [to, text] :
       {std::pair{"alice", "\n  \r\n"}, {"alice\r\nQUIT", "x"}, {"#a,#b", "x"}, {"", "x"}}) {
    const SendResult refused = host.send(*channel, to, text);
    EXPECT_FALSE(refused.ok()) << to;
    EXPECT_EQ(refused.error().code, protocol::codes::kUnavailable) << to;
  }
}

TEST_F(IrcChannelTest, LongTextArrivesInOrderInLinesWithinTheLimit) {
  IrcServer server;
  startChannel(config(server.port(), {{"textChunkLimit", 5000}}));
  IrcTestUser alice(server.port(), "alice");

  std::string paragraph;
  for (int i = 0; i < 300; ++i) paragraph += "word" + std::to_string(i) + " ";
  const std::string text = "Überschrift\n\n" + paragraph + "\nlast line";
  const SendResult result = host.send(*channel, "alice", text);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_GE(result->size(), 4u);

  std::vector<std::string> lines;
  for (std::size_t i = 0; i < result->size(); ++i) {
    std::string raw;
    lines.push_back(alice.waitForPrivmsg("alice", ircDeadline(), &raw).param(1));
    EXPECT_LE(raw.size() + 2, kIrcLineLimit) << raw;
  }
  EXPECT_EQ(lines.front(), "Überschrift");
  EXPECT_EQ(lines.back(), "last line");
  // The paragraph was split at spaces: joined with spaces again it is whole and in order.
  std::string rejoined;
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) rejoined += (i > 1 ? " " : "") + lines[i];
  EXPECT_EQ(rejoined + " ", paragraph);
}

}  // namespace
}  // namespace openclaw::channels::irc
