#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/hook_settings.h"
#include "httpapi/hook_actions.h"
#include "httpapi/hook_template.h"

namespace openclaw::httpapi {

// What a matching mapping rendered for one request.
struct HookMapped {
  HookAction action;
  std::string mappingId;
  std::optional<HookKeySource> keySource;  // set when the action carries a session key
};

// The first of `mappings` that matches the request (match.path equal to context.path without
// its slashes, match.source equal to the payload's string `source`; an omitted predicate matches
// anything) rendered into its action, as upstream: templates render through renderHookTemplate,
// optional fields are trimmed and dropped when blank. nullopt when no mapping matches; the
// error upstream answers 400 with when the rendered action is unusable (empty text or message,
// a templated session key that rendered empty, a session key on a next-heartbeat wake).
std::optional<HookChecked<HookMapped>> applyHookMappings(
    const std::vector<config::HookMappingSettings>& mappings, const HookTemplateContext& context);

}  // namespace openclaw::httpapi
