#include <gtest/gtest.h>

#include "agent/tools/exec_tool.h"
#include "core/files.h"
#include "temp_dir.h"

namespace openclaw::agent::tools {
namespace {

namespace fs = std::filesystem;
using config::ExecAsk;
using config::ExecSecurity;
using nlohmann::json;

class ToolExec : public ::testing::Test {
 protected:
  ToolExec() {
    context_.workspace = temp_.path() / "ws";
    context_.cancelled = std::make_shared<std::atomic<bool>>(false);
    settings_.security = ExecSecurity::Full;
    settings_.ask = ExecAsk::Off;
  }
  ToolResult exec(const json& arguments, ExecApprover approver = {}) const {
    return ExecTool(settings_, std::move(approver)).run(arguments, context_);
  }

  testsupport::TempDir temp_;
  ToolContext context_;
  config::ExecToolSettings settings_;
};

TEST_F(ToolExec, RunsInTheWorkspaceAndReportsOutput) {
  const ToolResult result = exec({{"command", "pwd; echo hi >&2"}});
  ASSERT_FALSE(result.isError) << result.output;
  EXPECT_EQ(result.output, fs::canonical(context_.workspace).string() + "\nhi");
  EXPECT_EQ(result.details["exitCode"], 0);
  EXPECT_EQ(exec({{"command", "true"}}).output, "(no output)");
}

TEST_F(ToolExec, WorkdirMustStayInsideTheWorkspace) {
  fs::create_directories(context_.workspace / "sub");
  EXPECT_EQ(exec({{"command", "basename \"$PWD\""}, {"workdir", "sub"}}).output, "sub");
  const ToolResult outside = exec({{"command", "pwd"}, {"workdir", "/tmp"}});
  EXPECT_TRUE(outside.isError);
  EXPECT_NE(outside.output.find("outside the workspace"), std::string::npos);
  EXPECT_TRUE(exec({{"command", "pwd"}, {"workdir", "missing"}}).isError);
}

TEST_F(ToolExec, NonZeroExitIsAnErrorWithTheOutput) {
  const ToolResult result = exec({{"command", "echo oops; exit 4"}});
  EXPECT_TRUE(result.isError);
  EXPECT_EQ(result.output, "oops\nCommand exited with code 4");
  EXPECT_EQ(result.details["exitCode"], 4);
}

TEST_F(ToolExec, FailuresSayWhetherTheCallWasRejectedBlockedOrRan) {
  EXPECT_EQ(exec({{"command", "exit 3"}}).failure, ToolFailure::None);
  EXPECT_EQ(exec({{"command", 5}}).failure, ToolFailure::Rejected);
  EXPECT_EQ(exec({{"command", "pwd"}, {"workdir", "/tmp"}}).failure, ToolFailure::Rejected);
  settings_.security = ExecSecurity::Allowlist;  // nothing listed and nobody to ask
  EXPECT_EQ(exec({{"command", "true"}}).failure, ToolFailure::Blocked);
  settings_.ask = ExecAsk::OnMiss;
  const auto deny = [](ExecApprovalRequest, ExecDecided decided) { decided(ExecApproval::Deny); };
  EXPECT_EQ(exec({{"command", "true"}}, deny).failure, ToolFailure::Blocked);
}

TEST_F(ToolExec, TimeoutKillsTheCommand) {
  const ToolResult result = exec({{"command", "echo started; sleep 30"}, {"timeout", 1}});
  EXPECT_TRUE(result.isError);
  EXPECT_EQ(result.output, "started\nCommand timed out after 1 s and was killed");
  EXPECT_TRUE(result.details["timedOut"].get<bool>());
}

TEST_F(ToolExec, OutputIsCappedAndMarked) {
  settings_.maxOutputBytes = 10;
  const ToolResult result = exec({{"command", "echo 0123456789abcdef"}});
  EXPECT_FALSE(result.isError);
  EXPECT_EQ(result.output, "0123456789\n[output truncated: showing the first 10 of 17 bytes]");
}

TEST_F(ToolExec, CancelledRunStopsTheCommand) {
  *context_.cancelled = true;
  const ToolResult result = exec({{"command", "sleep 30"}});
  EXPECT_TRUE(result.isError);
  EXPECT_NE(result.output.find("cancelled"), std::string::npos);
}

TEST_F(ToolExec, GatewayCredentialsAreNotPassedOn) {
  ::setenv("OPENCLAW_GATEWAY_TOKEN", "secret-token", 1);
  const ToolResult result = exec({{"command", "echo \"[${OPENCLAW_GATEWAY_TOKEN:-}]\""}});
  ::unsetenv("OPENCLAW_GATEWAY_TOKEN");
  EXPECT_EQ(result.output, "[]");
}

TEST_F(ToolExec, DenyAndAllowlistMissesAreRefusedWithoutRunning) {
  settings_.security = ExecSecurity::Deny;
  const ToolResult denied = exec({{"command", "touch ran"}});
  EXPECT_TRUE(denied.isError);
  EXPECT_NE(denied.output.find("tools.exec.security is \"deny\""), std::string::npos);
  settings_.security = ExecSecurity::Allowlist;
  settings_.safeBins = {"echo"};
  EXPECT_EQ(exec({{"command", "echo allowed"}}).output, "allowed");
  const ToolResult miss = exec({{"command", "echo x && touch ran"}});
  EXPECT_TRUE(miss.isError);
  EXPECT_NE(miss.output.find("\"touch\" is not in tools.exec.safeBins"), std::string::npos);
  const ToolResult syntax = exec({{"command", "echo $(touch ran)"}});
  EXPECT_TRUE(syntax.isError);
  EXPECT_FALSE(fs::exists(context_.workspace / "ran"));
}

TEST_F(ToolExec, AskConsultsTheApproverAndDeniesWithoutOne) {
  settings_.security = ExecSecurity::Allowlist;
  settings_.ask = ExecAsk::OnMiss;
  const ToolResult noApprover = exec({{"command", "touch ran"}});
  EXPECT_TRUE(noApprover.isError);
  EXPECT_NE(noApprover.output.find("approval"), std::string::npos);

  std::vector<ExecApprovalRequest> asked;
  const auto deny = [&](ExecApprovalRequest request, const ExecDecided& decided) {
    asked.push_back(request);
    decided(ExecApproval::Deny);
  };
  EXPECT_NE(exec({{"command", "touch ran"}}, deny).output.find("operator denied"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(context_.workspace / "ran"));
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].command, "touch ran");
  EXPECT_EQ(asked[0].reason, "\"touch\" is not in tools.exec.safeBins");
  EXPECT_EQ(asked[0].workdir, fs::canonical(context_.workspace).string());

