// sessions.list, sessions.reset and sessions.delete, in process.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "scripted_provider.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

constexpr const char* kMainKey = "agent:main:main";

class SessionsMethods : public ::testing::Test {
 protected:
  // One finished run in session `key` (the main session by default).
  void runOnce(const std::shared_ptr<FakeConnection>& client, const std::string& message = "hi",
               const std::string& key = "main", const std::string& reply = "ok") {
    provider_.enqueue(ScriptedReply::text({reply}));
    const std::string id =
        gateway_.sendRequest(client, "agent",
                             {{"message", message},
                              {"sessionKey", key},
                              {"idempotencyKey", "s-" + std::to_string(++runs_)}});
    ASSERT_EQ(gateway_.response(client, id, 1).at("payload").at("status"), "ok");
  }

  json list(const std::shared_ptr<FakeConnection>& client, const json& params = json::object()) {
    return gateway_.request(client, "sessions.list", params).at("payload");
  }

  std::vector<std::string> listedKeys(const std::shared_ptr<FakeConnection>& client,
                                      const json& params) {
    std::vector<std::string> keys;
    const json answer = list(client, params);
    for (const json& row : answer.at("sessions")) keys.push_back(row.at("key"));
    return keys;
  }

  int runs_ = 0;

  ScriptedProvider provider_;
  InProcessGateway gateway_{provider_.gatewayConfig()};
};

TEST_F(SessionsMethods, ListStartsEmpty) {
  auto client = gateway_.connectOperator();
  const json list = gateway_.request(client, "sessions.list").at("payload");
  EXPECT_EQ(list.at("count"), 0);
  EXPECT_TRUE(list.at("sessions").empty());
}

TEST_F(SessionsMethods, ListResetAndDeleteTheMainSession) {
  auto client = gateway_.connectOperator();
  runOnce(client);
  const json list = this->list(client);
  ASSERT_EQ(list.at("count"), 1) << list.dump();
  const json row = list.at("sessions").at(0);
  EXPECT_EQ(row.at("key"), kMainKey);
  EXPECT_EQ(row.at("isMain"), true);
  EXPECT_EQ(row.at("lastRunId"), "s-1");
  EXPECT_EQ(list.at("defaults").at("model"), "test-model");
  EXPECT_EQ(list.at("defaults").at("modelProvider"), "scripted");

  const json reset = gateway_.request(client, "sessions.reset", {{"key", "main"}}).at("payload");
  EXPECT_EQ(reset.at("key"), kMainKey);
  EXPECT_NE(reset.at("entry").at("sessionId"), row.at("sessionId"));
  EXPECT_TRUE(gateway_.request(client, "chat.history", {{"sessionKey", kMainKey}})
                  .at("payload")
                  .at("messages")
                  .empty());

  EXPECT_EQ(
      gateway_.request(client, "sessions.delete", {{"key", kMainKey}}).at("payload").at("deleted"),
      true);
  EXPECT_EQ(gateway_.request(client, "sessions.list").at("payload").at("count"), 0);
  EXPECT_EQ(
      gateway_.request(client, "sessions.delete", {{"key", kMainKey}}).at("payload").at("deleted"),
      false);
}

TEST_F(SessionsMethods, MalformedKeysAreRejected) {
  auto client = gateway_.connectOperator();
  EXPECT_TRUE(
      isError(gateway_.request(client, "sessions.reset", json::object()), "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(client, "sessions.delete", {{"key", "agent::x"}}),
                      "INVALID_REQUEST"));
}

using Keys = std::vector<std::string>;

