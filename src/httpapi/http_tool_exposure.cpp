#include "httpapi/http_tool_exposure.h"

#include <algorithm>

#include "core/text.h"

namespace openclaw::httpapi {
namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
  const std::string wanted = core::asciiLowercase(core::trimmed(name));
  return std::any_of(names.begin(), names.end(), [&](const std::string& entry) {
    return core::asciiLowercase(core::trimmed(entry)) == wanted;
  });
}

}  // namespace

const std::vector<std::string>& defaultHttpToolDeny() {
  static const std::vector<std::string> names = {"exec",
                                                 "spawn",
                                                 "shell",
                                                 "fs_write",
                                                 "fs_delete",
                                                 "fs_move",
                                                 "apply_patch",
                                                 "terminal",
                                                 "portal",
                                                 "sessions_spawn",
                                                 "sessions_send",
                                                 "conversations_list",
                                                 "conversations_send",
                                                 "conversations_turn",
                                                 "automations",
                                                 "gateway",
                                                 "plugins",
                                                 "nodes",
                                                 "computer",
                                                 "mobile_ui",
                                                 "openclaw"};
  return names;
}

bool toolExposedOverHttp(const config::HttpToolSettings& settings, const std::string& name) {
  if (listed(settings.deny, name)) return false;
  return !listed(defaultHttpToolDeny(), name) || listed(settings.allow, name);
}

}  // namespace openclaw::httpapi
