#pragma once

#include <spdlog/logger.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace openclaw::core {

struct LogOptions {
  // JSONL log file. A name containing strftime fields (e.g. %Y-%m-%d) rolls daily.
  std::string file;
  // Level for the file sink: trace, debug, info, warn, error.
  std::string fileLevel = "info";
  // Console (stdout) shows info and above, or debug and above with verbose.
  bool verbose = false;
  bool console = true;
};

// The default log file name pattern for a profile: /tmp/openclaw/openclaw[-profile]-%Y-%m-%d.log.
std::string defaultLogFilePattern(const std::string& profile);

// The file a pattern names right now (strftime fields expanded in local time).
std::filesystem::path currentLogFile(const std::string& pattern);

// Sets up asynchronous logging to stdout (human lines) and the JSONL file. Call once at
// start-up; writes happen on a background thread so the event loop never blocks on disk.
// Throws std::runtime_error when the log file cannot be opened.
void initLogging(const LogOptions& options);

// Logging before initLogging() goes to stderr only (CLI commands never call initLogging).
void initConsoleOnlyLogging(bool verbose);

// Changes the file log's level (logging.level names; unknown names mean info) at run time.
void setFileLogLevel(const std::string& level);

// Flushes and stops the background logging thread.
void shutdownLogging();

// A logger whose records carry `subsystem` (e.g. "gateway", "ws", "config").
std::shared_ptr<spdlog::logger> logger(std::string_view subsystem);

// Every later log record has each occurrence of `secret` replaced by "***" before it reaches
// any sink. Secrets shorter than 6 characters are not masked (they would mangle ordinary
// words). Safe to call from any thread.
void registerSecret(const std::string& secret);

// `text` with every registered secret masked (exposed for tests).
std::string redactSecrets(std::string text);

}  // namespace openclaw::core
