#pragma once

#include "pairing/pairing_records.h"
#include "store/database.h"

namespace openclaw::pairing {

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
