// GET /metrics (and upstream's /api/diagnostics/prometheus) end to end: the real gateway binary,
// a WebSocket client making RPC calls, an agent turn against the scripted model server, and
// every scrape parsed in full by a strict Prometheus text-format (0.0.4) parser.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

const json kEnabled = {
    {"plugins", {{"entries", {{"diagnostics-prometheus", {{"enabled", true}}}}}}}};

struct HttpReply {
  unsigned status = 0;
  std::string contentType;
  std::string body;
};

HttpReply httpRequest(int port, const std::string& path, const std::string& token,
                      http::verb verb = http::verb::get,
                      const std::map<std::string, std::string>& headers = {}) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  http::request<http::empty_body> request{verb, path, 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  request.set(http::field::connection, "close");
  if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
  for (const auto& [name, value] : headers) request.set(name, value);
  http::write(socket, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.skip(verb == http::verb::head);  // a HEAD answer has a Content-Length but no body
  http::read(socket, buffer, parser);
  const auto& response = parser.get();
  return {response.result_int(), std::string(response[http::field::content_type]), response.body()};
}

HttpReply scrape(const GatewayProcess& gateway, const std::string& path = "/metrics") {
  return httpRequest(gateway.port(), path, GatewayProcess::kToken);
}

// A whole scrape, parsed strictly: every line is blank, a comment, or `name{labels} value`; HELP
// and TYPE come at most once per family and TYPE before its samples; every sample belongs to a
// family with a TYPE (histograms through their _bucket, _sum and _count samples, buckets with an
// `le`); label values use only the \\, \" and \n escapes. Samples are keyed `name{a="1",b="2"}`
// with the labels sorted. Failures are reported through gtest, naming the line.
struct Scrape {
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;

  double value(const std::string& key) const {
    auto found = samples.find(key);
    return found == samples.end() ? 0 : found->second;
  }
};

double parseValue(const std::string& text, bool& ok) {
  ok = true;
  if (text == "+Inf" || text == "Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  if (text == "NaN") return NAN;
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  ok = result.ec == std::errc() && result.ptr == text.data() + text.size();
  return value;
}

// Splits a sample line into its name, labels and value; returns what is wrong with it, or "".
std::string splitSample(const std::string& line, std::string& name,
                        std::map<std::string, std::string>& labels, double& value) {
  static const std::regex nameRe("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static const std::regex labelNameRe("[a-zA-Z_][a-zA-Z0-9_]*");
  std::size_t at = 0;
  while (at < line.size() && line[at] != '{' && line[at] != ' ') ++at;
  name = line.substr(0, at);
  if (!std::regex_match(name, nameRe)) return "bad metric name";
  if (at < line.size() && line[at] == '{') {
    ++at;
    while (at < line.size() && line[at] != '}') {
      const std::size_t eq = line.find('=', at);
      if (eq == std::string::npos) return "label without '='";
      const std::string labelName = line.substr(at, eq - at);
      if (!std::regex_match(labelName, labelNameRe)) return "bad label name " + labelName;
      at = eq + 1;
      if (at >= line.size() || line[at] != '"') return "label value not quoted";
      ++at;
      std::string labelValue;
      while (true) {
        if (at >= line.size()) return "unterminated label value";
        const char c = line[at++];
        if (c == '"') break;
        if (c != '\\') {
          labelValue += c;
          continue;
        }
        if (at >= line.size()) return "unterminated label value";
        const char escaped = line[at++];
        if (escaped != '\\' && escaped != '"' && escaped != 'n') return "bad escape";
        labelValue += escaped == 'n' ? '\n' : escaped;
      }
      if (!labels.emplace(labelName, labelValue).second) return "label twice";
      if (at < line.size() && line[at] == ',') ++at;
    }
    if (at >= line.size()) return "unterminated label set";
    ++at;  // '}'
  }
  if (at >= line.size() || line[at] != ' ') return "no space before the value";
  bool ok = false;
  value = parseValue(line.substr(at + 1), ok);
  return ok ? "" : "bad value";
}

Scrape parsePrometheusText(const std::string& text) {
  static const std::regex nameRe("[a-zA-Z_:][a-zA-Z0-9_:]*");
  Scrape scrape;
  std::set<std::string> helped;
  std::set<std::string> sampled;  // families that had samples (TYPE must come before)
  EXPECT_TRUE(text.empty() || text.back() == '\n') << "text must end with a newline";
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    SCOPED_TRACE("line " + std::to_string(number) + ": " + line);
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::istringstream words(line.substr(1));
      std::string keyword, name;
      words >> keyword >> name;
      if (keyword != "HELP" && keyword != "TYPE") continue;  // a plain comment
      EXPECT_TRUE(std::regex_match(name, nameRe));
      if (keyword == "HELP") {
        EXPECT_TRUE(helped.insert(name).second) << "second HELP";
        continue;
      }
      std::string type, rest;
      words >> type;
      EXPECT_FALSE(words >> rest) << "junk after TYPE";
      EXPECT_TRUE(type == "counter" || type == "gauge" || type == "histogram" ||
                  type == "summary" || type == "untyped");
      EXPECT_TRUE(scrape.types.emplace(name, type).second) << "second TYPE";
      EXPECT_FALSE(sampled.contains(name)) << "TYPE after samples";
      continue;
    }
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
    if (const std::string problem = splitSample(line, name, labels, value); !problem.empty()) {
      ADD_FAILURE() << problem;
      continue;
    }
    std::string family = name;
    if (!scrape.types.contains(name)) {
      for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
          const std::string base = name.substr(0, name.size() - suffix.size());
          if (scrape.types.contains(base) && scrape.types.at(base) == "histogram") family = base;
        }
      }
    }
    EXPECT_TRUE(scrape.types.contains(family)) << "sample without a TYPE";
    if (name == family + "_bucket") {
      EXPECT_TRUE(labels.contains("le")) << "bucket without le";
    }
    sampled.insert(family);

    std::string key = name;
    if (!labels.empty()) {
      key += '{';
      bool first = true;
      for (const auto& [labelName, labelValue] : labels) {
        if (!first) key += ',';
        first = false;
        key += labelName + "=\"" + labelValue + "\"";
      }
      key += '}';
    }
    EXPECT_TRUE(scrape.samples.emplace(key, value).second) << "sample twice";
  }
  return scrape;
}

