#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace openclaw::browser {

// One call of the browser control routes, whether it came over the loopback HTTP service, the
// browser.request method or the agent's browser tool.
struct BrowserRequest {
  std::string method = "GET";                // GET, POST or DELETE
  std::string path = "/";                    // "/tabs/open", "/tabs/<targetId>", ...
  std::map<std::string, std::string> query;  // profile, targetId, ...
  nlohmann::json body = nlohmann::json::object();
  std::chrono::milliseconds timeout{30'000};  // for the whole request
};

// The route's answer: an HTTP status and a JSON body; errors carry {"error": message} and, for
// policy refusals, "reason": "navigation_blocked".
struct BrowserResponse {
  int status = 200;
  nlohmann::json body = nlohmann::json::object();
};

// What a route throws to answer with an error.
class RouteError : public std::runtime_error {
 public:
  RouteError(int status, const std::string& message, std::string reason = "")
      : std::runtime_error(message), status_(status), reason_(std::move(reason)) {}
  int status() const { return status_; }
  const std::string& reason() const { return reason_; }

 private:
  int status_;
  std::string reason_;
};

}  // namespace openclaw::browser
