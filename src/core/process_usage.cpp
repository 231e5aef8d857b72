#include "core/process_usage.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace openclaw::core {

std::optional<std::uint64_t> residentMemoryBytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t sizePages = 0;
  std::uint64_t residentPages = 0;
  if (!(statm >> sizePages >> residentPages)) return std::nullopt;
  const long pageSize = ::sysconf(_SC_PAGESIZE);
  if (pageSize <= 0) return std::nullopt;
  return residentPages * static_cast<std::uint64_t>(pageSize);
}

std::optional<std::uint64_t> openFileDescriptors() {
  std::error_code error;
  std::filesystem::directory_iterator entries("/proc/self/fd", error);
  if (error) return std::nullopt;
  std::uint64_t count = 0;
  for (const auto& entry : entries) {
    (void)entry;
    ++count;
  }
  // The iterator's own descriptor was one of them.
  return count > 0 ? count - 1 : 0;
}

}  // namespace openclaw::core
