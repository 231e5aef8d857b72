#include <gtest/gtest.h>

#include "core/executable_lookup.h"
#include "nodehost/exec_policy.h"
#include "nodehost/reconnect_backoff.h"

namespace openclaw::nodehost {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::filesystem::path found(const std::string& name) {
  auto path = core::resolveExecutable(name, core::processPath());
  if (!path) throw std::runtime_error(name + " not found");
  return *path;
}

TEST(ExecPolicy, DefaultsToAnEmptyAllowlist) {
  const ExecPolicy policy = ExecPolicy::fromConfig(json::object());
  EXPECT_EQ(policy.security, "allowlist");
  EXPECT_TRUE(execRefusal(policy, "echo", found("echo")).has_value());
}

TEST(ExecPolicy, BareNamesMatchOnlyBareArgv0) {
  const ExecPolicy policy = ExecPolicy::fromConfig({{"nodeHost", {{"allowCommands", {"echo"}}}}});
  EXPECT_EQ(execRefusal(policy, "echo", found("echo")), std::nullopt);
  // The same file by path is not the bare name, nor is another program.
  EXPECT_TRUE(execRefusal(policy, found("echo").string(), found("echo")).has_value());
  EXPECT_TRUE(execRefusal(policy, "sh", found("sh")).has_value());
}

TEST(ExecPolicy, AskModeDecidesBetweenRefusingAndAsking) {
  const auto policy = [](const std::string& ask, const std::string& security = "allowlist") {
    return ExecPolicy::fromConfig(
        {{"nodeHost",
          {{"execSecurity", security}, {"execAsk", ask}, {"allowCommands", {"echo"}}}}});
  };
  EXPECT_EQ(ExecPolicy::fromConfig(json::object()).ask, "off");
  EXPECT_EQ(execVerdict(policy("off"), "sh", found("sh"), false).decision, ExecVerdict::Refuse);
  EXPECT_EQ(execVerdict(policy("on-miss"), "sh", found("sh"), false).decision, ExecVerdict::Ask);
  EXPECT_EQ(execVerdict(policy("on-miss"), "echo", found("echo"), false).decision,
            ExecVerdict::Run);
  // An earlier "allow-always" counts as an allowlist entry, except under "always".
  EXPECT_EQ(execVerdict(policy("off"), "sh", found("sh"), true).decision, ExecVerdict::Run);
  EXPECT_EQ(execVerdict(policy("always"), "echo", found("echo"), true).decision, ExecVerdict::Ask);
  EXPECT_EQ(execVerdict(policy("always", "deny"), "echo", found("echo"), true).decision,
            ExecVerdict::Refuse);
  EXPECT_THROW(ExecPolicy::fromConfig({{"nodeHost", {{"execAsk", "sometimes"}}}}),
               std::invalid_argument);
}

TEST(ExecPolicy, PathEntriesMatchTheResolvedFile) {
  const std::string echo = found("echo").string();
  const ExecPolicy policy = ExecPolicy::fromConfig({{"nodeHost", {{"allowCommands", {echo}}}}});
  EXPECT_EQ(execRefusal(policy, "echo", found("echo")), std::nullopt);
  EXPECT_EQ(execRefusal(policy, echo, found(echo)), std::nullopt);
  EXPECT_TRUE(execRefusal(policy, "true", found("true")).has_value());
}

TEST(ExecPolicy, FullAndDenyModes) {
  EXPECT_EQ(execRefusal(ExecPolicy::fromConfig({{"nodeHost", {{"execSecurity", "full"}}}}), "sh",
                        found("sh")),
            std::nullopt);
  const ExecPolicy deny = ExecPolicy::fromConfig(
      {{"nodeHost", {{"execSecurity", "deny"}, {"allowCommands", {"echo"}}}}});
  EXPECT_TRUE(execRefusal(deny, "echo", found("echo")).has_value());
}

TEST(ExecPolicy, RejectsMalformedConfig) {
  EXPECT_THROW(ExecPolicy::fromConfig({{"nodeHost", {{"execSecurity", "yolo"}}}}),
               std::invalid_argument);
  EXPECT_THROW(ExecPolicy::fromConfig({{"nodeHost", {{"allowCommands", "echo"}}}}),
               std::invalid_argument);
  EXPECT_THROW(ExecPolicy::fromConfig({{"nodeHost", {{"allowCommands", {""}}}}}),
               std::invalid_argument);
  EXPECT_THROW(ExecPolicy::fromConfig({{"nodeHost", 3}}), std::invalid_argument);
}

TEST(ReconnectBackoff, DoublesUpToTheCapWithBoundedJitterAndResets) {
  ReconnectBackoff backoff(100ms, 1000ms, 42);
  const std::vector<long> bases = {100, 200, 400, 800, 1000, 1000};
  for (long base : bases) {
    const auto delay = backoff.next().count();
    EXPECT_GE(delay, base);
    EXPECT_LE(delay, base + base / 4);
  }
  backoff.reset();
  EXPECT_LE(backoff.next().count(), 125);
}

}  // namespace
}  // namespace openclaw::nodehost
