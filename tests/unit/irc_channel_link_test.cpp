// The IRC channel's link to its server: pacing, outages, nick collisions, NickServ, TLS,
// sends without a link, reconfiguration and shutdown. Real ngircd unless ngircd cannot show it.
#include "gateway_process.h"
#include "irc_channel_fixture.h"

namespace openclaw::channels::irc {
namespace {

using testsupport::IrcServer;
using testsupport::IrcTestUser;
using testsupport::RecordingIrcServer;

bool isDisconnected(const AccountStatus& status) { return !status.connected; }

TEST_F(IrcChannelTest, FloodPacingSpacesLinesAfterTheBurst) {
  IrcServer server;
  startChannel(config(server.port(), {{"sendBurst", 2}, {"sendIntervalMs", 150}}));
  IrcTestUser alice(server.port(), "alice");

  const auto started = std::chrono::steady_clock::now();
  const SendResult result = host.send(*channel, "alice", "1\n2\n3\n4\n5\n6");
  const auto finished = std::chrono::steady_clock::now();
  ASSERT_TRUE(result.ok()) << result.error().message;
  // Two lines go at once, the other four wait one interval each.
  EXPECT_GE(finished - started, 4 * 150ms - 20ms);
  for (const char* expected : {"1", "2", "3", "4", "5", "6"}) {
    EXPECT_EQ(alice.waitForPrivmsg("alice", ircDeadline()).param(1), expected);
  }
}

TEST_F(IrcChannelTest, ASendThatWouldOverfillTheQueueIsRefusedWhole) {
  IrcServer server;
  startChannel(config(server.port()));
  IrcTestUser alice(server.port(), "alice");

  std::string flood;
  for (int line = 0; line < 1001; ++line) flood += "line " + std::to_string(line) + "\n";
  const SendResult refused = host.send(*channel, "alice", flood);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("send queue is full"), std::string::npos)
      << refused.error().message;
  // Nothing of it was queued: the next message is the first line alice sees.
  ASSERT_TRUE(host.send(*channel, "alice", "after the flood").ok());
  EXPECT_EQ(alice.waitForPrivmsg("alice", ircDeadline()).param(1), "after the flood");
}

TEST_F(IrcChannelTest, ReconnectsAfterAServerOutage) {
  IrcServer server;
  startChannel(config(server.port()));
  const auto firstConnect = host.onLoop([&] { return channel->status().at(0).lastConnectedAtMs; });

  server.kill();
  const AccountStatus down = host.waitForStatus(*channel, [](const AccountStatus& status) {
    return !status.connected && status.reconnectAttempts >= 2;
  });
  EXPECT_TRUE(down.running);
  EXPECT_FALSE(down.lastError.empty());
  const SendResult whileDown = host.send(*channel, "alice", "anyone there?");
  EXPECT_FALSE(whileDown.ok());
  EXPECT_EQ(whileDown.error().code, protocol::codes::kNotLinked);

  server.start();
  const AccountStatus up = host.waitForStatus(*channel, isConnected);
  EXPECT_EQ(up.reconnectAttempts, 0);
  EXPECT_EQ(up.lastError, "");
  EXPECT_GE(*up.lastConnectedAtMs, *firstConnect);
  IrcTestUser alice(server.port(), "alice");
  alice.privmsg("clawbot", "welcome back");
  EXPECT_EQ(host.nextMessage().text, "welcome back");
}

TEST_F(IrcChannelTest, NickInUseFallsBackToUnderscoreAndMentionsFollowIt) {
  IrcServer server;
  IrcTestUser squatter(server.port(), "clawbot");
  startChannel(config(server.port()));
  squatter.join("#room");
  squatter.waitForMember("#room", "clawbot_", ircDeadline());

  squatter.privmsg("#room", "clawbot_: are you the bot?");
  const InboundMessage message = host.nextMessage();
  EXPECT_TRUE(message.mentioned);
  EXPECT_EQ(message.senderLabel, "clawbot");
  squatter.privmsg("clawbot_", "direct");
  EXPECT_EQ(host.nextMessage().chatId, "clawbot");
}

TEST_F(IrcChannelTest, RejectedNickIsReportedAndRetriedLater) {
  IrcServer server;  // allows nicks of up to 30 characters
  startChannel(config(server.port(), {{"nick", std::string(40, 'n')}}), /*waitConnected=*/false);
  const AccountStatus status =
      host.waitForStatus(*channel, [](const AccountStatus& s) { return s.reconnectAttempts >= 2; });
  EXPECT_FALSE(status.connected);
  EXPECT_NE(status.lastError.find("rejected the nick"), std::string::npos) << status.lastError;
}

TEST_F(IrcChannelTest, RegistersWithServerPasswordAndIdentifiesWithNickServ) {
  // ngircd has no NickServ, so a recording server shows the lines the channel sends.
  RecordingIrcServer server;
  startChannel(config(server.port(), {{"password", "server-secret"},
                                      {"nickserv", {{"password", "nickserv-secret"}}}}));
  EXPECT_EQ(server.waitForLine("PASS", ircDeadline()), "PASS server-secret");
  EXPECT_EQ(server.waitForLine("PRIVMSG NickServ", ircDeadline()),
            "PRIVMSG NickServ :IDENTIFY nickserv-secret");
  EXPECT_EQ(server.waitForLine("JOIN", ircDeadline()), "JOIN #room");
}

TEST_F(IrcChannelTest, TlsVerifiesTheServerCertificate) {
  IrcServer server(/*withTls=*/true);
  startChannel(config(
      server.tlsPort(),
      {{"tls", true}, {"host", "localhost"}, {"tlsCaFile", server.certificateFile().string()}}));
  EXPECT_EQ(host.onLoop([&] { return channel->status().at(0).mode; }), "tls");
  IrcTestUser alice(server.port(), "alice");
  alice.privmsg("clawbot", "over tls");
  EXPECT_EQ(host.nextMessage().text, "over tls");
  ASSERT_TRUE(host.send(*channel, "alice", "encrypted reply").ok());
  EXPECT_EQ(alice.waitForPrivmsg("alice", ircDeadline()).param(1), "encrypted reply");
}

TEST_F(IrcChannelTest, TlsRejectsAnUntrustedCertificate) {
  IrcServer server(/*withTls=*/true);
  startChannel(config(server.tlsPort(), {{"tls", true}, {"host", "localhost"}}),
               /*waitConnected=*/false);
  const AccountStatus status =
      host.waitForStatus(*channel, [](const AccountStatus& s) { return !s.lastError.empty(); });
  EXPECT_FALSE(status.connected);
  EXPECT_NE(status.lastError.find("TLS handshake"), std::string::npos) << status.lastError;
}

TEST_F(IrcChannelTest, SendWithoutALinkIsNotLinked) {
  const int nothingListens = e2e::freePort();
  startChannel(config(nothingListens), /*waitConnected=*/false);
  host.waitForStatus(*channel, [](const AccountStatus& s) { return s.reconnectAttempts > 0; });
  const SendResult result = host.send(*channel, "#room", "hello?");
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, protocol::codes::kNotLinked);
  EXPECT_TRUE(isDisconnected(host.onLoop([&] { return channel->status().at(0); })));
}

