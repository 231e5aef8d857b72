#pragma once

#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace openclaw::store {

// One prepared SQLite statement: bind parameters (1-based), step through rows, read columns
// (0-based). Errors throw std::runtime_error with SQLite's message.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::optional<std::string>& value);  // NULL when empty

  // Advances to the next row; false when there are no more (or the statement was not a query).
  bool step();
  // Runs a statement that returns no rows; returns how many rows it changed.
  int run();

  std::string text(int column) const;
  std::optional<std::string> optionalText(int column) const;  // nullopt for NULL
  std::int64_t integer(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT around a scope; rolls back when the scope is left by an exception.
class Transaction {
 public:
  explicit Transaction(sqlite3* db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace openclaw::store
