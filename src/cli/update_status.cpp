#include "cli/update_status.h"

#include <sstream>

#include "core/build_info.h"
#include "core/run_command.h"
#include "core/text.h"

namespace openclaw::cli {
namespace {

constexpr const char* kPackageName = "openclaw";

std::filesystem::path runningExecutable() {
  std::error_code error;
  const std::filesystem::path link = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return {};
  const std::filesystem::path real = std::filesystem::canonical(link, error);
  return error ? link : real;
}

std::optional<std::string> owningPackageVersion(const std::filesystem::path& executable) {
  if (executable.empty()) return std::nullopt;
  const core::CommandOutput owner = core::runCommand({"dpkg-query", "-S", executable.string()});
  if (owner.exitCode != 0 || !dpkgOutputOwnsPath(owner.output, executable)) return std::nullopt;
  const core::CommandOutput version =
      core::runCommand({"dpkg-query", "-W", "-f=${Version}", kPackageName});
  if (version.exitCode != 0) return std::nullopt;
  const std::string trimmed = core::trimmed(version.output);
  return trimmed.empty() ? std::nullopt : std::optional<std::string>(trimmed);
}

std::string installLabel(const InstallInfo& info) {
  if (info.packageVersion) {
    return std::string("Debian package ") + kPackageName + " " + *info.packageVersion;
  }
  return "built from source (no package owns " + info.executable.string() + ")";
}

}  // namespace

InstallInfo detectInstall() {
  InstallInfo info;
  info.version = OPENCLAW_VERSION;
  info.commit = core::kBuildCommit;
  info.buildType = core::buildType();
  info.executable = runningExecutable();
  info.packageVersion = owningPackageVersion(info.executable);
  return info;
}

bool dpkgOutputOwnsPath(const std::string& output, const std::filesystem::path& executable) {
  std::istringstream lines(output);
  const std::string suffix = ": " + executable.string();
  for (std::string line; std::getline(lines, line);) {
    // "<package>[, <package>...]: <path>"; "diversion by ..." lines do not end so.
    if (line.size() <= suffix.size() || !line.ends_with(suffix)) continue;
    std::istringstream packages(line.substr(0, line.size() - suffix.size()));
    for (std::string package; std::getline(packages, package, ',');) {
      package = core::trimmed(package);
      if (package == kPackageName || package.starts_with(std::string(kPackageName) + ":")) {
        return true;
      }
    }
  }
  return false;
}

std::string upgradeHint(const InstallInfo& info) {
  if (info.packageVersion) {
    return "install a newer openclaw .deb: sudo apt install ./openclaw_<version>_<arch>.deb";
  }
  return "rebuild from newer sources (scripts/build-release.sh) and install the binary again";
}

nlohmann::json updateStatusJson(const InstallInfo& info) {
  using nlohmann::json;
  json update = {{"installKind", info.packageVersion ? "package" : "source"},
                 {"packageManager", info.packageVersion ? "dpkg" : "unknown"}};
  if (info.packageVersion) {
    update["package"] = {{"name", kPackageName}, {"version", *info.packageVersion}};
  }
  return {
      {"version", info.version},
      {"commit", info.commit == "unknown" ? json(nullptr) : json(info.commit)},
      {"buildType", info.buildType},
      {"executable", info.executable.string()},
      {"update", update},
      // Nothing is looked up: no registry, no git remote. Same shape as upstream's, whose
      // `available` is also false when it could not check; `checked` says so explicitly.
      {"availability",
       {{"available", false},
        {"hasGitUpdate", false},
        {"hasRegistryUpdate", false},
        {"latestVersion", nullptr},
        {"gitBehind", nullptr},
        {"checked", false}}},
      {"selfUpdate", false},
      {"upgrade", upgradeHint(info)},
  };
}

std::string updateStatusText(const InstallInfo& info) {
  std::ostringstream out;
  out << "OpenClaw update status\n\n"
      << "Version     " << info.version << " (commit " << info.commit << ", " << info.buildType
      << ")\n"
      << "Executable  " << info.executable.string() << "\n"
      << "Install     " << installLabel(info) << "\n"
      << "Updates     not checked: this build never updates itself and does not look for new "
         "versions\n"
      << "Upgrade     " << upgradeHint(info) << "\n";
  return out.str();
}

}  // namespace openclaw::cli
