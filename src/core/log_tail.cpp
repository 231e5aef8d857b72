#include "core/log_tail.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace openclaw::core {
namespace {

[[noreturn]] void throwErrno(int error, const std::string& what,
                             const std::filesystem::path& file) {
  throw std::system_error(error, std::generic_category(), what + " " + file.string());
}

// Closes the descriptor when the read is done.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() { ::close(fd); }
};

// Up to `length` bytes from `offset`; fewer when the file shrank meanwhile.
std::string readAt(int fd, std::uint64_t offset, std::size_t length,
                   const std::filesystem::path& file) {
  std::string buffer(length, '\0');
  std::size_t filled = 0;
  while (filled < length) {
    const ssize_t n =
        ::pread(fd, buffer.data() + filled, length - filled, static_cast<off_t>(offset + filled));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throwErrno(errno, "cannot read", file);
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  buffer.resize(filled);
  return buffer;
}

// Where the oldest of the last `limit` lines in text[begin, end) starts (text[end - 1] is '\n').
std::size_t newestLinesStart(const std::string& text, std::size_t begin, std::size_t end,
                             std::size_t limit) {
  std::size_t at = end;
  for (std::size_t count = 0; count < limit && at > begin; ++count) {
    // text[at - 1] ends the line before `at`; that line starts after the newline before it.
    const std::size_t previous = at - 1 > begin ? text.rfind('\n', at - 2) : std::string::npos;
    at = previous == std::string::npos || previous < begin ? begin : previous + 1;
  }
  return at;
}

}  // namespace

LogTail readLogTail(const std::filesystem::path& file, const LogTailRequest& request) {
  const std::size_t limit = std::clamp<std::size_t>(request.limit, 1, kLogTailMaxLimit);
  const std::size_t maxBytes = std::clamp<std::size_t>(request.maxBytes, 1, kLogTailMaxBytes);
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENOENT) return {};
  if (fd < 0) throwErrno(errno, "cannot open", file);
  const FileDescriptor closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) throwErrno(errno, "cannot stat", file);
  if (S_ISDIR(info.st_mode)) throwErrno(EISDIR, "cannot read", file);
  if (!S_ISREG(info.st_mode)) throwErrno(EINVAL, "not a regular file:", file);

  LogTail tail;
  tail.size = static_cast<std::uint64_t>(info.st_size);
  // A cursor beyond the end belongs to an earlier, longer file (rotated or truncated).
  const bool cursorInFile = request.cursor && *request.cursor <= tail.size;
  const std::uint64_t from = cursorInFile ? *request.cursor : 0;
  tail.reset = request.cursor && !cursorInFile;
  std::uint64_t start = from;
  if (tail.size - start > maxBytes) {
    start = tail.size - maxBytes;
    if (request.cursor) tail.reset = true;
  }

  // One byte early: it tells whether `start` begins a line. A line cut by the window's start
  // is dropped, and so is a partial line at its end (the cursor stays before it).
  const std::size_t first = start > 0 ? 1 : 0;
  const std::uint64_t readFrom = start - first;
  const std::string window =
      readAt(fd, readFrom, static_cast<std::size_t>(tail.size - readFrom), file);
  std::size_t begin = first;
  if (first == 1 && !window.empty() && window[0] != '\n') {
    const std::size_t newline = window.find('\n');
    begin = newline == std::string::npos ? window.size() : newline + 1;
  }
  const std::size_t lastNewline = window.rfind('\n');
  const std::size_t end =
      lastNewline == std::string::npos || lastNewline < begin ? begin : lastNewline + 1;

  const std::size_t keep = newestLinesStart(window, begin, end, limit);
  for (std::size_t at = keep; at < end;) {
    const std::size_t newline = window.find('\n', at);
    tail.lines.emplace_back(window, at, newline - at);
    at = newline + 1;
  }
  tail.cursor = readFrom + end;
  const std::uint64_t unreturned = tail.cursor - from - (end - keep);
  tail.truncated = unreturned > 0;
  if (cursorInFile) tail.skippedBytes = unreturned;
  return tail;
}

}  // namespace openclaw::core
