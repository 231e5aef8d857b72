#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "temp_dir.h"

namespace openclaw::testsupport {

// A real reverse proxy for tests: Debian's nginx, unprivileged and in the foreground (one
// process, `daemon off`, its own prefix, config, temp dirs and a free loopback port), in front
// of a gateway on 127.0.0.1:<gatewayPort>. It connects to the gateway FROM `sourceAddress`
// (proxy_bind; 127.0.0.2 by default), so the gateway can tell it apart from the tests' direct
// connections from 127.0.0.1.
//
// It plays an identity-aware proxy: a request to /as/<user>/from/<client>/<rest> is forwarded
// as /<rest> (HTTP and WebSocket upgrades alike) with X-Forwarded-User: <user>,
// X-Forwarded-For: <client> and X-Forwarded-Proto: https, OVERWRITING whatever the client sent
// in those headers; "-" for <user> or <client> leaves that header out.
//
// The binary: $OPENCLAW_TEST_NGINX, else .deps/nginx/usr/sbin/nginx of the checkout
// (scripts/setup-deps.sh --test unpacks it there), else /usr/sbin/nginx.
class NginxProxy {
 public:
  explicit NginxProxy(int gatewayPort, std::string sourceAddress = "127.0.0.2");
  ~NginxProxy();  // kills nginx
  NginxProxy(const NginxProxy&) = delete;
  NginxProxy& operator=(const NginxProxy&) = delete;

  // Starts nginx and returns once it accepts connections (throws with its output otherwise).
  void start();

  int port() const { return port_; }
  // /as/<user>/from/<client><rest>, the path that makes the proxy vouch for <user> and report
  // <client> (`rest` starts with '/').
  static std::string pathFor(const std::string& user, const std::string& client,
                             const std::string& rest = "/");
  // ws://127.0.0.1:<port>/as/<user>/from/<client>/
  std::string wsUrl(const std::string& user, const std::string& client) const;
  std::string output() const;  // what nginx wrote to stderr

 private:
  TempDir dir_;
  int gatewayPort_;
  std::string sourceAddress_;
  int port_;
  pid_t pid_ = -1;
};

// The nginx binary the tests run (see NginxProxy); throws when there is none.
std::filesystem::path nginxBinary();

}  // namespace openclaw::testsupport
