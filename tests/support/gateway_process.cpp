#include "gateway_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <mutex>
#include <random>
#include <regex>
#include <stdexcept>
#include <string_view>

extern char** environ;

namespace openclaw::e2e {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds remaining(Clock::time_point deadline) {
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

// Variables the test controls itself: a gateway setting inherited from the developer's shell
// would change what the test sees.
bool isInheritedGatewaySetting(std::string_view entry) {
  for (std::string_view name :
       {"OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", "OPENCLAW_GATEWAY_PORT",
        "OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_PASSWORD", "OPENCLAW_GATEWAY_URL",
        "OPENCLAW_PROFILE", "HOME"}) {
    if (entry.size() > name.size() && entry.starts_with(name) && entry[name.size()] == '=') {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> childEnvironment(const std::filesystem::path& home,
                                          const std::map<std::string, std::string>& env) {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::string_view name = text.substr(0, text.find('='));
    if (!isInheritedGatewaySetting(text) && !env.contains(std::string(name))) {
      entries.emplace_back(text);
    }
  }
  // One entry per name: with two, the child would read the first. `env` may set HOME itself.
  std::map<std::string, std::string> chosen = env;
  chosen.try_emplace("HOME", home.string());
  for (const auto& [name, value] : chosen) entries.push_back(name + "=" + value);
  return entries;
}

namespace {

// Starts `openclaw args...` with stdout+stderr on one pipe (returned) and stdin /dev/null.
// posix_spawn, not fork: a forked child of this multithreaded process inherits whatever lock
// another thread (a fake server) held at that instant, and the first malloc before exec then
// waits forever. Everything the child needs is built here, before it exists.
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& home,
            const std::map<std::string, std::string>& env, int& outputFd, int* errFd) {
  int out[2];
  int err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || (errFd != nullptr && pipe2(err, O_CLOEXEC) != 0)) {
    throw std::runtime_error("pipe failed");
  }
  const std::string binary = binaryPath();
  std::vector<char*> argv{const_cast<char*>(binary.c_str())};
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> environment = childEnvironment(home, env);
  std::vector<char*> envp;
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, errFd != nullptr ? err[1] : out[1], STDERR_FILENO);
  // Asio sockets lack close-on-exec: a fake server's listener inherited by the gateway
  // would outlive the fake and swallow connections.
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  pid_t pid = -1;
  const int failed = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (errFd != nullptr) close(err[1]);
  if (failed != 0) {
    close(out[0]);
    if (errFd != nullptr) close(err[0]);
    throw std::runtime_error("cannot start " + binary + ": " + std::strerror(failed));
  }
  outputFd = out[0];
  if (errFd != nullptr) *errFd = err[0];
  return pid;
}

int decodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Appends what arrives on the fds to their strings until `done()`, the deadline, or EOF on all
// of them. Returns true when every fd reached EOF.
bool readUntil(std::vector<std::pair<int, std::string*>> fds, Clock::time_point deadline,
               const std::function<bool()>& done) {
  char buffer[4096];
  while (!fds.empty() && !done()) {
    std::vector<pollfd> polls;
    for (const auto& [fd, sink] : fds) polls.push_back({fd, POLLIN, 0});
    const int ready =
        poll(polls.data(), polls.size(), static_cast<int>(remaining(deadline).count()));
    if (ready <= 0) return false;
    for (std::size_t i = polls.size(); i-- > 0;) {
      if ((polls[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      const ssize_t n = read(polls[i].fd, buffer, sizeof(buffer));
      if (n <= 0) {
        fds.erase(fds.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        fds[i].second->append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  return fds.empty();
}

// Whether `output` contains `needle` at least `occurrences` times.
bool containsTimes(const std::string& output, const std::string& needle, int occurrences) {
  int found = 0;
  for (auto at = output.find(needle); at != std::string::npos;
       at = output.find(needle, at + needle.size())) {
    if (++found >= occurrences) return true;
  }
  return false;
}

// Every thread's stack of a process that hung, for the failure message (empty without gdb).
std::string stackDump(pid_t pid) {
  const std::string command = "command -v gdb >/dev/null && gdb -p " + std::to_string(pid) +
                              " -batch -ex 'thread apply all bt' 2>&1 | tail -c 20000";
  std::string text;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
    pclose(pipe);
  }
  return text.empty() ? text : "\nstacks of the hung process:\n" + text;
}

}  // namespace

std::string binaryPath() { return OPENCLAW_BINARY; }

namespace {

// Whether a TCP listener could bind 127.0.0.1:`port` just now.
bool portIsFree(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool bound = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  close(fd);
  return bound;
}

}  // namespace

// A gateway on port p also listens on p + 2 (browser control) and p + 4 (canvas host). Ports are
// handed out as the first of a block of 8 below the kernel's ephemeral range (32768+), chosen at
// random, so two tests' gateways never share a derived port and outgoing connections do not
// take them.
int freePort() {
  static std::mutex mutex;
  static std::mt19937 random{std::random_device{}()};
  constexpr int kFirstBlock = 20000 / 8, kLastBlock = 32000 / 8;
  const std::lock_guard lock(mutex);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const int port = std::uniform_int_distribution<int>(kFirstBlock, kLastBlock)(random) * 8;
    if (portIsFree(port) && portIsFree(port + 2) && portIsFree(port + 4)) return port;
  }
  throw std::runtime_error("cannot find a free port");
}

CommandResult runCli(const std::vector<std::string>& args, const std::filesystem::path& home,
                     const std::map<std::string, std::string>& env) {
  CommandResult result;
  int outFd = -1;
  int errFd = -1;
  const pid_t pid = spawn(args, home, env, outFd, &errFd);
  const bool exited = readUntil({{outFd, &result.out}, {errFd, &result.err}},
                                Clock::now() + std::chrono::seconds(30), [] { return false; });
  close(outFd);
  close(errFd);
  int status = 0;
  const std::string stacks = exited ? "" : stackDump(pid);
  if (!exited) kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  if (!exited) {
    throw std::runtime_error("openclaw did not exit within 30 s; output: " + result.out +
                             result.err + stacks);
  }
  result.exitCode = decodeStatus(status);
  return result;
}

GatewayProcess::GatewayProcess(nlohmann::json configPatch, std::vector<std::string> args,
                               std::map<std::string, std::string> env)
    : env_(std::move(env)) {
  config_ = {{"gateway", {{"mode", "local"}, {"auth", {{"mode", "token"}, {"token", kToken}}}}},
             {"logging", {{"file", logFile().string()}}}};
  if (configPatch.is_null()) {
    config_ = nullptr;  // no config file at all
  } else {
    config_.merge_patch(configPatch);
  }
  args_ = {"gateway"};
  args_.insert(args_.end(), args.begin(), args.end());
}

GatewayProcess::~GatewayProcess() {
  if (pid_ > 0 && !exitCode_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (outputFd_ >= 0) close(outputFd_);
}

void GatewayProcess::launch() {
  if (outputFd_ >= 0) close(outputFd_);  // a restart: forget the previous run's output
  outputFd_ = -1;
  output_.clear();
  exitCode_.reset();
  if (!config_.is_null()) home_.write(".openclaw/openclaw.json", config_.dump(2));
  pid_ = spawn(args_, home_.path(), env_, outputFd_, nullptr);
}

void GatewayProcess::editConfig(const nlohmann::json& patch) {
  config_.merge_patch(patch);
  const std::filesystem::path written = home_.write(".openclaw/openclaw.json.swp", config_.dump(2));
  std::filesystem::rename(written, home_.path() / ".openclaw" / "openclaw.json");
}

void GatewayProcess::start(std::chrono::milliseconds deadlineAfter) {
  launch();
  const auto deadline = Clock::now() + deadlineAfter;
  static const std::regex listening(R"(listening on wss?://[0-9.]+:([0-9]+))");
  std::smatch match;
  readUntil({{outputFd_, &output_}}, deadline,
            [&] { return std::regex_search(output_, match, listening); });
  if (!std::regex_search(output_, match, listening)) {
    throw std::runtime_error("gateway did not report its port; output:\n" + output_ +
                             stackDump(pid_));
  }
  port_ = std::stoi(match[1]);
}

std::string GatewayProcess::output() {
  if (outputFd_ >= 0 && !exitCode_) {
    readUntil({{outputFd_, &output_}}, Clock::now(), [] { return false; });
  }
  return output_;
}

bool GatewayProcess::waitForOutput(const std::string& needle, std::chrono::milliseconds deadline,
                                   int occurrences) {
  const auto enough = [&] { return containsTimes(output_, needle, occurrences); };
  if (!exitCode_) readUntil({{outputFd_, &output_}}, Clock::now() + deadline, enough);
  return enough();
}

std::optional<int> GatewayProcess::waitExit(std::chrono::milliseconds deadlineAfter) {
  if (exitCode_) return exitCode_;
  // The output pipe reaches EOF when the process exits (it holds the only write end).
  const bool exited =
      readUntil({{outputFd_, &output_}}, Clock::now() + deadlineAfter, [] { return false; });
  if (!exited) return std::nullopt;
  int status = 0;
  waitpid(pid_, &status, 0);
  exitCode_ = decodeStatus(status);
  return exitCode_;
}

int GatewayProcess::stop(int signal, std::chrono::milliseconds deadline) {
  kill(pid_, signal);
  auto code = waitExit(deadline);
  if (!code) throw std::runtime_error("gateway did not exit after signal; output:\n" + output_);
  return *code;
}

// With OPENCLAW_E2E_FRAME_LOG_DIR set, every frame any test client receives is appended to
// <dir>/frames-<pid>.jsonl, which the interop suite validates against upstream's schema.
std::function<void(const std::string&)> frameRecorder() {
  static const char* dir = std::getenv("OPENCLAW_E2E_FRAME_LOG_DIR");
  if (dir == nullptr || *dir == '\0') return nullptr;
  static std::mutex mutex;
  static std::ofstream log = [] {
    std::filesystem::create_directories(dir);
    return std::ofstream(
        std::filesystem::path(dir) / ("frames-" + std::to_string(getpid()) + ".jsonl"),
        std::ios::app);
  }();
  return [](const std::string& frame) {
    std::lock_guard lock(mutex);
    log << frame << '\n' << std::flush;
  };
}

client::ConnectOptions GatewayProcess::clientOptions() const {
  client::ConnectOptions options;
  options.onFrame = frameRecorder();
  options.url = url();
  options.token = kToken;
  options.client.version = "e2e";
  options.timeout = std::chrono::seconds(10);
  return options;
}

client::ConnectOptions GatewayProcess::nodeClientOptions() const {
  client::ConnectOptions options = clientOptions();
  options.client.id = "node-host";
  options.client.mode = "node";
  options.role = "node";
  options.scopes = {};
  return options;
}

client::GatewayClient GatewayProcess::connect() const {
  client::GatewayClient client(clientOptions());
  client.connect();
  return client;
}

CliProcess::CliProcess(const std::vector<std::string>& args, const std::filesystem::path& home,
                       const std::map<std::string, std::string>& env) {
  pid_ = spawn(args, home, env, outputFd_, nullptr);
}

CliProcess::~CliProcess() {
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  close(outputFd_);
}

bool CliProcess::waitForOutput(const std::string& needle, std::chrono::milliseconds deadline) {
  const auto enough = [&] { return containsTimes(output_, needle, 1); };
  readUntil({{outputFd_, &output_}}, Clock::now() + deadline, enough);
  return enough();
}

std::string waitForNodeId(CliProcess& node, std::chrono::milliseconds deadline) {
  static const std::regex asNode("as node ([0-9a-f]{64})");
  std::smatch match;
  if (!node.waitForOutput("connected to", deadline) ||
      !std::regex_search(node.output(), match, asNode)) {
    throw std::runtime_error("the node host did not connect:\n" + node.output());
  }
  return match[1];
}

nlohmann::json waitForEvent(client::GatewayClient& client,
                            const std::function<bool(const nlohmann::json&)>& done,
                            std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    auto event = client.nextEvent(std::chrono::milliseconds(100));
    if (event && done(*event)) return *event;
  }
  throw std::runtime_error("expected event did not arrive");
}

bool isChat(const nlohmann::json& event, const std::string& runId, const std::string& state) {
  return event.value("event", "") == "chat" && event.at("payload").value("runId", "") == runId &&
         event.at("payload").value("state", "") == state;
}

}  // namespace openclaw::e2e
