#include <gtest/gtest.h>

#include "channels/channel_account.h"
#include "irc_channel_fixture.h"
#include "rpc/http_router.h"

namespace openclaw::channels {
namespace {

using nlohmann::json;

// An account that records what the wrapper asks of it in a shared log: "start a#1", "stop a#1",
// "send a#1 hi", "forget a#2", where #n counts the objects built for that account.
class LoggingAccount final : public ChannelAccount {
 public:
  LoggingAccount(std::string name, std::vector<std::string>& log)
      : name_(std::move(name)), log_(log) {}
  void start() override { log_.push_back("start " + name_); }
  void stop(std::function<void()> done) override {
    log_.push_back("stop " + name_);
    done();
  }
  AccountStatus status() const override {
    AccountStatus status;
    status.connected = true;
    status.mode = name_;
    return status;
  }
  void send(const OutboundMessage& message, std::function<void(SendResult)> done) override {
    log_.push_back("send " + name_ + " " + message.text);
    done(std::vector<std::string>{"m1"});
  }
  void probe(std::chrono::milliseconds, std::function<void(ProbeResult)> done) override {
    done({{"ok", true}, {"account", name_}});
  }
  void forgetSession(std::function<void(LogoutResult)> done) override {
    log_.push_back("forget " + name_);
    done({true, ""});
  }

 private:
  std::string name_;
  std::vector<std::string>& log_;
};

class AccountsChannelTest : public ::testing::Test {
 protected:
  std::unique_ptr<Channel> make(const json& block) {
    return host_.onLoop([&] {
      return makeAccountsChannel(
          "demo", "Demo", host_, block, router_,
          [this](AccountContext context, const json& merged) -> std::unique_ptr<ChannelAccount> {
            if (merged.value("token", "") == "bad") {
              throw accountConfigView(context.pointer, merged)
                  .errorAt(context.pointer + "/token", "is bad");
            }
            const std::string name = context.accountId + "#" +
                                     std::to_string(++built_[context.accountId]) +
                                     (context.isDefault ? "*" : "");
            return std::make_unique<LoggingAccount>(name, log_);
          });
    });
  }

  std::vector<std::string> takeLog() {
    return host_.onLoop([&] { return std::exchange(log_, {}); });
  }

  SendResult send(Channel& channel, const std::string& accountId, const std::string& text) {
    return host_.onLoop([&] {
      std::optional<SendResult> result;
      channel.send({accountId, "chat", text, "", "", {}}, [&](SendResult r) { result = r; });
      return *result;
    });
  }

  irc::RecordingHost host_;
  rpc::HttpRouter router_;
  std::map<std::string, int> built_;
  std::vector<std::string> log_;
};

const json kTwoAccounts = {{"defaultAccount", "work"},
                           {"accounts", {{"work", {{"token", "w"}}}, {"home", {{"token", "h"}}}}}};

TEST_F(AccountsChannelTest, SendsGoToTheNamedAccountOrTheDefault) {
  auto channel = make(kTwoAccounts);
  host_.onLoop([&] {
    channel->start();
    return 0;
  });
  EXPECT_EQ(takeLog(), (std::vector<std::string>{"start home#1", "start work#1*"}));
  ASSERT_TRUE(send(*channel, "home", "a"));
  ASSERT_TRUE(send(*channel, "", "b"));
  const SendResult unknown = send(*channel, "other", "c");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, protocol::codes::kNotLinked);
  EXPECT_EQ(takeLog(), (std::vector<std::string>{"send home#1 a", "send work#1* b"}));
  EXPECT_EQ(channel->defaultAccountId(), "work");
  host_.onLoop([&] {
    channel->stop([] {});
    return 0;
  });
}

TEST_F(AccountsChannelTest, AReconfigureRestartsOnlyTheChangedAccount) {
  auto channel = make(kTwoAccounts);
  host_.onLoop([&] {
    channel->start();
    return 0;
  });
  takeLog();
  json next = kTwoAccounts;
  next["accounts"]["home"]["token"] = "h2";
  next["accounts"]["spare"] = {{"token", "s"}};
  host_.onLoop([&] {
    channel->reconfigure(next);
    return 0;
  });
  EXPECT_EQ(takeLog(), (std::vector<std::string>{"stop home#1", "start home#2", "start spare#1"}));

  next["accounts"].erase("spare");
  next["accounts"]["work"]["token"] = "bad";
  host_.onLoop([&] {
    channel->reconfigure(next);
    return 0;
  });
  EXPECT_EQ(takeLog(), (std::vector<std::string>{"stop spare#1"}));
  const auto rows = host_.onLoop([&] { return channel->status(); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].accountId, "work");
  EXPECT_TRUE(rows[1].running);
  EXPECT_EQ(rows[1].lastError, "config: channels.demo.accounts.work.token: is bad");
  ASSERT_TRUE(send(*channel, "work", "still"));
  host_.onLoop([&] {
    channel->stop([] {});
    return 0;
  });
}

TEST_F(AccountsChannelTest, AccountsStopStartAndLogOutOnTheirOwn) {
  auto channel = make(kTwoAccounts);
  host_.onLoop([&] {
    channel->start();
    return 0;
  });
  takeLog();
  host_.onLoop([&] {
    channel->stopAccount("home", [](protocol::Result<void> result) { ASSERT_TRUE(result); });
    return 0;
  });
  EXPECT_FALSE(send(*channel, "home", "x"));
  ASSERT_TRUE(send(*channel, "work", "y"));
  EXPECT_TRUE(host_.onLoop([&] { return bool(channel->startAccount("home")); }));
  EXPECT_TRUE(host_.onLoop([&] { return bool(channel->startAccount("home")); }));  // no-op
  EXPECT_EQ(takeLog(), (std::vector<std::string>{"stop home#1", "send work#1* y", "start home#2"}));

  std::optional<protocol::Result<LogoutResult>> logout;
  host_.onLoop([&] {
    channel->logout("home", [&](protocol::Result<LogoutResult> result) { logout = result; });
    return 0;
  });
  ASSERT_TRUE(logout && *logout);
  EXPECT_TRUE((*logout)->cleared);
  EXPECT_EQ(takeLog(), (std::vector<std::string>{"stop home#2", "forget home#3"}));
  EXPECT_FALSE(host_.onLoop([&] { return bool(channel->startAccount("nobody")); }));
  host_.onLoop([&] {
    channel->stop([] {});
    return 0;
  });
}

TEST_F(AccountsChannelTest, ADisabledAccountDoesNotStart) {
  json block = kTwoAccounts;
  block["accounts"]["home"]["enabled"] = false;
  auto channel = make(block);
  host_.onLoop([&] {
    channel->start();
    return 0;
  });
  EXPECT_EQ(takeLog(), (std::vector<std::string>{"start work#1*"}));
  const auto refused = host_.onLoop([&] { return channel->startAccount("home"); });
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("disabled"), std::string::npos);
  const ProbeResult probe = host_.onLoop([&] {
    ProbeResult answer;
    channel->probe("home", std::chrono::seconds(1), [&](ProbeResult r) { answer = r; });
    return answer;
  });
  EXPECT_EQ(probe.value("account", ""), "home#1");
  host_.onLoop([&] {
    channel->stop([] {});
    return 0;
  });
}

TEST_F(AccountsChannelTest, AnInvalidFirstBlockIsRejected) {
  EXPECT_THROW(make(json{{"accounts", {{"a", {{"token", "bad"}}}}}}), config::ConfigError);
  EXPECT_THROW(make(json{{"accounts", 1}}), config::ConfigError);
}

}  // namespace
}  // namespace openclaw::channels