  const auto approve = [](ExecApprovalRequest, const ExecDecided& decided) {
    decided(ExecApproval::Approve);
  };
  EXPECT_FALSE(exec({{"command", "touch ran"}}, approve).isError);
  EXPECT_TRUE(fs::exists(context_.workspace / "ran"));
}

TEST_F(ToolExec, StartReturnsWhileTheApprovalIsPendingAndTheAnswerRunsTheCommand) {
  settings_.security = ExecSecurity::Allowlist;
  settings_.ask = ExecAsk::OnMiss;
  ExecDecided pending;
  const ExecTool tool(
      settings_, [&](ExecApprovalRequest, ExecDecided decided) { pending = std::move(decided); });
  std::optional<ToolResult> result;
  tool.start({{"command", "echo later > ran; cat ran"}}, context_,
             [&](ToolResult value) { result = std::move(value); });
  ASSERT_TRUE(pending);
  EXPECT_FALSE(result.has_value());
  EXPECT_FALSE(fs::exists(context_.workspace / "ran"));
  pending(ExecApproval::Approve);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->output, "later");
}

TEST_F(ToolExec, ApprovalRequestsCarryThePolicyAndTheRunAndRefusalsSayWhy) {
  settings_.security = ExecSecurity::Allowlist;
  settings_.ask = ExecAsk::Always;
  settings_.safeBins = {"true"};
  settings_.approvalTimeoutSec = 7;
  std::optional<ExecApprovalRequest> asked;
  const auto expire = [&](ExecApprovalRequest request, const ExecDecided& decided) {
    asked = request;
    decided(ExecApproval::Expired);
  };
  EXPECT_NE(exec({{"command", "true"}}, expire).output.find("approval timed out"),
            std::string::npos);
  ASSERT_TRUE(asked.has_value());
  EXPECT_EQ(asked->security, "allowlist");
  EXPECT_EQ(asked->ask, "always");
  EXPECT_TRUE(asked->askEveryTime);
  EXPECT_EQ(asked->cancelCallbacks, context_.cancelCallbacks);
  const auto cancel = [](ExecApprovalRequest, const ExecDecided& decided) {
    decided(ExecApproval::Cancelled);
  };
  EXPECT_NE(exec({{"command", "true"}}, cancel).output.find("the run ended"), std::string::npos);
}

TEST_F(ToolExec, BadArgumentsAreErrors) {
  EXPECT_NE(exec(json::object()).output.find("missing required parameter \"command\""),
            std::string::npos);
  EXPECT_TRUE(exec({{"command", 5}}).isError);
  EXPECT_NE(exec({{"command", "true"}, {"timeout", -1}}).output.find("\"timeout\""),
            std::string::npos);
  EXPECT_NE(exec({{"command", "   "}}).output.find("empty"), std::string::npos);
}

}  // namespace
}  // namespace openclaw::agent::tools
