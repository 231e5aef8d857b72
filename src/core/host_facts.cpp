#include "core/host_facts.h"

#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string_view>

namespace openclaw::core {
namespace {

std::string nodeArch(std::string_view machine) {
  if (machine == "x86_64" || machine == "amd64") return "x64";
  if (machine == "aarch64" || machine == "arm64") return "arm64";
  if (machine.size() == 4 && machine.front() == 'i' && machine.substr(2) == "86") return "ia32";
  if (machine.starts_with("arm")) return "arm";
  return std::string(machine);
}

// The text after "key" and its colon on the first line of `path` that starts with `key`.
std::optional<std::string> procField(const char* path, std::string_view key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with(key)) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::size_t start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? std::string() : line.substr(start);
  }
  return std::nullopt;
}

// A /proc/meminfo value ("16314140 kB") in bytes; 0 when missing.
std::int64_t meminfoBytes(std::string_view key) {
  const auto value = procField("/proc/meminfo", key);
  return value ? std::strtoll(value->c_str(), nullptr, 10) * 1024 : 0;
}

}  // namespace

HostFacts readHostFacts(const std::filesystem::path& diskPath) {
  HostFacts facts;
  utsname name{};
  if (uname(&name) == 0) {
    facts.osName = name.sysname;
    facts.release = name.release;
    facts.arch = nodeArch(name.machine);
  }
  facts.cpuCount = static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  facts.cpuModel = procField("/proc/cpuinfo", "model name");
  if (facts.cpuModel && facts.cpuModel->empty()) facts.cpuModel.reset();
  double load[3] = {};
  if (getloadavg(load, 3) == 3) facts.loadAverage = {load[0], load[1], load[2]};
  facts.memoryTotalBytes = meminfoBytes("MemTotal:");
  facts.memoryAvailableBytes = meminfoBytes("MemAvailable:");
  struct statvfs disk {};
  if (statvfs(diskPath.c_str(), &disk) == 0) {
    facts.diskTotalBytes = static_cast<std::int64_t>(disk.f_blocks * disk.f_frsize);
    facts.diskAvailableBytes = static_cast<std::int64_t>(disk.f_bavail * disk.f_frsize);
  }
  return facts;
}

}  // namespace openclaw::core
