#include "core/logging.h"

#include <spdlog/async.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/daily_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/clock.h"
#include "core/files.h"

namespace openclaw::core {
namespace {

constexpr std::size_t kMinRedactedSecretLength = 6;

std::mutex secretsMutex;
std::vector<std::string> secrets;

std::vector<spdlog::sink_ptr> activeSinks;
spdlog::sink_ptr fileSink;
std::mutex loggersMutex;

std::string isoTimestamp(spdlog::log_clock::time_point time) {
  return isoTimeUtc(
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count());
}

std::string messageText(const spdlog::details::log_msg& msg) {
  return redactSecrets(std::string(msg.payload.data(), msg.payload.size()));
}

// One human line: "2026-11-21T18:40:10.123Z info [gateway] listening on ws://…".
class ConsoleFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto level = spdlog::level::to_string_view(msg.level);
    const std::string line = fmt::format(
        "{} {} [{}] {}\n", isoTimestamp(msg.time), std::string_view(level.data(), level.size()),
        std::string_view(msg.logger_name.data(), msg.logger_name.size()), messageText(msg));
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<ConsoleFormatter>();
  }
};

// Upstream's level names (tslog's logLevelName), which its log readers filter on.
const char* upstreamLevelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "TRACE";
    case spdlog::level::debug:
      return "DEBUG";
    case spdlog::level::warn:
      return "WARN";
    case spdlog::level::err:
      return "ERROR";
    case spdlog::level::critical:
      return "FATAL";
    default:
      return "INFO";
  }
}

// One JSON object per line: {"time","level","subsystem","pid","msg","message","_meta"}.
// `message` and `_meta` {logLevelName, date} are what upstream's readers (the Control UI's logs
// view, `openclaw logs`) take the text and level from; `msg` stays for this gateway's readers.
class JsonlFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto level = spdlog::level::to_string_view(msg.level);
    const std::string time = isoTimestamp(msg.time);
    const std::string text = messageText(msg);
    const nlohmann::json record = {
        {"time", time},
        {"level", std::string(level.data(), level.size())},
        {"subsystem", std::string(msg.logger_name.data(), msg.logger_name.size())},
        {"pid", static_cast<int>(::getpid())},
        {"msg", text},
        {"message", text},
        {"_meta", {{"logLevelName", upstreamLevelName(msg.level)}, {"date", time}}},
    };
    const std::string line =
        record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonlFormatter>();
  }
};

// Config level names (logging.level): trace, debug, info, warn, error, or silent for none.
spdlog::level::level_enum parseLevel(const std::string& name) {
  if (name == "silent") return spdlog::level::off;
  const auto level = spdlog::level::from_str(name);
  return level == spdlog::level::off ? spdlog::level::info : level;
}

void installSinks(std::vector<spdlog::sink_ptr> sinks, bool async) {
  std::lock_guard lock(loggersMutex);
  spdlog::drop_all();
  activeSinks = std::move(sinks);
  // The queue's slots are allocated and touched up front, about 400 bytes each: 1024 of them
  // were 400 KiB of idle RSS. 128 records is still far more than the gateway logs between two
  // wake-ups of the writer thread; when it is full, a logging call waits for a free slot.
  if (async) spdlog::init_thread_pool(128, 1);
  spdlog::set_level(spdlog::level::trace);
}

}  // namespace

std::string defaultLogFilePattern(const std::string& profile) {
  return profile.empty() ? "/tmp/openclaw/openclaw-%Y-%m-%d.log"
                         : "/tmp/openclaw/openclaw-" + profile + "-%Y-%m-%d.log";
}

std::filesystem::path currentLogFile(const std::string& pattern) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[4096];
  const std::size_t n = std::strftime(buffer, sizeof(buffer), pattern.c_str(), &local);
  return n == 0 ? std::filesystem::path(pattern) : std::filesystem::path(std::string(buffer, n));
}

void initLogging(const LogOptions& options) {
  std::vector<spdlog::sink_ptr> sinks;
  if (options.console) {
    auto console = std::make_shared<spdlog::sinks::stdout_sink_mt>();
    console->set_formatter(std::make_unique<ConsoleFormatter>());
    console->set_level(options.verbose ? spdlog::level::debug : spdlog::level::info);
    sinks.push_back(console);
  }
  // Log lines can carry message text and peer addresses, and the default directory is under the
  // shared /tmp: the directory and every file the sink opens (each daily roll too) are owner-only.
  ensurePrivateDir(currentLogFile(options.file).parent_path());
  spdlog::file_event_handlers ownerOnly;
  ownerOnly.after_open = [](const spdlog::filename_t&, std::FILE* stream) {
    ::fchmod(::fileno(stream), S_IRUSR | S_IWUSR);
  };
  spdlog::sink_ptr file;
  if (options.file.find('%') != std::string::npos) {
    file = std::make_shared<spdlog::sinks::daily_file_format_sink_mt>(options.file, 0, 0, false,
                                                                      uint16_t{0}, ownerOnly);
  } else {
    file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.file, false, ownerOnly);
  }
  file->set_formatter(std::make_unique<JsonlFormatter>());
  file->set_level(parseLevel(options.fileLevel));
  sinks.push_back(file);
  installSinks(std::move(sinks), true);
  fileSink = file;
}

void initConsoleOnlyLogging(bool verbose) {
  auto console = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  console->set_formatter(std::make_unique<ConsoleFormatter>());
  console->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  installSinks({console}, false);
}

void setFileLogLevel(const std::string& level) {
  std::lock_guard lock(loggersMutex);
  if (fileSink) fileSink->set_level(parseLevel(level));
}

void shutdownLogging() { spdlog::shutdown(); }

std::shared_ptr<spdlog::logger> logger(std::string_view subsystem) {
  std::lock_guard lock(loggersMutex);
  const std::string name(subsystem);
  if (auto existing = spdlog::get(name)) return existing;
  std::shared_ptr<spdlog::logger> created;
  if (auto pool = spdlog::thread_pool()) {
    created = std::make_shared<spdlog::async_logger>(name, activeSinks.begin(), activeSinks.end(),
                                                     pool, spdlog::async_overflow_policy::block);
  } else {
    created = std::make_shared<spdlog::logger>(name, activeSinks.begin(), activeSinks.end());
  }
  created->set_level(spdlog::level::trace);
  created->flush_on(spdlog::level::info);
  spdlog::register_logger(created);
  return created;
}

void registerSecret(const std::string& secret) {
  // Masking a very short secret would mangle every log line that happens to contain those few
  // characters ("t" would hit "listening"); doctor warns about such tokens instead.
  if (secret.size() < kMinRedactedSecretLength) return;
  std::lock_guard lock(secretsMutex);
  if (std::find(secrets.begin(), secrets.end(), secret) != secrets.end()) return;
  secrets.push_back(secret);
  // Longest first: a secret that is a prefix of another must not mask only part of it.
  std::stable_sort(secrets.begin(), secrets.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string redactSecrets(std::string text) {
  std::lock_guard lock(secretsMutex);
  for (const std::string& secret : secrets) {
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + 3)) {
      text.replace(at, secret.size(), "***");
    }
  }
  return text;
}

}  // namespace openclaw::core
