// Webhooks end to end: the real gateway binary with hooks enabled, curl as the sender, a scripted
// model server, and an operator client watching the runs the hooks start.
#include <gtest/gtest.h>

#include <functional>

#include "curl_request.h"
#include "gateway_process.h"
#include "irc_server.h"
#include "scripted_provider.h"
#include "temp_dir.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kHookToken = "hook-secret-token-9876543210";
constexpr const char* kMainKey = "agent:main:main";

using Http = testsupport::CurlReply;

// curl `method` to `path` with `body` and `headers`.
Http request(int port, const std::string& method, const std::string& path, const std::string& body,
             const std::vector<std::string>& headers) {
  return testsupport::curl(
      port, {method, path, headers, method == "GET" ? std::nullopt : std::optional(body)});
}

std::string bearer(const std::string& token) { return "Authorization: Bearer " + token; }

Http post(int port, const std::string& path, const std::string& body,
          std::vector<std::string> headers = {bearer(kHookToken)}) {
  headers.push_back("Content-Type: application/json");
  return request(port, "POST", path, body, headers);
}

// The text of the last user message a model request carried.
std::string lastUserText(const testsupport::RecordedRequest& recorded) {
  const json messages = recorded.json().at("messages");
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->at("role") == "user") {
      const json& content = it->at("content");
      return content.is_string() ? content.get<std::string>() : content.dump();
    }
  }
  return "";
}

json hooksConfig() {
  return {
      {"enabled", true},
      {"token", kHookToken},
      {"mappings",
       json::array(
           {{{"id", "github"},
             {"match", {{"path", "github"}}},
             {"action", "agent"},
             {"name", "GitHub {{action}}"},
             {"messageTemplate",
              "Issue {{issue.title}} by {{payload.sender.login}} (event "
              "{{headers.x-github-event}}, kind {{query.kind}}, label "
              "{{issue.labels[0].name}}, missing '{{nope.nothing}}')"}},
            {{"match", {{"path", "ping"}}},
             {"action", "wake"},
             {"wakeMode", "next-heartbeat"},
             {"textTemplate", "ping from {{source}}"}},
            {{"match", {{"path", "echo"}}}, {"action", "wake"}, {"textTemplate", "{{text}}"}}})}};
}

class HttpHooks : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  json config() const {
    json patch = provider.gatewayConfig();
    patch["hooks"] = hooksConfig();
    return patch;
  }

  int port() const { return gateway.port(); }

  ScriptedProvider provider;
  GatewayProcess gateway{config()};
};

TEST(HttpHooksDisabled, AnswerNotFoundEvenWithAToken) {
  GatewayProcess gateway;
  gateway.start();
  const Http wake = post(gateway.port(), "/hooks/wake", R"({"text":"hi"})");
  EXPECT_EQ(wake.status, 404);
  const Http withGatewayToken =
      post(gateway.port(), "/hooks/agent", R"({"message":"hi"})", {bearer(GatewayProcess::kToken)});
  EXPECT_EQ(withGatewayToken.status, 404);
}

TEST_F(HttpHooks, TheHookTokenOpensThemInEitherHeaderAndNothingElseDoes) {
  const std::string body = R"({"text":"queued note","mode":"next-heartbeat"})";
  const Http viaBearer = post(port(), "/hooks/wake", body);
  EXPECT_EQ(viaBearer.status, 200) << viaBearer.body;
  EXPECT_EQ(viaBearer.parsed(),
            (json{{"ok", true}, {"mode", "next-heartbeat"}, {"eventOutcome", "queued"}}));
  const Http viaHeader =
      post(port(), "/hooks/wake", body, {std::string("x-openclaw-token: ") + kHookToken});
  EXPECT_EQ(viaHeader.status, 200) << viaHeader.body;
  // The same text is already the latest queued event.
  EXPECT_EQ(viaHeader.parsed().at("eventOutcome"), "coalesced");

  const Http missing = post(port(), "/hooks/wake", body, {});
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.body, "Unauthorized");
  EXPECT_EQ(post(port(), "/hooks/wake", body, {bearer("wrong")}).status, 401);
  // The gateway's own token is a different secret.
  EXPECT_EQ(post(port(), "/hooks/wake", body, {bearer(GatewayProcess::kToken)}).status, 401);
  const Http inQuery = post(port(), std::string("/hooks/wake?token=") + kHookToken, body);
  EXPECT_EQ(inQuery.status, 400);
  EXPECT_NE(inQuery.body.find("query parameters are not allowed"), std::string::npos);

  const Http get = request(port(), "GET", "/hooks/wake", "", {bearer(kHookToken)});
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.header("allow"), "POST");
}