Scrape scrapeParsed(const GatewayProcess& gateway) {
  const HttpReply reply = scrape(gateway);
  EXPECT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(reply.contentType, "text/plain; version=0.0.4; charset=utf-8");
  return parsePrometheusText(reply.body);
}

TEST(HttpMetricsParser, RefusesWhatIsNotTheTextFormat) {
  // The parser above is what the other tests trust; it must catch the classic mistakes.
  EXPECT_NONFATAL_FAILURE(parsePrometheusText("orphan_total 1\n"), "sample without a TYPE");
  EXPECT_NONFATAL_FAILURE(parsePrometheusText("# TYPE a counter\na{x=\"1} 1\n"),
                          "unterminated label value");
  EXPECT_NONFATAL_FAILURE(parsePrometheusText("# TYPE a counter\na{x=\"\\t\"} 1\n"), "bad escape");
  EXPECT_NONFATAL_FAILURE(parsePrometheusText("# TYPE a counter\na one\n"), "bad value");
  EXPECT_NONFATAL_FAILURE(parsePrometheusText("# TYPE a counter\n# TYPE a counter\n"),
                          "second TYPE");
  EXPECT_NONFATAL_FAILURE(parsePrometheusText("# TYPE h histogram\nh_bucket 1\n"),
                          "bucket without le");
  const Scrape good = parsePrometheusText(
      "# HELP a A.\n# TYPE a counter\na{y=\"2\",x=\"q\\\"\\n\"} 3\n\n"
      "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 0.5\nh_count 1\n");
  EXPECT_EQ(good.value("a{x=\"q\"\n\",y=\"2\"}"), 3);
  EXPECT_EQ(good.value("h_count"), 1);
}

json enabledConfig(const ScriptedProvider& provider) {
  json config = provider.gatewayConfig();
  config.merge_patch(kEnabled);
  return config;
}

// Reads a `json` res frame's error code.
std::string errorCode(const json& frame) { return frame.at("error").value("code", ""); }

class HttpMetrics : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  ScriptedProvider provider;
  GatewayProcess gateway{enabledConfig(provider), {"--port", std::to_string(freePort())}};
};

