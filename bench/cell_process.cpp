#include "cell_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <thread>

#include "child_groups.h"
#include "gateway_process.h"
#include "hello_once.h"
#include "http_exchange.h"

namespace openclaw::bench {
namespace {

// 32 hex digits from the system's random source: every cell gets a token of its own.
std::string randomToken() {
  std::random_device source;
  std::string token;
  for (int i = 0; i < 4; ++i) token += format("%08x", source());
  return token;
}

}  // namespace

void throwIfInterrupted() {
  if (child_groups::interrupted()) throw std::runtime_error("interrupted");
}

int healthzStatus(int port, std::chrono::milliseconds deadline) {
  try {
    return testsupport::httpExchange(port, "GET", "/healthz", {}, "", deadline).status;
  } catch (const std::runtime_error&) {
    return 0;  // connection refused
  }
}

CellProcess::CellProcess(const std::vector<std::string>& command)
    : token_(randomToken()), port_(e2e::freePort()) {
  const std::filesystem::path state = dir_.path() / "state";
  const nlohmann::json config = {
      {"gateway", {{"mode", "local"}, {"auth", {{"mode", "token"}, {"token", token_}}}}},
      {"logging", {{"file", (state / "gateway.log").string()}}}};
  dir_.write("state/openclaw.json", config.dump(2));
  std::filesystem::create_directories(dir_.path() / "home");

  const std::string port = std::to_string(port_);
  const std::string output = (dir_.path() / "gateway.out").string();
  std::vector<std::string> args = command;
  args.insert(args.end(), {"gateway", "--port", port});
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment =
      e2e::childEnvironment(dir_.path() / "home", {{"OPENCLAW_STATE_DIR", state.string()}});
  std::vector<char*> envp;
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  const pid_t parent = getpid();
  startedAt_ = Clock::now();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Async-signal-safe calls only until execve. The cell dies with the benchmark even when
    // that is SIGKILLed (no destructor, no signal handler runs then).
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    const int out = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  setpgid(pid_, pid_);  // also here: either side may run first
  child_groups::add(pid_);
}

CellProcess::~CellProcess() {
  kill(-pid_, SIGTERM);
  const auto giveUp = Clock::now() + std::chrono::seconds(10);
  while (running() && Clock::now() < giveUp) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  child_groups::remove(pid_);
}

bool CellProcess::running() const { return waitpid(pid_, nullptr, WNOHANG) == 0; }

double CellProcess::waitHealthy(std::chrono::milliseconds deadline) {
  const auto giveUp = startedAt_ + deadline;
  while (Clock::now() < giveUp) {
    throwIfInterrupted();
    if (healthzStatus(port_, std::chrono::seconds(5)) == 200) return millisSince(startedAt_);
    if (!running()) throw std::runtime_error("gateway exited early:\n" + outputTail());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  throw std::runtime_error("gateway not healthy within the deadline:\n" + outputTail());
}

double CellProcess::waitHelloOk(std::chrono::milliseconds deadline) {
  const auto giveUp = startedAt_ + deadline;
  while (Clock::now() < giveUp) {
    throwIfInterrupted();
    try {
      helloOnce(port_, token_);
      return millisSince(startedAt_);
    } catch (const client::TransportError&) {
      // Not listening yet.
    }
    if (!running()) throw std::runtime_error("gateway exited early:\n" + outputTail());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  throw std::runtime_error("gateway gave no hello-ok within the deadline:\n" + outputTail());
}

std::string CellProcess::outputTail() const {
  std::ifstream in(dir_.path() / "gateway.out");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace openclaw::bench
