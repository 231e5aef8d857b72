#include "nodehost/gateway_calls.h"

namespace openclaw::nodehost {
namespace {

// How often a waiting worker looks at the stop flag.
constexpr std::chrono::milliseconds kStopPoll{50};

}  // namespace

std::optional<nlohmann::json> GatewayCalls::call(const std::string& method, nlohmann::json params,
                                                 const std::atomic<bool>& stopping) {
  std::unique_lock lock(mutex_);
  const std::string id = "node-call-" + std::to_string(++nextId_);
  outgoing_.push_back(
      nlohmann::json{{"type", "req"}, {"id", id}, {"method", method}, {"params", std::move(params)}}
          .dump());
  Waiting& waiting = waiting_[id];
  while (!waiting.response && !waiting.abandoned && !stopping) {
    changed_.wait_for(lock, kStopPoll);
  }
  std::optional<nlohmann::json> response = std::move(waiting.response);
  waiting_.erase(id);
  return response;
}

std::vector<std::string> GatewayCalls::takeOutgoing() {
  std::lock_guard lock(mutex_);
  return std::exchange(outgoing_, {});
}

bool GatewayCalls::deliver(const nlohmann::json& response) {
  {
    std::lock_guard lock(mutex_);
    auto found = waiting_.find(response.value("id", ""));
    if (found == waiting_.end()) return false;
    found->second.response = response;
  }
  changed_.notify_all();
  return true;
}

void GatewayCalls::connectionEnded() {
  {
    std::lock_guard lock(mutex_);
    outgoing_.clear();
    for (auto& [id, waiting] : waiting_) waiting.abandoned = true;
  }
  changed_.notify_all();
}

}  // namespace openclaw::nodehost
