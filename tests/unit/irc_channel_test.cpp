// The IRC channel against a real IRC server (ngircd) with a raw IRC user on the other side.
#include "channels/irc/irc_channel.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "channels/irc/irc_chunking.h"
#include "config/gateway_settings.h"
#include "gateway/event_sink.h"
#include "irc_server.h"
#include "store/database.h"
#include "temp_dir.h"

namespace openclaw::channels::irc {
namespace {

using nlohmann::json;
using testsupport::ircDeadline;
using testsupport::IrcServer;
using testsupport::IrcTestUser;
using namespace std::chrono_literals;

class SilentSink : public gateway::EventSink {
 public:
  void broadcastToOperators(const std::string&, const json&, const std::string&) override {}
  bool sendTo(const std::string&, const std::string&, const json&) override { return false; }
};

// The gateway side of a channel: an event loop on its own thread, delivered messages recorded
// (and acknowledged as stored), status changes counted.
class RecordingHost : public ChannelHost {
 public:
  RecordingHost() : thread_([this] { io_.run(); }) {}
  ~RecordingHost() override {
    work_.reset();
    thread_.join();
    storage_.join();
    blocking_.join();
  }

  gateway::GatewayRuntime& runtime() override { return runtime_; }

  void deliver(InboundMessage message, std::function<void(bool)> persisted) override {
    {
      std::lock_guard lock(mutex_);
      delivered_.push_back(std::move(message));
    }
    changed_.notify_all();
    persisted(true);
  }
  void loadState(const std::string& accountId, const std::string& key,
                 std::function<void(std::optional<std::string>)> done) override {
    const auto found = state_.find(accountId + "/" + key);
    done(found == state_.end() ? std::nullopt : std::optional(found->second));
  }
  void saveState(const std::string& accountId, const std::string& key, std::string value,
                 std::function<void(bool)> done) override {
    state_[accountId + "/" + key] = std::move(value);
    done(true);
  }
  void statusChanged() override {
    {
      std::lock_guard lock(mutex_);
      ++statusChanges_;
    }
    changed_.notify_all();
  }

  // Runs `work` on the event loop and returns its result.
  template <class Work>
  auto onLoop(Work work) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto result = task.get_future();
    boost::asio::post(io_, [&task] { task(); });
    return result.get();
  }

  // The next delivered message (in order of arrival), waiting until the deadline.
  InboundMessage nextMessage(testsupport::IrcDeadline deadline = ircDeadline()) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_until(lock, deadline, [&] { return delivered_.size() > taken_; })) {
      throw std::runtime_error("no inbound message arrived in time");
    }
    return delivered_[taken_++];
  }

  // Waits until the channel's (only) account status satisfies `accept`; returns that status.
  AccountStatus waitForStatus(Channel& channel,
                              const std::function<bool(const AccountStatus&)>& accept,
                              testsupport::IrcDeadline deadline = ircDeadline()) {
    while (true) {
      std::unique_lock lock(mutex_);
      const int seen = statusChanges_;
      lock.unlock();
      const AccountStatus status = onLoop([&] { return channel.status().at(0); });
      if (accept(status)) return status;
      lock.lock();
      if (!changed_.wait_until(lock, deadline, [&] { return statusChanges_ != seen; })) {
        throw std::runtime_error("status never reached the expected state; lastError: " +
                                 status.lastError);
      }
    }
  }

  SendResult send(Channel& channel, const std::string& to, const std::string& text) {
    std::promise<SendResult> result;
    onLoop([&] {
      channel.send({"", to, text, "", ""}, [&result](SendResult r) { result.set_value(r); });
      return 0;
    });
    auto future = result.get_future();
    if (future.wait_for(30s) != std::future_status::ready) throw std::runtime_error("send hung");
    return future.get();
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  boost::asio::thread_pool storage_{1};
  boost::asio::thread_pool blocking_{1};
  testsupport::TempDir dir_;
  store::Database database_{dir_.path() / "openclaw.db"};
  config::GatewaySettings settings_;
  SilentSink sink_;
  gateway::GatewayRuntime runtime_{io_, storage_, blocking_, database_, settings_, sink_};
  std::map<std::string, std::string> state_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<InboundMessage> delivered_;
  std::size_t taken_ = 0;
  int statusChanges_ = 0;
  std::thread thread_;  // last: starts once everything it uses exists
};

bool isConnected(const AccountStatus& status) { return status.connected; }

class IrcChannelTest : public ::testing::Test {
 protected:
  ~IrcChannelTest() override {
    if (channel) {
      std::promise<void> stopped;
      host.onLoop([&] {
        channel->stop([&stopped] { stopped.set_value(); });
        return 0;
      });
      stopped.get_future().wait_for(10s);
      host.onLoop([&] {
        channel.reset();
        return 0;
      });
    }
  }

  // A plain-text config for the test server with fast pacing and reconnects.
  json config(int port, json patch = json::object()) {
    json block = {{"host", "127.0.0.1"},    {"port", port},
                  {"tls", false},           {"nick", "clawbot"},
                  {"channels", {"#room"}},  {"sendIntervalMs", 20},
                  {"reconnectDelayMs", 50}, {"reconnectMaxDelayMs", 200}};
    block.merge_patch(patch);
    return block;
  }

  // Builds and starts the channel; with `waitConnected`, returns once it is registered.
  void startChannel(const json& block, bool waitConnected = true) {
    host.onLoop([&] {
      channel = std::make_unique<IrcChannel>(host, block,
                                             [](const std::string&) { return std::nullopt; });
      channel->start();
      return 0;
    });
    if (waitConnected) host.waitForStatus(*channel, isConnected);
  }

  RecordingHost host;
  std::unique_ptr<IrcChannel> channel;
};

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
  ASSERT_TRUE(toChannel.ok) << toChannel.error;
  EXPECT_EQ(toChannel.messageIds.size(), 1u);
  const IrcMessage inRoom = alice.waitForPrivmsg("#room", ircDeadline());
  EXPECT_EQ(inRoom.sourceNick(), "clawbot");
  EXPECT_EQ(inRoom.param(1), "hello room");

  const SendResult toNick = host.send(*channel, "alice", "hello alice");
  ASSERT_TRUE(toNick.ok) << toNick.error;
  EXPECT_EQ(alice.waitForPrivmsg("alice", ircDeadline()).param(1), "hello alice");
  EXPECT_NE(toNick.messageIds.at(0), toChannel.messageIds.at(0));
  EXPECT_TRUE(host.onLoop([&] { return channel->status().at(0).lastOutboundAtMs.has_value(); }));
}

TEST_F(IrcChannelTest, LongTextArrivesInOrderInLinesWithinTheLimit) {
  IrcServer server;
  startChannel(config(server.port(), {{"textChunkLimit", 5000}}));
  IrcTestUser alice(server.port(), "alice");

  std::string paragraph;
  for (int i = 0; i < 300; ++i) paragraph += "word" + std::to_string(i) + " ";
  const std::string text = "Überschrift\n\n" + paragraph + "\nlast line";
  const SendResult result = host.send(*channel, "alice", text);
  ASSERT_TRUE(result.ok) << result.error;
  ASSERT_GE(result.messageIds.size(), 4u);

  std::vector<std::string> lines;
  for (std::size_t i = 0; i < result.messageIds.size(); ++i) {
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
