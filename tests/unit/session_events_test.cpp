// sessions.subscribe / sessions.messages.subscribe and the events they deliver, in process.
#include <gtest/gtest.h>

#include <algorithm>

#include "in_process_gateway.h"
#include "scripted_provider.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

constexpr const char* kMainKey = "agent:main:main";

bool isEvent(const json& frame, const std::string& name) {
  return frame.value("type", "") == "event" && frame.value("event", "") == name;
}

// How many `name` events the connection got so far.
std::size_t eventCount(const std::shared_ptr<FakeConnection>& connection, const std::string& name) {
  return static_cast<std::size_t>(
      std::count_if(connection->sent.begin(), connection->sent.end(),
                    [&](const std::string& text) { return isEvent(json::parse(text), name); }));
}

class SessionEvents : public ::testing::Test {
 protected:
  // Runs one turn in the main session and waits for its end.
  void runOnce(const std::shared_ptr<FakeConnection>& client, const std::string& id) {
    provider_.enqueue(ScriptedReply::text({"ok"}));
    const std::string request =
        gateway_.sendRequest(client, "agent", {{"message", "hi"}, {"idempotencyKey", id}});
    ASSERT_EQ(gateway_.response(client, request, 1).at("payload").at("status"), "ok");
  }

  json changedWhere(const std::shared_ptr<FakeConnection>& client,
                    const std::function<bool(const json&)>& match) {
    return gateway_.waitFrame(client, [&](const json& frame) {
      return isEvent(frame, "sessions.changed") && match(frame.at("payload"));
    });
  }

  ScriptedProvider provider_;
  InProcessGateway gateway_{provider_.gatewayConfig()};
};

TEST_F(SessionEvents, HelloAdvertisesTheEvents) {
  auto client = gateway_.open();
  gateway_.sendRequest(client, "connect", InProcessGateway::connectParams({"operator.read"}));
  const json hello = gateway_.waitFrame(client, [](const json& frame) {
    return frame.value("type", "") == "res" && frame.contains("payload");
  });
  const json& events = hello.at("payload").at("features").at("events");
  EXPECT_NE(std::find(events.begin(), events.end(), "sessions.changed"), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), "session.message"), events.end());
}

TEST_F(SessionEvents, ListSubscribersHearOfCreationRunsAndPatchesOthersDoNot) {
  auto subscriber = gateway_.connectOperator();
  auto bystander = gateway_.connectOperator();
  EXPECT_EQ(gateway_.request(subscriber, "sessions.subscribe").at("payload"),
            (json{{"subscribed", true}}));
  runOnce(subscriber, "r-1");
  const json created =
      changedWhere(subscriber, [](const json& p) { return p.at("reason") == "create"; });
  EXPECT_EQ(created.at("payload").at("sessionKey"), kMainKey);
  EXPECT_EQ(created.at("payload").at("session").at("key"), kMainKey);
  const json started =
      changedWhere(subscriber, [](const json& p) { return p.value("phase", "") == "start"; });
  EXPECT_EQ(started.at("payload").at("status"), "running");
  EXPECT_EQ(started.at("payload").at("hasActiveRun"), true);
  changedWhere(subscriber, [](const json& p) { return p.value("phase", "") == "end"; });

  gateway_.request(subscriber, "sessions.patch", {{"key", "main"}, {"label", "Work"}});
  const json patched =
      changedWhere(subscriber, [](const json& p) { return p.at("reason") == "patch"; });
  EXPECT_EQ(patched.at("payload").at("session").at("label"), "Work");
  EXPECT_EQ(eventCount(bystander, "sessions.changed"), 0u);

  gateway_.request(subscriber, "sessions.delete", {{"key", "main"}});
  const json deleted =
      changedWhere(subscriber, [](const json& p) { return p.at("reason") == "delete"; });
  EXPECT_FALSE(deleted.at("payload").contains("session"));
  EXPECT_EQ(eventCount(bystander, "sessions.changed"), 0u);
}

TEST_F(SessionEvents, SubscribeWithListParamsAnswersTheListToo) {
  auto client = gateway_.connectOperator();
  runOnce(client, "r-1");
  const json answer =
      gateway_.request(client, "sessions.subscribe", {{"limit", 5}, {"includeLastMessage", true}})
          .at("payload");
  EXPECT_EQ(answer.at("subscribed"), true);
  EXPECT_EQ(answer.at("list").at("sessions").at(0).at("lastMessagePreview"), "ok");
  EXPECT_TRUE(
      isError(gateway_.request(client, "sessions.subscribe", {{"nope", 1}}), "INVALID_REQUEST"));
}

TEST_F(SessionEvents, UnsubscribedConnectionsHearNothing) {
  auto leaver = gateway_.connectOperator();
  auto witness = gateway_.connectOperator();
  gateway_.request(leaver, "sessions.subscribe");
  gateway_.request(witness, "sessions.subscribe");
  EXPECT_EQ(gateway_.request(leaver, "sessions.unsubscribe").at("payload"),
            (json{{"subscribed", false}}));
  gateway_.request(witness, "sessions.patch", {{"key", "main"}, {"label", "x"}});
  changedWhere(witness, [](const json& p) { return p.at("reason") == "patch"; });
  EXPECT_EQ(eventCount(leaver, "sessions.changed"), 0u);
  EXPECT_TRUE(isError(gateway_.request(leaver, "sessions.unsubscribe", {{"key", "main"}}),
                      "INVALID_REQUEST"));
}

