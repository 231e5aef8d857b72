#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::nodehost {

// Requests that worker threads make to the gateway over the node's connection, which only the
// connection thread reads and writes: workers queue a request and wait; the connection thread
// sends what is queued and hands back the responses. Thread-safe.
class GatewayCalls {
 public:
  // Worker thread: sends `method` with `params` and waits for the response frame ({ok, payload}
  // or {ok: false, error}). nullopt when `stopping` is set or the connection ends first.
  std::optional<nlohmann::json> call(const std::string& method, nlohmann::json params,
                                     const std::atomic<bool>& stopping);

  // Connection thread: the request frames to send now (each is sent once).
  std::vector<std::string> takeOutgoing();
  // Connection thread: a response frame arrived; false when no call waits for it.
  bool deliver(const nlohmann::json& response);
  // Connection thread: the connection ended; every waiting call gives up.
  void connectionEnded();

 private:
  struct Waiting {
    std::optional<nlohmann::json> response;
    bool abandoned = false;  // the connection ended before the response
  };
  std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t nextId_ = 0;
  std::vector<std::string> outgoing_;
  std::map<std::string, Waiting> waiting_;  // by request id
};

}  // namespace openclaw::nodehost
