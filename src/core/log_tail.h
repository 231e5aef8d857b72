#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::core {

// Upstream's logs.tail bounds: defaults when a caller gives none, and hard caps.
inline constexpr std::size_t kLogTailDefaultLimit = 500;
inline constexpr std::size_t kLogTailMaxLimit = 5000;
inline constexpr std::size_t kLogTailDefaultMaxBytes = 250'000;
inline constexpr std::size_t kLogTailMaxBytes = 1'000'000;

struct LogTailRequest {
  // Byte offset a previous read returned; nullopt reads the file's tail.
  std::optional<std::uint64_t> cursor;
  std::size_t limit = kLogTailDefaultLimit;        // lines, clamped to 1..kLogTailMaxLimit
  std::size_t maxBytes = kLogTailDefaultMaxBytes;  // clamped to 1..kLogTailMaxBytes
};

struct LogTail {
  // Just past the last complete line read: pass it back to continue. A partial last line (still
  // being written) stays after the cursor until its newline arrives.
  std::uint64_t cursor = 0;
  std::uint64_t size = 0;          // the file's size when read
  std::vector<std::string> lines;  // complete lines, oldest first, without their newlines
  // Lines before the returned ones (from the cursor, or from the file's start without one) were
  // left out: the maxBytes window began later, or more than `limit` lines were complete.
  bool truncated = false;
  // The cursor was beyond the file's end (rotated or truncated) or further back than maxBytes;
  // the read restarted from the end's maxBytes window.
  bool reset = false;
  // With a cursor inside the file: bytes between it and the new cursor that no returned line
  // covers (a stale cursor's gap, dropped older lines, a line longer than maxBytes).
  std::uint64_t skippedBytes = 0;
};

// Reads at most maxBytes from `file` (the newest bytes, starting no earlier than the cursor) and
// returns the complete lines in them. A missing file reads as empty. Throws std::system_error
// when the file exists but cannot be read (e.g. it is a directory).
LogTail readLogTail(const std::filesystem::path& file, const LogTailRequest& request);

}  // namespace openclaw::core