TEST_F(HttpHooks, RepeatedWrongTokensAreThrottledWithRetryAfter) {
  for (int attempt = 1; attempt <= 20; ++attempt) {
    ASSERT_EQ(post(port(), "/hooks/wake", R"({"text":"x"})", {bearer("guess")}).status, 401)
        << attempt;
  }
  const Http throttled = post(port(), "/hooks/wake", R"({"text":"x"})", {bearer("guess")});
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.body, "Too Many Requests");
  EXPECT_GE(std::stoi(throttled.header("retry-after")), 1);
  // As upstream, the right token still gets in (and clears the failures).
  const Http right = post(port(), "/hooks/wake", R"({"text":"x","mode":"next-heartbeat"})");
  EXPECT_EQ(right.status, 200) << right.body;
  EXPECT_EQ(post(port(), "/hooks/wake", R"({"text":"x"})", {bearer("guess")}).status, 401);
}

TEST_F(HttpHooks, WakeNowRunsTheMainSessionOnTheEventText) {
  provider.enqueue(ScriptedReply::text({"Looking into it."}));
  auto watcher = gateway.connect();
  const Http wake = post(port(), "/hooks/wake", R"({"text":"Build failed on main"})");
  ASSERT_EQ(wake.status, 200) << wake.body;
  EXPECT_EQ(wake.parsed(), (json{{"ok", true}, {"mode", "now"}, {"eventOutcome", "queued"}}));

  const json final = waitForEvent(watcher, [](const json& event) {
    return event.value("event", "") == "chat" &&
           event.at("payload").value("sessionKey", "") == kMainKey &&
           event.at("payload").value("state", "") == "final";
  });
  ASSERT_EQ(provider.requests().size(), 1u);
  const std::string prompt = lastUserText(provider.requests()[0]);
  EXPECT_EQ(prompt.rfind("System: [", 0), 0u) << prompt;
  EXPECT_NE(prompt.find("] Build failed on main"), std::string::npos) << prompt;
}

TEST_F(HttpHooks, NextHeartbeatWakeWaitsForTheNextRunOfTheMainSession) {
  const Http wake =
      post(port(), "/hooks/wake", R"({"text":"Deploy finished","mode":"next-heartbeat"})");
  ASSERT_EQ(wake.status, 200) << wake.body;
  // The mapped wake queues too.
  const Http ping = post(port(), "/hooks/ping", R"({"source":"cron-box"})");
  ASSERT_EQ(ping.status, 200) << ping.body;
  EXPECT_EQ(ping.parsed().at("mode"), "next-heartbeat");
  EXPECT_TRUE(provider.requests().empty());

  provider.enqueue(ScriptedReply::text({"ok"}));
  auto client = gateway.connect();
  client.call(
      "chat.send",
      {{"sessionKey", kMainKey}, {"message", "what happened?"}, {"idempotencyKey", "after-wake"}});
  ASSERT_TRUE(provider.waitForRequests(1, 20s));
  const std::string prompt = lastUserText(provider.requests()[0]);
  const auto deploy = prompt.find("] Deploy finished\n");
  const auto pinged = prompt.find("] ping from cron-box\n");
  const auto question = prompt.find("\n\nwhat happened?");
  EXPECT_NE(deploy, std::string::npos) << prompt;
  EXPECT_LT(deploy, pinged) << prompt;
  EXPECT_NE(question, std::string::npos) << prompt;
  EXPECT_LT(pinged, question) << prompt;
}