TEST_F(HttpMetrics, CountersMoveWithConnectionsCallsAndRuns) {
  const Scrape before = scrapeParsed(gateway);
  // Process facts are there from the start.
  EXPECT_GT(before.value("openclaw_memory_bytes{kind=\"rss\"}"), 1e6);
  EXPECT_GT(before.value("process_open_fds"), 3);
  EXPECT_GT(before.value("process_start_time_seconds"), 1.7e9);
  EXPECT_GE(before.value("openclaw_gateway_uptime_seconds"), 0);
  EXPECT_EQ(before.types.at("openclaw_gateway_build_info"), "gauge");
  bool buildInfo = false;
  for (const auto& [key, value] : before.samples) {
    if (key.starts_with("openclaw_gateway_build_info{process_instance_id=")) {
      buildInfo = true;
      EXPECT_EQ(value, 1);
      EXPECT_TRUE(contains(key, "version=\"")) << key;
    }
  }
  EXPECT_TRUE(buildInfo);
  EXPECT_EQ(before.types.at("openclaw_gateway_rpc_requests_total"), "counter");
  EXPECT_EQ(before.types.at("openclaw_gateway_rpc_first_response_seconds"), "histogram");
  EXPECT_GE(before.value("openclaw_gateway_ws_outbound_queue_bytes"), 0);

  provider.enqueue(ScriptedReply::text({"Hello ", "there."}));  // 11 input, 7 output tokens
  {
    auto client = gateway.connect();
    client.call("health");
    client.call("health");
    const json unknown = client.request("no.such.method");
    EXPECT_FALSE(unknown.at("ok").get<bool>());
    const json invalid = client.request("chat.history", {{"bogus", true}});
    EXPECT_FALSE(invalid.at("ok").get<bool>());
    EXPECT_EQ(errorCode(invalid), "INVALID_REQUEST");
    const json final = client.call(
        "agent", {{"message", "hi"}, {"agentId", "main"}, {"idempotencyKey", "metrics-run-1"}}, 30s,
        true);
    EXPECT_EQ(final.at("status"), "ok");

    const Scrape during = scrapeParsed(gateway);
    auto delta = [&](const std::string& key) { return during.value(key) - before.value(key); };
    const std::string op = "{role=\"operator\"}";
    EXPECT_EQ(delta("openclaw_gateway_connections" + op), 1);
    EXPECT_EQ(delta("openclaw_gateway_connections_total" + op), 1);
    EXPECT_EQ(delta("openclaw_gateway_handshake_seconds_count"), 1);
    EXPECT_EQ(delta("openclaw_gateway_rpc_requests_total{method=\"health\"}"), 2);
    EXPECT_EQ(delta("openclaw_gateway_rpc_errors_total{method=\"health\"}"), 0);
    EXPECT_EQ(delta("openclaw_gateway_rpc_handler_seconds_count{method=\"health\"}"), 2);
    EXPECT_EQ(delta("openclaw_gateway_rpc_first_response_seconds_count{method=\"health\"}"), 2);
    // The client's method name never becomes a label: unregistered methods are "unknown".
    EXPECT_EQ(delta("openclaw_gateway_rpc_requests_total{method=\"unknown\"}"), 1);
    EXPECT_EQ(delta("openclaw_gateway_rpc_errors_total{method=\"unknown\"}"), 1);
    for (const auto& [key, value] : during.samples) EXPECT_FALSE(contains(key, "no.such"));
    EXPECT_EQ(delta("openclaw_gateway_rpc_requests_total{method=\"chat.history\"}"), 1);
    EXPECT_EQ(delta("openclaw_gateway_rpc_errors_total{method=\"chat.history\"}"), 1);
    // agent answers twice (accepted, then final): one request, one first response.
    EXPECT_EQ(delta("openclaw_gateway_rpc_requests_total{method=\"agent\"}"), 1);
    EXPECT_EQ(delta("openclaw_gateway_rpc_first_response_seconds_count{method=\"agent\"}"), 1);
    EXPECT_EQ(delta("openclaw_gateway_rpc_errors_total{method=\"agent\"}"), 0);
    EXPECT_EQ(delta("openclaw_run_started_total"), 1);
    EXPECT_EQ(delta("openclaw_run_completed_total{outcome=\"ok\"}"), 1);
    EXPECT_EQ(delta("openclaw_run_duration_seconds_count{outcome=\"ok\"}"), 1);
    EXPECT_EQ(delta("openclaw_model_tokens_total{token_type=\"input\"}"), 11);
    EXPECT_EQ(delta("openclaw_model_tokens_total{token_type=\"output\"}"), 7);
    // Cumulative buckets: +Inf equals the count.
    EXPECT_EQ(
        during.value("openclaw_gateway_rpc_handler_seconds_bucket{le=\"+Inf\",method=\"health\"}"),
        during.value("openclaw_gateway_rpc_handler_seconds_count{method=\"health\"}"));
  }
  // The client left: the gauge goes back (the close is seen asynchronously).
  const auto until = std::chrono::steady_clock::now() + 10s;
  double connected = -1;
  while (std::chrono::steady_clock::now() < until) {
    connected = scrapeParsed(gateway).value("openclaw_gateway_connections{role=\"operator\"}");
    if (connected == before.value("openclaw_gateway_connections{role=\"operator\"}")) break;
  }
  EXPECT_EQ(connected, before.value("openclaw_gateway_connections{role=\"operator\"}"));
}

