#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::testsupport {

// An answer as curl saw it.
struct CurlReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  // The header's value, or "<none>" (so a failed expectation says it was missing).
  std::string header(const std::string& name) const;
  nlohmann::json parsed() const { return nlohmann::json::parse(body); }
};

struct CurlRequest {
  std::string method = "GET";        // "HEAD" sends curl -I
  std::string path;                  // sent exactly as given (--path-as-is)
  std::vector<std::string> headers;  // "Name: value"
  std::optional<std::string> body;   // sent as is (--data-binary), without Expect: 100-continue
};

// Runs the real `curl` against http://127.0.0.1:`port`: what a user's script or webhook sender
// does. Throws std::runtime_error when curl itself fails (not for HTTP error statuses).
CurlReply curl(int port, const CurlRequest& request, int maxTimeSeconds = 30);

}  // namespace openclaw::testsupport
