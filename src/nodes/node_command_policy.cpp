#include "nodes/node_command_policy.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/text.h"

namespace openclaw::nodes {
namespace {

std::string lowercaseTrimmed(const std::string& text) {
  std::string out = core::trimmed(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& command) {
  return std::any_of(list.begin(), list.end(), [&command](const std::string& entry) {
    return core::trimmed(entry) == command;
  });
}

// Commands allowed without configuration, by platform family (upstream's defaults). Commands
// that capture or send on the user's behalf (camera.snap, screen.record, sms.send, …) are in
// no default and need gateway.nodes.allowCommands. `system.info` is our node host's own
// read-only command, allowed wherever system.run is.
const std::vector<std::string>& platformDefaults(const std::string& family) {
  static const std::vector<std::string> canvas = {
      "canvas.present",  "canvas.hide",      "canvas.navigate",       "canvas.eval",
      "canvas.snapshot", "canvas.a2ui.push", "canvas.a2ui.pushJSONL", "canvas.a2ui.reset"};
  static const std::vector<std::string> personal = {
      "camera.list",     "location.get",   "device.info",   "device.status",   "contacts.search",
      "calendar.events", "reminders.list", "photos.latest", "motion.activity", "motion.pedometer"};
  static const std::vector<std::string> system = {"system.run", "system.which", "system.info",
                                                  "system.notify", "browser.proxy"};
  auto join = [](std::initializer_list<const std::vector<std::string>*> parts,
                 std::vector<std::string> extra = {}) {
    std::vector<std::string> all;
    for (const auto* part : parts) all.insert(all.end(), part->begin(), part->end());
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  };
  static const std::map<std::string, std::vector<std::string>> defaults = {
      {"ios", join({&canvas, &personal}, {"system.notify"})},
      {"android", join({&canvas, &personal}, {"notifications.list"})},
      {"macos", join({&canvas, &personal, &system})},
      {"linux", system},
      {"windows", system},
      {"unknown", join({&canvas, &system}, {"camera.list", "location.get"})},
  };
  auto found = defaults.find(family);
  return found == defaults.end() ? defaults.at("unknown") : found->second;
}

}  // namespace

std::string nodePlatformFamily(const std::string& platform, const std::string& deviceFamily) {
  const std::string raw = lowercaseTrimmed(platform);
  for (const auto& [prefix, family] :
       std::vector<std::pair<std::string, std::string>>{{"ios", "ios"},
                                                        {"android", "android"},
                                                        {"mac", "macos"},
                                                        {"darwin", "macos"},
                                                        {"win", "windows"},
                                                        {"linux", "linux"}}) {
    if (raw.starts_with(prefix)) return family;
  }
  const std::string device = lowercaseTrimmed(deviceFamily);
  for (const auto& [word, family] :
       std::vector<std::pair<std::string, std::string>>{{"iphone", "ios"},
                                                        {"ipad", "ios"},
                                                        {"ios", "ios"},
                                                        {"android", "android"},
                                                        {"mac", "macos"},
                                                        {"windows", "windows"},
                                                        {"linux", "linux"}}) {
    if (device.find(word) != std::string::npos) return family;
  }
  return "unknown";
}

std::optional<std::string> commandPolicyRefusal(const config::NodeCommandSettings& settings,
                                                const std::string& platform,
                                                const std::string& deviceFamily,
                                                const std::string& command) {
  if (contains(settings.denyCommands, command)) {
    return "\"" + command + "\" is listed in gateway.nodes.denyCommands";
  }
  const std::string family = nodePlatformFamily(platform, deviceFamily);
  const auto& defaults = platformDefaults(family);
  if (std::find(defaults.begin(), defaults.end(), command) != defaults.end()) return std::nullopt;
  if (contains(settings.allowCommands, command)) return std::nullopt;
  return "\"" + command + "\" is not allowed by default for " + family +
         " nodes; add it to gateway.nodes.allowCommands";
}

}  // namespace openclaw::nodes
