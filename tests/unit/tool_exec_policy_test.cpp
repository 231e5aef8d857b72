#include <gtest/gtest.h>

#include "agent/tools/exec_policy.h"

namespace openclaw::agent::tools {
namespace {

using config::ExecAsk;
using config::ExecSecurity;
using Programs = std::vector<std::string>;

Programs programs(const std::string& command) {
  const CommandPrograms parsed = programsInCommand(command);
  EXPECT_EQ(parsed.refusal, "") << command;
  return parsed.programs;
}

std::string refusal(const std::string& command) {
  const CommandPrograms parsed = programsInCommand(command);
  EXPECT_NE(parsed.refusal, "") << command << " was accepted";
  EXPECT_TRUE(parsed.programs.empty());
  return parsed.refusal;
}

config::ExecToolSettings allowlist(Programs safeBins, ExecAsk ask = ExecAsk::Off) {
  config::ExecToolSettings settings;
  settings.security = ExecSecurity::Allowlist;
  settings.ask = ask;
  settings.safeBins = std::move(safeBins);
  return settings;
}

TEST(ToolExecPolicy, FindsTheProgramOfEverySimpleCommand) {
  EXPECT_EQ(programs("ls -la"), Programs{"ls"});
  EXPECT_EQ(programs("git status && git diff | head -n 5; wc -l *.txt || true"),
            (Programs{"git", "git", "head", "wc", "true"}));
  EXPECT_EQ(programs("grep 'a b|c;$x' \"two words\" file\nls"), (Programs{"grep", "ls"}));
  EXPECT_EQ(programs("'ls' ./dir"), Programs{"ls"});
  EXPECT_EQ(programs("./build.sh; /usr/bin/env;"), (Programs{"./build.sh", "/usr/bin/env"}));
}

TEST(ToolExecPolicy, RefusesShellSyntaxItCannotProveSafe) {
  EXPECT_NE(refusal("echo $HOME").find("expansion"), std::string::npos);
  refusal("echo `id`");
  refusal("echo $(id)");
  refusal("echo \"$(id)\"");
  refusal("ls > out.txt");
  refusal("cat < /etc/passwd");
  EXPECT_NE(refusal("sleep 10 &").find("background"), std::string::npos);
  refusal("ls |& cat");
  refusal("(rm -rf /)");
  refusal("{ ls; }");
  refusal("ls\\ -la");
  refusal("ls # comment");
  refusal("LD_PRELOAD=x.so ls");
  refusal("l* -la");
  refusal("echo 'unterminated");
  refusal("ls |");
  refusal("| ls");
  refusal("ls && || pwd");
  refusal("''");
  refusal("   ");
}

TEST(ToolExecPolicy, DenyRefusesEverything) {
  config::ExecToolSettings settings = allowlist({"ls"}, ExecAsk::Always);
  settings.security = ExecSecurity::Deny;
  const ExecVerdict verdict = evaluateExecPolicy(settings, "ls");
  EXPECT_EQ(verdict.decision, ExecDecision::Refuse);
  EXPECT_NE(verdict.reason.find("\"deny\""), std::string::npos);
}

TEST(ToolExecPolicy, AllowlistRunsOnlyWhenEveryProgramIsListed) {
  const auto settings = allowlist({"ls", "wc", "/opt/tool"});
  EXPECT_EQ(evaluateExecPolicy(settings, "ls -la | wc -l").decision, ExecDecision::Run);
  EXPECT_EQ(evaluateExecPolicy(settings, "/opt/tool --x").decision, ExecDecision::Run);
  const ExecVerdict miss = evaluateExecPolicy(settings, "ls && rm -rf x");
  EXPECT_EQ(miss.decision, ExecDecision::Refuse);
  EXPECT_EQ(miss.reason, "\"rm\" is not in tools.exec.safeBins");
  // A bare entry does not cover a program given by path, nor the reverse.
  EXPECT_EQ(evaluateExecPolicy(settings, "/tmp/ls").decision, ExecDecision::Refuse);
  EXPECT_EQ(evaluateExecPolicy(settings, "tool").decision, ExecDecision::Refuse);
  const ExecVerdict syntax = evaluateExecPolicy(settings, "ls $(rm -rf x)");
  EXPECT_EQ(syntax.decision, ExecDecision::Refuse);
  EXPECT_NE(syntax.reason.find("cannot be checked"), std::string::npos);
}

TEST(ToolExecPolicy, AskTurnsMissesOrEverythingIntoApprovals) {
  EXPECT_EQ(evaluateExecPolicy(allowlist({"ls"}, ExecAsk::OnMiss), "ls").decision,
            ExecDecision::Run);
  EXPECT_EQ(evaluateExecPolicy(allowlist({"ls"}, ExecAsk::OnMiss), "rm x").decision,
            ExecDecision::Ask);
  EXPECT_EQ(evaluateExecPolicy(allowlist({"ls"}, ExecAsk::Always), "ls").decision,
            ExecDecision::Ask);
  config::ExecToolSettings full;
  full.security = ExecSecurity::Full;
  full.ask = ExecAsk::OnMiss;
  EXPECT_EQ(evaluateExecPolicy(full, "echo $(id) > x &").decision, ExecDecision::Run);
  full.ask = ExecAsk::Always;
  EXPECT_EQ(evaluateExecPolicy(full, "ls").decision, ExecDecision::Ask);
}

}  // namespace
}  // namespace openclaw::agent::tools
