#include "channels/signal/signal_config.h"

#include <gtest/gtest.h>

#include "channels/account_blocks.h"
#include "channels/signal/signal_daemon.h"

namespace openclaw::channels::signal {
namespace {

using nlohmann::json;

SignalConfig parse(const json& block, const std::string& pointer = "/channels/signal") {
  return SignalConfig::fromView(accountConfigView(pointer, block), pointer);
}

std::string errorOf(const json& block) {
  try {
    parse(block);
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

TEST(SignalConfig, DefaultsRunAManagedDaemonOnLoopback) {
  const SignalConfig config = parse({{"account", "+15551234567"}});
  EXPECT_TRUE(config.enabled);
  EXPECT_TRUE(config.managed());
  EXPECT_EQ(config.url, "http://127.0.0.1:8080");
  EXPECT_EQ(config.cliPath, "signal-cli");
  EXPECT_EQ(config.textChunkLimit, 4000u);
  EXPECT_EQ(config.mediaMaxBytes, 8u * 1024 * 1024);
  EXPECT_EQ(config.startupTimeout, std::chrono::milliseconds(30000));
  EXPECT_EQ(daemonArgv(config),
            (std::vector<std::string>{"signal-cli", "-a", "+15551234567", "daemon", "--http",
                                      "127.0.0.1:8080", "--no-receive-stdout"}));
  EXPECT_TRUE(parse(json::object()).account.empty());  // not configured, not an error
}

TEST(SignalConfig, ManagedDaemonOptionsBecomeItsArguments) {
  const SignalConfig config = parse({{"account", "+15551234567"},
                                     {"ignoreAttachments", true},
                                     {"sendReadReceipts", true},
                                     {"transport",
                                      {{"kind", "managed-native"},
                                       {"cliPath", "/opt/signal-cli/bin/signal-cli"},
                                       {"configPath", "/var/lib/signal"},
                                       {"httpHost", "::1"},
                                       {"httpPort", 8099},
                                       {"receiveMode", "on-start"},
                                       {"ignoreStories", true}}}});
  EXPECT_EQ(config.url, "http://[::1]:8099");
  EXPECT_EQ(
      daemonArgv(config),
      (std::vector<std::string>{
          "/opt/signal-cli/bin/signal-cli", "--config", "/var/lib/signal", "-a", "+15551234567",
          "daemon", "--http", "::1:8099", "--no-receive-stdout", "--receive-mode", "on-start",
          "--ignore-attachments", "--ignore-stories", "--send-read-receipts"}));
}

TEST(SignalConfig, ExternalDaemonNeedsItsUrl) {
  const SignalConfig config =
      parse({{"account", "+15551234567"},
             {"transport", {{"kind", "external-native"}, {"url", "http://signal.local:8080/"}}}});
  EXPECT_FALSE(config.managed());
  EXPECT_EQ(config.url, "http://signal.local:8080");
  EXPECT_EQ(errorOf({{"transport", {{"kind", "external-native"}}}}),
            "config: channels.signal.transport.url: is required with kind \"external-native\"");
}

// Upstream's older flat httpUrl (what `openclaw channels add --http-url` writes).
TEST(SignalConfig, FlatHttpUrlMeansAnExternalDaemon) {
  const SignalConfig config =
      parse({{"account", "+15551234567"}, {"httpUrl", "http://10.0.0.5:8080"}});
  EXPECT_FALSE(config.managed());
  EXPECT_EQ(config.url, "http://10.0.0.5:8080");
  EXPECT_EQ(errorOf({{"httpUrl", "http://x:1"}, {"transport", {{"kind", "managed-native"}}}}),
            "config: channels.signal.httpUrl: cannot be combined with transport; use transport.url "
            "instead");
}

TEST(SignalConfig, BadValuesNameTheirKey) {
  EXPECT_EQ(errorOf({{"account", "5551234567"}}),
            "config: channels.signal.account: must be the bot's phone number in E.164 form "
            "(+15551234567), got \"5551234567\"");
  EXPECT_NE(errorOf({{"transport", {{"kind", "container"}, {"url", "http://x:1"}}}})
                .find("channels.signal.transport.kind: \"container\""),
            std::string::npos);
  EXPECT_NE(errorOf({{"transport", {{"socketPath", "/run/signal.sock"}}}})
                .find("channels.signal.transport.socketPath"),
            std::string::npos);
  EXPECT_NE(errorOf({{"transport", {{"url", "ftp://x"}}}}).find("channels.signal.transport.url"),
            std::string::npos);
  EXPECT_NE(
      errorOf({{"transport", {{"url", "http://user:pw@x"}}}}).find("channels.signal.transport.url"),
      std::string::npos);
  EXPECT_NE(errorOf({{"transport", {{"httpPort", 0}}}}).find("channels.signal.transport.httpPort"),
            std::string::npos);
  EXPECT_NE(errorOf({{"transport", {{"startupTimeoutMs", 500}}}})
                .find("channels.signal.transport.startupTimeoutMs"),
            std::string::npos);
  EXPECT_NE(errorOf({{"textChunkLimit", 0}}).find("channels.signal.textChunkLimit"),
            std::string::npos);
  EXPECT_NE(parse({{"account", "+15551234567"}}, "/channels/signal/accounts/work").account, "");
  try {
    parse({{"account", "nope"}}, "/channels/signal/accounts/work");
    FAIL();
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("channels.signal.accounts.work.account"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace openclaw::channels::signal
