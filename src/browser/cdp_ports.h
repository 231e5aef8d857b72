#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "config/browser_settings.h"

namespace openclaw::browser {

// The CDP ports managed profiles get: browser control port + 9 .. + 108 (18800..18899 for the
// default gateway port 18789).
struct CdpPortRange {
  int first = 0;
  int last = 0;
};
CdpPortRange cdpPortRange(int controlPort);

// The CDP port of each profile. A profile's browser.profiles.<name>.cdpPort wins; otherwise the
// port it was given before, kept in a small JSON file ({"openclaw": 18800, ...}) so a restarted
// gateway reuses it; otherwise the lowest port of the range no other profile holds (configured
// or remembered), which is then remembered. Not thread-safe: one owner (the browser thread).
class CdpPortBook {
 public:
  // Reads `file` when it exists; a missing or unreadable file starts empty (logged).
  CdpPortBook(std::filesystem::path file, CdpPortRange range);

  // Throws std::runtime_error when the range is used up.
  int portFor(const std::string& profile,
              const std::map<std::string, config::BrowserProfileSettings>& configured);

  const std::map<std::string, int>& remembered() const { return remembered_; }

 private:
  std::filesystem::path file_;
  CdpPortRange range_;
  std::map<std::string, int> remembered_;
};

}  // namespace openclaw::browser