TEST_F(SessionsMethods, ListFiltersAndPagesWithTheUisParams) {
  auto client = gateway_.connectOperator();
  runOnce(client, "first", "alpha");
  runOnce(client, "second", "beta");
  runOnce(client, "third", "agent:work:gamma");
  EXPECT_EQ(listedKeys(client, {{"agentId", "work"}}), Keys{"agent:work:gamma"});
  EXPECT_EQ(listedKeys(client, {{"search", "ALP"}}), Keys{"agent:main:alpha"});
  EXPECT_EQ(listedKeys(client, {{"activeMinutes", 5}}).size(), 3u);
  // Newest first, paged.
  const json page = list(client, {{"limit", 2}});
  EXPECT_EQ(page.at("hasMore"), true);
  EXPECT_EQ(page.at("nextOffset"), 2);
  EXPECT_EQ(page.at("sessions").at(0).at("key"), "agent:work:gamma");
  const json rest = list(client, {{"limit", 2}, {"offset", 2}});
  EXPECT_EQ(rest.at("hasMore"), false);
  EXPECT_FALSE(rest.contains("nextOffset"));
  EXPECT_EQ(rest.at("sessions").at(0).at("key"), "agent:main:alpha");
  // The flags the Control UI always sends change nothing here.
  EXPECT_EQ(listedKeys(client, {{"includeGlobal", true},
                                {"includeUnknown", true},
                                {"configuredAgentsOnly", true},
                                {"ownerFirst", true},
                                {"involvingMe", true},
                                {"archived", "all"},
                                {"boardFace", "chat"}})
                .size(),
            3u);
  // Filters for kinds of sessions this gateway never has match nothing.
  EXPECT_TRUE(listedKeys(client, {{"spawnedBy", "agent:main:alpha"}}).empty());
  EXPECT_TRUE(listedKeys(client, {{"archived", true}}).empty());
  EXPECT_TRUE(listedKeys(client, {{"boardFace", "dashboard"}}).empty());
}

TEST_F(SessionsMethods, ListRefusesFiltersOnIdentitiesItDoesNotHave) {
  auto client = gateway_.connectOperator();
  for (const json& params :
       {json{{"ownerId", "p1"}}, json{{"creatorId", "p1"}}, json{{"involvingProfileId", "p1"}},
        json{{"requireLastInteraction", true}}, json{{"sortBy", "lastInteractionAt"}},
        json{{"limit", 0}}, json{{"unknown", true}}}) {
    EXPECT_TRUE(isError(gateway_.request(client, "sessions.list", params), "INVALID_REQUEST"))
        << params.dump();
  }
  EXPECT_EQ(gateway_.request(client, "sessions.list", {{"sortBy", "updatedAt"}}).value("ok", false),
            true);
}

TEST_F(SessionsMethods, DerivedTitlesAndLastMessagePreviews) {
  auto client = gateway_.connectOperator();
  runOnce(client, "  Plan the\t trip to Lisbon\nwith details", "main", "Sure, here is a plan");
  const json row = list(client, {{"includeDerivedTitles", true}, {"includeLastMessage", true}})
                       .at("sessions")
                       .at(0);
  EXPECT_EQ(row.at("derivedTitle"), "Plan the trip to Lisbon");
  EXPECT_EQ(row.at("lastMessagePreview"), "Sure, here is a plan");
  const json plain = list(client).at("sessions").at(0);
  EXPECT_FALSE(plain.contains("derivedTitle"));
  EXPECT_FALSE(plain.contains("lastMessagePreview"));
}

TEST_F(SessionsMethods, DescribeOneSession) {
  auto client = gateway_.connectOperator();
  runOnce(client, "hello there");
  const json described = gateway_.request(client, "sessions.describe",
                                          {{"key", "main"}, {"includeDerivedTitles", true}});
  EXPECT_EQ(described.at("payload").at("session").at("key"), kMainKey);
  EXPECT_EQ(described.at("payload").at("session").at("derivedTitle"), "hello there");
  EXPECT_EQ(gateway_.request(client, "sessions.describe", {{"key", "nope"}, {"agentId", "main"}})
                .at("payload"),
            (json{{"session", nullptr}}));
  EXPECT_TRUE(
      isError(gateway_.request(client, "sessions.describe", json::object()), "INVALID_REQUEST"));
}

TEST_F(SessionsMethods, PreviewShowsTheNewestUserAndAssistantText) {
  auto client = gateway_.connectOperator();
  runOnce(client, "one", "main", "reply one");
  runOnce(client, "two", "main", std::string(300, 'x'));
  runOnce(client, "other", "emptied");
  gateway_.request(client, "sessions.reset", {{"key", "emptied"}});
  const json answer =
      gateway_
          .request(client, "sessions.preview",
                   {{"keys", {"main", "emptied", "missing"}}, {"limit", 3}, {"maxChars", 20}})
          .at("payload");
  const json& previews = answer.at("previews");
  ASSERT_EQ(previews.size(), 3u);
  EXPECT_EQ(previews[0].at("key"), "main");
  EXPECT_EQ(previews[0].at("status"), "ok");
  EXPECT_EQ(previews[0].at("items"),
            (json{{{"role", "assistant"}, {"text", "reply one"}},
                  {{"role", "user"}, {"text", "two"}},
                  {{"role", "assistant"}, {"text", std::string(17, 'x') + "..."}}}));
  EXPECT_EQ(previews[1].at("status"), "empty");
  EXPECT_EQ(previews[2].at("status"), "missing");
  EXPECT_TRUE(isError(gateway_.request(client, "sessions.preview", {{"keys", json::array()}}),
                      "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(client, "sessions.preview", {{"keys", {"agent::x"}}}),
                      "INVALID_REQUEST"));
}

