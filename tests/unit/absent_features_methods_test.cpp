// Methods of upstream features this gateway does not have: each answers upstream's empty result,
// with upstream's scope and params, and hello-ok advertises it.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"
#include "upstream_schema.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

struct Absent {
  const char* method;
  json params;
  const char* resultDefinition;  // nullptr: upstream publishes none
  json expected;
};

const std::vector<Absent>& absentMethods() {
  static const std::vector<Absent> methods = {
      {"question.list", json::object(), "QuestionListResult", {{"questions", json::array()}}},
      {"tasks.list", {{"status", "running"}}, "TasksListResult", {{"tasks", json::array()}}},
      {"talk.catalog",
       json::object(),
       "TalkCatalogResult",
       {{"modes", json::array()},
        {"transports", json::array()},
        {"brains", json::array()},
        {"speech", {{"providers", json::array()}}},
        {"transcription", {{"providers", json::array()}}},
        {"realtime", {{"providers", json::array()}}}}},
      {"progressCard.get",
       {{"sessionKey", "agent:main:main"}},
       "ProgressCardGetResult",
       {{"card", nullptr}}},
      {"sessions.branches.list",
       {{"sessionKey", "agent:main:main"}},
       "SessionsBranchesListResult",
       {{"branches", json::array()}}},
      {"sessions.companion.state",
       {{"sessionKey", "agent:main:main"}},
       "SessionsCompanionStateResult",
       {{"exchanges", json::array()}}},
      {"sessions.observer.visibility",
       {{"visible", true}},
       "SessionsObserverVisibilityResult",
       {{"ok", true}}},
      {"plugin.approval.list", json::object(), nullptr, json::array()},
      {"openclaw.approval.list", json::object(), nullptr, json::array()},
      {"sessions.groups.list",
       json::object(),
       "SessionsGroupsListResult",
       {{"groups", json::array()}}},
      {"users.prefs.get", {{"keys", {"theme"}}}, nullptr, {{"status", "no_durable_identity"}}},
      {"plugins.list",
       json::object(),
       "PluginsListResult",
       {{"plugins", json::array()}, {"diagnostics", json::array()}, {"mutationAllowed", false}}},
      {"commands.list",
       {{"sessionKey", "agent:main:main"}, {"scope", "both"}},
       "CommandsListResult",
       {{"commands", json::array()}}},
      {"approval.history",
       {{"limit", 20}, {"kind", "exec"}},
       "ApprovalHistoryResult",
       {{"items", json::array()}}},
  };
  return methods;
}

class AbsentFeatures : public ::testing::Test {
 protected:
  InProcessGateway gateway_;
  std::shared_ptr<FakeConnection> admin_ = gateway_.connectOperator();
};

TEST_F(AbsentFeatures, EachAnswersUpstreamsEmptyResult) {
  for (const Absent& absent : absentMethods()) {
    const json response = gateway_.request(admin_, absent.method, absent.params);
    ASSERT_EQ(response.at("ok"), true) << absent.method << ": " << response.dump();
    EXPECT_EQ(response.at("payload"), absent.expected) << absent.method;
    if (absent.resultDefinition) {
      EXPECT_TRUE(upstreamValid(absent.resultDefinition, response.at("payload")));
    }
  }
}

TEST_F(AbsentFeatures, HelloOkAdvertisesEveryOne) {
  json hello;
  for (const std::string& text : admin_->sent) {
    const json frame = json::parse(text);
    if (frame.value("type", "") == "res" && frame.contains("payload") &&
        frame.at("payload").value("type", "") == "hello-ok") {
      hello = frame.at("payload");
    }
  }
  ASSERT_FALSE(hello.is_null());
  const json& methods = hello.at("features").at("methods");
  for (const Absent& absent : absentMethods()) {
    EXPECT_NE(std::find(methods.begin(), methods.end(), absent.method), methods.end())
        << absent.method;
  }
}

TEST_F(AbsentFeatures, ParamsAreUpstreamsAndBadOnesAreRefused) {
  EXPECT_TRUE(
      isError(gateway_.request(admin_, "question.list", {{"extra", 1}}), "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(admin_, "progressCard.get"), "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(admin_, "tasks.list", {{"limit", 501}}), "INVALID_REQUEST"));
  EXPECT_TRUE(
      isError(gateway_.request(admin_, "sessions.observer.visibility", {{"visible", "yes"}}),
              "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(admin_, "plugin.approval.list", {{"all", true}}),
                      "INVALID_REQUEST"));
  EXPECT_TRUE(
      isError(gateway_.request(admin_, "users.prefs.get", {{"keys", {""}}}), "INVALID_REQUEST"));
  json tooMany = json::array();
  for (int i = 0; i < 33; ++i) tooMany.push_back("k" + std::to_string(i));
  EXPECT_TRUE(
      isError(gateway_.request(admin_, "users.prefs.get", {{"keys", tooMany}}), "INVALID_REQUEST"));
}

TEST_F(AbsentFeatures, ScopesAreUpstreams) {
  auto reader = gateway_.connectOperator({protocol::scopes::kRead});
  EXPECT_EQ(gateway_.request(reader, "tasks.list").at("ok"), true);
  EXPECT_FALSE(gateway_.request(reader, "question.list").at("ok"));         // operator.questions
  EXPECT_FALSE(gateway_.request(reader, "plugin.approval.list").at("ok"));  // operator.approvals
  auto questions = gateway_.connectOperator({protocol::scopes::kQuestions});
  EXPECT_EQ(gateway_.request(questions, "question.list").at("ok"), true);
}

}  // namespace
}  // namespace openclaw::testsupport
