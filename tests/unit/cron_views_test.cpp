// cron.list's page (filters, order, paging as upstream's listPage) and the delivery previews.
#include "methods/cron_views.h"

#include <gtest/gtest.h>

namespace openclaw::methods {
namespace {

using automation::CronJob;
using nlohmann::json;

CronJob job(const std::string& id, const std::string& name, std::optional<std::int64_t> next) {
  CronJob result;
  result.id = id;
  result.name = name;
  result.createdAtMs = 1000;
  result.updatedAtMs = 1000;
  result.schedule = automation::EverySchedule{60'000, 0};
  result.payload = automation::SystemEventPayload{"tick"};
  result.state.nextRunAtMs = next;
  return result;
}

class CronListPage : public ::testing::Test {
 protected:
  CronListPage() {
    jobs_.push_back(job("c", "Gamma", 3000));
    jobs_.push_back(job("a", "alpha", std::nullopt));
    jobs_.push_back(job("b", "Beta", 2000));
    jobs_[1].enabled = false;
    jobs_[2].agentId = "work";
    jobs_[2].description = "Weekly REPORT";
    jobs_[2].state.lastRunStatus = automation::RunStatus::Error;
    jobs_[2].schedule = automation::CronSchedule{"0 9 * * 1", "UTC", std::nullopt};
    jobs_[2].updatedAtMs = 5000;
  }

  json page(const json& params) const {
    std::vector<const CronJob*> pointers;
    for (const CronJob& entry : jobs_) pointers.push_back(&entry);
    return cronListPage(pointers, params, "main");
  }

  static std::vector<std::string> ids(const json& result) {
    std::vector<std::string> found;
    for (const json& row : result.at("jobs")) found.push_back(row.at("id"));
    return found;
  }

  std::vector<CronJob> jobs_;
};

TEST_F(CronListPage, EnabledJobsByNextRunByDefault) {
  const json result = page(json::object());
  EXPECT_EQ(ids(result), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(result.at("total"), 2);
  EXPECT_EQ(result.at("offset"), 0);
  EXPECT_EQ(result.at("limit"), 2);  // upstream: every job when no limit is given
  EXPECT_EQ(result.at("hasMore"), false);
  EXPECT_EQ(result.at("nextOffset"), nullptr);
  EXPECT_EQ(result.at("jobs")[0].at("effectiveAgentId"), "work");
  EXPECT_EQ(result.at("jobs")[1].at("effectiveAgentId"), "main");
  EXPECT_TRUE(result.at("deliveryPreviews").contains("b"));
}

// The official CLI refuses a page without snapshotRevision and restarts its listing when the
// revision changes between pages.
TEST_F(CronListPage, PagesNameTheInventoryRevisionTheyCameFrom) {
  const json first = page({{"limit", 1}});
  const json second = page({{"limit", 1}, {"offset", 1}});
  ASSERT_TRUE(first.at("snapshotRevision").is_string());
  EXPECT_EQ(first.at("snapshotRevision").get<std::string>().rfind("sha256:", 0), 0U);
  EXPECT_EQ(second.at("snapshotRevision"), first.at("snapshotRevision"));
  jobs_[1].enabled = true;
  EXPECT_NE(page({{"limit", 1}}).at("snapshotRevision"), first.at("snapshotRevision"));
}

TEST_F(CronListPage, JobsWithoutANextRunComeLastEitherWay) {
  EXPECT_EQ(ids(page({{"includeDisabled", true}})), (std::vector<std::string>{"b", "c", "a"}));
  EXPECT_EQ(ids(page({{"enabled", "all"}, {"sortDir", "desc"}})),
            (std::vector<std::string>{"c", "b", "a"}));
}

TEST_F(CronListPage, SortsByNameCaseInsensitivelyAndByUpdate) {
  EXPECT_EQ(ids(page({{"enabled", "all"}, {"sortBy", "name"}})),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ids(page({{"enabled", "all"}, {"sortBy", "updatedAtMs"}, {"sortDir", "desc"}})),
            (std::vector<std::string>{"b", "a", "c"}));
}

TEST_F(CronListPage, Filters) {
  EXPECT_EQ(ids(page({{"enabled", "disabled"}})), (std::vector<std::string>{"a"}));
  EXPECT_EQ(ids(page({{"scheduleKind", "cron"}})), (std::vector<std::string>{"b"}));
  EXPECT_EQ(ids(page({{"lastRunStatus", "error"}})), (std::vector<std::string>{"b"}));
  EXPECT_EQ(ids(page({{"lastRunStatus", "unknown"}})), (std::vector<std::string>{"c"}));
  EXPECT_EQ(ids(page({{"query", "report"}})), (std::vector<std::string>{"b"}));
  EXPECT_EQ(ids(page({{"agentId", "main"}, {"enabled", "all"}})),
            (std::vector<std::string>{"c", "a"}));
  EXPECT_TRUE(ids(page({{"trigger", "conditional"}})).empty());
}

TEST_F(CronListPage, PagesWithClampedOffset) {
  const json first = page({{"enabled", "all"}, {"limit", 1}});
  EXPECT_EQ(ids(first), (std::vector<std::string>{"b"}));
  EXPECT_EQ(first.at("hasMore"), true);
  EXPECT_EQ(first.at("nextOffset"), 1);
  const json beyond = page({{"enabled", "all"}, {"offset", 10}});
  EXPECT_EQ(beyond.at("offset"), 3);
  EXPECT_TRUE(ids(beyond).empty());
  EXPECT_EQ(page({{"query", "nothing matches"}}).at("limit"), 50);
}

TEST_F(CronListPage, CompactRowsHaveNoPreviews) {
  const json result = page({{"compact", true}});
  EXPECT_FALSE(result.contains("deliveryPreviews"));
  const json& row = result.at("jobs")[0];
  EXPECT_EQ(row.at("scheduleKind"), "cron");
  EXPECT_EQ(row.at("lastRunStatus"), "error");
  EXPECT_EQ(row.at("nextRunAtMs"), 2000);
  EXPECT_EQ(row.at("nextRunAt"), "1970-01-01T00:00:02.000Z");
  EXPECT_EQ(row.at("lastRunAtMs"), nullptr);
  EXPECT_FALSE(page({{"includeDeliveryPreviews", false}}).contains("deliveryPreviews"));
}

TEST(CronDeliveryPreview, SaysWhereOutputGoes) {
  CronJob entry = job("x", "x", std::nullopt);
  EXPECT_EQ(deliveryPreview(entry),
            (json{{"label", "not requested"}, {"detail", "not requested"}}));
  entry.delivery.mode = automation::DeliveryMode::Announce;
  EXPECT_EQ(deliveryPreview(entry).at("label"), "announce -> last");
  entry.delivery.channel = "irc";
  entry.delivery.to = "#ops";
  EXPECT_EQ(deliveryPreview(entry),
            (json{{"label", "announce -> irc:#ops"}, {"detail", "explicit"}}));
  entry.delivery = {};
  entry.delivery.mode = automation::DeliveryMode::Webhook;
  entry.delivery.to = "https://h/x";
  EXPECT_EQ(deliveryPreview(entry).at("label"), "webhook:https://h/x");
}

}  // namespace
}  // namespace openclaw::methods
