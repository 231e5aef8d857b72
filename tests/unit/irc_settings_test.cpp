#include "channels/irc/irc_settings.h"

#include <gtest/gtest.h>

#include <map>

#include "config/config_file.h"
#include "env_lookup.h"
#include "temp_dir.h"

namespace openclaw::channels::irc {
namespace {

TEST(IrcSettings, DefaultsFollowTls) {
  const IrcSettings tls =
      parseIrcSettings({{"host", "irc.example"}, {"nick", "bot"}}, testsupport::environmentOf({}));
  EXPECT_TRUE(tls.tls);
  EXPECT_EQ(tls.port, 6697);
  EXPECT_EQ(tls.username, "bot");
  EXPECT_EQ(tls.realname, "OpenClaw");
  EXPECT_TRUE(tls.configured());
  EXPECT_EQ(tls.nickservService, "NickServ");

  const IrcSettings plain =
      parseIrcSettings({{"host", "h"}, {"tls", false}}, testsupport::environmentOf({}));
  EXPECT_EQ(plain.port, 6667);
  EXPECT_EQ(plain.username, "openclaw");
  EXPECT_FALSE(plain.configured());  // no nick
}

TEST(IrcSettings, ReadsEveryKey) {
  testsupport::TempDir dir;
  const auto passwordFile = dir.write("nickserv.txt", "from-file\n");
  const nlohmann::json block = {
      {"enabled", false},
      {"host", "irc.example"},
      {"port", 7000},
      {"tls", true},
      {"tlsCaFile", "/ca.pem"},
      {"nick", "claw"},
      {"username", "u"},
      {"realname", "R"},
      {"password", "server-pass"},
      {"channels", {"#a", "#b"}},
      {"nickserv", {{"enabled", true}, {"service", "AuthServ"}, {"passwordFile", passwordFile}}},
      {"textChunkLimit", 200},
      {"sendBurst", 2},
      {"sendIntervalMs", 50},
      {"reconnectDelayMs", 10},
      {"reconnectMaxDelayMs", 100},
      {"dmPolicy", "pairing"},
      {"groups", {{"#a", {{"requireMention", false}}}}}};
  const IrcSettings settings =
      parseIrcSettings(block, testsupport::environmentOf({{"IRC_HOST", "ignored"}}));
  EXPECT_FALSE(settings.enabled);
  EXPECT_EQ(settings.host, "irc.example");
  EXPECT_EQ(settings.port, 7000);
  EXPECT_EQ(settings.tlsCaFile, "/ca.pem");
  EXPECT_EQ(settings.nick, "claw");
  EXPECT_EQ(settings.username, "u");
  EXPECT_EQ(settings.realname, "R");
  EXPECT_EQ(settings.password, "server-pass");
  EXPECT_EQ(settings.channels, (std::vector<std::string>{"#a", "#b"}));
  EXPECT_EQ(settings.nickservService, "AuthServ");
  EXPECT_EQ(settings.nickservPassword, "from-file");
  EXPECT_EQ(settings.textChunkLimit, 200u);
  EXPECT_EQ(settings.sendBurst, 2);
  EXPECT_EQ(settings.sendInterval, std::chrono::milliseconds(50));
  EXPECT_EQ(settings.reconnectDelay, std::chrono::milliseconds(10));
  EXPECT_EQ(settings.reconnectMaxDelay, std::chrono::milliseconds(100));
}

TEST(IrcSettings, EnvironmentFillsUnsetKeys) {
  const IrcSettings settings = parseIrcSettings(
      {{"nick", "configured"}}, testsupport::environmentOf({{"IRC_HOST", "env.example"},
                                                            {"IRC_PORT", "6668"},
                                                            {"IRC_TLS", "false"},
                                                            {"IRC_NICK", "envnick"},
                                                            {"IRC_PASSWORD", "pw"},
                                                            {"IRC_CHANNELS", "#one, #two ,"},
                                                            {"IRC_NICKSERV_PASSWORD", "ns"}}));
  EXPECT_EQ(settings.host, "env.example");
  EXPECT_EQ(settings.port, 6668);
  EXPECT_FALSE(settings.tls);
  EXPECT_EQ(settings.nick, "configured");
  EXPECT_EQ(settings.password, "pw");
  EXPECT_EQ(settings.channels, (std::vector<std::string>{"#one", "#two"}));
  EXPECT_EQ(settings.nickservPassword, "ns");
}

TEST(IrcSettings, RejectsBadValues) {
  EXPECT_THROW(parseIrcSettings({{"port", 0}}, testsupport::environmentOf({})),
               config::ConfigError);
  EXPECT_THROW(parseIrcSettings({{"host", 5}}, testsupport::environmentOf({})),
               config::ConfigError);
  EXPECT_THROW(parseIrcSettings({{"channels", "#a"}}, testsupport::environmentOf({})),
               config::ConfigError);
  EXPECT_THROW(
      parseIrcSettings({{"passwordFile", "/nonexistent/pw"}}, testsupport::environmentOf({})),
      config::ConfigError);
  EXPECT_THROW(parseIrcSettings({}, testsupport::environmentOf({{"IRC_PORT", "http"}})),
               config::ConfigError);
}

TEST(IrcSettings, OnlyConnectionKeysNeedANewConnection) {
  const nlohmann::json base = {{"host", "h"}, {"nick", "n"}, {"channels", {"#a"}}};
  const IrcSettings before = parseIrcSettings(base, testsupport::environmentOf({}));
  nlohmann::json changed = base;
  changed["channels"] = {"#a", "#b"};
  changed["textChunkLimit"] = 100;
  changed["sendIntervalMs"] = 10;
  EXPECT_TRUE(before.sameConnection(parseIrcSettings(changed, testsupport::environmentOf({}))));
  changed["nick"] = "other";
  EXPECT_FALSE(before.sameConnection(parseIrcSettings(changed, testsupport::environmentOf({}))));
}

}  // namespace
}  // namespace openclaw::channels::irc
