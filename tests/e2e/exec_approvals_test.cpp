// Exec approvals end to end: an agent run's exec tool waits for an operator's decision on
// exec.approval.requested (allow-once, allow-always, deny, timeout, run abort), the methods'
// errors, and a node host's system.run approved by an operator through the gateway.
#include <gtest/gtest.h>

#include <future>

#include "core/files.h"
#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

constexpr const char* kMainKey = "agent:main:main";

// A scripted model and an exec policy that asks on every allowlist miss (nothing is listed).
json approvalConfig(const ScriptedProvider& provider, std::int64_t approvalTimeoutSec = 120) {
  json config = provider.gatewayConfig();
  config["tools"] = {{"exec",
                      {{"security", "allowlist"},
                       {"ask", "on-miss"},
                       {"approvalTimeoutSec", approvalTimeoutSec}}}};
  return config;
}

// The next event named `name` whose payload `matches` accepts; throws after the deadline.
json waitForPayload(client::GatewayClient& client, const std::string& name,
                    const std::function<bool(const json&)>& matches = {},
                    std::chrono::milliseconds deadline = 15s) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    auto event = client.nextEvent(100ms);
    if (event && event->value("event", "") == name && (!matches || matches(event->at("payload")))) {
      return event->at("payload");
    }
  }
  throw std::runtime_error("no " + name + " event arrived");
}

json chatEnd(client::GatewayClient& client, const std::string& runId) {
  return waitForPayload(client, "chat", [&](const json& payload) {
    const std::string state = payload.value("state", "");
    return payload.value("runId", "") == runId && state != "delta";
  });
}

class ExecApprovals : public ::testing::Test {
 protected:
  void start(std::int64_t approvalTimeoutSec = 120) {
    gateway = std::make_unique<GatewayProcess>(approvalConfig(provider, approvalTimeoutSec));
    gateway->start();
    op = std::make_unique<client::GatewayClient>(gateway->connect());
  }

  // Starts a run whose model calls exec with `command` once, then answers "done".
  void runExec(const std::string& command, const std::string& runId) {
    provider.enqueue(
        ScriptedReply::toolCall("call-" + runId, "exec", {json{{"command", command}}.dump()}));
    provider.enqueue(ScriptedReply::text({"done"}));
    op->call("chat.send",
             {{"sessionKey", kMainKey}, {"message", "run " + command}, {"idempotencyKey", runId}});
  }

  // The exec tool's result content the model got in its last request.
  std::string lastToolResult() {
    const auto requests = provider.requests();
    const json message = requests.back().json().at("messages").back();
    EXPECT_EQ(message.at("role"), "tool") << message.dump();
    return message.at("content").is_string() ? message.at("content").get<std::string>()
                                             : message.at("content").dump();
  }

  ScriptedProvider provider;
  std::unique_ptr<GatewayProcess> gateway;
  std::unique_ptr<client::GatewayClient> op;
};

