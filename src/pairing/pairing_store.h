#pragma once

#include "pairing/pairing_records.h"
#include "store/database.h"

namespace openclaw::pairing {

// The pairing tables' schema steps: 2 creates paired devices, pending requests and device
// tokens (lists are JSON arrays; tokens are stored as SHA-256 hashes only); 4 adds what a
// node.pair.request said beyond the device facts; 7 adds when each device was last seen.
extern const store::Migration kPairingMigrations[3];

// Reads and writes the pairing tables (paired devices, pending requests, device-token hashes).
// Blocking SQLite: call only on the storage thread.
class PairingStore {
 public:
  explicit PairingStore(store::Database& database) : database_(database) {}

  PairingSnapshot load();

  // Applies every part of `write` in one transaction; throws std::runtime_error (and rolls
  // back) on failure.
  void apply(const PairingWrite& write);

 private:
  store::Database& database_;
};

}  // namespace openclaw::pairing
