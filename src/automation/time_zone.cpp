#include "automation/time_zone.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <system_error>

namespace openclaw::automation {
namespace {

namespace fs = std::filesystem;

constexpr const char* kZoneinfoDir = "/usr/share/zoneinfo";
constexpr std::size_t kMaxCachedZones = 64;
constexpr std::uintmax_t kMaxZoneFileBytes = 256 * 1024;  // real zone files are a few KiB
constexpr std::uint32_t kMaxTransitions = 100000;
constexpr std::int32_t kMaxOffsetSeconds = 26 * 3600;

// Big-endian fields of a TZif file, with a bounds check before every read.
class TzifReader {
 public:
  explicit TzifReader(const std::string& bytes) : bytes_(bytes) {}

  bool has(std::size_t count) const { return bytes_.size() - position_ >= count; }
  std::size_t position() const { return position_; }
  void skip(std::size_t count) { position_ += count; }
  char byteAt(std::size_t index) const { return bytes_[index]; }
  std::uint8_t u8() { return static_cast<std::uint8_t>(bytes_[position_++]); }
  std::uint64_t unsignedBytes(std::size_t count) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < count; ++i) value = (value << 8) | u8();
    return value;
  }
  std::uint32_t u32() { return static_cast<std::uint32_t>(unsignedBytes(4)); }
  std::int64_t signedTime(std::size_t size) {
    const std::uint64_t raw = unsignedBytes(size);
    if (size == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(raw));
    return static_cast<std::int64_t>(raw);
  }
  std::string restOfLine() {
    std::string line;
    while (position_ < bytes_.size() && bytes_[position_] != '\n') line += bytes_[position_++];
    return line;
  }

 private:
  const std::string& bytes_;
  std::size_t position_ = 0;
};

struct TzifCounts {
  std::uint32_t isUt = 0, isStd = 0, leap = 0, time = 0, type = 0, chars = 0;

  std::size_t dataBytes(std::size_t timeSize) const {
    return time * timeSize + time + type * 6u + chars + leap * (timeSize + 4) + isStd + isUt;
  }
};

// The 44-byte header at the reader's position ("TZif", version, 15 reserved bytes, six counts).
std::optional<TzifCounts> readHeader(TzifReader& in) {
  const std::size_t start = in.position();
  if (!in.has(44) || in.byteAt(start) != 'T' || in.byteAt(start + 1) != 'Z' ||
      in.byteAt(start + 2) != 'i' || in.byteAt(start + 3) != 'f') {
    return std::nullopt;
  }
  in.skip(20);
  TzifCounts counts{in.u32(), in.u32(), in.u32(), in.u32(), in.u32(), in.u32()};
  if (counts.type == 0 || counts.type > 256 || counts.time > kMaxTransitions ||
      counts.leap > kMaxTransitions) {
    return std::nullopt;
  }
  return counts;
}

struct TzifData {
  std::vector<std::int64_t> transitions;
  std::vector<std::int32_t> offsets;
  std::int32_t initialOffset = 0;
};

std::optional<TzifData> readData(TzifReader& in, const TzifCounts& counts, std::size_t timeSize) {
  if (!in.has(counts.dataBytes(timeSize))) return std::nullopt;
  TzifData data;
  data.transitions.reserve(counts.time);
  for (std::uint32_t i = 0; i < counts.time; ++i) {
    data.transitions.push_back(in.signedTime(timeSize));
    if (i > 0 && data.transitions[i] <= data.transitions[i - 1]) return std::nullopt;
  }
  std::vector<std::uint8_t> typeIndexes;
  for (std::uint32_t i = 0; i < counts.time; ++i) typeIndexes.push_back(in.u8());
  std::vector<std::int32_t> typeOffsets;
  for (std::uint32_t i = 0; i < counts.type; ++i) {
    const auto offset = static_cast<std::int32_t>(in.u32());
    in.skip(2);  // isdst, abbreviation index
    if (offset <= -kMaxOffsetSeconds || offset >= kMaxOffsetSeconds) return std::nullopt;
    typeOffsets.push_back(offset);
  }
  for (std::uint8_t index : typeIndexes) {
    if (index >= counts.type) return std::nullopt;
    data.offsets.push_back(typeOffsets[index]);
  }
  data.initialOffset = typeOffsets[0];
  in.skip(counts.chars + counts.leap * (timeSize + 4) + counts.isStd + counts.isUt);
  return data;
}

