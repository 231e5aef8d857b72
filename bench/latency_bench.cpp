
#include <memory>

#include "auth/device_identity.h"
#include "client/gateway_client.h"
#include "drained_gateway.h"
#include "load_pool.h"
#include "report.h"
#include "scripted_provider.h"
#include "sections.h"

namespace openclaw::bench {
namespace {

constexpr std::size_t kConcurrent = 64;
constexpr std::size_t kSequentialCalls = 2000;
constexpr std::size_t kCallsPerConcurrentClient = 100;
constexpr auto kConnectDeadline = std::chrono::seconds(60);
constexpr std::size_t kPairings = 100;
constexpr std::size_t kAgentTurns = 50;

void waitQuiet(LoadPool& pool) {
  pool.waitQuiet(std::chrono::milliseconds(200), std::chrono::seconds(30));
}

std::string latencyCell(const std::vector<double>& samples, double p) {
  return format("%.3f ms", percentile(samples, p));
}

void addRpcRows(Table& table, LoadPool& pool, const std::string& method) {
  for (const std::size_t clients : {std::size_t{1}, kConcurrent}) {
    waitQuiet(pool);
    const std::size_t calls = clients == 1 ? kSequentialCalls : kCallsPerConcurrentClient;
    const RpcResult result = pool.rpc(method, clients, calls);
    const double perSecond =
        static_cast<double>(result.roundTripMillis.size()) / (result.wallMillis / 1000.0);
    table.add({"`" + method + "` round trip", std::to_string(clients),
               latencyCell(result.roundTripMillis, 0.5), latencyCell(result.roundTripMillis, 0.99),
               format("%.0f calls/s", perSecond),
               format("%zu calls%s", result.roundTripMillis.size(),
                      result.failed > 0 ? format(", %zu failed", result.failed).c_str() : "")});
  }
}

// Device pairing: one connect at a time, each with a device identity the gateway has never seen.
// On loopback it is paired silently (stored before the answer) and hello-ok carries the new
// device token. Generating the key pair is not timed; TCP connect to hello-ok is.
void addPairingRow(Table& table, const DrainedGateway& gateway) {
  std::vector<double> millis;
  std::size_t failed = 0;
  std::string firstError;
  double totalMillis = 0;
  for (std::size_t i = 0; i < kPairings; ++i) {
    auto options = gateway.clientOptions();
    options.client.id = "openclaw-macos";
    options.client.mode = "ui";
    options.scopes = {"operator.read"};
    options.device = std::make_shared<const auth::DeviceIdentity>(auth::DeviceIdentity::generate());
    try {
      const auto start = Clock::now();
      client::GatewayClient client(options);
      const nlohmann::json hello = client.connect();
      const double elapsed = millisSince(start);
      if (!hello.contains("auth") || !hello.at("auth").contains("deviceToken")) {
        throw std::runtime_error("hello-ok without a device token");
      }
      millis.push_back(elapsed);
      totalMillis += elapsed;
    } catch (const std::exception& error) {
      if (failed++ == 0) firstError = error.what();
    }
  }
  table.add({"device pairing (new identity to hello-ok with device token)", "1",
             latencyCell(millis, 0.5), latencyCell(millis, 0.99),
             format("%.0f pairings/s", static_cast<double>(millis.size()) / (totalMillis / 1000.0)),
             format("%zu ok, %zu failed %s", millis.size(), failed, firstError.c_str())});
}

// Agent turns: `agent` requests one after another on one session, each answered by the
// scripted model server (in this process, loopback HTTP, OpenAI dialect) with a two-chunk text
// reply and no tool call; timed from the request to the final response (status ok). So it is
// the gateway's run machinery (queue, transcript writes, provider request, SSE parsing, the
// agent/chat events) plus one local HTTP exchange, not a model.
void addAgentTurnRow(Table& table) {
  testsupport::ScriptedProvider provider;
  const nlohmann::json models = {
      {"agents", {{"defaults", {{"model", "scripted/test-model"}, {"timeoutSeconds", 60}}}}},
      {"models",
       {{"providers",
         {{"scripted",
           {{"baseUrl", provider.baseUrl() + "/v1"}, {"api", "openai-completions"}}}}}}}};
  DrainedGateway gateway(models);
  auto client = gateway.connect();
  std::vector<double> millis;
  std::size_t failed = 0;
  std::string firstError;
  double totalMillis = 0;
  for (std::size_t turn = 0; turn < kAgentTurns; ++turn) {
    provider.enqueue(testsupport::ScriptedReply::text({"Hello ", "there."}));
    try {
      const auto start = Clock::now();
      const nlohmann::json final =
          client.call("agent",
                      {{"message", "say hello"},
                       {"agentId", "main"},
                       {"idempotencyKey", "bench-turn-" + std::to_string(turn)}},
                      std::chrono::seconds(30), true);
      const double elapsed = millisSince(start);
      if (final.value("status", "") != "ok") throw std::runtime_error("status " + final.dump());
      millis.push_back(elapsed);
      totalMillis += elapsed;
    } catch (const std::exception& error) {
      if (failed++ == 0) firstError = error.what();
    }
  }
  table.add({"agent turn (request to final response, scripted model)", "1",
             latencyCell(millis, 0.5), latencyCell(millis, 0.99),
             format("%.0f turns/s", static_cast<double>(millis.size()) / (totalMillis / 1000.0)),
             format("%zu ok, %zu failed %s", millis.size(), failed, firstError.c_str())});
}

}  // namespace

double addHandshakeRow(Table& table, LoadPool& pool, std::size_t count, std::size_t concurrency) {
  const auto start = Clock::now();
  const ConnectResult connected = pool.connect(count, concurrency, kConnectDeadline);
  const double seconds = millisSince(start) / 1000.0;
  table.add({"handshake (TCP connect to hello-ok)", std::to_string(concurrency),
             latencyCell(connected.handshakeMillis, 0.5),
             latencyCell(connected.handshakeMillis, 0.99),
             format("%.0f handshakes/s", static_cast<double>(connected.connected) / seconds),
             format("%zu ok, %zu failed %s", connected.connected, connected.failed,
                    connected.firstError.c_str())});
  return percentile(connected.handshakeMillis, 0.99);
}

LatencyResult runLatency(const Options&) {
  DrainedGateway gateway;
  LoadPool pool(gateway.port(), e2e::GatewayProcess::kToken);
  Table table("Handshake and RPC latency (async client, one gateway, connections stay open)",
              {"metric", "concurrent clients", "p50", "p99", "throughput", "detail"});

  LatencyResult result;
  for (const std::size_t concurrency : {std::size_t{1}, kConcurrent}) {
    waitQuiet(pool);
    const std::size_t count = concurrency == 1 ? kSequentialHandshakes : 10 * kConcurrent;
    const double p99 = addHandshakeRow(table, pool, count, concurrency);
    if (concurrency == 1) result.handshakeP99Ms = p99;
  }
  addRpcRows(table, pool, "health");
  addRpcRows(table, pool, "status");
  waitQuiet(pool);
  addPairingRow(table, gateway);
  addAgentTurnRow(table);
  table.print();
  return result;
}

}  // namespace openclaw::bench