TEST_F(HttpHooks, AgentRunsInAHookSessionOfItsOwnAndAnnouncesItsReplyToTheMainSession) {
  provider.enqueue(ScriptedReply::text({"All ", "green."}));
  const Http started =
      post(port(), "/hooks/agent",
           R"({"message":"Summarize the CI run","name":"CI","waitForCompletion":true})");
  ASSERT_EQ(started.status, 200) << started.body;
  const json answer = started.parsed();
  EXPECT_EQ(answer.at("ok"), true);
  const std::string runId = answer.at("runId");
  EXPECT_FALSE(runId.empty());
  EXPECT_EQ(answer.at("completion"), (json{{"status", "ok"}, {"replyDisposition", "visible"}}));
  EXPECT_EQ(lastUserText(provider.requests().at(0)), "Summarize the CI run");

  auto client = gateway.connect();
  const json sessions = client.call("sessions.list").at("sessions");
  ASSERT_EQ(sessions.size(), 1u) << sessions.dump();
  EXPECT_EQ(sessions.at(0).at("key").get<std::string>().rfind("agent:main:hook:", 0), 0u)
      << sessions.dump();

  // The reply waits as a system event for the main session's next run.
  provider.enqueue(ScriptedReply::text({"noted"}));
  client.call("chat.send",
              {{"sessionKey", kMainKey}, {"message", "status?"}, {"idempotencyKey", "next"}});
  ASSERT_TRUE(provider.waitForRequests(2, 20s));
  EXPECT_NE(lastUserText(provider.requests()[1]).find("] Hook CI: All green.\n"), std::string::npos)
      << lastUserText(provider.requests()[1]);
}

TEST_F(HttpHooks, AgentAnswersAtOnceWithTheRunIdAgentWaitFollows) {
  provider.enqueue(ScriptedReply::text({"done"}));
  const Http started = post(port(), "/hooks/agent", R"({"message":"go","deliver":false})");
  ASSERT_EQ(started.status, 200) << started.body;
  const json answer = started.parsed();
  EXPECT_EQ(answer.size(), 2u) << answer.dump();
  auto client = gateway.connect();
  const json waited =
      client.call("agent.wait", {{"runId", answer.at("runId")}, {"timeoutMs", 20000}}, 30s);
  EXPECT_EQ(waited.at("status"), "ok") << waited.dump();
}

TEST_F(HttpHooks, AMappingRendersItsTemplatesFromBodyHeadersAndQuery) {
  provider.enqueue(ScriptedReply::text({"triaged"}));
  const json issue = {{"action", "opened"},
                      {"issue", {{"title", "Crash on start"}, {"labels", {{{"name", "bug"}}}}}},
                      {"sender", {{"login", "ana"}}}};
  const Http mapped = post(port(), "/hooks/github?kind=issue", issue.dump(),
                           {bearer(kHookToken), "X-GitHub-Event: issues"});
  ASSERT_EQ(mapped.status, 200) << mapped.body;
  EXPECT_EQ(mapped.parsed().at("ok"), true);
  ASSERT_TRUE(provider.waitForRequests(1, 20s));
  EXPECT_EQ(lastUserText(provider.requests()[0]),
            "Issue Crash on start by ana (event issues, kind issue, label bug, missing '')");

  const Http unknown = post(port(), "/hooks/gitlab", issue.dump());
  EXPECT_EQ(unknown.status, 404);
  const Http bare = post(port(), "/hooks", issue.dump());
  EXPECT_EQ(bare.status, 404);
}

