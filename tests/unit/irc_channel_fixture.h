#pragma once

// The gateway side of the IRC channel tests: an event loop on its own thread standing in for
// the gateway, and a fixture that builds the IRC channel against a test server.
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

#include "channels/irc/irc_channel.h"
#include "config/gateway_settings.h"
#include "daemon/gateway_schema.h"
#include "irc_server.h"
#include "rpc/event_sink.h"
#include "rpc/http_router.h"
#include "store/database.h"
#include "temp_dir.h"

namespace openclaw::channels::irc {

using nlohmann::json;
using testsupport::ircDeadline;
using namespace std::chrono_literals;

class SilentSink : public rpc::EventSink {
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

  rpc::GatewayRuntime& runtime() override { return runtime_; }

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
  void saveMedia(const std::string&, MediaFile,
                 std::function<void(std::optional<InboundMedia>)> done) override {
    done(std::nullopt);
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

  SendResult send(Channel& channel, const std::string& to, const std::string& text,
                  const std::string& accountId = "") {
    std::promise<SendResult> result;
    onLoop([&] {
      channel.send({accountId, to, text, "", "", {}},
                   [&result](SendResult r) { result.set_value(r); });
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
  store::Database database_{dir_.path() / "openclaw.db", daemon::gatewaySchema()};
  config::GatewaySettings settings_;
  SilentSink sink_;
  rpc::GatewayRuntime runtime_{io_, storage_, blocking_, database_, settings_, sink_};
  std::map<std::string, std::string> state_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<InboundMessage> delivered_;
  std::size_t taken_ = 0;
  int statusChanges_ = 0;
  std::thread thread_;  // last: starts once everything it uses exists
};

inline bool isConnected(const AccountStatus& status) { return status.connected; }

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
      channel = makeIrcChannelWithEnv(host, block, router,
                                      [](const std::string&) { return std::nullopt; });
      channel->start();
      return 0;
    });
    if (waitConnected) host.waitForStatus(*channel, isConnected);
  }

  RecordingHost host;
  rpc::HttpRouter router;
  std::unique_ptr<Channel> channel;
};

}  // namespace openclaw::channels::irc
