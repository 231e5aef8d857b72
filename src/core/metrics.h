#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace openclaw::core {

// Metrics in the shape of Prometheus' data model: families of one type with a fixed list of
// label names, each holding series with fixed label values. Series are created up front (at
// registration time) and then only updated: an update is one relaxed atomic operation, never
// an allocation or a lookup, and is safe from any thread. Rendering reads the atomics.

class Counter {
 public:
  void add(std::uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class Gauge {
 public:
  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  void add(double amount) { value_.fetch_add(amount, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into buckets with fixed upper bounds (ascending), plus +Inf.
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);

  void observe(double value);

  const std::vector<double>& bounds() const { return bounds_; }
  // Observations in each bucket, not cumulative; one more than bounds() (the last is +Inf).
  std::vector<std::uint64_t> bucketCounts() const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<double> sum_{0};
};

enum class MetricType { Counter, Gauge, Histogram };

// One metric family. Asking for a series whose label values it already has returns that one.
// Throws std::logic_error for a wrong number of label values or a series of another type.
class MetricFamily {
 public:
  MetricFamily(std::string name, std::string help, MetricType type,
               std::vector<std::string> labelNames, std::vector<double> bounds = {});

  Counter& counter(const std::vector<std::string>& labelValues = {});
  Gauge& gauge(const std::vector<std::string>& labelValues = {});
  Histogram& histogram(const std::vector<std::string>& labelValues = {});
  // A gauge whose value is read when rendering (e.g. the process's resident memory).
  void gaugeReading(const std::vector<std::string>& labelValues, std::function<double()> read);

  struct Series {
    std::vector<std::string> labelValues;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
    std::function<double()> read;
  };

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& labelNames() const { return labelNames_; }
  const std::deque<Series>& series() const { return series_; }

 private:
  Series& seriesFor(const std::vector<std::string>& labelValues, MetricType wanted);

  std::string name_;
  std::string help_;
  MetricType type_;
  std::vector<std::string> labelNames_;
  std::vector<double> bounds_;
  std::deque<Series> series_;  // a deque: series never move once handed out
};

// The families of one process, in registration order. Throws std::logic_error for a name that
// is not a valid metric name (label names likewise) or is registered twice.
class MetricsRegistry {
 public:
  MetricFamily& counter(std::string name, std::string help,
                        std::vector<std::string> labelNames = {});
  MetricFamily& gauge(std::string name, std::string help, std::vector<std::string> labelNames = {});
  MetricFamily& histogram(std::string name, std::string help, std::vector<double> bounds,
                          std::vector<std::string> labelNames = {});

  const std::deque<MetricFamily>& families() const { return families_; }

 private:
  MetricFamily& add(MetricFamily family);

  std::deque<MetricFamily> families_;
};

// The registry in the Prometheus text exposition format 0.0.4: for each family `# HELP` and
// `# TYPE`, then its samples; histograms as cumulative `_bucket{le=...}` samples, `_sum` and
// `_count`. Labelled counter and histogram series that were never updated are left out (as
// upstream, a series appears with its first event), so pre-created series cost no output.
std::string renderPrometheusText(const MetricsRegistry& registry);

// The content type of that text.
inline constexpr const char* kPrometheusTextContentType =
    "text/plain; version=0.0.4; charset=utf-8";

}  // namespace openclaw::core
