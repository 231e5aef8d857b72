#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace openclaw::cli {

// What `openclaw update status` reports about the running binary. This build has no updater:
// nothing here touches the network.
struct InstallInfo {
  std::string version;    // OPENCLAW_VERSION
  std::string commit;     // abbreviated git commit, or "unknown"
  std::string buildType;  // "Release", "Debug", ...
  std::filesystem::path executable;
  // Set when dpkg says the Debian package `openclaw` owns the executable: its version.
  std::optional<std::string> packageVersion;
};

// The running binary (through /proc/self/exe, symlinks resolved) and, via dpkg-query, the
// Debian package that owns it, if any.
InstallInfo detectInstall();

// True when `dpkg-query -S <executable>` output names the package `openclaw` (possibly with an
// architecture, `openclaw:amd64`) as an owner of exactly `executable`.
bool dpkgOutputOwnsPath(const std::string& output, const std::filesystem::path& executable);

// How to get a newer version for this kind of install (a newer .deb, or a rebuild).
std::string upgradeHint(const InstallInfo& info);

// Upstream's `update status --json` field names where they apply (update.installKind,
// update.packageManager, availability.*), plus version, commit, buildType, executable and
// selfUpdate: false (docs/differences.md).
nlohmann::json updateStatusJson(const InstallInfo& info);

// The human-readable report: one "Item  value" line per fact.
std::string updateStatusText(const InstallInfo& info);

}  // namespace openclaw::cli
