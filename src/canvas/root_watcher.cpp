#include "canvas/root_watcher.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstring>
#include <map>
#include <system_error>

#include "core/logging.h"

namespace openclaw::canvas {
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kDirectoryEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE |
                                           IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB |
                                           IN_DELETE_SELF | IN_ONLYDIR;

}  // namespace

struct RootWatcher::Impl : std::enable_shared_from_this<Impl> {
  Impl(boost::asio::io_context& io, std::function<void()> onChange)
      : descriptor(io), debounce(io), changed(std::move(onChange)) {}

  void watchTree(const fs::path& top) {
    watch(top);
    std::error_code ec;
    for (fs::recursive_directory_iterator it(top, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) watch(it->path());
    }
  }

  void watch(const fs::path& directory) {
    if (directories.size() >= kMaxWatches) {
      if (!warnedFull) {
        core::logger("canvas")->warn(
            "live reload watches {} directories at most; {} and others are not watched",
            kMaxWatches, directory.string());
        warnedFull = true;
      }
      return;
    }
    const int wd =
        ::inotify_add_watch(descriptor.native_handle(), directory.c_str(), kDirectoryEvents);
    if (wd >= 0) directories[wd] = directory;
  }

  void read() {
    descriptor.async_read_some(
        boost::asio::buffer(buffer),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t bytes) {
          if (ec || self->stopped) return;
          self->handle(bytes);
          self->read();
        });
  }

  void handle(std::size_t bytes) {
    std::size_t offset = 0;
    while (offset + sizeof(inotify_event) <= bytes) {
      inotify_event event{};
      std::memcpy(&event, buffer.data() + offset, sizeof(event));
      const char* name = buffer.data() + offset + sizeof(inotify_event);
      if ((event.mask & IN_IGNORED) != 0) directories.erase(event.wd);
      const auto directory = directories.find(event.wd);
      if ((event.mask & IN_CREATE) != 0 && (event.mask & IN_ISDIR) != 0 && event.len > 0 &&
          directory != directories.end()) {
        watchTree(directory->second / name);
      }
      offset += sizeof(inotify_event) + event.len;
    }
    schedule();
  }

  void schedule() {
    if (armed) return;
    armed = true;
    debounce.expires_after(kDebounce);
    debounce.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      self->armed = false;
      if (!ec && !self->stopped) self->changed();
    });
  }

  boost::asio::posix::stream_descriptor descriptor;
  boost::asio::steady_timer debounce;
  std::function<void()> changed;
  std::map<int, fs::path> directories;  // watch descriptor -> directory
  alignas(inotify_event) std::array<char, 16 * 1024> buffer{};
  bool armed = false;
  bool warnedFull = false;
  bool stopped = false;
};

RootWatcher::RootWatcher(boost::asio::io_context& io, const fs::path& root,
                         std::function<void()> changed)
    : impl_(std::make_shared<Impl>(io, std::move(changed))) {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
  impl_->descriptor.assign(fd);
  impl_->watchTree(root);
  impl_->read();
}

RootWatcher::~RootWatcher() {
  impl_->stopped = true;
  boost::system::error_code ignored;
  impl_->debounce.cancel();
  impl_->descriptor.close(ignored);
}

}  // namespace openclaw::canvas
