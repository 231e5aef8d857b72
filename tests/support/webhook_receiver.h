#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loopback_http_server.h"
#include "scripted_provider.h"

namespace openclaw::testsupport {

// A webhook endpoint on 127.0.0.1: records every request (thread-safe) and answers each with
// `status` and an empty JSON object.
class WebhookReceiver {
 public:
  explicit WebhookReceiver(int status = 200);
  ~WebhookReceiver();

  std::string url(const std::string& path = "/hook") const;
  std::vector<RecordedRequest> requests() const;
  // Waits until at least `count` requests arrived; whether they did before `deadline`.
  bool waitForRequests(std::size_t count, std::chrono::milliseconds deadline) const;

 private:
  struct State {
    mutable std::mutex mutex;
    mutable std::condition_variable arrived;
    std::vector<RecordedRequest> requests;
    int status = 200;
  };
  std::shared_ptr<State> state_;  // declared before the server: outlives its handlers
  std::unique_ptr<LoopbackHttpServer> server_;
};

}  // namespace openclaw::testsupport
