// The OpenAI-compatible HTTP API under load: POST /v1/chat/completions through the gateway
// against the same requests sent straight to the model server behind it (the scripted model
// server, in this process, OpenAI dialect). What the gateway adds is the difference: auth,
// session creation, the run queue, transcript writes, the provider call and re-encoding the
// answer. Timed per request: first token (until the first text chunk of the reply arrives) and
// total (until the response ended), non-streaming and streaming, 1 and 32 concurrent clients.
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

#include "bench_util.h"
#include "drained_gateway.h"
#include "report.h"
#include "scripted_provider.h"
#include "sections.h"

namespace openclaw::bench {
namespace {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr std::size_t kConcurrent = 32;
constexpr std::size_t kRequestsPerClient = 8;
constexpr std::size_t kSequentialRequests = 100;
// The scripted reply; its first chunk marks "first token".
const std::vector<std::string> kReply = {"Hello ", "from ", "the ", "model."};
constexpr const char* kFirstToken = "Hello";

struct Exchange {
  double firstTokenMs = 0;
  double totalMs = 0;
  bool ok = false;  // 200 and the reply's first token arrived
};

// One POST on a fresh connection (Connection: close), read to the end.
Exchange post(int port, const std::string& path, const std::string& body,
              const std::string& token) {
  Exchange exchange;
  const auto start = Clock::now();
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
  if (ec) return exchange;
  socket.set_option(tcp::no_delay(true), ec);
  const std::string request = "POST " + path +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                              "Content-Type: application/json\r\nAuthorization: Bearer " +
                              token + "\r\nContent-Length: " + std::to_string(body.size()) +
                              "\r\n\r\n" + body;
  asio::write(socket, asio::buffer(request), ec);
  std::string received;
  std::array<char, 16 * 1024> chunk{};
  bool sawToken = false;
  while (!ec) {
    const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
    received.append(chunk.data(), n);
    if (!sawToken && received.find(kFirstToken) != std::string::npos) {
      sawToken = true;
      exchange.firstTokenMs = millisSince(start);
    }
  }
  exchange.totalMs = millisSince(start);
  exchange.ok = sawToken && received.rfind("HTTP/1.1 200", 0) == 0;
  return exchange;
}

struct Series {
  std::vector<double> firstToken, total;
  std::size_t failed = 0;
  double wallMs = 0;
};

// `clients` threads, each making `perClient` requests one after another.
Series run(std::size_t clients, std::size_t perClient, const std::function<Exchange()>& once) {
  Series series;
  std::mutex lock;
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (std::size_t c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      for (std::size_t i = 0; i < perClient; ++i) {
        const Exchange exchange = once();
        const std::lock_guard<std::mutex> guard(lock);
        if (!exchange.ok) {
          ++series.failed;
          continue;
        }
        series.firstToken.push_back(exchange.firstTokenMs);
        series.total.push_back(exchange.totalMs);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  series.wallMs = millisSince(start);
  return series;
}

std::string cell(const std::vector<double>& samples, double p) {
  return format("%.2f ms", percentile(samples, p));
}

}  // namespace

void runHttpApis(const Options& options) {
  testsupport::ScriptedProvider provider;
  const nlohmann::json config = {
      {"gateway", {{"http", {{"endpoints", {{"chatCompletions", {{"enabled", true}}}}}}}}},
      {"agents", {{"defaults", {{"model", "scripted/test-model"}, {"timeoutSeconds", 60}}}}},
      {"models",
       {{"providers",
         {{"scripted",
           {{"baseUrl", provider.baseUrl() + "/v1"}, {"api", "openai-completions"}}}}}}}};
  DrainedGateway gateway(config);
  Table table("HTTP API: chat completions through the gateway vs the model server alone",
              {"path", "stream", "concurrent clients", "first token p50", "first token p99",
               "total p50", "total p99", "throughput", "detail"});
  const std::string token = e2e::GatewayProcess::kToken;
  const auto body = [](bool stream) {
    return nlohmann::json{{"model", "openclaw/default"},
                          {"stream", stream},
                          {"messages", {{{"role", "user"}, {"content", "say hello"}}}}}
        .dump();
  };
  const int modelPort = provider.port();
  const int gatewayPort = gateway.port();
  const std::size_t rounds = static_cast<std::size_t>(std::max(1, options.runs / 10));
  for (const std::size_t clients : {std::size_t{1}, kConcurrent}) {
    const std::size_t perClient =
        (clients == 1 ? kSequentialRequests : kRequestsPerClient) * rounds;
    for (const bool stream : {false, true}) {
      for (const bool direct : {true, false}) {
        // The model server always streams (the gateway asks it to); "direct" is that stream.
        if (direct && !stream) continue;
        for (std::size_t i = 0; i < clients * perClient; ++i) {
          provider.enqueue(testsupport::ScriptedReply::text(kReply));
        }
        const Series series = run(clients, perClient, [&] {
          return direct ? post(modelPort, "/v1/chat/completions", body(true), "unused")
                        : post(gatewayPort, "/v1/chat/completions", body(stream), token);
        });
        table.add({direct ? "model server alone" : "gateway /v1/chat/completions",
                   stream ? "yes" : "no", std::to_string(clients), cell(series.firstToken, 0.5),
                   cell(series.firstToken, 0.99), cell(series.total, 0.5), cell(series.total, 0.99),
                   format("%.0f req/s",
                          static_cast<double>(series.total.size()) / (series.wallMs / 1000.0)),
                   format("%zu ok, %zu failed", series.total.size(), series.failed)});
      }
    }
  }
  table.print();
}

}  // namespace openclaw::bench
