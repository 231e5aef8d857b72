#include "core/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace openclaw::core {
namespace {

bool validName(const std::string& name, bool allowColon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!(letter || (allowColon && c == ':') || (i > 0 && digit))) return false;
  }
  return true;
}

// A sample value as Prometheus reads it (Go's ParseFloat): shortest round-trip form.
void appendValue(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    out += std::to_string(static_cast<std::int64_t>(value));  // 1700000000, not 1.7e+09
  } else {
    // Plain decimals where they stay short (le="0.0005", as client libraries write bounds).
    char buffer[64];
    const auto format =
        std::fabs(value) >= 1e-6 ? std::chars_format::fixed : std::chars_format::general;
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format);
    out.append(buffer, result.ptr);
  }
}

void appendValue(std::string& out, std::uint64_t value) { out += std::to_string(value); }

// HELP text escapes backslash and newline; label values also the double quote.
void appendEscaped(std::string& out, const std::string& text, bool quote) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// `{a="1",b="2"}` (plus `extra`, e.g. le="0.5"), or nothing without labels.
void appendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, const std::string& extra = {}) {
  if (names.empty() && extra.empty()) return;
  out += '{';
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i];
    out += "=\"";
    appendEscaped(out, values[i], true);
    out += '"';
  }
  if (!extra.empty()) {
    if (!names.empty()) out += ',';
    out += extra;
  }
  out += '}';
}

template <typename Value>
void appendSample(std::string& out, const std::string& name, const char* suffix,
                  const MetricFamily& family, const MetricFamily::Series& series, Value value,
                  const std::string& extraLabel = {}) {
  out += name;
  out += suffix;
  appendLabels(out, family.labelNames(), series.labelValues, extraLabel);
  out += ' ';
  appendValue(out, value);
  out += '\n';
}

const char* typeName(MetricType type) {
  switch (type) {
    case MetricType::Counter:
      return "counter";
    case MetricType::Gauge:
      return "gauge";
    case MetricType::Histogram:
      return "histogram";
  }
  return "untyped";
}

void appendHistogram(std::string& out, const MetricFamily& family,
                     const MetricFamily::Series& series) {
  const Histogram& histogram = *series.histogram;
  const std::vector<std::uint64_t> counts = histogram.bucketCounts();
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    cumulative += counts[i];
    std::string le = "le=\"";
    if (i < histogram.bounds().size()) {
      appendValue(le, histogram.bounds()[i]);
    } else {
      le += "+Inf";
    }
    le += '"';
    appendSample(out, family.name(), "_bucket", family, series, cumulative, le);
  }
  appendSample(out, family.name(), "_sum", family, series, histogram.sum());
  appendSample(out, family.name(), "_count", family, series, cumulative);
}

void requireAscending(const std::vector<double>& bounds) {
  if (!std::is_sorted(bounds.begin(), bounds.end()) ||
      std::adjacent_find(bounds.begin(), bounds.end()) != bounds.end()) {
    throw std::logic_error("histogram bounds must be strictly ascending");
  }
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  requireAscending(bounds_);
}

