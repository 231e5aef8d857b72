// system.info, last-heartbeat and update.status, in process.
#include <gtest/gtest.h>
#include <unistd.h>

#include "in_process_gateway.h"
#include "protocol/scopes.h"
#include "upstream_schema.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

class HostMethods : public ::testing::Test {
 protected:
  InProcessGateway gateway_;
  std::shared_ptr<FakeConnection> reader_ = gateway_.connectOperator({protocol::scopes::kRead});
};

TEST_F(HostMethods, SystemInfoDescribesThisHostAndProcess) {
  const json response = gateway_.request(reader_, "system.info");
  ASSERT_EQ(response.at("ok"), true) << response.dump();
  const json& info = response.at("payload");
  EXPECT_TRUE(upstreamValid("SystemInfoResult", info));
  EXPECT_EQ(info.at("pid"), static_cast<std::int64_t>(::getpid()));
  EXPECT_EQ(info.at("platform"), "linux");
  EXPECT_EQ(info.at("port"), gateway_.settings().port);
  EXPECT_GE(info.at("uptimeMs").get<std::int64_t>(), 0);
  EXPECT_GE(info.at("cpuCount").get<int>(), 1);
  EXPECT_GT(info.at("memoryTotalBytes").get<std::int64_t>(), 0);
  EXPECT_LE(info.at("memoryFreeBytes").get<std::int64_t>(),
            info.at("memoryTotalBytes").get<std::int64_t>());
  EXPECT_EQ(info.at("diskPath"), gateway_.stateDir().string());
  EXPECT_GT(info.at("diskTotalBytes").get<std::int64_t>(), 0);
  EXPECT_EQ(info.at("osLabel").get<std::string>().rfind("Linux ", 0), 0u) << info.dump();
  EXPECT_FALSE(info.at("processInstanceId").get<std::string>().empty());
}

TEST_F(HostMethods, NoHeartbeatHasRun) {
  const json response = gateway_.request(reader_, "last-heartbeat");
  ASSERT_EQ(response.at("ok"), true) << response.dump();
  EXPECT_TRUE(response.at("payload").is_null());
  EXPECT_TRUE(isError(gateway_.request(reader_, "last-heartbeat", {{"x", 1}}), "INVALID_REQUEST"));
}

TEST_F(HostMethods, UpdateStatusSaysThereIsNoUpdateChannel) {
  auto admin = gateway_.connectOperator();
  const json response = gateway_.request(admin, "update.status", {{"refreshCheckout", true}});
  ASSERT_EQ(response.at("ok"), true) << response.dump();
  EXPECT_EQ(response.at("payload"), json({{"sentinel", nullptr}, {"updateAvailable", nullptr}}));
  EXPECT_TRUE(upstreamValid("UpdateStatusResult", response.at("payload")));
  EXPECT_FALSE(gateway_.request(reader_, "update.status").at("ok"));  // operator.admin
}

}  // namespace
}  // namespace openclaw::testsupport
