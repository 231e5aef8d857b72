#include "presence/presence_registry.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace openclaw::presence {
namespace {

using nlohmann::json;

PresenceEntry entry(const std::string& key, std::int64_t ts, const std::string& host = "") {
  PresenceEntry e;
  e.key = key;
  e.ts = ts;
  e.text = "row " + key;
  if (!host.empty()) e.host = host;
  return e;
}

// The rows' `text` fields in toJson() order.
std::vector<std::string> texts(const PresenceRegistry& registry) {
  std::vector<std::string> out;
  for (const json& row : registry.toJson()) out.push_back(row["text"].get<std::string>());
  return out;
}

TEST(PresenceRegistry, RowStaysUntilTheLastHolderDetaches) {
  PresenceRegistry registry;
  registry.attach(entry("inst-1", 100));
  registry.attach(entry("inst-1", 110));
  EXPECT_EQ(registry.size(), 1u);

  EXPECT_FALSE(registry.detach("inst-1"));
  EXPECT_EQ(registry.size(), 1u);
  EXPECT_TRUE(registry.detach("inst-1"));
  EXPECT_EQ(registry.size(), 0u);
  EXPECT_FALSE(registry.detach("inst-1"));
}

TEST(PresenceRegistry, KeysAreIndependent) {
  PresenceRegistry registry;
  registry.attach(entry("a", 1));
  registry.attach(entry("b", 2));
  EXPECT_TRUE(registry.detach("a"));
  EXPECT_EQ(texts(registry), std::vector<std::string>{"row b"});
}

TEST(PresenceRegistry, VersionCountsChanges) {
  PresenceRegistry registry;
  EXPECT_EQ(registry.version(), 0u);
  registry.attach(entry("a", 1));
  EXPECT_EQ(registry.version(), 1u);
  registry.attach(entry("a", 2));
  EXPECT_EQ(registry.version(), 2u);
  registry.report(entry("b", 3));
  EXPECT_EQ(registry.version(), 3u);

  EXPECT_FALSE(registry.detach("unknown"));
  EXPECT_EQ(registry.version(), 3u);

  registry.detach("a");
  const std::uint64_t beforeRemoval = registry.version();
  EXPECT_TRUE(registry.detach("a"));
  EXPECT_EQ(registry.version(), beforeRemoval + 1);
}

TEST(PresenceRegistry, AttachReplacesTheRowButKeepsOnlineSince) {
  PresenceRegistry registry;
  PresenceEntry first = entry("a", 100, "old-host");
  first.onlineSince = 100;
  registry.attach(first);
  PresenceEntry second = entry("a", 200, "new-host");
  second.onlineSince = 200;
  registry.attach(second);

  const json row = registry.toJson().at(0);
  EXPECT_EQ(row["host"], "new-host");
  EXPECT_EQ(row["ts"], 200);
  EXPECT_EQ(row["onlineSince"], 100);

  // Once nobody holds it, the next attach starts a new session.
  registry.detach("a");
  registry.detach("a");
  registry.attach(second);
  EXPECT_EQ(registry.toJson().at(0)["onlineSince"], 200);
}

TEST(PresenceRegistry, ReportMergesIntoAnExistingRow) {
  PresenceRegistry registry;
  PresenceEntry attached = entry("a", 100, "box");
  attached.version = "1.2.3";
  attached.mode = "ui";
  attached.tags = {"laptop"};
  attached.roles = {"operator"};
  registry.attach(attached);

  PresenceEntry update;
  update.key = "a";
  update.lastInputSeconds = 42;
  update.reason = "periodic";
  update.text = "updated";
  update.ts = 500;
  registry.report(update);

  ASSERT_EQ(registry.size(), 1u);
  const json row = registry.toJson().at(0);
  EXPECT_EQ(row["host"], "box");
  EXPECT_EQ(row["version"], "1.2.3");
  EXPECT_EQ(row["mode"], "ui");
  EXPECT_EQ(row["tags"], json::array({"laptop"}));
  EXPECT_EQ(row["roles"], json::array({"operator"}));
  EXPECT_EQ(row["lastInputSeconds"], 42);
  EXPECT_EQ(row["reason"], "periodic");
  EXPECT_EQ(row["text"], "updated");
  EXPECT_EQ(row["ts"], 500);

  update.host = "renamed";
  update.tags = {"desk"};
  registry.report(update);
  const json merged = registry.toJson().at(0);
  EXPECT_EQ(merged["host"], "renamed");
  EXPECT_EQ(merged["tags"], json::array({"desk"}));
}

TEST(PresenceRegistry, ReportCreatesAMissingRowWithoutHoldingIt) {
  PresenceRegistry registry;
  registry.report(entry("self-reported", 100, "box"));
  ASSERT_EQ(registry.size(), 1u);
  EXPECT_EQ(registry.toJson().at(0)["host"], "box");

  // A report does not add a holder: the one connection's detach still removes the row.
  registry.attach(entry("held", 100));
  registry.report(entry("held", 150));
  EXPECT_TRUE(registry.detach("held"));
}

TEST(PresenceRegistry, ExpireDropsOnlyUnheldRowsOlderThanTheTtl) {
  PresenceRegistry registry(1'000);
  registry.report(entry("old", 1'000));
  registry.report(entry("recent", 1'900));
  registry.attach(entry("held", 0));
  const std::uint64_t version = registry.version();

  EXPECT_FALSE(registry.expire(2'000));  // "old" is exactly at the TTL: kept
  EXPECT_EQ(registry.version(), version);
  EXPECT_EQ(registry.size(), 3u);

  EXPECT_TRUE(registry.expire(2'001));
  EXPECT_EQ(registry.version(), version + 1);
  EXPECT_EQ(texts(registry), (std::vector<std::string>{"row recent", "row held"}));

  EXPECT_TRUE(registry.expire(1'000'000));
  EXPECT_EQ(texts(registry), std::vector<std::string>{"row held"});
}

TEST(PresenceRegistry, EphemeralClientModesAreNotTracked) {
  PresenceRegistry registry;
  for (const char* mode : {"cli", "backend", "probe"}) {
    PresenceEntry connection = entry(std::string("conn-") + mode, 100);
    connection.mode = mode;
    EXPECT_FALSE(registry.attach(connection)) << mode;
    EXPECT_FALSE(registry.detach(connection.key)) << mode;
  }
  EXPECT_EQ(registry.size(), 0u);
  EXPECT_EQ(registry.version(), 0u);

  for (const char* mode : {"ui", "webchat", "node", "test"}) {
    PresenceEntry connection = entry(std::string("conn-") + mode, 100);
    connection.mode = mode;
    EXPECT_TRUE(registry.attach(connection)) << mode;
  }
  EXPECT_EQ(registry.size(), 4u);
}

TEST(PresenceRegistry, KeepsAtMost200RowsDroppingTheOldest) {
  PresenceRegistry registry;
  PresenceEntry self = entry("gateway", 0);
  registry.pin(self);
  for (int i = 1; i <= 250; ++i) {
    const std::string key = "client-" + std::to_string(i);
    if (i % 2 == 0) {
      registry.attach(entry(key, i));
    } else {
      registry.report(entry(key, i));
    }
  }
  ASSERT_EQ(registry.size(), PresenceRegistry::kMaxRows);
  const std::vector<std::string> listed = texts(registry);
  EXPECT_EQ(listed.front(), "row client-250");
  EXPECT_EQ(listed[198], "row client-52");  // 199 newest clients: 52..250
  EXPECT_EQ(listed.back(), "row gateway");  // the pinned row is never dropped for room
}

TEST(PresenceRegistry, AHeldRowDroppedForRoomStaysGoneUntilAttachedAgain) {
  PresenceRegistry registry(PresenceRegistry::kTtlMs, 2);
  registry.attach(entry("a", 1));
  registry.attach(entry("b", 2));
  registry.attach(entry("c", 3));  // drops "a", still held by its connection
  EXPECT_EQ(texts(registry), (std::vector<std::string>{"row c", "row b"}));

  const std::uint64_t version = registry.version();
  registry.attach(entry("a", 4));  // a second connection of "a": back, dropping "b"
  EXPECT_EQ(texts(registry), (std::vector<std::string>{"row a", "row c"}));
  EXPECT_FALSE(registry.detach("a"));  // the first connection closing keeps the second's row
  EXPECT_EQ(texts(registry), (std::vector<std::string>{"row a", "row c"}));
  EXPECT_FALSE(registry.detach("b"));  // already gone: no change to announce
  EXPECT_EQ(registry.version(), version + 1);
  EXPECT_TRUE(registry.detach("a"));
}

TEST(PresenceRegistry, TheTtlNeverExpiresThePinnedRow) {
  PresenceRegistry registry(1'000);
  registry.pin(entry("gateway", 0));
  registry.report(entry("reported", 0));
  EXPECT_TRUE(registry.expire(5'000));
  EXPECT_EQ(texts(registry), std::vector<std::string>{"row gateway"});
  EXPECT_FALSE(registry.expire(10'000'000));
}

TEST(PresenceRegistry, ToJsonIsNewestFirst) {
  PresenceRegistry registry;
  registry.attach(entry("b", 10));
  registry.attach(entry("a", 30));
  registry.report(entry("c", 20));
  EXPECT_EQ(texts(registry), (std::vector<std::string>{"row a", "row c", "row b"}));
  EXPECT_EQ(PresenceRegistry().toJson(), json::array());
}

TEST(PresenceEntry, ToJsonOmitsUnsetFields) {
  PresenceEntry minimal;
  minimal.key = "conn-1";
  minimal.text = "Client: unknown";
  minimal.ts = 1234;
  EXPECT_EQ(minimal.toJson(), (json{{"text", "Client: unknown"}, {"ts", 1234}}));
}

TEST(PresenceEntry, ToJsonIncludesSetFields) {
  PresenceEntry full = entry("k", 5, "box");
  full.ip = "10.0.0.5";
  full.version = "2026.9.6";
  full.platform = "linux 6.1";
  full.deviceFamily = "Linux";
  full.modelIdentifier = "x86_64";
  full.mode = "gateway";
  full.reason = "self";
  full.instanceId = "inst";
  full.deviceId = "dev";
  full.lastInputSeconds = 0;
  full.tags = {"t"};
  full.roles = {"operator"};
  full.scopes = {"operator.admin"};
  full.onlineSince = 4;
  const json expected = {{"host", "box"},           {"ip", "10.0.0.5"},
                         {"version", "2026.9.6"},   {"platform", "linux 6.1"},
                         {"deviceFamily", "Linux"}, {"modelIdentifier", "x86_64"},
                         {"mode", "gateway"},       {"lastInputSeconds", 0},
                         {"reason", "self"},        {"tags", {"t"}},
                         {"text", "row k"},         {"ts", 5},
                         {"onlineSince", 4},        {"deviceId", "dev"},
                         {"roles", {"operator"}},   {"scopes", {"operator.admin"}},
                         {"instanceId", "inst"}};
  EXPECT_EQ(full.toJson(), expected);
}

TEST(PresenceText, GatewayRow) {
  PresenceEntry self = entry("gw", 0, "box");
  self.ip = "10.0.0.5";
  self.version = "2026.9.6";
  self.mode = "gateway";
  self.reason = "self";
  EXPECT_EQ(presenceText(self),
            "Gateway: box (10.0.0.5) · app 2026.9.6 · mode gateway · reason self");
}

TEST(PresenceText, LabelsAndMissingParts) {
  PresenceEntry node = entry("n", 0, "pi");
  node.mode = "node";
  EXPECT_EQ(presenceText(node), "Node: pi · mode node");
  PresenceEntry cli = entry("c", 0);
  cli.mode = "cli";
  cli.version = "1.0";
  EXPECT_EQ(presenceText(cli), "Client: unknown · app 1.0 · mode cli");
  EXPECT_EQ(presenceText(entry("bare", 0, "h")), "Client: h");
}

}  // namespace
}  // namespace openclaw::presence
