#include "pairing/pairing_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "daemon/gateway_schema.h"
#include "temp_dir.h"

namespace openclaw::store {
namespace {

pairing::PairedDevice sampleDevice(const std::string& id) {
  pairing::PairedDevice device;
  device.deviceId = id;
  device.publicKey = "key-" + id;
  device.displayName = "Phone";
  device.platform = "ios";
  device.clientId = "openclaw-ios";
  device.clientMode = "ui";
  device.roles = {"operator", "node"};
  device.scopes = {"operator.read"};
  device.remoteIp = "192.168.1.9";
  device.createdAtMs = 100;
  device.approvedAtMs = 200;
  return device;
}

pairing::PendingPairing sampleRequest(const std::string& id, const std::string& deviceId) {
  pairing::PendingPairing request;
  request.requestId = id;
  request.deviceId = deviceId;
  request.publicKey = "key-" + deviceId;
  request.role = "operator";
  request.scopes = {"operator.read", "operator.write"};
  request.isRepair = true;
  request.ts = 300;
  return request;
}

pairing::DeviceTokenRecord sampleToken(const std::string& deviceId, const std::string& role) {
  return {deviceId, role, std::string(64, 'a'), {"operator.read"}, 400, 500, std::nullopt};
}

class PairingStoreTest : public ::testing::Test {
 protected:
  testsupport::TempDir dir;
  std::filesystem::path path = dir.path() / "openclaw.db";
};

TEST_F(PairingStoreTest, WritesSurviveReopening) {
  {
    Database database(path, daemon::gatewaySchema());
    pairing::PairingStore store(database);
    pairing::PairingWrite write;
    write.upsertDevices.push_back(sampleDevice("d1"));
    write.upsertPending.push_back(sampleRequest("r1", "d2"));
    write.upsertTokens.push_back(sampleToken("d1", "operator"));
    store.apply(write);
  }
  Database database(path, daemon::gatewaySchema());
  const pairing::PairingSnapshot loaded = pairing::PairingStore(database).load();
  ASSERT_EQ(loaded.devices.size(), 1u);
  const pairing::PairedDevice& device = loaded.devices[0];
  EXPECT_EQ(device.deviceId, "d1");
  EXPECT_EQ(device.displayName, "Phone");
  EXPECT_EQ(device.deviceFamily, std::nullopt);
  EXPECT_EQ(device.roles, (std::vector<std::string>{"operator", "node"}));
  EXPECT_EQ(device.scopes, std::vector<std::string>{"operator.read"});
  EXPECT_EQ(device.approvedAtMs, 200);
  ASSERT_EQ(loaded.pending.size(), 1u);
  EXPECT_EQ(loaded.pending[0].requestId, "r1");
  EXPECT_TRUE(loaded.pending[0].isRepair);
  EXPECT_EQ(loaded.pending[0].scopes.size(), 2u);
  ASSERT_EQ(loaded.tokens.size(), 1u);
  EXPECT_EQ(loaded.tokens[0].rotatedAtMs, 500);
  EXPECT_EQ(loaded.tokens[0].revokedAtMs, std::nullopt);
}

TEST_F(PairingStoreTest, NodeRequestFactsAndLabelsRoundTrip) {
  pairing::PendingPairing request = sampleRequest("r1", "node-1");
  request.role = "node";
  request.publicKey = "";  // a node.pair.request for a node without a device key
  request.nodeFacts =
      pairing::NodeRequestFacts{"1.2.3", "MacBookPro18,1", {"system"}, {"system.run"}, true};
  pairing::PairedDevice labelled = sampleDevice("d1");
  labelled.label = "Kitchen iPad";
  {
    Database database(path, daemon::gatewaySchema());
    pairing::PairingWrite write;
    write.upsertPending = {request, sampleRequest("r2", "d2")};
    write.upsertDevices = {labelled};
    pairing::PairingStore(database).apply(write);
  }
  Database database(path, daemon::gatewaySchema());
  const pairing::PairingSnapshot loaded = pairing::PairingStore(database).load();
  ASSERT_EQ(loaded.pending.size(), 2u);
  const auto& withFacts =
      loaded.pending[0].requestId == "r1" ? loaded.pending[0] : loaded.pending[1];
  const auto& plain = loaded.pending[0].requestId == "r1" ? loaded.pending[1] : loaded.pending[0];
  EXPECT_EQ(withFacts.nodeFacts, request.nodeFacts);
  EXPECT_EQ(withFacts.publicKey, "");
  EXPECT_EQ(plain.nodeFacts, std::nullopt);
  ASSERT_EQ(loaded.devices.size(), 1u);
  EXPECT_EQ(loaded.devices[0].label, "Kitchen iPad");
}

TEST_F(PairingStoreTest, PendingRequestsOfAnOlderSchemaSurviveTheNodeFactsMigration) {
  {
    Database database(path, daemon::gatewaySchema());
    // Back to the shape before node_facts existed, with a request written by that build.
    database.execute(
        "ALTER TABLE pending_pairings DROP COLUMN node_facts;"
        "ALTER TABLE sessions DROP COLUMN model;"
        "ALTER TABLE sessions DROP COLUMN thinking_level;"
        "ALTER TABLE paired_devices DROP COLUMN last_seen_at_ms;"
        "ALTER TABLE paired_devices DROP COLUMN last_seen_reason;"
        "INSERT INTO pending_pairings (request_id, device_id, public_key, role, scopes,"
        " is_repair, ts) VALUES ('r1', 'd1', 'key-d1', 'node', '[]', 0, 300);"
        "DROP TABLE cron_runs; DROP TABLE cron_jobs;"
        "PRAGMA user_version = 3;");
  }
  Database database(path, daemon::gatewaySchema());
  const pairing::PairingSnapshot loaded = pairing::PairingStore(database).load();
  ASSERT_EQ(loaded.pending.size(), 1u);
  EXPECT_EQ(loaded.pending[0].requestId, "r1");
  EXPECT_EQ(loaded.pending[0].role, "node");
  EXPECT_EQ(loaded.pending[0].nodeFacts, std::nullopt);
}

TEST_F(PairingStoreTest, LastSeenRoundTripsAndOlderRowsHaveNone) {
  {
    Database database(path, daemon::gatewaySchema());
    // A device row written before the last-seen columns existed.
    database.execute(
        "ALTER TABLE paired_devices DROP COLUMN last_seen_at_ms;"
        "ALTER TABLE paired_devices DROP COLUMN last_seen_reason;"
        "INSERT INTO paired_devices (device_id, public_key, roles, scopes, created_at_ms,"
        " approved_at_ms) VALUES ('old', 'key-old', '[]', '[]', 1, 2);"
        "DROP TABLE cron_runs; DROP TABLE cron_jobs;"
        "PRAGMA user_version = 6;");  // every step before the last-seen one
  }
  pairing::PairedDevice seen = sampleDevice("d1");
  seen.lastSeenAtMs = 1'700'000'000'000;
  seen.lastSeenReason = "disconnect";
  {
    Database database(path, daemon::gatewaySchema());
    pairing::PairingWrite write;
    write.upsertDevices = {seen};
    pairing::PairingStore(database).apply(write);
  }
  Database database(path, daemon::gatewaySchema());
  const pairing::PairingSnapshot loaded = pairing::PairingStore(database).load();
  ASSERT_EQ(loaded.devices.size(), 2u);
  const auto& old = loaded.devices[0].deviceId == "old" ? loaded.devices[0] : loaded.devices[1];
  const auto& d1 = loaded.devices[0].deviceId == "d1" ? loaded.devices[0] : loaded.devices[1];
  EXPECT_EQ(old.lastSeenAtMs, std::nullopt);
  EXPECT_EQ(old.lastSeenReason, std::nullopt);
  EXPECT_EQ(d1.lastSeenAtMs, 1'700'000'000'000);
  EXPECT_EQ(d1.lastSeenReason, "disconnect");
}

TEST_F(PairingStoreTest, DeletingADeviceDeletesItsTokens) {
  Database database(path, daemon::gatewaySchema());
  pairing::PairingStore store(database);
  pairing::PairingWrite create;
  create.upsertDevices = {sampleDevice("d1"), sampleDevice("d2")};
  create.upsertTokens = {sampleToken("d1", "operator"), sampleToken("d1", "node"),
                         sampleToken("d2", "operator")};
  create.upsertPending = {sampleRequest("r1", "d1")};
  store.apply(create);

  pairing::PairingWrite remove;
  remove.deleteDevices = {"d1"};
  remove.deletePending = {"r1"};
  remove.deleteTokens = {{"d2", "operator"}};
  store.apply(remove);
  const pairing::PairingSnapshot loaded = store.load();
  ASSERT_EQ(loaded.devices.size(), 1u);
  EXPECT_EQ(loaded.devices[0].deviceId, "d2");
  EXPECT_TRUE(loaded.tokens.empty());
  EXPECT_TRUE(loaded.pending.empty());
}

TEST_F(PairingStoreTest, UpsertReplacesTheRow) {
  Database database(path, daemon::gatewaySchema());
  pairing::PairingStore store(database);
  pairing::PairingWrite first;
  first.upsertTokens = {sampleToken("d1", "operator")};
  store.apply(first);
  pairing::DeviceTokenRecord revoked = sampleToken("d1", "operator");
  revoked.revokedAtMs = 900;
  pairing::PairingWrite second;
  second.upsertTokens = {revoked};
  store.apply(second);
  const pairing::PairingSnapshot loaded = store.load();
  ASSERT_EQ(loaded.tokens.size(), 1u);
  EXPECT_EQ(loaded.tokens[0].revokedAtMs, 900);
}

TEST_F(PairingStoreTest, AFailedWriteChangesNothing) {
  Database database(path, daemon::gatewaySchema());
  pairing::PairingStore store(database);
  database.execute("DROP TABLE device_tokens;");  // makes the token part of the write fail
  pairing::PairingWrite write;
  write.upsertDevices = {sampleDevice("d1")};
  write.upsertTokens = {sampleToken("d1", "operator")};
  EXPECT_THROW(store.apply(write), std::runtime_error);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(database.handle(), "SELECT COUNT(*) FROM paired_devices", -1, &count, nullptr);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(count, 0), 0);
  sqlite3_finalize(count);
}

}  // namespace
}  // namespace openclaw::store
