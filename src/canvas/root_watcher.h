#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>

namespace openclaw::canvas {

// Watches a directory tree with inotify and calls `changed` (on the event loop) once per burst
// of changes: the first change arms a kDebounce timer and whatever else happens before it fires
// is folded into the same call. Directories created later are watched too; at most kMaxWatches
// directories are (the rest are logged once and not watched).
class RootWatcher {
 public:
  static constexpr std::size_t kMaxWatches = 1024;
  static constexpr auto kDebounce = std::chrono::milliseconds(100);

  // Throws std::system_error when inotify is not available.
  RootWatcher(boost::asio::io_context& io, const std::filesystem::path& root,
              std::function<void()> changed);
  ~RootWatcher();
  RootWatcher(const RootWatcher&) = delete;
  RootWatcher& operator=(const RootWatcher&) = delete;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace openclaw::canvas
