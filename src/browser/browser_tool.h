#pragma once

#include "agent/tool.h"
#include "browser/browser_service.h"

namespace openclaw::browser {

// The agent's `browser` tool: {action, profile?, targetId?, url?, ref?, kind?, text?, key?,
// fullPage?, maxChars?} with action status, start, stop, profiles, tabs, open, focus, close,
// navigate, snapshot, screenshot or act (act also takes upstream's {request: {kind, ref, ...}}).
// Each action is the matching control route, run in-process; the result is the route's JSON
// (a screenshot's is its file path and size, never the image bytes).
class BrowserTool : public agent::Tool {
 public:
  explicit BrowserTool(BrowserService& service) : service_(service) {}
  agent::ToolDefinition definition() const override;
  agent::ToolResult run(const nlohmann::json& arguments,
                        const agent::ToolContext& context) const override;

 private:
  BrowserService& service_;
};

// The route request an action stands for; throws std::invalid_argument for a bad call.
BrowserRequest browserToolRequest(const nlohmann::json& arguments);

}  // namespace openclaw::browser
