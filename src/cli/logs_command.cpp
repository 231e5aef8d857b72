// `openclaw logs`: the gateway's file log over RPC (logs.tail), once or following it.
#include <iostream>

#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

struct LogsOptions {
  RpcOptions rpc;
  bool follow = false;
  int limit = 200;
  int maxBytes = 250'000;
  int intervalMs = 1000;
};

// The string `key` of a log record, empty when it is missing or not a string.
std::string textField(const json& record, const char* key) {
  const auto found = record.find(key);
  return found != record.end() && found->is_string() ? found->get<std::string>() : "";
}

// "time level [subsystem] msg" for one of the gateway's JSONL records; any other line as it is.
std::string humanLine(const std::string& line) {
  const json record = json::parse(line, nullptr, false);
  if (!record.is_object() || !record.contains("msg")) return line;
  return textField(record, "time") + " " + textField(record, "level") + " [" +
         textField(record, "subsystem") + "] " + textField(record, "msg");
}

// The record as the gateway wrote it; a line that is not a JSON object becomes {"msg": line}.
std::string jsonLine(const std::string& line) {
  const json record = json::parse(line, nullptr, false);
  return record.is_object() ? line : json{{"msg", line}}.dump();
}

// A remark about the stream itself, on stderr ({"type":"notice"} records with --json).
void notice(const LogsOptions& options, const std::string& message) {
  if (options.rpc.json) {
    std::cerr << json{{"type", "notice"}, {"message", message}}.dump() << "\n";
  } else {
    std::cerr << "[logs] " << message << "\n";
  }
}

// Polls logs.tail, continuing from each answer's cursor, until the connection fails; once
// without --follow.
int printLogs(client::GatewayClient& gateway, const LogsOptions& options) {
  json params = {{"limit", options.limit}, {"maxBytes", options.maxBytes}};
  while (true) {
    const json tail = gateway.call("logs.tail", params, milliseconds(options.rpc.timeoutMs));
    if (const auto skipped = tail.value("skippedBytes", std::uint64_t{0}); skipped > 0) {
      notice(options, "skipped " + std::to_string(skipped) +
                          " bytes of log (more than --limit lines or --max-bytes since the last "
                          "poll)");
    } else if (tail.value("reset", false)) {
      notice(options, "log file was rotated or truncated; reading the new one");
    }
    for (const json& line : tail.at("lines")) {
      const std::string& text = line.get_ref<const std::string&>();
      std::cout << (options.rpc.json ? jsonLine(text) : humanLine(text)) << "\n";
    }
    std::cout.flush();
    if (!options.follow) return 0;
    params["cursor"] = tail.at("cursor");
    // Waiting on the connection rather than sleeping drains the events the gateway pushes
    // (ticks, presence) and notices at once when the gateway goes away.
    const auto until = std::chrono::steady_clock::now() + milliseconds(options.intervalMs);
    for (auto now = std::chrono::steady_clock::now(); now < until;
         now = std::chrono::steady_clock::now()) {
      gateway.nextEvent(std::chrono::duration_cast<milliseconds>(until - now));
    }
  }
}

}  // namespace

void addLogsCommand(CLI::App& root, CliContext& context) {
  auto options = std::make_shared<LogsOptions>();
  CLI::App* logs = root.add_subcommand("logs", "Show the running gateway's file log");
  logs->add_flag("-f,--follow", options->follow, "Keep printing new lines until Ctrl-C");
  logs->add_option("--limit", options->limit, "Most lines per poll (default 200)")
      ->check(CLI::Range(1, 5000));
  logs->add_option("--max-bytes", options->maxBytes,
                   "Most bytes to read from the log per poll (default 250000)")
      ->check(CLI::Range(1, 1'000'000));
  logs->add_option("--interval", options->intervalMs,
                   "Milliseconds between polls with --follow (default 1000)")
      ->check(CLI::Range(1, 3'600'000));
  addRpcOptions(*logs, options->rpc);
  logs->callback([options, &context] {
    context.action = [options, &context] {
      return withGateway(
          context, options->rpc, protocol::scopes::kRead,
          [&](client::GatewayClient& gateway) { return printLogs(gateway, *options); });
    };
  });
}

}  // namespace openclaw::cli
