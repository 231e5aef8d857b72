#include "sessions/session_store.h"

#include <gtest/gtest.h>

#include "daemon/gateway_schema.h"
#include "sessions/transcript_message.h"
#include "temp_dir.h"

namespace openclaw::sessions {
namespace {

class SessionStoreTest : public ::testing::Test {
 protected:
  std::filesystem::path dbPath() const { return dir_.path() / "openclaw.db"; }

  testsupport::TempDir dir_;
};

TEST_F(SessionStoreTest, UserTurnCreatesTheSessionAndSurvivesReopen) {
  std::string sessionId;
  {
    store::Database database(dbPath(), daemon::gatewaySchema());
    SessionStore store(database);
    EXPECT_FALSE(store.find("agent:main:main"));
    const SessionRecord record =
        store.recordUserTurn("agent:main:main", "main", "run-1", userEntry("hello", 10), 10);
    sessionId = record.sessionId;
    EXPECT_EQ(record.lastRunId, "run-1");
    EXPECT_TRUE(store.append(sessionId, "run-1", assistantEntry({"hi", {}, "stop", {}}, 11), 11));
    // A second turn reuses the session.
    EXPECT_EQ(store.recordUserTurn("agent:main:main", "main", "run-2", userEntry("again", 12), 12)
                  .sessionId,
              sessionId);
  }
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  const auto record = store.find("agent:main:main");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->sessionId, sessionId);
  EXPECT_EQ(record->agentId, "main");
  EXPECT_EQ(record->createdAt, 10);
  EXPECT_EQ(record->updatedAt, 12);
  const auto entries = store.transcript(sessionId, 100);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].seq, 1);
  EXPECT_EQ(entryText(entries[0].message), "hello");
  EXPECT_EQ(entries[1].message.at("role"), "assistant");
  EXPECT_EQ(entries[1].runId, "run-1");
  EXPECT_EQ(entries[2].runId, "run-2");
  EXPECT_EQ(store.findBySessionId(sessionId)->key, "agent:main:main");
}

TEST_F(SessionStoreTest, OriginFactsAreRememberedUntilReplaced) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  store.recordUserTurn("k", "main", "r1", userEntry("x", 1), 1, {"Work", "whatsapp", "+1555"});
  store.recordUserTurn("k", "main", "r2", userEntry("y", 2), 2, {{}, {}, "+1666"});
  const auto record = store.find("k");
  EXPECT_EQ(record->label, "Work");
  EXPECT_EQ(record->lastChannel, "whatsapp");
  EXPECT_EQ(record->lastTo, "+1666");
}

TEST_F(SessionStoreTest, TranscriptLimitKeepsTheNewestInOrder) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  const auto record = store.recordUserTurn("k", "main", "r", userEntry("1", 1), 1);
  for (int i = 2; i <= 5; ++i)
    store.append(record.sessionId, "r", userEntry(std::to_string(i), i), i);
  const auto entries = store.transcript(record.sessionId, 2);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entryText(entries[0].message), "4");
  EXPECT_EQ(entryText(entries[1].message), "5");
}

TEST_F(SessionStoreTest, ResetStartsAFreshSessionAndStopsWritesToTheOldOne) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  const auto before = store.recordUserTurn("k", "main", "r1", userEntry("old", 1), 1);
  const auto after = store.reset("k", "main", 2);
  EXPECT_NE(after.sessionId, before.sessionId);
  EXPECT_EQ(after.createdAt, 1);
  EXPECT_TRUE(store.transcript(after.sessionId, 10).empty());
  EXPECT_FALSE(store.append(before.sessionId, "r1", userEntry("late", 3), 3));
  // Resetting an unknown key creates it.
  EXPECT_EQ(store.reset("fresh", "main", 4).createdAt, 4);
}

TEST_F(SessionStoreTest, RemoveDeletesKeyAndTranscript) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  const auto record = store.recordUserTurn("k", "main", "r1", userEntry("x", 1), 1);
  store.recordUserTurn("other", "main", "r2", userEntry("y", 2), 2);
  EXPECT_TRUE(store.remove("k"));
  EXPECT_FALSE(store.remove("k"));
  EXPECT_FALSE(store.find("k"));
  EXPECT_TRUE(store.transcript(record.sessionId, 10).empty());
  const auto rows = store.list(10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key, "other");
}

TEST_F(SessionStoreTest, ListIsNewestFirstAndBounded) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  store.recordUserTurn("a", "main", "r1", userEntry("x", 1), 1);
  store.recordUserTurn("b", "main", "r2", userEntry("x", 3), 3);
  store.recordUserTurn("c", "main", "r3", userEntry("x", 2), 2);
  const auto rows = store.list(2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, "b");
  EXPECT_EQ(rows[1].key, "c");
}

}  // namespace
}  // namespace openclaw::sessions
