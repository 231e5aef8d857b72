// exec.approvals.get / set: upstream's snapshot of the allow-always list, with baseHash checks.
#include <gtest/gtest.h>

#include "core/files.h"
#include "in_process_gateway.h"
#include "protocol/scopes.h"
#include "upstream_schema.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

json fileWith(json allowlist, const std::string& agentId = "*") {
  return {{"version", 1}, {"agents", {{agentId, {{"allowlist", std::move(allowlist)}}}}}};
}

class ExecApprovalsMethods : public ::testing::Test {
 protected:
  json get() {
    const json response = gateway_.request(admin_, "exec.approvals.get");
    EXPECT_EQ(response.at("ok"), true) << response.dump();
    return response.value("payload", json());
  }
  json set(const json& params) { return gateway_.request(admin_, "exec.approvals.set", params); }
  std::filesystem::path file() const { return gateway_.stateDir() / "exec-approvals.json"; }

  InProcessGateway gateway_;
  std::shared_ptr<FakeConnection> admin_ = gateway_.connectOperator();
};

TEST_F(ExecApprovalsMethods, BeforeAnyDecisionTheFileIsMissing) {
  const json snapshot = get();
  EXPECT_TRUE(upstreamValid("ExecApprovalsSnapshot", snapshot));
  EXPECT_EQ(snapshot.at("exists"), false);
  EXPECT_EQ(snapshot.at("path"), file().string());
  EXPECT_EQ(snapshot.at("hash").get<std::string>().rfind("missing:", 0), 0u);
  EXPECT_EQ(snapshot.at("file"), json({{"version", 1}, {"agents", json::object()}}));
  EXPECT_EQ(snapshot.at("resolvedDefaults"), json({{"security", "allowlist"},
                                                   {"ask", "on-miss"},
                                                   {"askFallback", "deny"},
                                                   {"autoAllowSkills", false}}));
}

TEST_F(ExecApprovalsMethods, SetReplacesTheListAndSavesIt) {
  const std::string missingHash = get().at("hash");
  const json response =
      set({{"baseHash", missingHash},
           {"file", fileWith({{{"pattern", "/usr/bin/uname"}, {"commandText", "uname -a"}},
                              {{"pattern", "/usr/bin/uname"}}})}});
  ASSERT_EQ(response.at("ok"), true) << response.dump();
  const json saved = response.at("payload");
  EXPECT_TRUE(upstreamValid("ExecApprovalsSnapshot", saved));
  EXPECT_EQ(saved.at("exists"), true);
  EXPECT_NE(saved.at("hash"), missingHash);
  EXPECT_EQ(saved.at("file"),
            fileWith({{{"pattern", "/usr/bin/uname"},
                       {"source", "allow-always"},
                       {"commandText", "uname -a"}}}));  // the duplicate is dropped
  EXPECT_EQ(get(), saved);

  const json onDisk = json::parse(core::readFile(file()).value_or("{}"));
  ASSERT_EQ(onDisk.at("allowlist").size(), 1u);
  EXPECT_EQ(onDisk.at("allowlist")[0].at("pattern"), "/usr/bin/uname");

  // Every agent's list is the one list; an empty file clears it.
  const json cleared = set({{"baseHash", saved.at("hash")}, {"file", {{"version", 1}}}});
  ASSERT_EQ(cleared.at("ok"), true) << cleared.dump();
  EXPECT_EQ(cleared.at("payload").at("file").at("agents"), json::object());
  EXPECT_EQ(json::parse(core::readFile(file()).value_or("{}")).at("allowlist"), json::array());
}

TEST_F(ExecApprovalsMethods, StaleOrMissingBaseHashIsRefused) {
  const json first = set({{"file", fileWith({{{"pattern", "/bin/ls"}}}, "main")}});
  ASSERT_EQ(first.at("ok"), true) << first.dump();  // no file yet: no hash needed
  const std::string hash = first.at("payload").at("hash");

  EXPECT_TRUE(isError(set({{"file", fileWith({{{"pattern", "/bin/cat"}}})}}), "INVALID_REQUEST"));
  const json stale = set({{"baseHash", "0000"}, {"file", fileWith({{{"pattern", "/bin/cat"}}})}});
  ASSERT_TRUE(isError(stale, "INVALID_REQUEST"));
  EXPECT_NE(stale.at("error").at("message").get<std::string>().find("changed since last load"),
            std::string::npos);
  EXPECT_EQ(get().at("hash"), hash);  // nothing changed

  const json next = set({{"baseHash", hash}, {"file", fileWith({{{"pattern", "/bin/cat"}}})}});
  ASSERT_EQ(next.at("ok"), true) << next.dump();
  EXPECT_TRUE(isError(set({{"baseHash", hash}, {"file", fileWith(json::array())}}),
                      "INVALID_REQUEST"));  // the hash it was read at is stale now
}

TEST_F(ExecApprovalsMethods, WhatThisGatewayWouldNotApplyIsRefused) {
  const std::string hash = get().at("hash");
  const auto refused = [&](const json& file) {
    const json response = set({{"baseHash", hash}, {"file", file}});
    return isError(response, "INVALID_REQUEST");
  };
  EXPECT_TRUE(refused({{"version", 1}, {"defaults", {{"security", "full"}}}}));
  EXPECT_TRUE(refused({{"version", 1}, {"socket", {{"path", "/tmp/s"}}}}));
  EXPECT_TRUE(refused({{"version", 1}, {"agents", {{"main", {{"ask", "always"}}}}}}));
  EXPECT_TRUE(refused(fileWith({{{"pattern", "/bin/ls"}, {"argPattern", "-la"}}})));
  EXPECT_TRUE(refused(fileWith({{{"pattern", "ls"}}})));
  EXPECT_TRUE(refused(fileWith({{{"pattern", "/usr/bin/*"}}})));
  EXPECT_TRUE(refused(fileWith({{{"pattern", "/" + std::string(5000, 'x')}}})));
  json tooMany = json::array();
  for (int i = 0; i <= 1024; ++i) tooMany.push_back({{"pattern", "/bin/p" + std::to_string(i)}});
  EXPECT_TRUE(refused(fileWith(tooMany)));
  EXPECT_TRUE(refused({{"version", 2}}));  // upstream's params schema
  EXPECT_TRUE(isError(set(json::object()), "INVALID_REQUEST"));
  EXPECT_EQ(get().at("exists"), false);  // nothing was written
}

TEST_F(ExecApprovalsMethods, NeedsOperatorAdmin) {
  auto writer = gateway_.connectOperator({protocol::scopes::kWrite, protocol::scopes::kApprovals});
  EXPECT_FALSE(gateway_.request(writer, "exec.approvals.get").at("ok"));
  EXPECT_FALSE(
      gateway_.request(writer, "exec.approvals.set", {{"file", {{"version", 1}}}}).at("ok"));
}

}  // namespace
}  // namespace openclaw::testsupport
