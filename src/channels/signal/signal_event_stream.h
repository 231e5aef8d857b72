#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "net/http_client.h"

namespace openclaw::channels::signal {

// The largest receive event read from the stream (an envelope with its text, mentions and
// attachment list); larger events are skipped and logged.
inline constexpr std::size_t kMaxEventBytes = 256 * 1024;

// One connection to signal-cli's event stream, GET <baseUrl>/api/v1/events?account=<number>
// (text/event-stream). Each `data` payload that is a JSON object (bounded depth and size) goes to
// `event`; anything else is skipped with a warning. Event-loop thread only.
class SignalEventStream {
 public:
  struct Handlers {
    std::function<void()> opened;               // the daemon answered 200: receiving
    std::function<void(nlohmann::json)> event;  // one receive event, in stream order
    // The stream ended or failed, once; `idle` when nothing arrived within the idle timeout.
    std::function<void(std::string reason, bool idle)> closed;
  };

  SignalEventStream(boost::asio::io_context& io, net::HttpClient& client, std::string url,
                    std::chrono::milliseconds idleTimeout, Handlers handlers);
  ~SignalEventStream();  // cancel()

  // Stops reading after the current event until resume() (back-pressure), and goes on.
  void pause();
  void resume();
  // Closes the connection; no handler runs afterwards.
  void cancel();

  struct State;  // shared with the reading coroutine

 private:
  std::shared_ptr<State> state_;
};

// "http://host:port/api/v1/events?account=%2B15551234567".
std::string eventsUrl(const std::string& baseUrl, const std::string& account);

}  // namespace openclaw::channels::signal
