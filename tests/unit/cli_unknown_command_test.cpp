// The nearest-command suggestion for a mistyped command (`openclaw helth`).
#include <gtest/gtest.h>

#include "cli/unknown_command.h"

namespace openclaw::cli {
namespace {

TEST(CliEditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(editDistance("health", "health"), 0U);
  EXPECT_EQ(editDistance("helth", "health"), 1U);    // insertion
  EXPECT_EQ(editDistance("healthy", "health"), 1U);  // deletion
  EXPECT_EQ(editDistance("heelth", "health"), 1U);   // substitution
  EXPECT_EQ(editDistance("stauts", "status"), 1U);   // adjacent swap
  EXPECT_EQ(editDistance("", "logs"), 4U);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3U);
}

TEST(CliNearestName, SuggestsTheClosestNameWithinATypo) {
  const std::vector<std::string> names = {"agent", "doctor", "gateway", "health",
                                          "logs",  "setup",  "status"};
  EXPECT_EQ(nearestName("helth", names), "health");
  EXPECT_EQ(nearestName("gatway", names), "gateway");
  EXPECT_EQ(nearestName("stauts", names), "status");
  EXPECT_EQ(nearestName("lgs", names), "logs");
  EXPECT_EQ(nearestName("docter", names), "doctor");
  EXPECT_EQ(nearestName("frobnicate", names), std::nullopt);
  // Short words get one edit only: "lox" is two away from "logs".
  EXPECT_EQ(nearestName("lox", names), std::nullopt);
  EXPECT_EQ(nearestName("x", {}), std::nullopt);
}

TEST(CliNearestName, PrefersTheSmallerDistanceThenTheEarlierName) {
  EXPECT_EQ(nearestName("node", {"nodes", "node"}), "node");
  EXPECT_EQ(nearestName("statux", {"status", "statuz"}), "status");
}

}  // namespace
}  // namespace openclaw::cli
