// TLS against plain on the same machine in the same run: the cost of gateway.tls for a client.
#include "bench_util.h"
#include "client/gateway_client.h"
#include "drained_gateway.h"
#include "report.h"
#include "sections.h"
#include "temp_dir.h"
#include "tls_test_certs.h"

namespace openclaw::bench {
namespace {

constexpr std::size_t kHandshakes = 100;  // per round: new connection to hello-ok
constexpr std::size_t kCalls = 1000;      // per round: sequential `health` calls on one client
constexpr int kRounds = 3;                // plain and TLS alternate; medians over the rounds

struct Round {
  double handshakeP50 = 0, handshakeP99 = 0, callsPerSecond = 0;
};

Round measure(const client::ConnectOptions& options) {
  Round round;
  std::vector<double> handshakes;
  for (std::size_t i = 0; i < kHandshakes; ++i) {
    const auto start = Clock::now();
    client::GatewayClient client(options);
    client.connect();
    handshakes.push_back(millisSince(start));
  }
  round.handshakeP50 = percentile(handshakes, 0.5);
  round.handshakeP99 = percentile(handshakes, 0.99);
  client::GatewayClient client(options);
  client.connect();
  const auto start = Clock::now();
  for (std::size_t i = 0; i < kCalls; ++i) client.call("health");
  round.callsPerSecond = static_cast<double>(kCalls) / (millisSince(start) / 1000.0);
  return round;
}

void addRows(Table& table, const std::string& transport, const std::vector<Round>& rounds) {
  std::vector<double> p50, p99, rate;
  for (const Round& round : rounds) {
    p50.push_back(round.handshakeP50);
    p99.push_back(round.handshakeP99);
    rate.push_back(round.callsPerSecond);
  }
  table.add({"handshake (TCP connect to hello-ok)", transport, format("%.3f ms", median(p50)),
             format("%.3f ms", median(p99)), format("%zu per round", kHandshakes)});
  table.add({"`health` round trips, one client", transport, "", "",
             format("%.0f calls/s", median(rate))});
}

}  // namespace

void runTls(const Options&) {
  const testsupport::TempDir certs;
  const testsupport::TestCertificate certificate = testsupport::selfSignedCertificate();
  const auto [cert, key] = certificate.write(certs.path(), "gateway");
  DrainedGateway plain;
  const nlohmann::json tlsConfig = {
      {"gateway",
       {{"tls", {{"enabled", true}, {"certPath", cert.string()}, {"keyPath", key.string()}}}}}};
  DrainedGateway tls(tlsConfig);
  client::ConnectOptions plainOptions = plain.clientOptions();
  client::ConnectOptions tlsOptions = tls.clientOptions();
  tlsOptions.url = "wss://127.0.0.1:" + std::to_string(tls.port());
  tlsOptions.tlsFingerprint = certificate.fingerprint;

  std::vector<Round> plainRounds, tlsRounds;
  for (int round = 0; round < kRounds; ++round) {
    plainRounds.push_back(measure(plainOptions));
    tlsRounds.push_back(measure(tlsOptions));
  }
  Table table(format("TLS against plain (blocking client, %d alternating rounds, medians; TLS "
                     "pinned, EC P-256, TLS 1.3)",
                     kRounds),
              {"metric", "transport", "p50", "p99", "throughput"});
  addRows(table, "ws://", plainRounds);
  addRows(table, "wss://", tlsRounds);
  table.print();
}

}  // namespace openclaw::bench
