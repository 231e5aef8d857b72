#include "config/heartbeat_settings.h"

#include "core/durations.h"

namespace openclaw::config {
namespace {

using nlohmann::json;

// Reads the members of one JSON object, pointing errors at them.
class Members {
 public:
  Members(const ConfigFile& config, const json& object, std::string at)
      : config_(config), object_(object), at_(std::move(at)) {
    if (!object_.is_object()) throw config_.errorAt(at_, "must be an object");
  }

  const json* find(const char* key) const {
    const auto found = object_.find(key);
    return found == object_.end() || found->is_null() ? nullptr : &*found;
  }
  std::string at(const char* key) const { return at_ + "/" + key; }
  ConfigError error(const char* key, const std::string& reason) const {
    return config_.errorAt(at(key), reason);
  }

  std::optional<std::string> string(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) throw error(key, "must be a string");
    return value->get<std::string>();
  }
  std::optional<std::int64_t> integer(const char* key, std::int64_t min, std::int64_t max) const {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer() || value->get<std::int64_t>() < min ||
        value->get<std::int64_t>() > max) {
      throw error(key,
                  "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value->get<std::int64_t>();
  }

 private:
  const ConfigFile& config_;
  const json& object_;
  std::string at_;
};

// "HH:MM" (00:00-23:59, and "24:00" when `allow24`) as minutes of the day.
std::optional<int> minutesOfDay(const std::string& text, bool allow24) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0U, 1U, 3U, 4U}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (hour == 24 && minute == 0 && allow24) return 24 * 60;
  if (hour > 23 || minute > 59) return std::nullopt;
  return hour * 60 + minute;
}

ActiveHoursSettings readActiveHours(const ConfigFile& config, const json& value,
                                    const std::string& at) {
  const Members members(config, value, at);
  ActiveHoursSettings hours;
  const auto time = [&](const char* key, bool allow24, int fallback) {
    const std::optional<std::string> text = members.string(key);
    if (!text) return fallback;
    const std::optional<int> minutes = minutesOfDay(*text, allow24);
    if (!minutes) {
      throw members.error(key, allow24 ? "must be a time \"HH:MM\" (00:00 to 24:00)"
                                       : "must be a time \"HH:MM\" (00:00 to 23:59)");
    }
    return *minutes;
  };
  hours.startMinute = time("start", false, hours.startMinute);
  hours.endMinute = time("end", true, hours.endMinute);
  hours.timezone = members.string("timezone").value_or("");
  return hours;
}

}  // namespace

void HeartbeatBlock::mergeFrom(const HeartbeatBlock& over) {
  const auto take = [](auto& mine, const auto& theirs) {
    if (theirs) mine = theirs;
  };
  take(every, over.every);
  take(target, over.target);
  take(to, over.to);
  take(accountId, over.accountId);
  take(prompt, over.prompt);
  take(ackMaxChars, over.ackMaxChars);
  take(model, over.model);
  take(timeoutSeconds, over.timeoutSeconds);
  take(activeHours, over.activeHours);
}

HeartbeatBlock readHeartbeatBlock(const ConfigFile& config, const json& value,
                                  const std::string& at) {
  const Members members(config, value, at);
  HeartbeatBlock block;
  if (const std::optional<std::string> every = members.string("every")) {
    block.every = core::parseDurationText(*every, std::chrono::minutes(1));
    if (!block.every) {
      throw members.error("every", "must be a duration such as \"30m\", \"1h\" or \"0m\" (off)");
    }
  }
  block.target = members.string("target");
  block.to = members.string("to");
  block.accountId = members.string("accountId");
  block.prompt = members.string("prompt");
  block.model = members.string("model");
  block.ackMaxChars = members.integer("ackMaxChars", 0, 100'000);
  block.timeoutSeconds = members.integer("timeoutSeconds", 0, 7 * 24 * 3600);
  if (const json* hours = members.find("activeHours")) {
    block.activeHours = readActiveHours(config, *hours, members.at("activeHours"));
  }
  return block;
}

HeartbeatSettings resolveHeartbeatSettings(const ConfigFile& config) {
  HeartbeatSettings settings;
  settings.userTimezone = config.string("/agents/defaults/userTimezone");
  const json::json_pointer at("/agents/defaults/heartbeat");
  const bool present = config.root.contains(at) && !config.root.at(at).is_null();
  if (present) settings.defaults = readHeartbeatBlock(config, config.root.at(at), at.to_string());
  return settings;
}

}  // namespace openclaw::config
