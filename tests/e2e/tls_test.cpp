// gateway.tls against the real binary: wss:// and https:// on the gateway port, certificate
// pinning in our client, plain HTTP on the TLS port, certificate rotation under live connections,
// handshake floods and broken certificate files. Certificates come from tls_test_certs.h.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "gateway_process.h"
#include "net/tls_fingerprint.h"
#include "tls_test_certs.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::TestCertificate;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

json tlsConfig(const json& tls) {
  json config = {{"gateway", {{"tls", tls}}}};
  config["gateway"]["tls"]["enabled"] = true;
  return config;
}

// A gateway serving TLS with `certificate` (written into its home before the start).
class TlsGateway {
 public:
  explicit TlsGateway(const TestCertificate& certificate, json extraTls = json::object())
      : gateway_(tlsConfig(withPaths(certificate, std::move(extraTls)))) {}

  GatewayProcess& process() { return gateway_; }
  std::string url() const { return "wss://127.0.0.1:" + std::to_string(gateway_.port()); }
  // Client options for wss:// with `pin` (none: the system trust store decides).
  client::ConnectOptions options(std::optional<std::string> pin) const {
    client::ConnectOptions options = gateway_.clientOptions();
    options.url = url();
    options.tlsFingerprint = std::move(pin);
    return options;
  }
  fs::path certPath() const { return dir() / "gateway-cert.pem"; }
  fs::path keyPath() const { return dir() / "gateway-key.pem"; }

  // Replaces the files the way a certificate renewal tool does: each written to a temp file,
  // then renamed over the old one.
  void replaceFiles(const std::string& certificatePem, const std::string& keyPem) const {
    replace(keyPath(), keyPem);
    replace(certPath(), certificatePem);
  }

 private:
  fs::path dir() const { return certs_.path(); }
  json withPaths(const TestCertificate& certificate, json tls) {
    const auto [cert, key] = certificate.write(dir(), "gateway");
    tls["certPath"] = cert.string();
    tls["keyPath"] = key.string();
    return tls;
  }
  static void replace(const fs::path& path, const std::string& text) {
    const fs::path temp = path.string() + ".new";
    std::ofstream(temp, std::ios::binary | std::ios::trunc) << text;
    fs::rename(temp, path);
  }

  testsupport::TempDir certs_;  // before gateway_: its config names files in here
  GatewayProcess gateway_;
};

// Sends `bytes` on a plain TCP connection to `port` and returns everything read until the
// gateway closes (or 10 s pass).
std::string plainExchange(int port, const std::string& bytes) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  const timeval timeout{10, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  asio::write(socket, asio::buffer(bytes));
  std::string received;
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(received), ec);
  return received;
}

// What `command` (a shell command line, stdin from /dev/null) prints on stdout and stderr.
std::string commandOutput(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " </dev/null 2>&1").c_str(), "r");
  if (!pipe) return output;
  char chunk[4096];
  while (const std::size_t n = fread(chunk, 1, sizeof chunk, pipe)) output.append(chunk, n);
  pclose(pipe);
  return output;
}

// Calls `health` on a connected client: the connection serves requests.
void expectServes(client::GatewayClient& client) {
  EXPECT_NO_THROW(client.call("health")) << "the connection no longer answers";
}