TEST_F(SessionEvents, MessageSubscribersGetEachAppendedMessageOfTheirSession) {
  auto follower = gateway_.connectOperator();
  auto elsewhere = gateway_.connectOperator();
  EXPECT_EQ(
      gateway_.request(follower, "sessions.messages.subscribe", {{"key", "main"}}).at("payload"),
      (json{{"subscribed", true}, {"key", kMainKey}}));
  gateway_.request(elsewhere, "sessions.messages.subscribe", {{"key", "other"}});
  runOnce(follower, "r-1");
  const json user = gateway_.event(follower, "session.message", 0).at("payload");
  EXPECT_EQ(user.at("sessionKey"), kMainKey);
  EXPECT_EQ(user.at("messageSeq"), 1);
  EXPECT_EQ(user.at("runId"), "r-1");
  EXPECT_EQ(user.at("message").at("role"), "user");
  EXPECT_EQ(user.at("hasActiveRun"), false);  // announced before the run starts
  EXPECT_EQ(user.at("message").at("__openclaw").at("id"), user.at("messageId"));
  const json reply = gateway_.event(follower, "session.message", 1).at("payload");
  EXPECT_EQ(reply.at("messageSeq"), 2);
  EXPECT_EQ(reply.at("message").at("content").at(0).at("text"), "ok");
  EXPECT_EQ(eventCount(elsewhere, "session.message"), 0u);

  // The message id names the message for chat.message.get.
  const json got = gateway_.request(follower, "chat.message.get",
                                    {{"sessionKey", "main"}, {"messageId", reply.at("messageId")}});
  EXPECT_EQ(got.at("payload").at("message").at("content").at(0).at("text"), "ok");

  EXPECT_EQ(gateway_.request(follower, "sessions.messages.unsubscribe", {{"key", kMainKey}})
                .at("payload"),
            (json{{"subscribed", false}, {"key", kMainKey}}));
  gateway_.request(elsewhere, "sessions.messages.subscribe", {{"key", "main"}});
  runOnce(follower, "r-2");
  gateway_.event(elsewhere, "session.message", 1);  // both messages of the second run
  EXPECT_EQ(eventCount(follower, "session.message"), 2u);
}

TEST_F(SessionEvents, MessageSubscriptionsAreBoundedPerConnection) {
  auto client = gateway_.connectOperator();
  const std::size_t cap = methods::SessionEvents::kMaxMessageKeysPerConnection;
  for (std::size_t i = 0; i < cap; ++i) {
    const json answer =
        gateway_.request(client, "sessions.messages.subscribe", {{"key", "s" + std::to_string(i)}});
    ASSERT_EQ(answer.value("ok", false), true) << answer.dump();
  }
  EXPECT_TRUE(
      isError(gateway_.request(client, "sessions.messages.subscribe", {{"key", "one-more"}}),
              "INVALID_REQUEST"));
  // Following a key again is not another subscription; freeing one makes room.
  EXPECT_EQ(
      gateway_.request(client, "sessions.messages.subscribe", {{"key", "s0"}}).value("ok", false),
      true);
  gateway_.request(client, "sessions.messages.unsubscribe", {{"key", "s1"}});
  EXPECT_EQ(gateway_.request(client, "sessions.messages.subscribe", {{"key", "one-more"}})
                .value("ok", false),
            true);
  // Another connection has its own allowance.
  auto other = gateway_.connectOperator();
  EXPECT_EQ(gateway_.request(other, "sessions.messages.subscribe", {{"key", "one-more"}})
                .value("ok", false),
            true);
}

TEST_F(SessionEvents, BadParamsAreRefused) {
  auto client = gateway_.connectOperator({"operator.read"});
  EXPECT_TRUE(isError(gateway_.request(client, "sessions.messages.subscribe"), "INVALID_REQUEST"));
  EXPECT_TRUE(
      isError(gateway_.request(client, "sessions.messages.subscribe", {{"key", "agent::x"}}),
              "INVALID_REQUEST"));
  EXPECT_TRUE(isError(
      gateway_.request(client, "sessions.messages.unsubscribe", {{"key", "main"}, {"extra", 1}}),
      "INVALID_REQUEST"));
  // Approval replays need the approvals scope.
  EXPECT_TRUE(isError(gateway_.request(client, "sessions.messages.subscribe",
                                       {{"key", "main"}, {"includeApprovals", true}}),
                      "INVALID_REQUEST"));
  auto approver = gateway_.connectOperator({"operator.read", "operator.approvals"});
  const json replay = gateway_.request(approver, "sessions.messages.subscribe",
                                       {{"key", "main"}, {"includeApprovals", true}});
  EXPECT_EQ(replay.at("payload").at("approvalReplay").at("approvals"), json::array());
}

TEST_F(SessionEvents, SubscriptionsEndWithTheirConnection) {
  auto client = gateway_.connectOperator();
  gateway_.request(client, "sessions.subscribe");
  gateway_.request(client, "sessions.messages.subscribe", {{"key", "main"}});
  methods::SessionEvents& events = gateway_.services().sessionEvents();
  EXPECT_TRUE(events.subscribed(client->connId()));
  gateway_.disconnect(client);
  EXPECT_FALSE(events.subscribed(client->connId()));
  // Later changes reach the others and nothing is sent to the closed connection.
  auto witness = gateway_.connectOperator();
  gateway_.request(witness, "sessions.subscribe");
  const std::size_t sentBefore = client->sent.size();
  gateway_.request(witness, "sessions.patch", {{"key", "main"}, {"label", "x"}});
  changedWhere(witness, [](const json& p) { return p.at("reason") == "patch"; });
  EXPECT_EQ(client->sent.size(), sentBefore);
}

}  // namespace
}  // namespace openclaw::testsupport
