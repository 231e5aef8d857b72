#include "fleet/health_probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

namespace openclaw::fleet {
namespace {

using Clock = std::chrono::steady_clock;

// Waits for `events` on fd until the deadline; false on timeout or error.
bool waitFor(int fd, short events, Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return false;
  pollfd entry{.fd = fd, .events = events, .revents = 0};
  return ::poll(&entry, 1, static_cast<int>(left)) == 1 && (entry.revents & events) != 0;
}

class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

bool healthzOk(int port, std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  Socket socket;
  if (socket.fd() < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    if (errno != EINPROGRESS || !waitFor(socket.fd(), POLLOUT, deadline)) return false;
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0) {
      return false;
    }
  }
  const std::string request = "GET /healthz HTTP/1.0\r\nHost: 127.0.0.1:" + std::to_string(port) +
                              "\r\nConnection: close\r\n\r\n";
  std::size_t sent = 0;
  while (sent < request.size()) {
    if (!waitFor(socket.fd(), POLLOUT, deadline)) return false;
    const ssize_t n =
        ::send(socket.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  // The status line is all that matters: "HTTP/1.x 200".
  std::string answer;
  while (answer.size() < 12) {
    if (!waitFor(socket.fd(), POLLIN, deadline)) return false;
    char buffer[256];
    const ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  return answer.rfind("HTTP/1.", 0) == 0 && answer.compare(8, 4, " 200") == 0;
}

bool waitHealthy(int port, std::chrono::milliseconds limit) {
  const Clock::time_point deadline = Clock::now() + limit;
  while (true) {
    if (healthzOk(port, std::chrono::milliseconds(2000))) return true;
    if (Clock::now() + std::chrono::milliseconds(500) >= deadline) return false;
    // Between probes of a gateway that is still starting: polling with a deadline.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

}  // namespace openclaw::fleet