bool isZoneName(const std::string& name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' ||
      name.find("..") != std::string::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '+' || c == '-' || c == '/';
  });
}

// The bytes of a regular file of a zone's size, or nullopt.
std::optional<std::string> readZoneFile(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return std::nullopt;
  const std::uintmax_t size = fs::file_size(path, error);
  if (error || size > kMaxZoneFileBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::optional<TimeZone> readZone(const fs::path& path, std::string name) {
  const auto bytes = readZoneFile(path);
  return bytes ? parseTzif(*bytes, std::move(name)) : std::nullopt;
}

class ZoneCache {
 public:
  std::shared_ptr<const TimeZone> find(const std::string& name) {
    std::lock_guard lock(mutex_);
    const auto found = zones_.find(name);
    return found == zones_.end() ? nullptr : found->second;
  }

  void add(const std::string& name, std::shared_ptr<const TimeZone> zone) {
    std::lock_guard lock(mutex_);
    if (zones_.size() >= kMaxCachedZones) zones_.erase(zones_.begin());
    zones_.emplace(name, std::move(zone));
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const TimeZone>> zones_;
};

ZoneCache& zoneCache() {
  static ZoneCache cache;
  return cache;
}

}  // namespace

TimeZone::TimeZone(std::string name, std::vector<std::int64_t> transitions,
                   std::vector<std::int32_t> offsetAfterTransition, std::int32_t initialOffset,
                   std::optional<PosixTzRule> rule)
    : name_(std::move(name)),
      transitions_(std::move(transitions)),
      offsets_(std::move(offsetAfterTransition)),
      initialOffset_(initialOffset),
      rule_(std::move(rule)) {}

std::shared_ptr<const TimeZone> TimeZone::utc() {
  static const auto zone = std::make_shared<const TimeZone>(
      "UTC", std::vector<std::int64_t>{}, std::vector<std::int32_t>{}, 0, std::nullopt);
  return zone;
}

std::int32_t TimeZone::offsetAt(std::int64_t utcSeconds) const {
  if (transitions_.empty()) return rule_ ? rule_->offsetAt(utcSeconds) : initialOffset_;
  if (utcSeconds < transitions_.front()) return initialOffset_;
  if (rule_ && utcSeconds >= transitions_.back()) return rule_->offsetAt(utcSeconds);
  const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), utcSeconds);
  return offsets_[static_cast<std::size_t>(after - transitions_.begin()) - 1];
}

LocalTimeMapping TimeZone::mapLocal(std::int64_t localSeconds) const {
  // Every instant showing this wall time lies within a day of it; the offsets a day either side
  // are the two candidates (zones change offset at most once in two days).
  const std::int32_t before = offsetAt(localSeconds - 86400);
  const std::int32_t after = offsetAt(localSeconds + 86400);
  const bool beforeFits = offsetAt(localSeconds - before) == before;
  const bool afterFits = offsetAt(localSeconds - after) == after;
  if (beforeFits && afterFits && before != after) {
    const std::int64_t a = localSeconds - before;
    const std::int64_t b = localSeconds - after;
    return {LocalTimeMapping::Kind::Ambiguous, std::min(a, b), std::max(a, b)};
  }
  if (beforeFits || afterFits || before == after) {
    const std::int64_t instant = localSeconds - (beforeFits ? before : after);
    return {LocalTimeMapping::Kind::Unique, instant, instant};
  }
  // A gap: the transition lies in (local - after, local - before]; find its exact second.
  std::int64_t low = localSeconds - after;  // still the offset before the jump
  std::int64_t high = localSeconds - before;
  while (high - low > 1) {
    const std::int64_t middle = low + (high - low) / 2;
    (offsetAt(middle) == before ? low : high) = middle;
  }
  return {LocalTimeMapping::Kind::Nonexistent, high, localSeconds - before};
}

