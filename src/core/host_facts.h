#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace openclaw::core {

// What the machine says about itself now (uname, /proc, statvfs). Reads files: call off the
// event loop.
struct HostFacts {
  std::string osName;   // uname sysname, "Linux"
  std::string release;  // uname release, "6.1.0-18-amd64"
  std::string arch;     // Node's names: "x64", "arm64", "ia32", "arm"; else uname machine
  int cpuCount = 0;
  std::optional<std::string> cpuModel;  // /proc/cpuinfo "model name"
  std::array<double, 3> loadAverage{};  // 1, 5 and 15 minutes; zeros when unknown
  std::int64_t memoryTotalBytes = 0;
  std::int64_t memoryAvailableBytes = 0;  // MemAvailable (what Node's os.freemem() reports)
  // The file system holding the directory given to readHostFacts; unset when statvfs fails.
  std::optional<std::int64_t> diskTotalBytes;
  std::optional<std::int64_t> diskAvailableBytes;
};

HostFacts readHostFacts(const std::filesystem::path& diskPath);

}  // namespace openclaw::core