TEST_F(SessionsMethods, PatchLabelModelAndThinkingLevel) {
  auto client = gateway_.connectOperator();
  const json patched = gateway_.request(client, "sessions.patch",
                                        {{"key", "main"},
                                         {"label", "Work"},
                                         {"model", "scripted/other-model"},
                                         {"thinkingLevel", "off"}});
  ASSERT_EQ(patched.value("ok", false), true) << patched.dump();
  const json& entry = patched.at("payload").at("entry");
  EXPECT_EQ(entry.at("label"), "Work");
  EXPECT_EQ(entry.at("model"), "other-model");
  EXPECT_EQ(entry.at("modelProvider"), "scripted");
  EXPECT_EQ(entry.at("thinkingLevel"), "off");
  EXPECT_EQ(patched.at("payload").at("resolved"),
            (json{{"modelProvider", "scripted"}, {"model", "other-model"}}));

  // The next run of the session uses the patched model; other sessions keep the configured one.
  runOnce(client);
  runOnce(client, "hi", "elsewhere");
  const auto requests = provider_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].json().at("model"), "other-model");
  EXPECT_EQ(requests[1].json().at("model"), "test-model");

  // A bare model id means the configured provider; null goes back to the configured model.
  EXPECT_EQ(gateway_.request(client, "sessions.patch", {{"key", "main"}, {"model", "third"}})
                .at("payload")
                .at("entry")
                .at("model"),
            "third");
  const json cleared = gateway_.request(client, "sessions.patch",
                                        {{"key", "main"}, {"model", nullptr}, {"label", nullptr}});
  EXPECT_FALSE(cleared.at("payload").at("entry").contains("model"));
  EXPECT_FALSE(cleared.at("payload").at("entry").contains("label"));
  runOnce(client);
  EXPECT_EQ(provider_.requests().back().json().at("model"), "test-model");
}

TEST_F(SessionsMethods, PatchRefusesWhatItCannotApply) {
  auto client = gateway_.connectOperator();
  const auto refused = [&](const json& params) {
    const json answer = gateway_.request(client, "sessions.patch", params);
    return isError(answer, "INVALID_REQUEST") ? answer.at("error").at("message").get<std::string>()
                                              : "accepted: " + answer.dump();
  };
  EXPECT_NE(refused({{"key", "main"}, {"model", "openai/gpt-5"}}).find("\"scripted\""),
            std::string::npos);
  EXPECT_NE(refused({{"key", "main"}, {"thinkingLevel", "high"}}).find("thinkingLevel"),
            std::string::npos);
  EXPECT_NE(refused({{"key", "main"}, {"pinned", true}}).find("pinned is not supported"),
            std::string::npos);
  EXPECT_NE(refused({{"key", "main"}, {"label", std::string(513, 'a')}}), "");
  EXPECT_NE(refused({{"key", "main"}, {"nonsense", 1}}), "");
  runOnce(client);
  EXPECT_NE(refused({{"key", "main"}, {"label", "x"}, {"expectedSessionId", "not-current"}})
                .find("no longer"),
            std::string::npos);
  // Nothing of the refused patches was applied.
  const json row = list(client).at("sessions").at(0);
  EXPECT_FALSE(row.contains("label"));
  EXPECT_FALSE(row.contains("model"));
  // A write scope is needed.
  auto reader = gateway_.connectOperator({"operator.read"});
  EXPECT_FALSE(gateway_.request(reader, "sessions.patch", {{"key", "main"}, {"label", "x"}})
                   .value("ok", true));
}

}  // namespace
}  // namespace openclaw::testsupport
