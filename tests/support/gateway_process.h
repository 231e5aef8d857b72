#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/gateway_client.h"
#include "temp_dir.h"

namespace openclaw::e2e {

// Reads `client`'s events until `done` accepts one (returned); throws after the deadline.
nlohmann::json waitForEvent(client::GatewayClient& client,
                            const std::function<bool(const nlohmann::json&)>& done,
                            std::chrono::milliseconds deadline = std::chrono::seconds(20));

// Whether `event` is the `chat` event of `runId` in `state` (delta, final, aborted, error).
bool isChat(const nlohmann::json& event, const std::string& runId, const std::string& state);

// Path of the openclaw binary under test (set by CMake).
std::string binaryPath();

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A TCP port on 127.0.0.1 that was free a moment ago.
int freePort();

// A private HOME for one test: a fresh temp directory, removed on destruction.
using TempHome = testsupport::TempDir;

// The environment a test's child process gets: this process's, without gateway settings
// inherited from the developer's shell (OPENCLAW_* that steer the gateway), with HOME=`home`
// unless `env` sets it, and `env` on top. Build it before fork: a forked child of a multithreaded
// process must not allocate.
std::vector<std::string> childEnvironment(const std::filesystem::path& home,
                                          const std::map<std::string, std::string>& env);

struct CommandResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs `openclaw <args>` to completion (deadline 30 s) with HOME set to `home` plus `env`.
CommandResult runCli(const std::vector<std::string>& args, const std::filesystem::path& home,
                     const std::map<std::string, std::string>& env = {});

// The real gateway binary running in the background. Its stdout and stderr are collected;
// start() returns once the "listening on ws://…:<port>" line appeared.
class GatewayProcess {
 public:
  // Runs `openclaw gateway <args>` with a config file made of a base (gateway.mode "local",
  // token auth with kToken, logging.file inside the temp home) merge-patched with
  // `configPatch` (null: write no config file at all). The default args pick a free port.
  explicit GatewayProcess(nlohmann::json configPatch = nlohmann::json::object(),
                          std::vector<std::string> args = {"--port", "0"},
                          std::map<std::string, std::string> env = {});
  ~GatewayProcess();  // SIGKILLs the process if it still runs
  GatewayProcess(const GatewayProcess&) = delete;
  GatewayProcess& operator=(const GatewayProcess&) = delete;

  // Starts the process and waits (deadline) for its listen line. Throws on failure with the
  // output so far. After the process exited, starts it again on the same home (a restart).
  void start(std::chrono::milliseconds deadline = std::chrono::seconds(20));
  // Starts the process without waiting for anything (fault tests kill it mid-start-up).
  void launch();
  // Merge-patches the config file with `patch` while the gateway runs, saved the way editors
  // do (a temp file renamed over the original), so its config watcher sees one change.
  void editConfig(const nlohmann::json& patch);

  int port() const { return port_; }
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }
  const TempHome& home() const { return home_; }
  std::filesystem::path logFile() const { return home_.path() / "gateway.log"; }
  pid_t pid() const { return pid_; }

  // Sends `signal` and waits (deadline) for the exit; returns the exit code (128+n if killed).
  int stop(int signal, std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // Waits for the process to exit on its own; nullopt on timeout.
  std::optional<int> waitExit(std::chrono::milliseconds deadline);

  // Everything the process printed so far (stdout and stderr interleaved).
  std::string output();
  // Reads output until it contains `needle` (at least `occurrences` times) or the deadline
  // passes; returns whether it does.
  bool waitForOutput(const std::string& needle, std::chrono::milliseconds deadline,
                     int occurrences = 1);

  // Options for a node client of this gateway: client "node-host"/"node", role node, no scopes.
  client::ConnectOptions nodeClientOptions() const;
  // Options for a client of this gateway: url, the test token, client "cli"/"cli".
  client::ConnectOptions clientOptions() const;
  // A connected client (connect() already done).
  client::GatewayClient connect() const;

  static constexpr const char* kToken = "e2e-secret-token-0123456789";

 private:
  nlohmann::json config_;
  std::vector<std::string> args_;
  std::map<std::string, std::string> env_;
  TempHome home_;
  pid_t pid_ = -1;
  int outputFd_ = -1;
  std::string output_;
  int port_ = 0;
  std::optional<int> exitCode_;
};

// `openclaw <args>` running in the background (HOME=`home` plus `env`), stdout and stderr on
// one pipe, for commands that do not exit by themselves. SIGKILLed on destruction.
class CliProcess {
 public:
  CliProcess(const std::vector<std::string>& args, const std::filesystem::path& home,
             const std::map<std::string, std::string>& env = {});
  ~CliProcess();
  CliProcess(const CliProcess&) = delete;
  CliProcess& operator=(const CliProcess&) = delete;

  // Reads output until it contains `needle` or the deadline passes; returns whether it does.
  bool waitForOutput(const std::string& needle, std::chrono::milliseconds deadline);
  const std::string& output() const { return output_; }  // what waitForOutput read so far
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int outputFd_ = -1;
  std::string output_;
};

// Waits until `openclaw node run` (running as `node`) is connected and returns the node id it
// announced ("as node <hex>"); throws with the node's output when that does not happen in time.
std::string waitForNodeId(CliProcess& node, std::chrono::milliseconds deadline);

}  // namespace openclaw::e2e