TEST(TlsAutoGenerate, CreatesOwnerOnlyFilesAndLogsTheirFingerprint) {
  GatewayProcess gateway(tlsConfig(json::object()));
  gateway.start();
  const fs::path dir = gateway.home().path() / ".openclaw" / "gateway" / "tls";
  const fs::path cert = dir / "gateway-cert.pem";
  const fs::path key = dir / "gateway-key.pem";
  ASSERT_TRUE(fs::exists(cert)) << gateway.output();
  ASSERT_TRUE(fs::exists(key));
  struct stat info {};
  ASSERT_EQ(stat(key.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(dir.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);

  const std::string fingerprint = net::pemFileFingerprint(cert);
  EXPECT_TRUE(gateway.waitForOutput("TLS certificate fingerprint (sha256): " + fingerprint, 10s))
      << gateway.output();
  EXPECT_TRUE(contains(gateway.output(), "listening on wss://127.0.0.1:")) << gateway.output();

  // The generated certificate is served, and a pinned client gets in.
  client::ConnectOptions options = gateway.clientOptions();
  options.url = "wss://127.0.0.1:" + std::to_string(gateway.port());
  options.tlsFingerprint = fingerprint;
  client::GatewayClient client(options);
  EXPECT_EQ(client.connect().at("type"), "hello-ok");

  // A restart keeps the pair: the pin stays valid.
  ASSERT_EQ(gateway.stop(SIGTERM), 0);
  gateway.start();
  EXPECT_EQ(net::pemFileFingerprint(cert), fingerprint);
}

TEST(TlsPinning, PinnedClientConnectsAndCalls) {
  const TestCertificate certificate = testsupport::selfSignedCertificate();
  TlsGateway gateway(certificate);
  gateway.process().start();
  // Colon-separated upper-case pairs with a prefix are the same pin.
  std::string spelled = "SHA256:";
  for (std::size_t i = 0; i < certificate.fingerprint.size(); i += 2) {
    spelled += (i ? ":" : "") + certificate.fingerprint.substr(i, 2);
  }
  for (char& c : spelled) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  client::GatewayClient client(gateway.options(spelled));
  EXPECT_EQ(client.connect().at("type"), "hello-ok");
  expectServes(client);
}

TEST(TlsPinning, WrongPinFailsNamingBothFingerprints) {
  const TestCertificate certificate = testsupport::selfSignedCertificate();
  TlsGateway gateway(certificate);
  gateway.process().start();
  const std::string other = testsupport::selfSignedCertificate().fingerprint;
  client::GatewayClient client(gateway.options(other));
  try {
    client.connect();
    FAIL() << "connected despite a wrong pin";
  } catch (const client::TransportError& error) {
    const std::string message = error.what();
    EXPECT_TRUE(contains(message, "fingerprint mismatch")) << message;
    EXPECT_TRUE(contains(message, certificate.fingerprint)) << message;
    EXPECT_TRUE(contains(message, other)) << message;
  }
  // A malformed pin is refused before any I/O.
  EXPECT_THROW(client::GatewayClient(gateway.options("abc123")), std::invalid_argument);
}

TEST(TlsTrust, CaFileTrustsIssuedCertificateAndSystemStoreRefusesSelfSigned) {
  const testsupport::TestCa ca;
  TlsGateway gateway(ca.issue());
  gateway.process().start();
  const fs::path caFile = gateway.process().home().write("ca.pem", ca.certificate().certificatePem);

  client::ConnectOptions trusted = gateway.options(std::nullopt);
  trusted.caFile = caFile.string();
  client::GatewayClient client(trusted);
  EXPECT_EQ(client.connect().at("type"), "hello-ok");

  client::GatewayClient untrusted(gateway.options(std::nullopt));
  try {
    untrusted.connect();
    FAIL() << "a certificate from an unknown CA was accepted";
  } catch (const client::TransportError& error) {
    EXPECT_TRUE(contains(error.what(), "certificate verify failed")) << error.what();
  }

  // https:// on the same port: the unauthenticated probe route, as curl sees it.
  EXPECT_EQ(
      commandOutput("curl -s -o /dev/null -w '%{http_code}' --cacert " + caFile.string() +
                    " https://127.0.0.1:" + std::to_string(gateway.process().port()) + "/health"),
      "200");
}

TEST(TlsProtocol, SendsTheCaPathChainSelectsHttp11AndRefusesOldVersions) {
  const testsupport::TestCa ca;
  const testsupport::TempDir scratch;
  const fs::path chain = scratch.write("chain.pem", ca.certificate().certificatePem);
  TlsGateway gateway(ca.issue(), {{"caPath", chain.string()}});
  gateway.process().start();
  const std::string connect =
      "openssl s_client -connect 127.0.0.1:" + std::to_string(gateway.process().port());

  const std::string shown = commandOutput(connect + " -showcerts -alpn h2,http/1.1");
  std::size_t certificates = 0;
  for (std::size_t at = shown.find("BEGIN CERTIFICATE"); at != std::string::npos;
       at = shown.find("BEGIN CERTIFICATE", at + 1)) {
    ++certificates;
  }
  EXPECT_EQ(certificates, 2u) << shown;  // the leaf, then caPath's certificate
  EXPECT_TRUE(contains(shown, "ALPN protocol: http/1.1")) << shown;

  for (const char* old : {"-tls1", "-tls1_1"}) {
    const std::string refused = commandOutput(connect + " " + old);
    EXPECT_FALSE(contains(refused, "BEGIN CERTIFICATE")) << old << ": " << refused;
  }
  const std::string tls12 = commandOutput(connect + " -tls1_2 -showcerts");
  EXPECT_TRUE(contains(tls12, "BEGIN CERTIFICATE")) << tls12;
  EXPECT_TRUE(contains(tls12, "ECDHE")) << tls12;
}

TEST(TlsBadInput, PlainHttpGets400AndGarbageIsClosed) {
  const TestCertificate certificate = testsupport::selfSignedCertificate();
  TlsGateway gateway(certificate);
  gateway.process().start();
  const int port = gateway.process().port();

  const std::string answer = plainExchange(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 ")) << answer;
  EXPECT_TRUE(contains(answer, "This port speaks TLS: use https:// or wss://")) << answer;

  // A plain WebSocket upgrade is HTTP too.
  const std::string upgrade = plainExchange(
      port,
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  EXPECT_TRUE(upgrade.starts_with("HTTP/1.1 400 ")) << upgrade;

  EXPECT_EQ(plainExchange(port, std::string("\x01\x02\x03garbage", 10)), "");
  // A handshake record with nonsense inside fails the handshake; nothing is answered in clear.
  const std::string badRecord = plainExchange(port, std::string("\x16\x03\x01\x00\x05hello", 10));
  EXPECT_EQ(badRecord.find("HTTP"), std::string::npos);

  client::GatewayClient client(gateway.options(certificate.fingerprint));
  EXPECT_EQ(client.connect().at("type"), "hello-ok");
  expectServes(client);
}

TEST(TlsBadInput, HandshakeFloodDoesNotLockOutRealClients) {
  const TestCertificate certificate = testsupport::selfSignedCertificate();
  TlsGateway gateway(certificate);
  gateway.process().start();
  // More silent connections than the gateway keeps waiting for a ClientHello (256).
  asio::io_context io;
  std::vector<tcp::socket> flood;
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"),
                               static_cast<unsigned short>(gateway.process().port()));
  for (int i = 0; i < 300; ++i) {
    flood.emplace_back(io).connect(endpoint);
  }
  client::GatewayClient client(gateway.options(certificate.fingerprint));
  EXPECT_EQ(client.connect().at("type"), "hello-ok");
  expectServes(client);
  // The oldest silent connections were closed to make room.
  const timeval timeout{10, 0};
  setsockopt(flood.front().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  char byte = 0;
  boost::system::error_code ec;
  flood.front().read_some(asio::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
  EXPECT_TRUE(gateway.process().waitForOutput("without a finished TLS handshake closed", 10s))
      << gateway.process().output();
}

TEST(TlsBadInput, SilentConnectionTimesOut) {
  const TestCertificate certificate = testsupport::selfSignedCertificate();
  TlsGateway gateway(certificate);
  gateway.process().editConfig({{"gateway", {{"limits", {{"handshakeTimeoutMs", 300}}}}}});
  gateway.process().start();
  asio::io_context io;
  tcp::socket silent(io);
  silent.connect(
      {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(gateway.process().port())});
  const timeval timeout{10, 0};
  setsockopt(silent.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  const auto started = std::chrono::steady_clock::now();
  char byte = 0;
  boost::system::error_code ec;
  silent.read_some(asio::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(TlsReload, RotatedCertificateServesNewConnectionsAndKeepsLiveOnes) {
  const TestCertificate first = testsupport::selfSignedCertificate();
  TlsGateway gateway(first);
  gateway.process().start();
  client::GatewayClient live(gateway.options(first.fingerprint));
  live.connect();

  const TestCertificate second = testsupport::selfSignedCertificate();
  gateway.replaceFiles(second.certificatePem, second.keyPem);
  ASSERT_TRUE(gateway.process().waitForOutput("fingerprint (sha256): " + second.fingerprint, 15s))
      << gateway.process().output();

  client::GatewayClient renewed(gateway.options(second.fingerprint));
  EXPECT_EQ(renewed.connect().at("type"), "hello-ok");
  client::GatewayClient stale(gateway.options(first.fingerprint));
  EXPECT_THROW(stale.connect(), client::TransportError);
  expectServes(live);

  // A broken replacement (the key of another certificate) keeps the current one serving.
  const std::string failed = "TLS certificate reload failed";
  const std::string before = gateway.process().output();
  int failures = 0;
  for (auto at = before.find(failed); at != std::string::npos; at = before.find(failed, at + 1)) {
    ++failures;
  }
  const TestCertificate third = testsupport::selfSignedCertificate();
  gateway.replaceFiles(third.certificatePem, first.keyPem);
  ASSERT_TRUE(gateway.process().waitForOutput(failed, 15s, failures + 1))
      << gateway.process().output();
  EXPECT_TRUE(contains(gateway.process().output(), "does not match"));
  client::GatewayClient still(gateway.options(second.fingerprint));
  EXPECT_EQ(still.connect().at("type"), "hello-ok");
  expectServes(live);
  expectServes(renewed);
}

TEST(TlsStartup, MismatchedPairIsAClearErrorNamingTheFiles) {
  const TestCertificate certificate = testsupport::selfSignedCertificate();
  TlsGateway gateway(certificate);
  gateway.replaceFiles(certificate.certificatePem, testsupport::selfSignedCertificate().keyPem);
  gateway.process().launch();
  EXPECT_EQ(gateway.process().waitExit(20s), 1);
  const std::string output = gateway.process().output();
  EXPECT_TRUE(contains(output, "does not match")) << output;
  EXPECT_TRUE(contains(output, gateway.keyPath().string())) << output;
  EXPECT_TRUE(contains(output, gateway.certPath().string())) << output;
}

TEST(TlsStartup, PartialPairIsNeverCompleted) {
  GatewayProcess gateway(tlsConfig(json::object()));
  const fs::path dir = gateway.home().path() / ".openclaw" / "gateway" / "tls";
  testsupport::selfSignedCertificate().write(dir, "gateway");
  fs::remove(dir / "gateway-key.pem");
  gateway.launch();
  EXPECT_EQ(gateway.waitExit(20s), 1);
  const std::string output = gateway.output();
  EXPECT_TRUE(contains(output, (dir / "gateway-key.pem").string() + " is missing")) << output;
  EXPECT_FALSE(fs::exists(dir / "gateway-key.pem"));
}

TEST(TlsStartup, ExpiredCertificateWarnsAndServes) {
  const TestCertificate expired = testsupport::expiredCertificate();
  TlsGateway gateway(expired);
  gateway.process().start();
  EXPECT_TRUE(gateway.process().waitForOutput("expired", 10s)) << gateway.process().output();
  client::GatewayClient client(gateway.options(expired.fingerprint));
  EXPECT_EQ(client.connect().at("type"), "hello-ok");
}

}  // namespace
}  // namespace openclaw::e2e