TEST_F(HttpMetrics, UpstreamPathServesTheSameTextAndTheTokenIsRequired) {
  const HttpReply upstream = scrape(gateway, "/api/diagnostics/prometheus");
  EXPECT_EQ(upstream.status, 200u);
  EXPECT_TRUE(contains(upstream.body, "# TYPE openclaw_gateway_rpc_requests_total counter\n"));
  for (const std::string path : {"/metrics", "/api/diagnostics/prometheus"}) {
    SCOPED_TRACE(path);
    const HttpReply missing = httpRequest(gateway.port(), path, "");
    EXPECT_EQ(missing.status, 401u);
    EXPECT_EQ(json::parse(missing.body).at("error").at("type"), "unauthorized");
    EXPECT_EQ(httpRequest(gateway.port(), path, "wrong-token").status, 401u);
    EXPECT_EQ(httpRequest(gateway.port(), path, GatewayProcess::kToken, http::verb::post).status,
              405u);
    const HttpReply head =
        httpRequest(gateway.port(), path, GatewayProcess::kToken, http::verb::head);
    EXPECT_EQ(head.status, 200u);
    EXPECT_TRUE(head.body.empty());
  }
  // A browser page from another origin is refused even with the token.
  EXPECT_EQ(httpRequest(gateway.port(), "/metrics", GatewayProcess::kToken, http::verb::get,
                        {{"Origin", "https://evil.example"}})
                .status,
            403u);
}

TEST(HttpMetricsSwitches, OffByDefaultThenOnLiveAndEmptyWithoutDiagnostics) {
  GatewayProcess gateway;
  gateway.start();
  for (const std::string path : {"/metrics", "/api/diagnostics/prometheus"}) {
    EXPECT_EQ(scrape(gateway, path).status, 404u) << path;
  }
  gateway.editConfig(kEnabled);
  auto waitForStatus = [&](unsigned status) {
    const auto until = std::chrono::steady_clock::now() + 15s;
    HttpReply reply;
    while (std::chrono::steady_clock::now() < until) {
      reply = scrape(gateway);
      if (reply.status == status) break;
    }
    return reply;
  };
  const HttpReply enabled = waitForStatus(200);
  EXPECT_EQ(enabled.status, 200u);
  EXPECT_FALSE(parsePrometheusText(enabled.body).samples.empty());

  // As upstream, diagnostics.enabled false leaves the route up with nothing recorded to show.
  gateway.editConfig({{"diagnostics", {{"enabled", false}}}});
  const auto until = std::chrono::steady_clock::now() + 15s;
  HttpReply empty = scrape(gateway);
  while (!empty.body.empty() && std::chrono::steady_clock::now() < until) empty = scrape(gateway);
  EXPECT_EQ(empty.status, 200u);
  EXPECT_EQ(empty.body, "");

  gateway.editConfig({{"plugins", {{"allow", {"something-else"}}}}});
  EXPECT_EQ(waitForStatus(404).status, 404u) << "an allow list without the plugin turns it off";
}

TEST(HttpMetricsScopes, TrustedCallerNeedsOperatorRead) {
  json config = kEnabled;
  config["gateway"] = {{"auth", {{"mode", "none"}}}};
  GatewayProcess gateway(config);
  gateway.start();
  EXPECT_EQ(httpRequest(gateway.port(), "/metrics", "").status, 200u);
  EXPECT_EQ(httpRequest(gateway.port(), "/metrics", "", http::verb::get,
                        {{"x-openclaw-scopes", "operator.write"}})
                .status,
            200u);
  const HttpReply refused = httpRequest(gateway.port(), "/metrics", "", http::verb::get,
                                        {{"x-openclaw-scopes", "operator.approvals"}});
  EXPECT_EQ(refused.status, 403u);
  EXPECT_TRUE(contains(refused.body, "operator.read")) << refused.body;
}

}  // namespace
}  // namespace openclaw::e2e
