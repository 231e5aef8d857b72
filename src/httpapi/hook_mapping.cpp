#include "httpapi/hook_mapping.h"

#include "core/text.h"

namespace openclaw::httpapi {
namespace {

std::string withoutSlashes(const std::string& path) {
  const auto first = path.find_first_not_of('/');
  if (first == std::string::npos) return "";
  const auto last = path.find_last_not_of('/');
  return path.substr(first, last - first + 1);
}

bool matches(const config::HookMappingSettings& mapping, const HookTemplateContext& context) {
  if (!mapping.matchPath.empty() && mapping.matchPath != withoutSlashes(context.path)) return false;
  if (mapping.matchSource.empty()) return true;
  const auto source = context.payload.find("source");
  return source != context.payload.end() && source->is_string() &&
         source->get<std::string>() == mapping.matchSource;
}

// A rendered optional field: trimmed, "" when blank.
std::string renderOptional(const std::string& text, const HookTemplateContext& context) {
  if (text.empty()) return "";
  return core::trimmed(renderHookTemplate(text, context));
}

std::optional<HookKeySource> keySourceOf(const std::string& sessionKeyTemplate) {
  if (core::trimmed(sessionKeyTemplate).empty()) return std::nullopt;
  return config::hasHookTemplate(sessionKeyTemplate) ? HookKeySource::MappingTemplated
                                                     : HookKeySource::MappingStatic;
}

HookChecked<HookMapped> rendered(const config::HookMappingSettings& mapping,
                                 const HookTemplateContext& context) {
  const std::optional<HookKeySource> keySource = keySourceOf(mapping.sessionKey);
  const std::string sessionKey = renderOptional(mapping.sessionKey, context);
  if (keySource == HookKeySource::MappingTemplated && sessionKey.empty()) {
    return HookError{"hook mapping sessionKey template rendered empty"};
  }
  if (mapping.wake) {
    HookWake wake;
    wake.text = renderHookTemplate(mapping.textTemplate, context);
    wake.now = mapping.wakeNow;
    wake.agentId = mapping.agentId;
    wake.sessionKey = sessionKey;
    if (core::trimmed(wake.text).empty()) return HookError{"hook mapping requires text"};
    if (!wake.now && !sessionKey.empty()) {
      return HookError{"hook mapping sessionKey requires wakeMode=now"};
    }
    return HookMapped{wake, mapping.id, keySource};
  }
  HookAgent agent;
  agent.message = renderHookTemplate(mapping.messageTemplate, context);
  if (core::trimmed(agent.message).empty()) return HookError{"hook mapping requires message"};
  if (auto name = renderOptional(mapping.name, context); !name.empty()) agent.name = name;
  agent.agentId = mapping.agentId;
  agent.wakeNow = mapping.wakeNow;
  agent.sessionKey = sessionKey;
  agent.persistent = mapping.persistent;
  agent.deliver = mapping.deliver.value_or(true);
  if (!mapping.channel.empty()) agent.channel = core::asciiLowercase(mapping.channel);
  agent.to = renderOptional(mapping.to, context);
  agent.model = renderOptional(mapping.model, context);
  agent.thinking = renderOptional(mapping.thinking, context);
  agent.timeoutSeconds = mapping.timeoutSeconds;
  return HookMapped{agent, mapping.id, keySource};
}

}  // namespace

std::optional<HookChecked<HookMapped>> applyHookMappings(
    const std::vector<config::HookMappingSettings>& mappings, const HookTemplateContext& context) {
  for (const config::HookMappingSettings& mapping : mappings) {
    if (matches(mapping, context)) return rendered(mapping, context);
  }
  return std::nullopt;
}

}  // namespace openclaw::httpapi
