// `openclaw gateway healthcheck` (the container image's HEALTHCHECK) against the real binary: a
// healthy gateway, a port nobody listens on, a listener that never answers, a non-200 answer.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::string healthzUrl(int port) { return "http://127.0.0.1:" + std::to_string(port) + "/healthz"; }

// A loopback port whose connections the kernel accepts (backlog) but nobody ever answers.
class SilentListener {
 public:
  SilentListener() : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        listen(fd_, 8) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot open a loopback listener");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() { close(fd_); }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

TEST(GatewayHealthcheck, HealthyGatewayExitsZero) {
  GatewayProcess gateway;
  gateway.start();
  const auto result = runCli({"gateway", "healthcheck", "--url", healthzUrl(gateway.port())},
                             gateway.home().path());
  EXPECT_EQ(result.exitCode, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "healthy: " + healthzUrl(gateway.port()) + " answered HTTP 200\n");
}

TEST(GatewayHealthcheck, NonOkStatusIsUnhealthy) {
  GatewayProcess gateway;
  gateway.start();
  const std::string url = "http://127.0.0.1:" + std::to_string(gateway.port()) + "/no-such-route";
  const auto result = runCli({"gateway", "healthcheck", "--url", url}, gateway.home().path());
  EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
  // The gateway answers an unknown path with the Control UI's 503 when no UI is installed.
  EXPECT_EQ(result.err, "unhealthy: " + url + ": HTTP 503\n");
}

TEST(GatewayHealthcheck, NothingListeningFailsFast) {
  TempHome home;
  const std::string url = healthzUrl(freePort());
  const auto started = Clock::now();
  const auto result =
      runCli({"gateway", "healthcheck", "--url", url, "--timeout-ms", "20000"}, home.path());
  EXPECT_LT(Clock::now() - started, 10s);  // refused at once, not after the 20 s timeout
  EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "unhealthy: " + url + ": ")) << result.err;
  EXPECT_TRUE(contains(result.err, "refused")) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(GatewayHealthcheck, ServerThatNeverAnswersFailsAfterTheTimeout) {
  TempHome home;
  SilentListener silent;
  const std::string url = healthzUrl(silent.port());
  const auto started = Clock::now();
  const auto result =
      runCli({"gateway", "healthcheck", "--url", url, "--timeout-ms", "700"}, home.path());
  const auto took = Clock::now() - started;
  EXPECT_GE(took, 700ms);
  EXPECT_LT(took, 10s);
  EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
  EXPECT_EQ(result.err, "unhealthy: " + url + ": no answer within 700 ms\n");
}

TEST(GatewayHealthcheck, BadArgumentsAreUsageErrors) {
  TempHome home;
  auto result = runCli({"gateway", "healthcheck", "--url", "ftp://example/healthz"}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "not an http(s) URL: ftp://example/healthz")) << result.err;
  result = runCli({"gateway", "healthcheck", "--timeout-ms", "0"}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "--timeout-ms")) << result.err;
}

}  // namespace
}  // namespace openclaw::e2e
