// selectNode: which node `--node <id|ip|name|prefix>` names in a node.list answer.
#include <gtest/gtest.h>

#include "cli/node_selector.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

json row(const std::string& id, const std::string& name, const std::string& ip, bool connected) {
  return {{"nodeId", id}, {"displayName", name}, {"remoteIp", ip}, {"connected", connected}};
}

const json kList = {{"nodes",
                     {row("abcdef123456", "Studio Mac", "10.0.0.5", true),
                      row("abcdef999999", "Phone", "10.0.0.6", true),
                      row("0123456789ab", "Phone", "10.0.0.7", false),
                      row("fedcba000000", "Tablet", "10.0.0.8", true),
                      row("fedcba000001", "Tablet", "10.0.0.9", true)}}};

TEST(CliNodeSelector, ExactIdIpNameAndLongPrefixesSelect) {
  EXPECT_EQ(selectNode(kList, "abcdef123456").nodeId, "abcdef123456");
  EXPECT_EQ(selectNode(kList, "10.0.0.6").nodeId, "abcdef999999");
  EXPECT_EQ(selectNode(kList, "studio mac").nodeId, "abcdef123456");
  EXPECT_EQ(selectNode(kList, "abcdef12").nodeId, "abcdef123456");
  EXPECT_EQ(selectNode(kList, "0123456").nodeId, "0123456789ab");
}

TEST(CliNodeSelector, ConnectedNodesWinAmongEqualMatches) {
  EXPECT_EQ(selectNode(kList, "Phone").nodeId, "abcdef999999");
}

TEST(CliNodeSelector, AmbiguousShortAndUnknownQueriesAreExplained) {
  const NodeSelection tablet = selectNode(kList, "tablet");
  EXPECT_FALSE(tablet.nodeId);
  EXPECT_NE(tablet.problem.find("ambiguous"), std::string::npos) << tablet.problem;
  EXPECT_NE(tablet.problem.find("fedcba000001"), std::string::npos) << tablet.problem;
  EXPECT_FALSE(selectNode(kList, "abcdef").nodeId);  // two ids start with it
  EXPECT_FALSE(selectNode(kList, "abcde").nodeId);   // too short for a prefix
  const NodeSelection ghost = selectNode(kList, "ghost");
  EXPECT_FALSE(ghost.nodeId);
  EXPECT_EQ(ghost.problem, "unknown node \"ghost\" (openclaw nodes list shows the known ones)");
  EXPECT_FALSE(selectNode(json::object(), "").nodeId);
}

}  // namespace
}  // namespace openclaw::cli
