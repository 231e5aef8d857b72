#include "browser/cdp_ports.h"

#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/bounded_json.h"
#include "core/files.h"
#include "core/logging.h"

namespace openclaw::browser {

CdpPortRange cdpPortRange(int controlPort) { return {controlPort + 9, controlPort + 108}; }

CdpPortBook::CdpPortBook(std::filesystem::path file, CdpPortRange range)
    : file_(std::move(file)), range_(range) {
  try {
    const auto text = core::readFile(file_);
    if (!text) return;
    const core::BoundedJson parsed = core::parseBoundedJson(*text);
    if (!parsed.ok() || !parsed.value.is_object()) {
      throw std::runtime_error("not a JSON object");
    }
    for (const auto& [profile, port] : parsed.value.items()) {
      if (port.is_number_integer()) remembered_[profile] = port.get<int>();
    }
  } catch (const std::exception& error) {
    core::logger("browser")->warn("ignoring {}: {}", file_.string(), error.what());
  }
}

int CdpPortBook::portFor(const std::string& profile,
                         const std::map<std::string, config::BrowserProfileSettings>& configured) {
  if (const auto found = configured.find(profile);
      found != configured.end() && found->second.cdpPort) {
    return *found->second.cdpPort;
  }
  if (const auto found = remembered_.find(profile); found != remembered_.end()) {
    return found->second;
  }
  std::set<int> taken;
  for (const auto& [name, settings] : configured) {
    if (settings.cdpPort) taken.insert(*settings.cdpPort);
  }
  for (const auto& [name, port] : remembered_) taken.insert(port);
  for (int port = range_.first; port <= range_.last; ++port) {
    if (taken.contains(port)) continue;
    remembered_[profile] = port;
    core::writeFileAtomic(file_, nlohmann::json(remembered_).dump(2) + "\n");
    return port;
  }
  throw std::runtime_error("no free CDP port left in " + std::to_string(range_.first) + ".." +
                           std::to_string(range_.last) + " for browser profile " + profile);
}

}  // namespace openclaw::browser
