#include "sessions/session_store.h"

#include <gtest/gtest.h>

#include "daemon/gateway_schema.h"
#include "sessions/transcript_message.h"
#include "store/statement.h"
#include "temp_dir.h"

namespace openclaw::sessions {
namespace {

// A filter with one field set: `filterWith(&ListFilter::limit, 2)`.
template <class Field, class Value>
ListFilter filterWith(Field ListFilter::*field, Value value) {
  ListFilter filter;
  filter.*field = std::move(value);
  return filter;
}

// A patch with one field set: `patchWith(&SessionPatch::label, "Work")`.
SessionPatch patchWith(std::optional<std::optional<std::string>> SessionPatch::*field,
                       std::optional<std::string> value) {
  SessionPatch patch;
  patch.*field = std::move(value);
  return patch;
}

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
    const UserTurn turn =
        store.recordUserTurn("agent:main:main", "main", "run-1", userEntry("hello", 10), 10);
    EXPECT_TRUE(turn.created);
    EXPECT_EQ(turn.seq, 1);
    const SessionRecord& record = turn.session;
    sessionId = record.sessionId;
    EXPECT_EQ(record.lastRunId, "run-1");
    EXPECT_EQ(store.append(sessionId, "run-1", assistantEntry({"hi", {}, "stop", {}}, 11), 11), 2);
    // A second turn reuses the session.
    const UserTurn again =
        store.recordUserTurn("agent:main:main", "main", "run-2", userEntry("again", 12), 12);
    EXPECT_FALSE(again.created);
    EXPECT_EQ(again.seq, 3);
    EXPECT_EQ(again.session.sessionId, sessionId);
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
  const auto record = store.recordUserTurn("k", "main", "r", userEntry("1", 1), 1).session;
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
  const auto before = store.recordUserTurn("k", "main", "r1", userEntry("old", 1), 1).session;
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
  const auto record = store.recordUserTurn("k", "main", "r1", userEntry("x", 1), 1).session;
  store.recordUserTurn("other", "main", "r2", userEntry("y", 2), 2);
  EXPECT_TRUE(store.remove("k"));
  EXPECT_FALSE(store.remove("k"));
  EXPECT_FALSE(store.find("k"));
  EXPECT_TRUE(store.transcript(record.sessionId, 10).empty());
  const auto rows = store.list({});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key, "other");
}

TEST_F(SessionStoreTest, ListIsNewestFirstAndBounded) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  store.recordUserTurn("a", "main", "r1", userEntry("x", 1), 1);
  store.recordUserTurn("b", "main", "r2", userEntry("x", 3), 3);
  store.recordUserTurn("c", "main", "r3", userEntry("x", 2), 2);
  const auto rows = store.list(filterWith(&ListFilter::limit, std::size_t{2}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, "b");
  EXPECT_EQ(rows[1].key, "c");
  ListFilter next = filterWith(&ListFilter::limit, std::size_t{2});
  next.offset = 2;
  const auto rest = store.list(next);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].key, "a");
}

TEST_F(SessionStoreTest, ListFiltersOnAgentLabelSearchAndActivity) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  store.recordUserTurn("agent:main:alpha", "main", "r1", userEntry("x", 1), 10,
                       {"Groceries", {}, {}});
  store.recordUserTurn("agent:work:beta", "work", "r2", userEntry("x", 2), 20,
                       {"100%_done", {}, {}});
  store.recordUserTurn("agent:main:gamma", "main", "r3", userEntry("x", 3), 30);
  const auto keys = [&store](const ListFilter& filter) {
    std::vector<std::string> found;
    for (const auto& record : store.list(filter)) found.push_back(record.key);
    return found;
  };
  using Keys = std::vector<std::string>;
  using Text = std::optional<std::string>;
  EXPECT_EQ(keys(filterWith(&ListFilter::agentId, Text("work"))), Keys{"agent:work:beta"});
  EXPECT_EQ(keys(filterWith(&ListFilter::label, Text("Groceries"))), Keys{"agent:main:alpha"});
  // Case-insensitive, on the key or the label; LIKE's wildcards are plain characters.
  EXPECT_EQ(keys(filterWith(&ListFilter::search, Text("GROCER"))), Keys{"agent:main:alpha"});
  EXPECT_EQ(keys(filterWith(&ListFilter::search, Text("gamma"))), Keys{"agent:main:gamma"});
  EXPECT_EQ(keys(filterWith(&ListFilter::search, Text("%_"))), Keys{"agent:work:beta"});
  EXPECT_EQ(keys(filterWith(&ListFilter::updatedSince, std::optional<std::int64_t>(20))),
            (Keys{"agent:main:gamma", "agent:work:beta"}));
}

TEST_F(SessionStoreTest, PatchSetsAndClearsSettingsAndCreatesTheSession) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  SessionPatch first = patchWith(&SessionPatch::label, "Work");
  first.model = "openai/gpt-5";
  const SessionRecord created = store.patch("k", "main", first, 5);
  EXPECT_EQ(created.createdAt, 5);
  EXPECT_EQ(created.label, "Work");
  EXPECT_EQ(created.model, "openai/gpt-5");
  EXPECT_FALSE(created.thinkingLevel);
  // An absent field stays; a null one is cleared.
  SessionPatch second = patchWith(&SessionPatch::model, std::nullopt);
  second.thinkingLevel = "off";
  store.patch("k", "main", second, 6);
  const auto record = store.find("k");
  EXPECT_EQ(record->label, "Work");
  EXPECT_FALSE(record->model);
  EXPECT_EQ(record->thinkingLevel, "off");
  EXPECT_EQ(record->updatedAt, 6);
  EXPECT_EQ(record->sessionId, created.sessionId);
  // A reset keeps the settings.
  EXPECT_EQ(store.reset("k", "main", 7).thinkingLevel, "off");
}

TEST_F(SessionStoreTest, EntriesAreFoundBySeqAndRole) {
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  const auto session =
      store.recordUserTurn("k", "main", "r1", assistantEntry({"hi", {}, "stop", {}}, 1), 1).session;
  store.append(session.sessionId, "r1", userEntry("first question", 2), 2);
  store.append(session.sessionId, "r1", userEntry("second question", 3), 3);
  EXPECT_EQ(entryText(store.entry(session.sessionId, 3)->message), "second question");
  EXPECT_FALSE(store.entry(session.sessionId, 4));
  EXPECT_FALSE(store.entry("other-session", 1));
  EXPECT_EQ(store.firstEntry(session.sessionId, "user")->seq, 2);
  EXPECT_FALSE(store.firstEntry(session.sessionId, "toolResult"));
}

TEST_F(SessionStoreTest, SettingsColumnsArriveOnAnExistingDatabase) {
  std::string sessionId;
  {
    // A database from before step 6.
    std::vector<store::Migration> before = daemon::gatewaySchema();
    std::erase_if(before, [](const store::Migration& step) { return step.version >= 6; });
    store::Database database(dbPath(), before);
    store::Statement insert(database.handle(),
                            "INSERT INTO sessions (session_key, session_id, agent_id, created_at,"
                            " updated_at) VALUES ('k', 's-1', 'main', 1, 1)");
    insert.run();
  }
  store::Database database(dbPath(), daemon::gatewaySchema());
  SessionStore store(database);
  const auto record = store.find("k");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->sessionId, "s-1");
  EXPECT_FALSE(record->model);
  EXPECT_EQ(store.patch("k", "main", patchWith(&SessionPatch::model, "a/b"), 2).model, "a/b");
}

}  // namespace
}  // namespace openclaw::sessions
