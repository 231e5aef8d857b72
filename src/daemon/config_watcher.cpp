#include "daemon/config_watcher.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace openclaw::daemon {
namespace {
// Editors write in bursts (truncate, write, rename); one reload after the burst settles.
constexpr auto kDebounce = std::chrono::milliseconds(150);
}  // namespace

struct ConfigWatcher::Impl : std::enable_shared_from_this<Impl> {
  Impl(boost::asio::io_context& io, std::string fileName, std::function<void()> onChange)
      : descriptor(io), debounce(io), name(std::move(fileName)), changed(std::move(onChange)) {}

  void readEvents() {
    descriptor.async_read_some(
        boost::asio::buffer(events),
        [weak = weak_from_this()](const boost::system::error_code& ec, std::size_t length) {
          auto self = weak.lock();
          if (!self || ec) return;
          if (self->touchesFile(length)) self->scheduleReload();
          self->readEvents();
        });
  }

  // Whether any event in the buffer names the watched file.
  bool touchesFile(std::size_t length) const {
    std::size_t offset = 0;
    while (offset + sizeof(inotify_event) <= length) {
      inotify_event event;
      std::memcpy(&event, events.data() + offset, sizeof(event));
      const char* eventName = events.data() + offset + sizeof(inotify_event);
      if (event.len > 0 && name == eventName) return true;
      offset += sizeof(inotify_event) + event.len;
    }
    return false;
  }

  void scheduleReload() {
    debounce.expires_after(kDebounce);
    debounce.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      auto self = weak.lock();
      if (self && !ec) self->changed();
    });
  }

  boost::asio::posix::stream_descriptor descriptor;
  boost::asio::steady_timer debounce;
  std::string name;
  std::function<void()> changed;
  alignas(inotify_event) std::array<char, 16 * 1024> events{};
};

ConfigWatcher::ConfigWatcher(boost::asio::io_context& io, const std::filesystem::path& file,
                             std::function<void()> onChange)
    : impl_(std::make_shared<Impl>(io, file.filename().string(), std::move(onChange))) {
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("inotify: ") + std::strerror(errno));
  impl_->descriptor.assign(fd);
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : ".";
  const uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM;
  if (inotify_add_watch(fd, dir.c_str(), mask) < 0) {
    throw std::runtime_error("cannot watch " + dir.string() + ": " + std::strerror(errno));
  }
  impl_->readEvents();
}

ConfigWatcher::~ConfigWatcher() {
  boost::system::error_code ignored;
  impl_->debounce.cancel();
  impl_->descriptor.close(ignored);
}

}  // namespace openclaw::daemon