TEST_F(HttpHooks, BadRequestsAreRefusedBeforeAnythingRuns) {
  const Http malformed = post(port(), "/hooks/agent", R"({"message":)");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.parsed().at("ok"), false);
  const Http noText = post(port(), "/hooks/wake", R"({"mode":"now"})");
  EXPECT_EQ(noText.status, 400);
  EXPECT_EQ(noText.parsed(), (json{{"ok", false}, {"error", "text required"}}));
  EXPECT_EQ(post(port(), "/hooks/agent", "{}").parsed().at("error"), "message required");
  EXPECT_EQ(
      post(port(), "/hooks/agent", R"({"message":"x","agentId":"ghost"})").parsed().at("error"),
      "unknown agentId \"ghost\"");
  EXPECT_EQ(post(port(), "/hooks/agent", R"({"message":"x","sessionKey":"hook:mine"})").status,
            400);  // request keys need hooks.allowRequestSessionKey
  EXPECT_EQ(post(port(), "/hooks/agent", R"({"message":"x","channel":"irc"})").parsed().at("error"),
            "channel and to must be set together for hook delivery");
  EXPECT_EQ(post(port(), "/hooks/agent", R"({"message":"x","waitForCompletion":"yes"})").status,
            400);
  // A mapping whose template renders an empty message.
  EXPECT_EQ(post(port(), "/hooks/echo", "{}").parsed().at("error"), "hook mapping requires text");

  const std::string huge = R"({"text":")" + std::string(300 * 1024, 'a') + R"("})";
  EXPECT_EQ(post(port(), "/hooks/wake", huge).status, 413);    // refused before it is read
  EXPECT_EQ(post(port(), "/hooks/github", huge).status, 413);  // refused once read
  EXPECT_TRUE(provider.requests().empty());
}

TEST_F(HttpHooks, DisablingHooksInTheConfigTakesEffectWithoutARestart) {
  ASSERT_EQ(post(port(), "/hooks/wake", R"({"text":"a","mode":"next-heartbeat"})").status, 200);
  gateway.editConfig({{"hooks", {{"enabled", false}}}});
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied hooks", 20s)) << gateway.output();
  EXPECT_EQ(post(port(), "/hooks/wake", R"({"text":"b","mode":"next-heartbeat"})").status, 404);
}

TEST(HttpHooksDelivery, TheReplyGoesToTheNamedChannelAndRecipient) {
  testsupport::IrcServer server;
  ScriptedProvider provider;
  provider.enqueue(ScriptedReply::text({"nightly build ", "is green"}));
  json config = provider.gatewayConfig();
  config["channels"] = {{"irc",
                         {{"host", "127.0.0.1"},
                          {"port", server.port()},
                          {"tls", false},
                          {"nick", "clawbot"},
                          {"channels", {"#ops"}},
                          {"sendIntervalMs", 50}}}};
  config["hooks"] = hooksConfig();
  GatewayProcess gateway(config);
  gateway.start();
  testsupport::IrcTestUser alice(server.port(), "alice");
  alice.join("#ops");
  alice.waitForMember("#ops", "clawbot", testsupport::ircDeadline(20s));

  const Http started = post(gateway.port(), "/hooks/agent",
                            R"({"message":"report","channel":"irc","to":"#ops",)"
                            R"("waitForCompletion":true})");
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(started.parsed().at("completion"), (json{{"status", "ok"},
                                                     {"replyDisposition", "visible"},
                                                     {"deliveryAttempted", true},
                                                     {"delivered", true}}));
  const auto said = alice.waitFor(
      [](const channels::irc::IrcMessage& message) {
        return message.command == "PRIVMSG" && message.sourceNick() == "clawbot";
      },
      testsupport::ircDeadline(20s));
  EXPECT_EQ(said.param(0), "#ops");
  EXPECT_EQ(said.param(1), "nightly build is green");

  // A channel that is known but not configured here is refused before anything runs.
  const Http telegram =
      post(gateway.port(), "/hooks/agent", R"({"message":"x","channel":"telegram","to":"123"})");
  EXPECT_EQ(telegram.status, 400);
  EXPECT_EQ(provider.requests().size(), 1u);
}

}  // namespace
}  // namespace openclaw::e2e
