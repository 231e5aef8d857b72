// Shared-secret auth on connect: tokens, passwords, and throttling of repeated failures.
#include <gtest/gtest.h>

#include <fstream>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Connects with `options` and returns the rejection, failing the test if it was accepted.
client::RequestRejected expectRejected(client::ConnectOptions options,
                                       std::uint16_t closeCode = 1008) {
  client::GatewayClient client(std::move(options));
  try {
    client.connect();
  } catch (const client::RequestRejected& error) {
    EXPECT_EQ(client.waitClosed(5s).code, closeCode);
    return error;
  }
  ADD_FAILURE() << "connect was accepted";
  throw std::runtime_error("connect was accepted");
}

TEST(Auth, WrongTokenIsRejectedWithMismatchDetails) {
  GatewayProcess gateway;
  gateway.start();
  auto options = gateway.clientOptions();
  options.token = "not-the-token";
  const auto error = expectRejected(options);
  EXPECT_EQ(error.error().code, "INVALID_REQUEST");
  EXPECT_EQ(error.error().details.at("code"), "AUTH_TOKEN_MISMATCH");
  EXPECT_EQ(error.error().details.at("recommendedNextStep"), "update_auth_credentials");
  EXPECT_EQ(std::string(error.what()).find(GatewayProcess::kToken), std::string::npos);
}

TEST(Auth, MissingTokenIsRejected) {
  GatewayProcess gateway;
  gateway.start();
  auto options = gateway.clientOptions();
  options.token.reset();
  EXPECT_EQ(expectRejected(options).error().details.at("code"), "AUTH_TOKEN_MISSING");
}

TEST(Auth, PasswordModeAcceptsThePasswordAndRejectsOthers) {
  GatewayProcess gateway(json{
      {"gateway",
       {{"auth", {{"mode", "password"}, {"token", nullptr}, {"password", "correct horse"}}}}}});
  gateway.start();
  auto options = gateway.clientOptions();
  options.token.reset();
  options.password = "correct horse";
  client::GatewayClient good(options);
  EXPECT_EQ(good.connect().at("snapshot").at("authMode"), "password");

  options.password = "battery staple";
  EXPECT_EQ(expectRejected(options).error().details.at("code"), "AUTH_PASSWORD_MISMATCH");
  options.password.reset();
  EXPECT_EQ(expectRejected(options).error().details.at("code"), "AUTH_PASSWORD_MISSING");
}

TEST(Auth, AuthModeNoneAcceptsLocalClientsWithoutSecrets) {
  GatewayProcess gateway(json{{"gateway", {{"auth", {{"mode", "none"}, {"token", nullptr}}}}}});
  gateway.start();
  auto options = gateway.clientOptions();
  options.token.reset();
  client::GatewayClient client(options);
  EXPECT_EQ(client.connect().at("snapshot").at("authMode"), "none");
  EXPECT_EQ(client.call("health").at("ok"), true);
}

TEST(Auth, RepeatedFailuresFromOneAddressAreRateLimited) {
  GatewayProcess gateway(json{{"gateway",
                               {{"auth",
                                 {{"rateLimit",
                                   {{"maxAttempts", 3},
                                    {"windowMs", 60000},
                                    {"lockoutMs", 60000},
                                    {"exemptLoopback", false}}}}}}}});
  gateway.start();
  auto wrong = gateway.clientOptions();
  wrong.token = "wrong";
  for (int attempt = 0; attempt < 3; ++attempt) {
    EXPECT_EQ(expectRejected(wrong).error().details.at("code"), "AUTH_TOKEN_MISMATCH");
  }
  // Locked out now: even the right token is refused, with a retry hint.
  const auto limited = expectRejected(gateway.clientOptions());
  EXPECT_EQ(limited.error().details.at("code"), "AUTH_RATE_LIMITED");
  EXPECT_EQ(limited.error().retryable, true);
  EXPECT_GT(limited.error().retryAfterMs.value_or(0), 0);
  EXPECT_LE(limited.error().retryAfterMs.value_or(0), 60000);
}

TEST(Auth, LoopbackIsExemptFromLockoutByDefault) {
  GatewayProcess gateway(json{{"gateway", {{"auth", {{"rateLimit", {{"maxAttempts", 2}}}}}}}});
  gateway.start();
  auto wrong = gateway.clientOptions();
  wrong.token = "wrong";
  for (int attempt = 0; attempt < 4; ++attempt) expectRejected(wrong);
  auto client = gateway.connect();
  EXPECT_EQ(client.call("health").at("ok"), true);
}

TEST(Auth, SecretsNeverReachTheLogs) {
  GatewayProcess gateway(json::object(), {"--port", "0", "--verbose"});
  gateway.start();
  {
    auto client = gateway.connect();
    client.call("health");
    auto wrong = gateway.clientOptions();
    wrong.token = "wrong-token-value";
    expectRejected(wrong);
  }
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
  const std::string output = gateway.output();
  EXPECT_EQ(output.find(GatewayProcess::kToken), std::string::npos);
  const auto log = [&] {
    std::ifstream in(gateway.logFile());
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  EXPECT_NE(log.find("\"subsystem\":\"gateway\""), std::string::npos) << log;
  EXPECT_EQ(log.find(GatewayProcess::kToken), std::string::npos);
}

}  // namespace
}  // namespace openclaw::e2e
