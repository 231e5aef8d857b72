// exec.approval.* in process: a scripted model calls the exec tool, the policy asks an operator.
#include <gtest/gtest.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"
#include "scripted_provider.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

// A scripted model and an exec policy that asks on every allowlist miss (nothing is listed).
json approvalConfig(const ScriptedProvider& provider) {
  json config = provider.gatewayConfig();
  config["tools"] = {{"exec", {{"security", "allowlist"}, {"ask", "on-miss"}}}};
  return config;
}

class ApprovalMethods : public ::testing::Test {
 protected:
  // Starts a run whose model calls exec with `command` once, then answers "done"; returns the
  // exec.approval.requested payload.
  json runExec(const std::string& command, const std::string& runId) {
    provider_.enqueue(
        ScriptedReply::toolCall("call-" + runId, "exec", {json{{"command", command}}.dump()}));
    provider_.enqueue(ScriptedReply::text({"done"}));
    const json ack = gateway_.request(
        op_, "chat.send", {{"sessionKey", "main"}, {"message", "run"}, {"idempotencyKey", runId}});
    EXPECT_EQ(ack.at("ok"), true) << ack.dump();
    return gateway_.event(op_, "exec.approval.requested").at("payload");
  }

  json chatState(const std::string& runId) {
    return gateway_
        .waitFrame(op_,
                   [&](const json& frame) {
                     return frame.value("event", "") == "chat" &&
                            frame.at("payload").value("runId", "") == runId &&
                            frame.at("payload").value("state", "") != "delta";
                   })
        .at("payload")
        .at("state");
  }

  ScriptedProvider provider_;
  InProcessGateway gateway_{approvalConfig(provider_)};
  std::shared_ptr<FakeConnection> op_ = gateway_.connectOperator();
};

TEST_F(ApprovalMethods, PendingApprovalIsListedResolvedAndTheRunFinishes) {
  const json requested = runExec("echo approved-output", "once-1");
  const std::string id = requested.at("id");
  EXPECT_EQ(requested.at("request").at("command"), "echo approved-output");
  const json listed = gateway_.request(op_, "exec.approval.list").at("payload");
  ASSERT_EQ(listed.at("approvals").size(), 1u) << listed.dump();
  EXPECT_EQ(listed.at("approvals")[0].at("id"), id);
  EXPECT_EQ(gateway_.request(op_, "exec.approval.get", {{"id", id}}).at("payload").at("status"),
            "pending");

  const json resolve =
      gateway_.request(op_, "exec.approval.resolve", {{"id", id}, {"decision", "allow-once"}});
  EXPECT_EQ(resolve.at("payload").at("ok"), true) << resolve.dump();
  const json resolved = gateway_.event(op_, "exec.approval.resolved").at("payload");
  EXPECT_EQ(resolved.at("id"), id);
  EXPECT_EQ(resolved.at("decision"), "allow-once");
  EXPECT_EQ(chatState("once-1"), "final");
  EXPECT_TRUE(gateway_.request(op_, "exec.approval.list").at("payload").at("approvals").empty());
  EXPECT_EQ(gateway_.request(op_, "exec.approval.get", {{"id", id}}).at("payload").at("status"),
            "allowed");
}

TEST_F(ApprovalMethods, UnknownIdsBadDecisionsAndMissingScopesAreRefused) {
  EXPECT_TRUE(isError(gateway_.request(op_, "exec.approval.resolve",
                                       {{"id", "no-such-approval"}, {"decision", "deny"}}),
                      "INVALID_REQUEST"));
  EXPECT_TRUE(isError(gateway_.request(op_, "exec.approval.get", {{"id", "no-such-approval"}}),
                      "INVALID_REQUEST"));
  const json requested = runExec("echo pending", "scope-1");
  EXPECT_TRUE(isError(gateway_.request(op_, "exec.approval.resolve",
                                       {{"id", requested.at("id")}, {"decision", "maybe"}}),
                      "INVALID_REQUEST"));
  auto writer = gateway_.connectOperator({protocol::scopes::kRead, protocol::scopes::kWrite});
  const json denied = gateway_.request(writer, "exec.approval.resolve",
                                       {{"id", requested.at("id")}, {"decision", "deny"}});
  EXPECT_TRUE(isError(denied, "FORBIDDEN")) << denied.dump();
  EXPECT_EQ(denied.at("error").at("details").at("missingScope"), "operator.approvals");
  // Still pending: the refused resolve changed nothing.
  EXPECT_EQ(gateway_.request(op_, "exec.approval.get", {{"id", requested.at("id")}})
                .at("payload")
                .at("status"),
            "pending");
}

}  // namespace
}  // namespace openclaw::testsupport
