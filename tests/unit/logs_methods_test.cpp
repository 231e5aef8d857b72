// logs.tail, in process, over a log file the test writes.
#include <gtest/gtest.h>

#include <fstream>

#include "core/logging.h"
#include "in_process_gateway.h"
#include "protocol/scopes.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

class LogsMethods : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream file(logFile());
    for (int i = 1; i <= 3; ++i) file << json{{"msg", "line " + std::to_string(i)}}.dump() << '\n';
  }

  std::filesystem::path logFile() const {
    return core::currentLogFile(gateway_.settings().logFilePattern);
  }

  InProcessGateway gateway_;
  std::shared_ptr<FakeConnection> reader_ = gateway_.connectOperator({protocol::scopes::kRead});
};

TEST_F(LogsMethods, TailReturnsTheLastLinesAndTheCursorContinuesWithoutRepeats) {
  const json first = gateway_.request(reader_, "logs.tail", {{"limit", 2}}).at("payload");
  EXPECT_EQ(first.at("file"), logFile().string());
  ASSERT_EQ(first.at("lines").size(), 2u) << first.dump();
  EXPECT_EQ(json::parse(first.at("lines")[1].get<std::string>()).at("msg"), "line 3");
  EXPECT_EQ(first.at("cursor"), first.at("size"));

  std::ofstream(logFile(), std::ios::app) << json{{"msg", "line 4"}}.dump() << '\n';
  const json next =
      gateway_.request(reader_, "logs.tail", {{"cursor", first.at("cursor")}}).at("payload");
  EXPECT_EQ(next.at("reset"), false);
  ASSERT_EQ(next.at("lines").size(), 1u) << next.dump();
  EXPECT_EQ(json::parse(next.at("lines")[0].get<std::string>()).at("msg"), "line 4");
}

TEST_F(LogsMethods, CursorBeyondTheFileResets) {
  const json tail =
      gateway_.request(reader_, "logs.tail", {{"cursor", 1'000'000'000}}).at("payload");
  EXPECT_EQ(tail.at("reset"), true);
  EXPECT_LE(tail.at("cursor"), tail.at("size"));
}

TEST_F(LogsMethods, BadParamsAreInvalidRequest) {
  for (const json& params :
       {json{{"limit", 0}}, json{{"limit", 5001}}, json{{"maxBytes", 0}}, json{{"cursor", -1}},
        json{{"cursor", "10"}}, json{{"follow", true}}}) {
    EXPECT_TRUE(isError(gateway_.request(reader_, "logs.tail", params), "INVALID_REQUEST"))
        << params;
  }
}

TEST_F(LogsMethods, NeedsTheReadScope) {
  auto nobody = gateway_.connectOperator({});
  EXPECT_TRUE(isError(gateway_.request(nobody, "logs.tail"), "FORBIDDEN"));
}

}  // namespace
}  // namespace openclaw::testsupport
