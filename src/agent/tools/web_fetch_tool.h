#pragma once

#include <chrono>
#include <cstddef>

#include "agent/tool.h"

namespace openclaw::agent {

struct WebFetchLimits {
  std::size_t maxBytes = 512 * 1024;          // body bytes kept; the rest is not downloaded
  std::chrono::milliseconds timeout{30'000};  // per request, redirects each get their own
  int maxRedirects = 5;
};

// web_fetch: GET an http(s) URL and return its status, content type and text. Follows
// redirects, cuts the body at maxBytes with a note, shows no body for binary content types, and
// replaces bytes that are not UTF-8 with U+FFFD. Runs its own event loop on the worker thread.
class WebFetchTool : public Tool {
 public:
  explicit WebFetchTool(WebFetchLimits limits = {}) : limits_(limits) {}
  ToolDefinition definition() const override;
  ToolResult run(const nlohmann::json& arguments, const ToolContext& context) const override;

 private:
  WebFetchLimits limits_;
};

}  // namespace openclaw::agent
