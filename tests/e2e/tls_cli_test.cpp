// Our CLI against a TLS gateway: the local gateway is reached over wss:// pinned to its own
// certificate file, --tls-fingerprint and gateway.remote.tlsFingerprint pin a remote one, and a
// wrong or malformed pin is refused with a message that says why.
#include <gtest/gtest.h>

#include "gateway_process.h"
#include "net/tls_fingerprint.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr char kWrongPin[] = "0000000000000000000000000000000000000000000000000000000000000000";

// A gateway with gateway.tls.enabled and its generated certificate.
class TlsCli : public ::testing::Test {
 protected:
  void SetUp() override { gateway_.start(); }

  std::string url() const { return "wss://127.0.0.1:" + std::to_string(gateway_.port()); }
  fs::path certificate() const {
    return gateway_.home().path() / ".openclaw" / "gateway" / "tls" / "gateway-cert.pem";
  }
  // `openclaw <args>` from a second machine's point of view: its own home and `config`.
  CommandResult cli(const std::vector<std::string>& args, const json& config = json::object()) {
    client_.write(".openclaw/openclaw.json", config.dump());
    return runCli(args, client_.path());
  }

  GatewayProcess gateway_{{{"gateway", {{"tls", {{"enabled", true}}}}}}};
  TempHome client_;
};

TEST_F(TlsCli, LocalGatewayIsReachedOverWssPinnedToItsOwnCertificate) {
  const json local = {{"gateway",
                       {{"mode", "local"},
                        {"port", gateway_.port()},
                        {"auth", {{"token", GatewayProcess::kToken}}},
                        {"tls", {{"enabled", true}, {"certPath", certificate().string()}}}}}};
  auto result = cli({"gateway", "call", "health", "--json"}, local);
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(json::parse(result.out).value("ok", false), true);

  result = cli({"gateway", "status", "--json"}, local);
  EXPECT_EQ(result.exitCode, 0) << result.err << result.out;
  const json status = json::parse(result.out);
  EXPECT_EQ(status.at("target").at("url"), url());
  EXPECT_EQ(status.at("target").at("tlsFingerprint"), net::pemFileFingerprint(certificate()));
  EXPECT_EQ(status.at("rpc").at("ok"), true) << status.dump();
}

TEST_F(TlsCli, GivenPinConnectsAndAWrongOneNamesThePresentedCertificate) {
  const std::string pin = net::pemFileFingerprint(certificate());
  const std::vector<std::string> target = {"--url", url(), "--token", GatewayProcess::kToken};
  const auto call = [&](const std::string& fingerprint) {
    std::vector<std::string> args = {"gateway", "call", "health", "--tls-fingerprint", fingerprint};
    args.insert(args.end(), target.begin(), target.end());
    return cli(args);
  };
  auto result = call("sha256:" + pin);
  EXPECT_EQ(result.exitCode, 0) << result.err;

  result = call(kWrongPin);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, pin)) << result.err;
  EXPECT_TRUE(contains(result.err, kWrongPin)) << result.err;

  result = call("not-a-fingerprint");
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "not a SHA-256 certificate fingerprint")) << result.err;

  // Without a pin the system trust store decides, and it does not know a self-signed certificate.
  std::vector<std::string> unpinned = {"gateway", "call", "health"};
  unpinned.insert(unpinned.end(), target.begin(), target.end());
  result = cli(unpinned);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_FALSE(result.err.empty());
}

TEST_F(TlsCli, RemoteModePinsWithTheRemoteFingerprint) {
  const auto remote = [&](const std::string& pin) {
    return json{{"gateway",
                 {{"mode", "remote"},
                  {"remote",
                   {{"url", url()}, {"token", GatewayProcess::kToken}, {"tlsFingerprint", pin}}}}}};
  };
  auto result = cli({"gateway", "call", "health"}, remote(net::pemFileFingerprint(certificate())));
  EXPECT_EQ(result.exitCode, 0) << result.err;
  result = cli({"gateway", "call", "health"}, remote(kWrongPin));
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "fingerprint")) << result.err;
}

TEST(TlsCliHelp, NodeHostAndRpcCommandsTakeAPin) {
  TempHome home;
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"node", "run", "--help"},
        std::vector<std::string>{"gateway", "call", "--help"},
        std::vector<std::string>{"gateway", "status", "--help"}}) {
    std::vector<std::string> args = command;
    const auto result = runCli(args, home.path());
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(contains(result.out, "--tls-fingerprint")) << result.out;
  }
}

}  // namespace
}  // namespace openclaw::e2e
