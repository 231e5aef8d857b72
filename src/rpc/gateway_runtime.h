#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "config/gateway_settings.h"
#include "rpc/event_sink.h"
#include "store/database.h"

namespace openclaw::rpc {

// What method families and subsystems get from the running gateway. All gateway state lives on
// `io` (one thread); blocking work goes to a pool and posts its result back to `io`.
struct GatewayRuntime {
  boost::asio::io_context& io;
  // One thread: every SQLite access runs here, so statements never interleave and a write
  // queued before an answer is committed before the answer's continuation runs.
  boost::asio::thread_pool& storage;
  // Several threads for blocking work that may take long (process execution, tool runs).
  boost::asio::thread_pool& blocking;
  // Use only on `storage`.
  store::Database& database;
  // The running settings; hot reloads update them in place (event-loop thread).
  const config::GatewaySettings& settings;
  EventSink& events;
};

}  // namespace openclaw::rpc
