#pragma once

#include <cstdint>
#include <optional>

namespace openclaw::core {

// This process's resident memory in bytes (/proc/self/statm), or nullopt where unreadable.
std::optional<std::uint64_t> residentMemoryBytes();

// How many file descriptors this process has open (/proc/self/fd), or nullopt where unreadable.
std::optional<std::uint64_t> openFileDescriptors();

}  // namespace openclaw::core
