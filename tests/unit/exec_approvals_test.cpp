#include "approvals/exec_approvals.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <vector>

namespace openclaw::approvals {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class SilentSink final : public rpc::EventSink {
 public:
  void broadcastToOperators(const std::string&, const json&, const std::string&) override {}
  bool sendTo(const std::string&, const std::string&, const json&) override { return false; }
};

class ExecApprovalsTest : public ::testing::Test {
 protected:
  ExecApprovalSubject subject() const {
    ExecApprovalSubject ls;
    ls.command = "ls";
    ls.host = "gateway";
    return ls;
  }

  boost::asio::io_context io;
  SilentSink sink;
  ExecApprovals approvals{io, sink};
};

TEST_F(ExecApprovalsTest, AnIdInUseIsRefusedWithTheId) {
  const auto first = approvals.request(subject(), "a1", 1min);
  ASSERT_TRUE(first);
  EXPECT_EQ((*first)->id, "a1");
  const auto again = approvals.request(subject(), "a1", 1min);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "INVALID_REQUEST");
  EXPECT_EQ(again.error().message, "approval id already in use: a1");
  EXPECT_EQ(again.error().details, json({{"id", "a1"}}));
}

TEST_F(ExecApprovalsTest, PendingApprovalsAreBoundedAndAnEndedOneFreesASlot) {
  for (std::size_t i = 0; i < ExecApprovals::kMaxPending; ++i) {
    ASSERT_TRUE(approvals.request(subject(), "p" + std::to_string(i), 1min));
  }
  const auto refused = approvals.request(subject(), "one-too-many", 1min);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "UNAVAILABLE");
  EXPECT_EQ(approvals.find("one-too-many"), nullptr);

  ASSERT_TRUE(approvals.resolve("p0", ApprovalOutcome::Deny, "operator-1"));
  EXPECT_TRUE(approvals.request(subject(), "one-too-many", 1min));
}

TEST_F(ExecApprovalsTest, ResolveDecidesOnceAndWaitersHearIt) {
  const std::string id = approvals.request(subject(), "", 1min).value()->id;
  std::vector<std::string> heard;
  ASSERT_TRUE(
      approvals.wait(id, [&](const ApprovalRecord& ended) { heard.push_back(ended.status()); }));
  ASSERT_TRUE(approvals.resolve(id, ApprovalOutcome::Deny, "operator-1"));
  EXPECT_EQ(heard, std::vector<std::string>{"denied"});

  const auto twice = approvals.resolve(id, ApprovalOutcome::AllowOnce, "operator-2");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message, "approval " + id + " was already resolved (denied)");
  EXPECT_EQ(twice.error().details, json({{"id", id}, {"status", "denied"}}));
  // A late waiter hears the decision at once.
  ASSERT_TRUE(
      approvals.wait(id, [&](const ApprovalRecord& ended) { heard.push_back(ended.status()); }));
  EXPECT_EQ(heard.size(), 2u);
}

TEST_F(ExecApprovalsTest, UnknownIdsAreRefusedByWaitAndResolve) {
  const auto waited = approvals.wait("ghost", [](const ApprovalRecord&) { FAIL(); });
  ASSERT_FALSE(waited);
  EXPECT_EQ(waited.error().toJson(), unknownApproval("ghost").toJson());
  EXPECT_EQ(waited.error().message, "unknown or expired approval id: ghost");
  const auto resolved = approvals.resolve("ghost", ApprovalOutcome::Deny, "operator-1");
  ASSERT_FALSE(resolved);
  EXPECT_EQ(resolved.error().details, json({{"id", "ghost"}}));
}

}  // namespace
}  // namespace openclaw::approvals