TEST_F(ExecApprovals, AllowOnceRunsTheCommandAndTheModelSeesItsOutput) {
  start();
  runExec("echo approved-output", "once-1");
  const json requested = waitForPayload(*op, "exec.approval.requested");
  const json& request = requested.at("request");
  EXPECT_EQ(request.at("command"), "echo approved-output");
  EXPECT_EQ(request.at("host"), "gateway");
  EXPECT_EQ(request.at("sessionKey"), kMainKey);
  EXPECT_EQ(request.at("agentId"), "main");
  EXPECT_EQ(request.at("ask"), "on-miss");
  EXPECT_NE(request.at("warningText").get<std::string>().find("safeBins"), std::string::npos);
  EXPECT_EQ(requested.at("expiresAtMs").get<std::int64_t>() -
                requested.at("createdAtMs").get<std::int64_t>(),
            120'000);
  const std::string id = requested.at("id");

  // Pending approvals can be listed and looked up.
  const json listed = op->call("exec.approval.list");
  ASSERT_EQ(listed.at("approvals").size(), 1u);
  EXPECT_EQ(listed.at("approvals")[0].at("id"), id);
  EXPECT_EQ(op->call("exec.approval.get", {{"id", id}}).at("status"), "pending");

  EXPECT_EQ(op->call("exec.approval.resolve", {{"id", id}, {"decision", "allow-once"}}).at("ok"),
            true);
  const json resolved = waitForPayload(*op, "exec.approval.resolved");
  EXPECT_EQ(resolved.at("id"), id);
  EXPECT_EQ(resolved.at("decision"), "allow-once");
  EXPECT_EQ(chatEnd(*op, "once-1").at("state"), "final");
  EXPECT_NE(lastToolResult().find("approved-output"), std::string::npos) << lastToolResult();
  EXPECT_TRUE(op->call("exec.approval.list").at("approvals").empty());
  EXPECT_EQ(op->call("exec.approval.get", {{"id", id}}).at("status"), "allowed");
}

TEST_F(ExecApprovals, DenyTellsTheModelAndTheRunStillFinishes) {
  start();
  runExec("echo never", "deny-1");
  const json requested = waitForPayload(*op, "exec.approval.requested");
  op->call("exec.approval.resolve", {{"id", requested.at("id")}, {"decision", "deny"}});
  EXPECT_EQ(chatEnd(*op, "deny-1").at("state"), "final");
  EXPECT_NE(lastToolResult().find("the operator denied the command"), std::string::npos)
      << lastToolResult();
  const json messages = op->call("chat.history", {{"sessionKey", kMainKey}}).at("messages");
  ASSERT_GE(messages.size(), 3u);
  EXPECT_EQ(messages.at(2).at("role"), "toolResult");
  EXPECT_EQ(messages.at(2).at("isError"), true);
}

TEST_F(ExecApprovals, AnUnansweredApprovalTimesOutAsARefusal) {
  start(1);
  runExec("echo too-late", "late-1");
  const json requested = waitForPayload(*op, "exec.approval.requested");
  const json resolved = waitForPayload(*op, "exec.approval.resolved");
  EXPECT_EQ(resolved.at("id"), requested.at("id"));
  EXPECT_TRUE(resolved.at("decision").is_null());
  EXPECT_EQ(resolved.at("reason"), "timeout");
  EXPECT_EQ(chatEnd(*op, "late-1").at("state"), "final");
  EXPECT_NE(lastToolResult().find("approval timed out"), std::string::npos) << lastToolResult();
  // Too late to answer now.
  const json late = op->request("exec.approval.resolve",
                                {{"id", requested.at("id")}, {"decision", "allow-once"}});
  EXPECT_EQ(late.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_NE(late.at("error").at("message").get<std::string>().find("already resolved"),
            std::string::npos);
}

TEST_F(ExecApprovals, AllowAlwaysIsRememberedAcrossCallsAndRestarts) {
  start();
  runExec("echo first", "always-1");
  const json requested = waitForPayload(*op, "exec.approval.requested");
  op->call("exec.approval.resolve", {{"id", requested.at("id")}, {"decision", "allow-always"}});
  EXPECT_EQ(chatEnd(*op, "always-1").at("state"), "final");
  EXPECT_NE(lastToolResult().find("first"), std::string::npos);

  // The same program again: it runs without a new approval.
  runExec("echo second", "always-2");
  EXPECT_EQ(chatEnd(*op, "always-2").at("state"), "final");
  EXPECT_NE(lastToolResult().find("second"), std::string::npos) << lastToolResult();

  const auto saved = core::readFile(gateway->home().path() / ".openclaw" / "exec-approvals.json");
  ASSERT_TRUE(saved.has_value());
  const json allowlist = json::parse(*saved).at("allowlist");
  ASSERT_EQ(allowlist.size(), 1u);
  EXPECT_NE(allowlist[0].at("pattern").get<std::string>().find("echo"), std::string::npos);

  // After a restart too.
  op.reset();
  ASSERT_EQ(gateway->stop(SIGTERM), 0);
  gateway->start();
  op = std::make_unique<client::GatewayClient>(gateway->connect());
  runExec("echo third", "always-3");
  EXPECT_EQ(chatEnd(*op, "always-3").at("state"), "final");
  EXPECT_NE(lastToolResult().find("third"), std::string::npos) << lastToolResult();
}

TEST_F(ExecApprovals, AbortingTheRunWhileItWaitsEndsItPromptly) {
  start();
  runExec("echo aborted", "abort-1");
  const json requested = waitForPayload(*op, "exec.approval.requested");
  const auto aborting = std::chrono::steady_clock::now();
  EXPECT_EQ(op->call("chat.abort", {{"sessionKey", kMainKey}}).at("aborted"), true);
  EXPECT_EQ(chatEnd(*op, "abort-1").at("state"), "aborted");
  const json resolved = waitForPayload(*op, "exec.approval.resolved");
  EXPECT_LT(std::chrono::steady_clock::now() - aborting, 3s);
  EXPECT_EQ(resolved.at("id"), requested.at("id"));
  EXPECT_EQ(resolved.at("reason"), "run-aborted");
  EXPECT_EQ(op->call("exec.approval.get", {{"id", requested.at("id")}}).at("status"), "cancelled");
}

TEST_F(ExecApprovals, PendingApprovalsHoldNoWorkerThreadsAndResumeWhenResolved) {
  // More waiting commands than the gateway's blocking pool has threads (4, in
  // gateway_server.cpp), each in its own session so the runs are concurrent.
  constexpr int kWaiting = 5;
  start();
  std::vector<std::string> approvalIds;
  for (int i = 0; i < kWaiting; ++i) {
    const std::string runId = "wait-" + std::to_string(i);
    provider.enqueue(ScriptedReply::toolCall("call-" + runId, "exec",
                                             {json{{"command", "echo resumed-" + runId}}.dump()}));
    op->call("chat.send", {{"sessionKey", "agent:main:waiter-" + std::to_string(i)},
                           {"message", "run it"},
                           {"idempotencyKey", runId}});
    approvalIds.push_back(waitForPayload(*op, "exec.approval.requested").at("id"));
  }

  // Another run's tool still runs while they all wait.
  gateway->home().write(".openclaw/workspace/note.txt", "read-while-waiting");
  provider.enqueue(ScriptedReply::toolCall("call-read", "read", {R"({"path":"note.txt"})"}));
  provider.enqueue(ScriptedReply::text({"read it"}));
  op->call(
      "chat.send",
      {{"sessionKey", "agent:main:reader"}, {"message", "read"}, {"idempotencyKey", "reader"}});
  EXPECT_EQ(chatEnd(*op, "reader").at("state"), "final");
  EXPECT_NE(lastToolResult().find("read-while-waiting"), std::string::npos) << lastToolResult();

  // Each waiting command runs once its approval arrives.
  for (int i = 0; i < kWaiting; ++i) {
    const std::string runId = "wait-" + std::to_string(i);
    provider.enqueue(ScriptedReply::text({"done"}));
    op->call("exec.approval.resolve",
             {{"id", approvalIds[static_cast<std::size_t>(i)]}, {"decision", "allow-once"}});
    EXPECT_EQ(chatEnd(*op, runId).at("state"), "final");
    EXPECT_NE(lastToolResult().find("resumed-" + runId), std::string::npos) << lastToolResult();
  }
}

TEST_F(ExecApprovals, ResolveRejectsUnknownIdsBadDecisionsAndCallersWithoutTheScope) {
  start();
  const json unknown =
      op->request("exec.approval.resolve", {{"id", "no-such-approval"}, {"decision", "deny"}});
  EXPECT_EQ(unknown.at("error").at("code"), "INVALID_REQUEST");
  EXPECT_NE(unknown.at("error").at("message").get<std::string>().find("unknown or expired"),
            std::string::npos);
  EXPECT_EQ(op->request("exec.approval.get", {{"id", "no-such-approval"}}).at("error").at("code"),
            "INVALID_REQUEST");
  EXPECT_EQ(op->request("exec.approval.waitDecision", {{"id", "no-such-approval"}})
                .at("error")
                .at("code"),
            "INVALID_REQUEST");

  runExec("echo pending", "scope-1");
  const json requested = waitForPayload(*op, "exec.approval.requested");
  const json badDecision =
      op->request("exec.approval.resolve", {{"id", requested.at("id")}, {"decision", "maybe"}});
  EXPECT_EQ(badDecision.at("error").at("code"), "INVALID_REQUEST");

  client::ConnectOptions limited = gateway->clientOptions();
  limited.scopes = {"operator.read", "operator.write"};
  client::GatewayClient reader(limited);
  reader.connect();
  const json denied =
      reader.request("exec.approval.resolve", {{"id", requested.at("id")}, {"decision", "deny"}});
  EXPECT_EQ(denied.at("error").at("details").at("code"), "MISSING_SCOPE");
  EXPECT_EQ(denied.at("error").at("details").at("missingScope"), "operator.approvals");

  // Nodes may ask (when paired) but never resolve.
  client::GatewayClient node(gateway->nodeClientOptions());
  node.connect();
  EXPECT_EQ(node.request("exec.approval.request", {{"command", "ls"}}).at("error").at("code"),
            "NOT_PAIRED");
  const json nodeResolve =
      node.request("exec.approval.resolve", {{"id", requested.at("id")}, {"decision", "deny"}});
  EXPECT_EQ(nodeResolve.at("error").at("details").at("code"), "ROLE_NOT_ALLOWED");

  op->call("exec.approval.resolve", {{"id", requested.at("id")}, {"decision", "allow-once"}});
  EXPECT_EQ(chatEnd(*op, "scope-1").at("state"), "final");
}

TEST_F(ExecApprovals, DirectRequestsEndWithTheirConnectionUnlessTwoPhase) {
  start();
  // A waiting requester that goes away: its approval is cancelled.
  auto requester = gateway->connect();
  requester.sendText(json{{"type", "req"},
                          {"id", "ask-1"},
                          {"method", "exec.approval.request"},
                          {"params", {{"id", "direct-1"}, {"command", "ls -l"}, {"cwd", "/tmp"}}}}
                         .dump());
  EXPECT_EQ(waitForPayload(*op, "exec.approval.requested").at("id"), "direct-1");
  requester.close();
  const json cancelled = waitForPayload(*op, "exec.approval.resolved");
  EXPECT_EQ(cancelled.at("id"), "direct-1");
  EXPECT_EQ(cancelled.at("reason"), "requester-disconnected");

  // Two-phase: acknowledged at once, decided later, awaited by anyone.
  auto asker = gateway->connect();
  const json accepted = asker.call("exec.approval.request",
                                   {{"command", "ls"}, {"twoPhase", true}, {"timeoutMs", 5000}});
  EXPECT_EQ(accepted.at("status"), "accepted");
  EXPECT_EQ(accepted.at("expiresAtMs").get<std::int64_t>() -
                accepted.at("createdAtMs").get<std::int64_t>(),
            5000);
  asker.close();
  const std::string id = accepted.at("id");
  EXPECT_EQ(
      op->request("exec.approval.request", {{"id", id}, {"command", "ls"}}).at("error").at("code"),
      "INVALID_REQUEST");  // the id is taken
  auto waiter = std::async(std::launch::async, [this, id] {
    auto client = gateway->connect();
    return client.call("exec.approval.waitDecision", {{"id", id}});
  });
  op->call("exec.approval.resolve", {{"id", id}, {"decision", "deny"}});
  const json decided = waiter.get();
  EXPECT_EQ(decided.at("decision"), "deny");
  EXPECT_EQ(decided.at("reason"), "user");
  // Waiting after the end answers at once.
  EXPECT_EQ(op->call("exec.approval.waitDecision", {{"id", id}}).at("decision"), "deny");
}

class NodeExecApprovals : public ::testing::Test {
 protected:
  void SetUp() override {
    gateway.start();
    nodeHome.write(
        ".openclaw/openclaw.json",
        json{{"nodeHost", {{"allowCommands", {"echo"}}, {"execAsk", "on-miss"}}}}.dump());
    node =
        std::make_unique<CliProcess>(std::vector<std::string>{"node", "run", "--url", gateway.url(),
                                                              "--token", GatewayProcess::kToken},
                                     nodeHome.path());
    nodeId = waitForNodeId(*node, 10s);
  }

  // node.invoke system.run of `argv` on its own connection (it waits for the approval).
  std::future<json> invokeRun(const std::vector<std::string>& argv) {
    return std::async(std::launch::async, [this, argv] {
      auto caller = gateway.connect();
      return caller.request("node.invoke",
                            {{"nodeId", nodeId},
                             {"command", "system.run"},
                             {"params", {{"command", argv}}},
                             {"timeoutMs", 20'000},
                             {"idempotencyKey", "run-" + argv.back()}},
                            25s);
    });
  }

  GatewayProcess gateway;
  TempHome nodeHome;
  std::unique_ptr<CliProcess> node;
  std::string nodeId;
};

TEST_F(NodeExecApprovals, AnOperatorApprovesASystemRunOutsideTheAllowlist) {
  auto op = gateway.connect();
  auto answer = invokeRun({"printf", "node-approved"});
  const json requested = waitForPayload(op, "exec.approval.requested");
  const json& request = requested.at("request");
  EXPECT_EQ(request.at("host"), "node");
  EXPECT_EQ(request.at("nodeId"), nodeId);
  EXPECT_EQ(request.at("commandArgv"), json::array({"printf", "node-approved"}));
  EXPECT_NE(request.at("warningText").get<std::string>().find("allowCommands"), std::string::npos);
  op.call("exec.approval.resolve", {{"id", requested.at("id")}, {"decision", "allow-once"}});
  const json result = answer.get();
  ASSERT_EQ(result.at("ok"), true) << result.dump();
  EXPECT_EQ(result.at("payload").at("payload").at("stdout"), "node-approved");

  // Denied: the invoke fails with the node's refusal.
  auto refused = invokeRun({"printf", "node-denied"});
  const json second = waitForPayload(op, "exec.approval.requested");
  op.call("exec.approval.resolve", {{"id", second.at("id")}, {"decision", "deny"}});
  const json failure = refused.get();
  ASSERT_EQ(failure.at("ok"), false) << failure.dump();
  EXPECT_EQ(failure.at("error").at("details").at("nodeError").at("code"), "SYSTEM_RUN_DENIED");
  EXPECT_NE(failure.at("error").at("message").get<std::string>().find("operator denied"),
            std::string::npos);

  // allow-always: remembered on the node, so the next printf runs without asking (a request
  // would hold the invoke until it timed out).
  auto always = invokeRun({"printf", "node-always"});
  const json third = waitForPayload(op, "exec.approval.requested");
  op.call("exec.approval.resolve", {{"id", third.at("id")}, {"decision", "allow-always"}});
  EXPECT_EQ(always.get().at("payload").at("payload").at("stdout"), "node-always");
  const json again = invokeRun({"printf", "node-again"}).get();
  ASSERT_EQ(again.at("ok"), true) << again.dump();
  EXPECT_EQ(again.at("payload").at("payload").at("stdout"), "node-again");
  const auto remembered =
      core::readFile(nodeHome.path() / ".openclaw" / "node-exec-approvals.json");
  ASSERT_TRUE(remembered.has_value());
  EXPECT_NE(remembered->find("printf"), std::string::npos);
}

}  // namespace
}  // namespace openclaw::e2e
