#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/config_file.h"

namespace openclaw::config {

// heartbeat.activeHours: the daily window heartbeats may run in, in minutes of the day.
struct ActiveHoursSettings {
  int startMinute = 0;      // "HH:MM", inclusive (0..1439)
  int endMinute = 24 * 60;  // "HH:MM" or "24:00", exclusive (1..1440)
  // "" or "user": agents.defaults.userTimezone, else the host's zone; "local": the host's zone;
  // else an IANA zone name (an unknown one falls back to "user").
  std::string timezone;
  bool operator==(const ActiveHoursSettings&) const = default;
};

// One heartbeat block as written (agents.defaults.heartbeat, or an agent's own, which is merged
// key by key over the defaults): every key is optional.
struct HeartbeatBlock {
  std::optional<std::chrono::milliseconds> every;  // "30m"; 0 ("0m") turns the cadence off
  std::optional<std::string> target;               // "last" | "none" | "owner" | a channel id
  std::optional<std::string> to;                   // the recipient for a channel target
  std::optional<std::string> accountId;            // the channel account to send from
  std::optional<std::string> prompt;               // the heartbeat turn's message
  std::optional<std::int64_t> ackMaxChars;         // text allowed beside HEARTBEAT_OK in an ack
  std::optional<std::string> model;                // "provider/model" for heartbeat turns
  std::optional<std::int64_t> timeoutSeconds;
  std::optional<ActiveHoursSettings> activeHours;
  // Copies every key `over` sets onto this block (upstream's {...defaults, ...agent}).
  void mergeFrom(const HeartbeatBlock& over);
  bool operator==(const HeartbeatBlock&) const = default;
};

// Reads a heartbeat block at JSON pointer `at` of `config` (`value` is the object there); throws
// ConfigError pointing at a wrong type, an unparsable `every` or an activeHours time that is not
// "HH:MM" (end also "24:00").
HeartbeatBlock readHeartbeatBlock(const ConfigFile& config, const nlohmann::json& value,
                                  const std::string& at);

// The heartbeat keys outside the agents' own blocks.
struct HeartbeatSettings {
  std::optional<HeartbeatBlock> defaults;   // agents.defaults.heartbeat
  std::optional<std::string> userTimezone;  // agents.defaults.userTimezone
  bool operator==(const HeartbeatSettings&) const = default;
};

HeartbeatSettings resolveHeartbeatSettings(const ConfigFile& config);

}  // namespace openclaw::config
