// The cron method family in process (the whole gateway's services, fake connections): the bound
// on the number of jobs, which needs too many requests for the real binary's frame log.
#include <gtest/gtest.h>

#include "in_process_gateway.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json everyMinuteEvent(const std::string& name) {
  return {{"name", name},
          {"schedule", {{"kind", "every"}, {"everyMs", 60'000}}},
          {"sessionTarget", "main"},
          {"wakeMode", "next-heartbeat"},
          {"payload", {{"kind", "systemEvent"}, {"text", "tick"}}}};
}

TEST(CronMethodsInProcess, TheNumberOfJobsIsBounded) {
  constexpr std::size_t kMaxJobs = 10'000;  // automation::CronService's bound
  InProcessGateway gateway;
  const auto admin = gateway.connectOperator();
  const std::size_t before = admin->sent.size();
  for (std::size_t index = 0; index < kMaxJobs; ++index) {
    gateway.sendRequest(admin, "cron.add", everyMinuteEvent("job " + std::to_string(index)));
  }
  // Counts the answers as they arrive (each frame looked at once).
  std::size_t scanned = before;
  std::size_t answers = 0;
  std::size_t failures = 0;
  ASSERT_TRUE(gateway.runUntil(
      [&] {
        for (; scanned < admin->sent.size(); ++scanned) {
          const std::string& frame = admin->sent[scanned];
          if (frame.find(R"("type":"res")") == std::string::npos) continue;
          ++answers;
          if (frame.find(R"("ok":false)") != std::string::npos) ++failures;
        }
        return answers == kMaxJobs;
      },
      300s))
      << answers << " answers";
  EXPECT_EQ(failures, 0u);

  const json refused = gateway.request(admin, "cron.add", everyMinuteEvent("one too many"));
  ASSERT_TRUE(isError(refused, "INVALID_REQUEST")) << refused.dump();
  const std::string message = refused.at("error").at("message");
  EXPECT_NE(message.find("too many"), std::string::npos) << message;
  EXPECT_NE(message.find("10000"), std::string::npos) << message;
  EXPECT_EQ(gateway.request(admin, "cron.status").at("payload").at("jobs"), kMaxJobs);
  const json page =
      gateway.request(admin, "cron.list", {{"limit", 200}, {"offset", 9'900}}).at("payload");
  EXPECT_EQ(page.at("total"), kMaxJobs);
  EXPECT_EQ(page.at("jobs").size(), 100u);
  EXPECT_EQ(page.at("hasMore"), false);
}

}  // namespace
}  // namespace openclaw::testsupport
