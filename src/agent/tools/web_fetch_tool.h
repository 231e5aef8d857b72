#pragma once

#include <chrono>
#include <cstddef>

#include "agent/tool.h"

namespace openclaw::agent {

struct WebFetchLimits {
  std::size_t maxBytes = 512 * 1024;          // body bytes kept; the rest is not downloaded
  std::chrono::milliseconds timeout{30'000};  // per request, redirects each get their own
  int maxRedirects = 5;
  // tools.web.fetch.ssrfPolicy.dangerouslyAllowPrivateNetwork: also reach loopback, private,
  // link-local and other special-purpose addresses (net/address_ranges.h).
  bool allowPrivateNetwork = false;
};

// web_fetch: GET an http(s) URL and return its status, content type and text. Follows
// redirects, cuts the body at maxBytes with a note, shows no body for binary content types, and
// replaces bytes that are not UTF-8 with U+FFFD. Every hop's host is resolved once and refused
// when any of its addresses is not public (unless allowPrivateNetwork); the connection goes to
// the addresses checked. Runs its own event loop on the worker thread.
class WebFetchTool : public Tool {
 public:
  explicit WebFetchTool(WebFetchLimits limits = {}) : limits_(limits) {}
  ToolDefinition definition() const override;
  ToolResult run(const nlohmann::json& arguments, const ToolContext& context) const override;

 private:
  WebFetchLimits limits_;
};

}  // namespace openclaw::agent
