// Drives a gateway's presence broadcasts hard enough to overflow a client that stops reading; the
// slow-reader e2e test and the soak share it.
#pragma once

#include <chrono>
#include <string>

#include "client/gateway_client.h"

namespace openclaw::e2e {

struct PresenceFloodResult {
  bool gone = false;  // `instanceId` left the presence list before the deadline
  int events = 0;     // system-event calls made
};

// The client with `instanceId` must use a client mode that has a presence row (not cli, backend
// or probe). Makes `flooder` send system-events (2,000-byte texts from 50 rotating instance ids, so
// each presence broadcast carries about 100 KiB once the rows exist) until no connection with
// `instanceId` is in the presence list any more, or `budget` has passed. The gateway coalesces
// presence broadcasts (one per 20 ms at most), so how many events overflow a slow reader depends
// on how fast the calls go; that is why this waits on the drop instead of counting events.
PresenceFloodResult floodPresenceUntilGone(client::GatewayClient& flooder,
                                           const std::string& instanceId,
                                           std::chrono::steady_clock::duration budget);

}  // namespace openclaw::e2e
