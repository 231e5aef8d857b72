#include "store/database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "daemon/gateway_schema.h"
#include "temp_dir.h"

namespace openclaw::store {
namespace {

namespace fs = std::filesystem;

// The first column of the first row of `sql`, as text ("" when there is no row).
std::string queryText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    return "";
  }
  std::string result;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    if (text != nullptr) result = reinterpret_cast<const char*>(text);
  }
  sqlite3_finalize(statement);
  return result;
}

class DatabaseTest : public ::testing::Test {
 protected:
  DatabaseTest() : dbPath_(dir_.path() / "state" / "openclaw.db") {}

  // Sets PRAGMA user_version on the file directly, bypassing Database.
  void setUserVersion(int version) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
    const std::string sql = "PRAGMA user_version = " + std::to_string(version) + ";";
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }

  testsupport::TempDir dir_;
  fs::path dbPath_;
  const std::vector<Migration> schema_{kInstanceMigration};
};

TEST_F(DatabaseTest, FreshFileGetsEveryMigration) {
  Database db(dbPath_, schema_);
  EXPECT_TRUE(fs::exists(dbPath_));
  EXPECT_GE(db.schemaVersion(), 1);
  EXPECT_EQ(queryText(db.handle(), "PRAGMA user_version"), std::to_string(db.schemaVersion()));
  // Migration 1 records which build created the instance.
  EXPECT_EQ(
      queryText(db.handle(), "SELECT value FROM instance_meta WHERE key = 'created_by_version'"),
      OPENCLAW_VERSION);
  EXPECT_NE(queryText(db.handle(), "SELECT value FROM instance_meta WHERE key = 'created_at_ms'"),
            "");
}

TEST_F(DatabaseTest, CreatesTheParentDirectoryPrivately) {
  Database db(dbPath_, schema_);
  const fs::perms perms = fs::status(dbPath_.parent_path()).permissions();
  EXPECT_EQ(perms & fs::perms::all, fs::perms::owner_all);
}

TEST_F(DatabaseTest, TheFileAndItsWalFilesAreOwnerOnlyInAnOpenDirectory) {
  fs::create_directories(dbPath_.parent_path());
  fs::permissions(dbPath_.parent_path(), fs::perms(0755), fs::perm_options::replace);
  Database db(dbPath_, schema_);
  db.execute("INSERT INTO instance_meta (key, value) VALUES ('unit', 'written')");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const fs::path file = dbPath_.string() + suffix;
    ASSERT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write)
        << file;
  }
}

TEST_F(DatabaseTest, ReopeningIsIdempotent) {
  int version = 0;
  std::string createdAt;
  {
    Database db(dbPath_, schema_);
    version = db.schemaVersion();
    createdAt =
        queryText(db.handle(), "SELECT value FROM instance_meta WHERE key = 'created_at_ms'");
    db.execute("INSERT INTO instance_meta (key, value) VALUES ('unit', 'kept')");
  }
  Database reopened(dbPath_, schema_);
  EXPECT_EQ(reopened.schemaVersion(), version);
  EXPECT_EQ(queryText(reopened.handle(), "SELECT count(*) FROM instance_meta"), "3");
  EXPECT_EQ(
      queryText(reopened.handle(), "SELECT value FROM instance_meta WHERE key = 'created_at_ms'"),
      createdAt);
  EXPECT_EQ(queryText(reopened.handle(), "SELECT value FROM instance_meta WHERE key = 'unit'"),
            "kept");
}

TEST_F(DatabaseTest, UsesWriteAheadLogging) {
  Database db(dbPath_, schema_);
  EXPECT_EQ(queryText(db.handle(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(queryText(db.handle(), "PRAGMA foreign_keys"), "1");
}

TEST_F(DatabaseTest, RefusesANewerSchema) {
  int known = 0;
  {
    Database db(dbPath_, schema_);
    known = db.schemaVersion();
  }
  setUserVersion(known + 1);
  try {
    Database newer(dbPath_, schema_);
    FAIL() << "opened a database with schema version " << known + 1;
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
    EXPECT_NE(message.find(dbPath_.string()), std::string::npos) << message;
    EXPECT_NE(message.find("schema version " + std::to_string(known + 1)), std::string::npos)
        << message;
  }
}

TEST_F(DatabaseTest, ExecuteReportsSqlErrors) {
  Database db(dbPath_, schema_);
  try {
    db.execute("SELECT * FROM no_such_table");
    FAIL() << "bad SQL accepted";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(dbPath_.string()), std::string::npos) << message;
    EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
  }
}

TEST_F(DatabaseTest, UnopenableFileIsReported) {
  fs::create_directories(dbPath_);  // a directory where the file should be
  EXPECT_THROW(Database db(dbPath_, schema_), std::runtime_error);
}

TEST_F(DatabaseTest, StepsRunInVersionOrderWhateverOrderTheyAreGiven) {
  // Step 3 reads the table step 2 creates: run out of order, it would fail.
  Database db(dbPath_, {{.version = 3, .sql = "CREATE TABLE copy AS SELECT * FROM original;"},
                        kInstanceMigration,
                        {.version = 2, .sql = "CREATE TABLE original (x TEXT);"}});
  EXPECT_EQ(db.schemaVersion(), 3);
  EXPECT_EQ(queryText(db.handle(), "SELECT count(*) FROM copy"), "0");
}

TEST_F(DatabaseTest, OnlyTheStepsTheFileLacksRun) {
  { Database db(dbPath_, schema_); }
  // Step 1 again would fail: instance_meta exists.
  Database db(dbPath_, {kInstanceMigration, {.version = 2, .sql = "CREATE TABLE later (x);"}});
  EXPECT_EQ(db.schemaVersion(), 2);
  EXPECT_EQ(queryText(db.handle(), "SELECT count(*) FROM later"), "0");
}

TEST_F(DatabaseTest, TwoStepsWithOneVersionAreRefused) {
  EXPECT_THROW(Database db(dbPath_, {kInstanceMigration, {.version = 1, .sql = "SELECT 1;"}}),
               std::logic_error);
}

TEST(GatewaySchema, NumbersEveryStoresStepsOneToNWithoutGaps) {
  std::vector<int> versions;
  for (const Migration& step : daemon::gatewaySchema()) versions.push_back(step.version);
  std::sort(versions.begin(), versions.end());
  for (std::size_t i = 0; i < versions.size(); ++i) {
    EXPECT_EQ(versions[i], static_cast<int>(i) + 1);
  }
  EXPECT_EQ(versions.size(), 8U);
}

}  // namespace
}  // namespace openclaw::store
