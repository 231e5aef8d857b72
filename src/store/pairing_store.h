#pragma once

#include "store/database.h"
#include "store/pairing_records.h"

namespace openclaw::store {

// Reads and writes the pairing tables (paired devices, pending requests, device-token hashes).
// Blocking SQLite: call only on the storage thread.
class PairingStore {
 public:
  explicit PairingStore(Database& database) : database_(database) {}

  PairingSnapshot load();

  // Applies every part of `write` in one transaction; throws std::runtime_error (and rolls
  // back) on failure.
  void apply(const PairingWrite& write);

 private:
  Database& database_;
};

}  // namespace openclaw::store
