#include "irc_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/files.h"
#include "core/process_runner.h"
#include "gateway_process.h"

namespace openclaw::testsupport {
namespace {

using channels::irc::IrcMessage;
using channels::irc::parseIrcLine;

int remainingMs(IrcDeadline deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::int64_t>(0, left.count()));
}

// A socket connected to 127.0.0.1:`port`, or -1 when nothing accepts there.
int connectLoopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::filesystem::path ngircdBinary() {
  for (const char* candidate : {"/usr/sbin/ngircd", "/usr/local/sbin/ngircd"}) {
    if (std::filesystem::exists(candidate)) return candidate;
  }
  throw std::runtime_error("ngircd is not installed: run scripts/setup-deps.sh --test");
}

void generateCertificate(const std::filesystem::path& dir) {
  core::ProcessSpec spec;
  spec.argv = {"openssl",
               "req",
               "-x509",
               "-newkey",
               "ec",
               "-pkeyopt",
               "ec_paramgen_curve:prime256v1",
               "-nodes",
               "-days",
               "2",
               "-subj",
               "/CN=localhost",
               "-addext",
               "subjectAltName=DNS:localhost,IP:127.0.0.1",
               "-keyout",
               (dir / "key.pem").string(),
               "-out",
               (dir / "cert.pem").string()};
  spec.timeout = std::chrono::seconds(30);
  const core::ProcessResult result = core::runProcess(spec);
  if (!result.exitCode || *result.exitCode != 0) {
    throw std::runtime_error("openssl could not make a test certificate: " + result.output +
                             result.startError);
  }
}

}  // namespace

IrcServer::IrcServer(bool withTls) : port_(e2e::freePort()) {
  std::ostringstream config;
  config << "[Global]\n"
         << "  Name = irc.test.local\n"
         << "  Info = OpenClaw test server\n"
         << "  Listen = 127.0.0.1\n"
         << "  Ports = " << port_ << "\n"
         << "  MotdFile = " << dir_.write("motd", "Welcome to the test network.\n").string() << "\n"
         << "  PidFile = " << (dir_.path() / "ngircd.pid").string() << "\n"
         << "  ServerUID = " << getuid() << "\n"
         << "  ServerGID = " << getgid() << "\n"
         << "[Limits]\n"
         << "  MaxNickLength = 30\n"
         << "  MaxConnectionsIP = 0\n"
         << "  PingTimeout = 120\n"
         << "  PongTimeout = 20\n"
         << "[Options]\n"
         << "  PAM = no\n"
         << "  DNS = no\n"
         << "  Ident = no\n";
  if (withTls) {
    generateCertificate(dir_.path());
    tlsPort_ = e2e::freePort();
    config << "[SSL]\n"
           << "  CertFile = " << certificateFile().string() << "\n"
           << "  KeyFile = " << (dir_.path() / "key.pem").string() << "\n"
           << "  Ports = " << tlsPort_ << "\n";
  }
  dir_.write("ngircd.conf", config.str());
  start();
}

IrcServer::~IrcServer() { kill(); }

void IrcServer::start() {
  const std::filesystem::path binary = ngircdBinary();
  const std::string configFile = (dir_.path() / "ngircd.conf").string();
  const std::string logFile = (dir_.path() / "ngircd.log").string();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // no stray server when the test process dies
    const int out = open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    const int devNull = open("/dev/null", O_RDONLY);
    dup2(devNull, STDIN_FILENO);
    close_range(STDERR_FILENO + 1, ~0U, 0);  // no test sockets for the server
    execl(binary.c_str(), "ngircd", "-n", "-f", configFile.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Poll-connect until both ports accept, or the server dies, or the deadline passes.
  const IrcDeadline deadline = ircDeadline(std::chrono::seconds(15));
  for (const int port : {port_, tlsPort_}) {
    if (port == 0) continue;
    while (true) {
      if (const int fd = connectLoopback(port); fd >= 0) {
        close(fd);
        break;
      }
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("ngircd exited during start-up:\n" + log());
      }
      if (remainingMs(deadline) == 0) {
        throw std::runtime_error("ngircd did not accept connections in time:\n" + log());
      }
      poll(nullptr, 0, 10);  // retry interval between connection attempts
    }
  }
}

void IrcServer::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string IrcServer::log() const {
  return core::readFile(dir_.path() / "ngircd.log").value_or("(no log)");
}

IrcTestUser::IrcTestUser(int port, const std::string& nick) : nick_(nick) {
  fd_ = connectLoopback(port);
  if (fd_ < 0)
    throw std::runtime_error("IrcTestUser cannot connect to port " + std::to_string(port));
  sendLine("NICK " + nick);
  sendLine("USER " + nick + " 0 * :Test user " + nick);
  waitFor([](const IrcMessage& message) { return message.command == "001"; }, ircDeadline());
}

IrcTestUser::~IrcTestUser() {
  if (fd_ >= 0) close(fd_);
}