TEST_F(IrcChannelTest, UnconfiguredChannelReportsWhatIsMissing) {
  startChannel({{"host", "127.0.0.1"}}, /*waitConnected=*/false);
  const AccountStatus status = host.onLoop([&] { return channel->status().at(0); });
  EXPECT_FALSE(status.configured);
  EXPECT_FALSE(status.connected);
  EXPECT_NE(status.lastError.find("nick"), std::string::npos);
  EXPECT_EQ(host.send(*channel, "#room", "x").error().code, protocol::codes::kNotLinked);
}

TEST_F(IrcChannelTest, ReconfigureKeepsTheConnectionUnlessConnectionSettingsChange) {
  IrcServer server;
  startChannel(config(server.port()));
  IrcTestUser alice(server.port(), "alice");
  alice.join("#room");
  alice.join("#other");
  alice.waitForMember("#room", "clawbot", ircDeadline());

  // A new channel list is applied on the open connection.
  host.onLoop([&] {
    channel->reconfigure(config(server.port(), {{"channels", {"#other"}}}));
    return 0;
  });
  const IrcMessage part = alice.waitFor(
      [](const IrcMessage& m) { return m.command == "PART" && m.sourceNick() == "clawbot"; },
      ircDeadline());
  EXPECT_EQ(part.param(0), "#room");
  alice.waitForMember("#other", "clawbot", ircDeadline());

  // A new nick needs a new connection: the old one quits, the new one registers.
  host.onLoop([&] {
    channel->reconfigure(config(server.port(), {{"nick", "newbot"}, {"channels", {"#other"}}}));
    return 0;
  });
  alice.waitFor(
      [](const IrcMessage& m) { return m.command == "QUIT" && m.sourceNick() == "clawbot"; },
      ircDeadline());
  alice.waitForMember("#other", "newbot", ircDeadline());
}

TEST_F(IrcChannelTest, StopQuitsAndReportsNotRunning) {
  IrcServer server;
  startChannel(config(server.port()));
  IrcTestUser alice(server.port(), "alice");
  alice.join("#room");
  alice.waitForMember("#room", "clawbot", ircDeadline());

  std::promise<void> stopped;
  host.onLoop([&] {
    channel->stop([&stopped] { stopped.set_value(); });
    return 0;
  });
  ASSERT_EQ(stopped.get_future().wait_for(10s), std::future_status::ready);
  alice.waitFor(
      [](const IrcMessage& m) { return m.command == "QUIT" && m.sourceNick() == "clawbot"; },
      ircDeadline());
  const AccountStatus status = host.onLoop([&] { return channel->status().at(0); });
  EXPECT_FALSE(status.running);
  EXPECT_FALSE(status.connected);
  EXPECT_EQ(host.send(*channel, "alice", "x").error().code, protocol::codes::kNotLinked);
}

}  // namespace
}  // namespace openclaw::channels::irc