std::optional<TimeZone> parseTzif(const std::string& bytes, std::string name) {
  TzifReader in(bytes);
  const auto first = readHeader(in);
  if (!first) return std::nullopt;
  const char version = bytes[4];
  if (version == '\0') {
    auto data = readData(in, *first, 4);
    if (!data) return std::nullopt;
    return TimeZone(std::move(name), std::move(data->transitions), std::move(data->offsets),
                    data->initialOffset, std::nullopt);
  }
  if (!in.has(first->dataBytes(4))) return std::nullopt;
  in.skip(first->dataBytes(4));
  const auto second = readHeader(in);
  if (!second) return std::nullopt;
  auto data = readData(in, *second, 8);
  if (!data || !in.has(1) || in.u8() != '\n') return std::nullopt;
  const std::string footer = in.restOfLine();
  std::optional<PosixTzRule> rule;
  if (!footer.empty()) {
    rule = parsePosixTzRule(footer);
    if (!rule) return std::nullopt;
  }
  return TimeZone(std::move(name), std::move(data->transitions), std::move(data->offsets),
                  data->initialOffset, std::move(rule));
}

protocol::Result<std::shared_ptr<const TimeZone>> loadTimeZone(const std::string& name) {
  if (name == "UTC" || name == "Etc/UTC") return TimeZone::utc();
  if (!isZoneName(name)) {
    return protocol::GatewayError::invalidRequest(
        "not an IANA time zone name (letters, digits, '_', '+', '-' and '/' only, no '..', not "
        "a path)");
  }
  if (auto cached = zoneCache().find(name)) return cached;
  auto zone = readZone(fs::path(kZoneinfoDir) / name, name);
  if (!zone) return protocol::GatewayError::invalidRequest("unknown time zone '" + name + "'");
  auto shared = std::make_shared<const TimeZone>(std::move(*zone));
  zoneCache().add(name, shared);
  return shared;
}

std::shared_ptr<const TimeZone> resolveHostTimeZone(const std::optional<std::string>& tzVariable,
                                                    const fs::path& localtime) {
  if (tzVariable) {
    // As the C library reads $TZ: an optional ':', then a zone file or a POSIX rule.
    const std::string value =
        !tzVariable->empty() && tzVariable->front() == ':' ? tzVariable->substr(1) : *tzVariable;
    if (value.empty()) return TimeZone::utc();
    if (value.front() == '/') {
      if (auto zone = readZone(value, value)) return std::make_shared<const TimeZone>(*zone);
    } else if (auto named = loadTimeZone(value); named.ok()) {
      return *named;
    } else if (const auto rule = parsePosixTzRule(value)) {
      return std::make_shared<const TimeZone>(value, std::vector<std::int64_t>{},
                                              std::vector<std::int32_t>{}, rule->standardOffset,
                                              rule);
    }
    return TimeZone::utc();
  }
  // Named after the part under zoneinfo/ of its link target (or its own path).
  std::error_code error;
  const fs::path target = fs::read_symlink(localtime, error);
  const std::string path = (error ? localtime : target).string();
  const std::string marker = "zoneinfo/";
  const auto at = path.rfind(marker);
  const std::string name = at == std::string::npos ? path : path.substr(at + marker.size());
  if (auto zone = readZone(localtime, name)) return std::make_shared<const TimeZone>(*zone);
  return TimeZone::utc();
}

std::shared_ptr<const TimeZone> hostTimeZone() {
  static const auto zone = [] {
    const char* tz = std::getenv("TZ");
    return resolveHostTimeZone(tz ? std::optional<std::string>(tz) : std::nullopt,
                               "/etc/localtime");
  }();
  return zone;
}

}  // namespace openclaw::automation
