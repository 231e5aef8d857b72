// Many gateway connections on one io_context and one thread: the load client for the
// connection-count, latency and fan-out benchmarks (the blocking GatewayClient needs an
// io_context per client, too heavy for 10,000). Every connection completes the real handshake
// (connect.challenge, connect with the token, hello-ok) and then keeps reading, discarding
// events, so the gateway never has to buffer for it.
//
// Every connection has its own `instanceId`, as separate clients would. In client mode "cli"
// (the default) they get no presence rows; in a mode with rows ("ui"), each join changes the
// presence list (at most 200 rows), which the gateway broadcasts to every connection.
//
// The public methods are called from one (the main) thread; they block until the io thread has
// done the work.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"

namespace openclaw::bench {

struct ConnectResult {
  std::size_t connected = 0;            // handshakes that ended in hello-ok
  std::size_t failed = 0;               // attempts that failed (firstError says why)
  std::vector<double> handshakeMillis;  // TCP connect to hello-ok, one per success
  std::string firstError;
};

struct RpcResult {
  std::vector<double> roundTripMillis;  // request sent to response read, one per call
  double wallMillis = 0;                // first send to last response
  std::size_t failed = 0;               // ok:false responses or dropped connections
};

class LoadPool {
 public:
  // Connections of client id "cli" in client mode `mode`: "cli" is granted the operator.read
  // scope it asks for; any other mode without a device identity gets no scopes.
  LoadPool(int port, std::string token, std::string mode = "cli");
  ~LoadPool();  // stops the io thread; the sockets are closed without a close handshake
  LoadPool(const LoadPool&) = delete;
  LoadPool& operator=(const LoadPool&) = delete;

  // Opens `count` more connections, at most `concurrency` handshakes in flight, and waits until
  // each succeeded or failed. Stops starting new ones once `deadline` has passed.
  ConnectResult connect(std::size_t count, std::size_t concurrency,
                        std::chrono::milliseconds deadline);
  // Connections that completed the handshake and are still open.
  std::size_t open() const;

  // The first `clients` open connections each send `callsEach` requests of `method` (empty
  // params), one after another: a closed loop, so throughput = calls / wallMillis.
  RpcResult rpc(const std::string& method, std::size_t clients, std::size_t callsEach);

  // Waits until no event arrived on any connection for `quiet` (or `deadline` passed), so that
  // a measurement does not start inside the tail of a presence storm.
  void waitQuiet(std::chrono::milliseconds quiet, std::chrono::milliseconds deadline);
  // The largest frame any connection received, in bytes, and the most rows a presence event
  // carried.
  std::size_t largestFrame() const;
  std::size_t largestPresenceRows() const;

  // Starts a fan-out measurement: forgets earlier presence events.
  void armPresence();
  // How many open connections received a `presence` event since armPresence(), and when the
  // latest of those first arrivals was.
  std::size_t presenceReached() const;
  Clock::time_point lastPresenceArrival() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openclaw::bench
