#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "automation/posix_tz_rule.h"
#include "protocol/result.h"

namespace openclaw::automation {

// How a local wall time (seconds since the epoch, read as if UTC) maps to instants.
struct LocalTimeMapping {
  enum class Kind {
    Unique,       // one instant: first == second
    Nonexistent,  // skipped by a forward jump (spring forward): first is the end of the gap (the
                  // transition), second the wall time read with the offset before the jump (as
                  // far after the gap's end as the wall time lay after its start)
    Ambiguous,    // repeated by a backward jump (fall back): first and second occurrence
  };
  Kind kind = Kind::Unique;
  std::int64_t first = 0;
  std::int64_t second = 0;
};

// One IANA time zone read from a TZif file (transitions, local time types and the POSIX rule
// for the instants after the last transition). Immutable, shared between schedules.
class TimeZone {
 public:
  TimeZone(std::string name, std::vector<std::int64_t> transitions,
           std::vector<std::int32_t> offsetAfterTransition, std::int32_t initialOffset,
           std::optional<PosixTzRule> rule);

  static std::shared_ptr<const TimeZone> utc();

  // The IANA name ("America/New_York"), "UTC", or the TZ text / file it came from.
  const std::string& name() const { return name_; }

  // Seconds east of UTC at `utcSeconds`.
  std::int32_t offsetAt(std::int64_t utcSeconds) const;

  LocalTimeMapping mapLocal(std::int64_t localSeconds) const;

 private:
  std::string name_;
  std::vector<std::int64_t> transitions_;  // ascending UTC seconds
  std::vector<std::int32_t> offsets_;      // the offset from transitions_[i] on
  std::int32_t initialOffset_;             // before the first transition
  std::optional<PosixTzRule> rule_;        // after the last transition
};

// The zone named `name` ("Europe/Berlin", "UTC"), from /usr/share/zoneinfo. INVALID_REQUEST
// "unknown time zone 'X'" for a name that is not a zone file there or is not a plain zone name
// (".." parts, absolute paths, characters outside [A-Za-z0-9_+/-]). Loaded zones are cached (at
// most 64; when full, one is dropped); a miss is one small file read (a few KiB), cheap enough for
// the event loop.
protocol::Result<std::shared_ptr<const TimeZone>> loadTimeZone(const std::string& name);

// The gateway host's zone: $TZ when set (a zone name, ":name", a TZif path or a POSIX TZ rule),
// else /etc/localtime (named after its link target under zoneinfo), else UTC. Read once.
std::shared_ptr<const TimeZone> hostTimeZone();

// hostTimeZone's decision on explicit inputs (for tests): `tzVariable` is $TZ (nullopt when
// unset), `localtime` the host's zone file.
std::shared_ptr<const TimeZone> resolveHostTimeZone(const std::optional<std::string>& tzVariable,
                                                    const std::filesystem::path& localtime);

// A zone from TZif bytes (nullopt when they are not a valid TZif file), named `name`.
std::optional<TimeZone> parseTzif(const std::string& bytes, std::string name);

}  // namespace openclaw::automation
