#pragma once

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <functional>
#include <memory>

namespace openclaw::daemon {

// Watches one file with inotify on the event loop and calls `onChange` (debounced, so an editor's
// burst of writes is one call) when it is written, replaced by rename, created or deleted. It
// watches the parent directory, so editors that save by writing a temp file and renaming it
// over the original keep being noticed.
class ConfigWatcher {
 public:
  // Throws std::runtime_error when inotify is unavailable or the directory cannot be watched.
  ConfigWatcher(boost::asio::io_context& io, const std::filesystem::path& file,
                std::function<void()> onChange);
  ~ConfigWatcher();
  ConfigWatcher(const ConfigWatcher&) = delete;
  ConfigWatcher& operator=(const ConfigWatcher&) = delete;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace openclaw::daemon
