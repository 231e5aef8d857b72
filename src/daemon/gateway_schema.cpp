#include "daemon/gateway_schema.h"

#include <iterator>

#include "automation/cron_store.h"
#include "channels/store/channel_store.h"
#include "pairing/pairing_store.h"
#include "sessions/session_store.h"

namespace openclaw::daemon {

std::vector<store::Migration> gatewaySchema() {
  std::vector<store::Migration> schema{store::kInstanceMigration, sessions::kSessionsMigration,
                                       channels::kChannelsMigration};
  schema.insert(schema.end(), std::begin(pairing::kPairingMigrations),
                std::end(pairing::kPairingMigrations));
  schema.push_back(sessions::kSessionSettingsMigration);
  schema.push_back(automation::kCronMigration);
  return schema;
}

}  // namespace openclaw::daemon
