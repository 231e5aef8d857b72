#include "presence_flood.h"

#include <nlohmann/json.hpp>

namespace openclaw::e2e {
namespace {

bool presenceLists(client::GatewayClient& client, const std::string& instanceId) {
  const nlohmann::json rows = client.call("system-presence");
  for (const nlohmann::json& row : rows) {
    if (row.value("instanceId", "") == instanceId) return true;
  }
  return false;
}

}  // namespace

PresenceFloodResult floodPresenceUntilGone(client::GatewayClient& flooder,
                                           const std::string& instanceId,
                                           std::chrono::steady_clock::duration budget) {
  const std::string text(2000, 'p');
  const auto deadline = std::chrono::steady_clock::now() + budget;
  PresenceFloodResult result;
  while (!result.gone && std::chrono::steady_clock::now() < deadline) {
    // Probing the list costs a full presence payload, so probe every 25 events.
    for (int i = 0; i < 25; ++i, ++result.events) {
      flooder.call("system-event",
                   {{"text", text}, {"instanceId", "flood-" + std::to_string(result.events % 50)}});
      while (flooder.nextEvent(std::chrono::milliseconds(0))) {
      }
    }
    result.gone = !presenceLists(flooder, instanceId);
  }
  return result;
}

}  // namespace openclaw::e2e