void IrcTestUser::sendLine(const std::string& line) {
  const std::string wire = line + "\r\n";
  std::size_t sent = 0;
  while (sent < wire.size()) {
    const ssize_t n = ::send(fd_, wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("IrcTestUser: send failed");
    sent += static_cast<std::size_t>(n);
  }
}

void IrcTestUser::join(const std::string& channel) {
  sendLine("JOIN " + channel);
  waitFor(
      [&](const IrcMessage& message) {
        return message.command == "JOIN" && message.sourceNick() == nick_;
      },
      ircDeadline());
}

void IrcTestUser::privmsg(const std::string& target, const std::string& text) {
  sendLine("PRIVMSG " + target + " :" + text);
}

void IrcTestUser::waitForMember(const std::string& channel, const std::string& nick,
                                IrcDeadline deadline) {
  while (true) {
    sendLine("NAMES " + channel);
    bool found = false;
    waitFor(
        [&](const IrcMessage& message) {
          if (message.command == "353") {
            std::istringstream names(message.params.back());
            for (std::string name; names >> name;) {
              if (name.find_first_not_of("@+%") != std::string::npos &&
                  name.substr(name.find_first_not_of("@+%")) == nick) {
                found = true;
              }
            }
          }
          return message.command == "366";  // end of NAMES
        },
        deadline);
    if (found) return;
    if (remainingMs(deadline) == 0) throw std::runtime_error(nick + " never joined " + channel);
    poll(nullptr, 0, 20);  // retry interval between NAMES queries
  }
}

IrcMessage IrcTestUser::waitFor(const std::function<bool(const IrcMessage&)>& accept,
                                IrcDeadline deadline, std::string* rawLine) {
  while (true) {
    const std::string line = readLine(deadline);
    const std::optional<IrcMessage> message = parseIrcLine(line);
    if (!message) continue;
    if (message->command == "PING") sendLine("PONG :" + message->param(0));
    if (accept(*message)) {
      if (rawLine != nullptr) *rawLine = line;
      return *message;
    }
  }
}

IrcMessage IrcTestUser::waitForPrivmsg(const std::string& target, IrcDeadline deadline,
                                       std::string* rawLine) {
  return waitFor(
      [&](const IrcMessage& message) {
        return message.command == "PRIVMSG" && message.param(0) == target;
      },
      deadline, rawLine);
}

std::string IrcTestUser::readLine(IrcDeadline deadline) {
  while (true) {
    if (const auto end = buffer_.find("\r\n"); end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      return line;
    }
    pollfd ready{fd_, POLLIN, 0};
    if (poll(&ready, 1, remainingMs(deadline)) <= 0) {
      throw std::runtime_error("IrcTestUser " + nick_ + ": nothing expected arrived in time");
    }
    char chunk[4096];
    const ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) throw std::runtime_error("IrcTestUser " + nick_ + ": connection closed");
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

RecordingIrcServer::RecordingIrcServer() {
  listenFd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (bind(listenFd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(listenFd_, 4) != 0 ||
      getsockname(listenFd_, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
      pipe2(wakeFd_, O_CLOEXEC) != 0) {
    throw std::runtime_error("RecordingIrcServer cannot listen");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

RecordingIrcServer::~RecordingIrcServer() {
  const char stop = 'x';
  (void)!write(wakeFd_[1], &stop, 1);
  thread_.join();
  for (const int fd : {listenFd_, wakeFd_[0], wakeFd_[1]}) close(fd);
}

void RecordingIrcServer::serve() {
  int client = -1;
  std::string buffer;
  bool sawNick = false;
  bool sawUser = false;
  std::string nick;
  while (true) {
    pollfd fds[2] = {{client >= 0 ? client : listenFd_, POLLIN, 0}, {wakeFd_[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
    if (fds[1].revents != 0) break;
    if (fds[0].revents == 0) continue;
    if (client < 0) {
      client = accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
      continue;
    }
    char chunk[4096];
    const ssize_t n = recv(client, chunk, sizeof(chunk), 0);
    if (n <= 0) {
      close(client);
      client = -1;
      continue;
    }
    buffer.append(chunk, static_cast<std::size_t>(n));
    for (auto end = buffer.find("\r\n"); end != std::string::npos; end = buffer.find("\r\n")) {
      const std::string line = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      if (const auto message = parseIrcLine(line)) {
        if (message->command == "NICK") {
          sawNick = true;
          nick = message->param(0);
        }
        sawUser = sawUser || message->command == "USER";
        if (sawNick && sawUser && (message->command == "NICK" || message->command == "USER")) {
          const std::string welcome = ":recorder.test 001 " + nick + " :Welcome\r\n";
          (void)!::send(client, welcome.data(), welcome.size(), MSG_NOSIGNAL);
        }
      }
      std::lock_guard lock(mutex_);
      lines_.push_back(line);
      received_.notify_all();
    }
  }
  if (client >= 0) close(client);
}

std::string RecordingIrcServer::waitForLine(const std::string& prefix, IrcDeadline deadline) {
  std::unique_lock lock(mutex_);
  std::string found;
  const bool arrived = received_.wait_until(lock, deadline, [&] {
    for (const std::string& line : lines_) {
      if (line.rfind(prefix, 0) == 0) {
        found = line;
        return true;
      }
    }
    return false;
  });
  if (!arrived) throw std::runtime_error("RecordingIrcServer: no line starting with " + prefix);
  return found;
}

}  // namespace openclaw::testsupport
