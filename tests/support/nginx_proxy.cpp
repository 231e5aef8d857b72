#include "nginx_proxy.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "core/files.h"
#include "gateway_process.h"

namespace openclaw::testsupport {
namespace {

// The config: one process, no daemon, everything inside `dir`. The location regex captures
// the user and client from the path; maps turn "-" into an empty value, which nginx does not
// send at all.
std::string configText(const std::filesystem::path& dir, int port, int gatewayPort,
                       const std::string& sourceAddress) {
  const std::string d = dir.string();
  return "daemon off;\n"
         "master_process off;\n"
         "worker_processes 1;\n"
         "error_log stderr notice;\n"
         "pid " +
         d +
         "/nginx.pid;\n"
         "events { worker_connections 256; }\n"
         "http {\n"
         "  access_log off;\n"
         "  client_body_temp_path " +
         d +
         "/body;\n"
         "  proxy_temp_path " +
         d +
         "/proxy;\n"
         "  fastcgi_temp_path " +
         d +
         "/fastcgi;\n"
         "  uwsgi_temp_path " +
         d +
         "/uwsgi;\n"
         "  scgi_temp_path " +
         d +
         "/scgi;\n"
         "  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
         "  map $proxy_user $user_header { '-' ''; default $proxy_user; }\n"
         "  map $proxy_client $client_header { '-' ''; default $proxy_client; }\n"
         "  server {\n"
         "    listen 127.0.0.1:" +
         std::to_string(port) +
         ";\n"
         "    location ~ ^/as/(?<proxy_user>[^/]+)/from/(?<proxy_client>[^/]+)(?<rest>/.*)$ {\n"
         "      proxy_pass http://127.0.0.1:" +
         std::to_string(gatewayPort) +
         "$rest$is_args$args;\n"
         "      proxy_bind " +
         sourceAddress +
         ";\n"
         "      proxy_http_version 1.1;\n"
         "      proxy_set_header Upgrade $http_upgrade;\n"
         "      proxy_set_header Connection $connection_upgrade;\n"
         "      proxy_set_header X-Forwarded-User $user_header;\n"
         "      proxy_set_header X-Forwarded-For $client_header;\n"
         "      proxy_set_header X-Forwarded-Proto https;\n"
         "      proxy_set_header X-Real-IP '';\n"
         "      proxy_read_timeout 120s;\n"
         "    }\n"
         "    location / { return 404; }\n"
         "  }\n"
         "}\n";
}

bool accepts(int port) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)},
                 ec);
  return !ec;
}

}  // namespace

std::filesystem::path nginxBinary() {
  if (const char* configured = std::getenv("OPENCLAW_TEST_NGINX"); configured && *configured) {
    return configured;
  }
  for (const std::filesystem::path& candidate :
       {std::filesystem::path(OPENCLAW_SOURCE_DIR) / ".deps/nginx/usr/sbin/nginx",
        std::filesystem::path("/usr/sbin/nginx")}) {
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  throw std::runtime_error("nginx is not available: run scripts/setup-deps.sh --test");
}

NginxProxy::NginxProxy(int gatewayPort, std::string sourceAddress)
    : gatewayPort_(gatewayPort), sourceAddress_(std::move(sourceAddress)), port_(e2e::freePort()) {}

NginxProxy::~NginxProxy() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

std::string NginxProxy::pathFor(const std::string& user, const std::string& client,
                                const std::string& rest) {
  return "/as/" + user + "/from/" + client + rest;
}

std::string NginxProxy::wsUrl(const std::string& user, const std::string& client) const {
  return "ws://127.0.0.1:" + std::to_string(port_) + pathFor(user, client);
}

std::string NginxProxy::output() const {
  return core::readFile(dir_.path() / "nginx.log").value_or("(no output)");
}

void NginxProxy::start() {
  const std::filesystem::path binary = nginxBinary();
  const std::filesystem::path config =
      dir_.write("nginx.conf", configText(dir_.path(), port_, gatewayPort_, sourceAddress_));
  const std::string prefix = dir_.path().string() + "/";
  const std::string logFile = (dir_.path() / "nginx.log").string();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // no stray proxy when the test process dies
    const int out = open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    close_range(STDERR_FILENO + 1, ~0U, 0);
    // -e: the start-up error log too goes to stderr (not the compiled-in /var/log path).
    execl(binary.c_str(), "nginx", "-p", prefix.c_str(), "-c", config.c_str(), "-e", "stderr",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!accepts(port_)) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("nginx exited during start-up:\n" + output());
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("nginx did not accept connections in time:\n" + output());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // retry interval
  }
}

}  // namespace openclaw::testsupport
