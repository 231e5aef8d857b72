#include "core/metrics.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "rpc/gateway_metrics.h"

namespace openclaw::core {
namespace {

TEST(MetricsRender, CounterWithHelpAndTypeLines) {
  MetricsRegistry registry;
  registry.counter("jobs_total", "Jobs done.").counter().add(3);
  EXPECT_EQ(renderPrometheusText(registry),
            "# HELP jobs_total Jobs done.\n"
            "# TYPE jobs_total counter\n"
            "jobs_total 3\n");
}

TEST(MetricsRender, HelpEscapesBackslashAndNewlineOnly) {
  MetricsRegistry registry;
  registry.gauge("g", "a \\ b\nc \"q\"").gauge().set(1.5);
  EXPECT_EQ(renderPrometheusText(registry),
            "# HELP g a \\\\ b\\nc \"q\"\n"
            "# TYPE g gauge\n"
            "g 1.5\n");
}

TEST(MetricsRender, LabelValuesAreEscaped) {
  MetricsRegistry registry;
  auto& family = registry.counter("calls_total", "Calls.", {"method", "kind"});
  family.counter({"a\"b", "c\\d\ne"}).add();
  EXPECT_EQ(renderPrometheusText(registry),
            "# HELP calls_total Calls.\n"
            "# TYPE calls_total counter\n"
            "calls_total{method=\"a\\\"b\",kind=\"c\\\\d\\ne\"} 1\n");
}

TEST(MetricsRender, UntouchedLabelledCountersAndHistogramsAreLeftOut) {
  MetricsRegistry registry;
  auto& calls = registry.counter("calls_total", "Calls.", {"method"});
  calls.counter({"a"});
  calls.counter({"b"}).add(2);
  registry.histogram("lat_seconds", "Latency.", {1}, {"method"}).histogram({"a"});
  registry.gauge("open", "Open.", {"role"}).gauge({"node"});
  EXPECT_EQ(renderPrometheusText(registry),
            "# HELP calls_total Calls.\n"
            "# TYPE calls_total counter\n"
            "calls_total{method=\"b\"} 2\n"
            "# HELP lat_seconds Latency.\n"
            "# TYPE lat_seconds histogram\n"
            "# HELP open Open.\n"
            "# TYPE open gauge\n"
            "open{role=\"node\"} 0\n");
}

TEST(MetricsRender, HistogramBucketsAreCumulativeWithSumAndCount) {
  MetricsRegistry registry;
  auto& histogram =
      registry.histogram("lat_seconds", "Latency.", {0.0005, 0.5, 1}, {"method"}).histogram({"x"});
  histogram.observe(0.000244140625);  // 2^-12: sums stay exact
  histogram.observe(0.5);             // on a bound: counts in that bucket (le is inclusive)
  histogram.observe(0.75);
  histogram.observe(30);
  EXPECT_EQ(renderPrometheusText(registry),
            "# HELP lat_seconds Latency.\n"
            "# TYPE lat_seconds histogram\n"
            "lat_seconds_bucket{method=\"x\",le=\"0.0005\"} 1\n"
            "lat_seconds_bucket{method=\"x\",le=\"0.5\"} 2\n"
            "lat_seconds_bucket{method=\"x\",le=\"1\"} 3\n"
            "lat_seconds_bucket{method=\"x\",le=\"+Inf\"} 4\n"
            "lat_seconds_sum{method=\"x\"} 31.250244140625\n"
            "lat_seconds_count{method=\"x\"} 4\n");
}

TEST(MetricsRender, UnlabelledHistogramRendersEvenEmpty) {
  MetricsRegistry registry;
  registry.histogram("h", "H.", {2}).histogram();
  EXPECT_EQ(renderPrometheusText(registry),
            "# HELP h H.\n"
            "# TYPE h histogram\n"
            "h_bucket{le=\"2\"} 0\n"
            "h_bucket{le=\"+Inf\"} 0\n"
            "h_sum 0\n"
            "h_count 0\n");
}

TEST(MetricsRender, GaugeReadingsAreReadAtRenderTime) {
  MetricsRegistry registry;
  double value = 1;
  registry.gauge("mem_bytes", "Memory.", {"kind"}).gaugeReading({"rss"}, [&value] {
    return value;
  });
  value = 4096;
  EXPECT_NE(renderPrometheusText(registry).find("mem_bytes{kind=\"rss\"} 4096\n"),
            std::string::npos);
}

TEST(MetricsRegistryTest, SameLabelValuesGiveTheSameSeries) {
  MetricsRegistry registry;
  auto& family = registry.counter("c_total", "C.", {"k"});
  EXPECT_EQ(&family.counter({"v"}), &family.counter({"v"}));
  EXPECT_NE(&family.counter({"v"}), &family.counter({"w"}));
}

TEST(MetricsRegistryTest, RefusesBadNamesDuplicatesAndMisuse) {
  MetricsRegistry registry;
  EXPECT_THROW(registry.counter("1bad", "x"), std::logic_error);
  EXPECT_THROW(registry.counter("has-dash", "x"), std::logic_error);
  EXPECT_THROW(registry.counter("ok_total", "x", {"le"}), std::logic_error);
  EXPECT_THROW(registry.counter("ok_total", "x", {"__reserved"}), std::logic_error);
  auto& family = registry.counter("ok_total", "x", {"k"});
  EXPECT_THROW(registry.gauge("ok_total", "x"), std::logic_error);
  EXPECT_THROW(family.counter({}), std::logic_error);
  EXPECT_THROW(family.gauge({"v"}), std::logic_error);
  EXPECT_THROW(registry.histogram("h", "x", {1, 1}), std::logic_error);
  EXPECT_THROW(registry.histogram("h2", "x", {2, 1}), std::logic_error);
}

TEST(GatewayMetricsTest, CountsIntoFixedSeries) {
  rpc::GatewayMetrics metrics({"1.2.3", "inst-1", 1'700'000'000'000, 0});
  rpc::MethodStats& health = metrics.method("health");
  EXPECT_EQ(&health, &metrics.method("health"));
  health.requests.add();
  metrics.connectionOpened("operator");
  metrics.connectionOpened("intruder");  // not a role: not counted
  metrics.runEnded("ok", 1.5, 10, 5);
  metrics.runEnded("bogus", 1, 1, 1);  // no outcome series: only the tokens count
  const std::string text = metrics.render();
  EXPECT_NE(text.find("openclaw_gateway_rpc_requests_total{method=\"health\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("openclaw_gateway_connections{role=\"operator\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("openclaw_gateway_connections{role=\"node\"} 0\n"), std::string::npos);
  EXPECT_EQ(text.find("intruder"), std::string::npos);
  EXPECT_NE(text.find("openclaw_run_completed_total{outcome=\"ok\"} 1\n"), std::string::npos);
  EXPECT_EQ(text.find("bogus"), std::string::npos);
  EXPECT_NE(text.find("openclaw_model_tokens_total{token_type=\"input\"} 11\n"), std::string::npos);
  EXPECT_NE(text.find("openclaw_gateway_build_info{process_instance_id=\"inst-1\","
                      "version=\"1.2.3\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("process_start_time_seconds 1700000000\n"), std::string::npos);
}

}  // namespace
}  // namespace openclaw::core