void Histogram::observe(double value) {
  const auto bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  buckets_[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::bucketCounts() const {
  std::vector<std::uint64_t> counts(bounds_.size() + 1);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    counts[i] = buckets_[i].load(std::memory_order_relaxed);
  }
  return counts;
}

MetricFamily::MetricFamily(std::string name, std::string help, MetricType type,
                           std::vector<std::string> labelNames, std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      labelNames_(std::move(labelNames)),
      bounds_(std::move(bounds)) {
  if (!validName(name_, true)) throw std::logic_error("invalid metric name: " + name_);
  requireAscending(bounds_);
  for (const std::string& label : labelNames_) {
    if (!validName(label, false) || label.rfind("__", 0) == 0 || label == "le") {
      throw std::logic_error("invalid label name for " + name_ + ": " + label);
    }
  }
}

MetricFamily::Series& MetricFamily::seriesFor(const std::vector<std::string>& labelValues,
                                              MetricType wanted) {
  if (wanted != type_) throw std::logic_error(name_ + " is not a " + typeName(wanted));
  if (labelValues.size() != labelNames_.size()) {
    throw std::logic_error(name_ + ": wrong number of label values");
  }
  for (Series& existing : series_) {
    if (existing.labelValues == labelValues) return existing;
  }
  Series& created = series_.emplace_back();
  created.labelValues = labelValues;
  return created;
}

Counter& MetricFamily::counter(const std::vector<std::string>& labelValues) {
  Series& series = seriesFor(labelValues, MetricType::Counter);
  if (!series.counter) series.counter = std::make_unique<Counter>();
  return *series.counter;
}

Gauge& MetricFamily::gauge(const std::vector<std::string>& labelValues) {
  Series& series = seriesFor(labelValues, MetricType::Gauge);
  if (series.read) throw std::logic_error(name_ + ": series is a reading");
  if (!series.gauge) series.gauge = std::make_unique<Gauge>();
  return *series.gauge;
}

Histogram& MetricFamily::histogram(const std::vector<std::string>& labelValues) {
  Series& series = seriesFor(labelValues, MetricType::Histogram);
  if (!series.histogram) series.histogram = std::make_unique<Histogram>(bounds_);
  return *series.histogram;
}

void MetricFamily::gaugeReading(const std::vector<std::string>& labelValues,
                                std::function<double()> read) {
  Series& series = seriesFor(labelValues, MetricType::Gauge);
  if (series.gauge) throw std::logic_error(name_ + ": series is a stored gauge");
  series.read = std::move(read);
}

MetricFamily& MetricsRegistry::add(MetricFamily family) {
  for (const MetricFamily& existing : families_) {
    if (existing.name() == family.name()) {
      throw std::logic_error("metric registered twice: " + family.name());
    }
  }
  return families_.emplace_back(std::move(family));
}

MetricFamily& MetricsRegistry::counter(std::string name, std::string help,
                                       std::vector<std::string> labelNames) {
  return add(
      MetricFamily(std::move(name), std::move(help), MetricType::Counter, std::move(labelNames)));
}

MetricFamily& MetricsRegistry::gauge(std::string name, std::string help,
                                     std::vector<std::string> labelNames) {
  return add(
      MetricFamily(std::move(name), std::move(help), MetricType::Gauge, std::move(labelNames)));
}

MetricFamily& MetricsRegistry::histogram(std::string name, std::string help,
                                         std::vector<double> bounds,
                                         std::vector<std::string> labelNames) {
  return add(MetricFamily(std::move(name), std::move(help), MetricType::Histogram,
                          std::move(labelNames), std::move(bounds)));
}

std::string renderPrometheusText(const MetricsRegistry& registry) {
  std::string out;
  for (const MetricFamily& family : registry.families()) {
    out += "# HELP ";
    out += family.name();
    out += ' ';
    appendEscaped(out, family.help(), false);
    out += "\n# TYPE ";
    out += family.name();
    out += ' ';
    out += typeName(family.type());
    out += '\n';
    const bool labelled = !family.labelNames().empty();
    for (const MetricFamily::Series& series : family.series()) {
      if (series.counter) {
        const std::uint64_t value = series.counter->value();
        if (!labelled || value > 0) appendSample(out, family.name(), "", family, series, value);
      } else if (series.gauge) {
        appendSample(out, family.name(), "", family, series, series.gauge->value());
      } else if (series.read) {
        appendSample(out, family.name(), "", family, series, series.read());
      } else if (series.histogram) {
        const auto counts = series.histogram->bucketCounts();
        const bool observed =
            std::any_of(counts.begin(), counts.end(), [](std::uint64_t n) { return n > 0; });
        if (!labelled || observed) appendHistogram(out, family, series);
      }
    }
  }
  return out;
}

}  // namespace openclaw::core
