#include "core/process_runner.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <thread>

#include "core/executable_lookup.h"
#include "temp_dir.h"

namespace openclaw::core {
namespace {

using namespace std::chrono_literals;

ProcessSpec shell(const std::string& script) {
  ProcessSpec spec;
  spec.argv = shellCommand(script);
  spec.killGrace = 200ms;
  return spec;
}

// Whether `pid` ends (or has ended) within a few seconds. SIGKILL is delivered asynchronously,
// so a process killed a moment ago may still be exiting: this waits for its exit event.
bool processDies(pid_t pid) {
  const auto fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0) return errno == ESRCH;
  pollfd exited{static_cast<int>(fd), POLLIN, 0};
  const bool died = ::poll(&exited, 1, 5000) == 1;
  ::close(static_cast<int>(fd));
  return died;
}

TEST(ProcessRunner, CapturesStdoutAndStderrAndTheExitCode) {
  const ProcessResult result = runProcess(shell("echo out; echo err >&2; exit 3"));
  ASSERT_TRUE(result.started) << result.startError;
  EXPECT_EQ(result.exitCode, 3);
  EXPECT_FALSE(result.termSignal);
  EXPECT_EQ(result.output, "out\nerr\n");
  EXPECT_FALSE(result.truncated || result.timedOut || result.cancelled);
}

TEST(ProcessRunner, RunsArgvWithoutAShellInTheGivenDirectoryAndEnvironment) {
  testsupport::TempDir dir;
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "pwd; echo \"$GREETING\"; echo \"${HOME:-unset}\""};
  spec.cwd = dir.path();
  spec.environment = std::vector<std::string>{"GREETING=hello $USER", "PATH=/usr/bin:/bin"};
  const ProcessResult result = runProcess(spec);
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output, dir.path().string() + "\nhello $USER\nunset\n");
}

TEST(ProcessRunner, StdinIsDevNull) {
  const ProcessResult result = runProcess(shell("cat; echo end"));
  EXPECT_EQ(result.output, "end\n");
}

TEST(ProcessRunner, ChildInheritsNoDescriptorBeyondStdio) {
  const int leaked = ::dup(STDERR_FILENO);  // no close-on-exec, like a socket of the gateway
  ASSERT_GE(leaked, 3);
  const ProcessResult result = runProcess(
      shell("test -e /proc/self/fd/" + std::to_string(leaked) + " && echo open || echo closed"));
  ::close(leaked);
  EXPECT_EQ(result.output, "closed\n");
}

TEST(ProcessRunner, MissingProgramIsAStartError) {
  ProcessSpec spec;
  spec.argv = {"openclaw-no-such-program-xyz", "--help"};
  const ProcessResult result = runProcess(spec);
  EXPECT_FALSE(result.started);
  EXPECT_EQ(result.startError, "command not found: openclaw-no-such-program-xyz");
}

TEST(ProcessRunner, MissingWorkingDirectoryIsAStartError) {
  ProcessSpec spec = shell("true");
  spec.cwd = "/nonexistent/openclaw-dir";
  const ProcessResult result = runProcess(spec);
  EXPECT_FALSE(result.started);
  EXPECT_NE(result.startError.find("does not exist"), std::string::npos);
  EXPECT_NE(result.startError.find("/nonexistent/openclaw-dir"), std::string::npos);
}

TEST(ProcessRunner, SeparateStderrKeepsTheStreamsApart) {
  ProcessSpec spec = shell("echo out; echo err >&2; echo more; exit 3");
  spec.separateStderr = true;
  const ProcessResult result = runProcess(spec);
  EXPECT_EQ(result.exitCode, 3);
  EXPECT_EQ(result.output, "out\nmore\n");
  EXPECT_EQ(result.errorOutput, "err\n");
  EXPECT_EQ(result.totalOutputBytes, 13u);
}

TEST(ProcessRunner, OutputLimitAppliesToEachSeparateStream) {
  ProcessSpec spec = shell("head -c 5000 /dev/zero; head -c 10 /dev/zero >&2");
  spec.separateStderr = true;
  spec.outputLimit = 1000;
  const ProcessResult result = runProcess(spec);
  EXPECT_TRUE(result.truncated);
  EXPECT_EQ(result.output.size(), 1000u);
  EXPECT_EQ(result.errorOutput.size(), 10u);
}

TEST(ProcessRunner, RunsTheGivenExecutableWithArgv0AsWritten) {
  ProcessSpec spec;
  spec.executable = resolveExecutable("sh", processPath()).value();
  spec.argv = {"not-on-path", "-c", "echo \"$0\""};
  const ProcessResult result = runProcess(spec);
  ASSERT_TRUE(result.started) << result.startError;
  EXPECT_EQ(result.output, "not-on-path\n");
}

TEST(ProcessRunner, TimeoutTerminatesTheChild) {
  ProcessSpec spec = shell("exec sleep 30");
  spec.timeout = 200ms;
  const ProcessResult result = runProcess(spec);
  EXPECT_TRUE(result.timedOut);
  EXPECT_FALSE(result.cancelled);
  EXPECT_EQ(result.termSignal, SIGTERM);
  EXPECT_LT(result.duration, 10s);
  EXPECT_GE(result.duration, 200ms);
}

TEST(ProcessRunner, ChildIgnoringSigtermIsKilledAfterTheGrace) {
  ProcessSpec spec = shell("trap '' TERM; echo armed; sleep 30; echo survived");
  spec.timeout = 100ms;
  const ProcessResult result = runProcess(spec);
  EXPECT_TRUE(result.timedOut);
  EXPECT_EQ(result.termSignal, SIGKILL);
  EXPECT_EQ(result.output, "armed\n");
  EXPECT_GE(result.duration, 300ms);  // timeout + grace
}

TEST(ProcessRunner, TimeoutKillsGrandchildrenWithTheGroup) {
  ProcessSpec spec = shell("sleep 30 & echo $!; wait");
  spec.timeout = 200ms;
  const ProcessResult result = runProcess(spec);
  ASSERT_TRUE(result.timedOut);
  const pid_t grandchild = std::stoi(result.output);
  EXPECT_TRUE(processDies(grandchild));
}

TEST(ProcessRunner, BackgroundJobsAreKilledWhenTheCommandExits) {
  const ProcessResult result = runProcess(shell("sleep 30 & echo $!"));
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_FALSE(result.timedOut);
  EXPECT_LT(result.duration, 10s);
  EXPECT_TRUE(processDies(std::stoi(result.output)));
}

TEST(ProcessRunner, OutputCapKeepsTheHeadAndKeepsDraining) {
  ProcessSpec spec =
      shell("i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done; echo end");
  spec.outputLimit = 100;
  const ProcessResult result = runProcess(spec);
  EXPECT_EQ(result.exitCode, 0);  // the child never blocked on a full pipe
  EXPECT_TRUE(result.truncated);
  EXPECT_EQ(result.output.size(), 100u);
  EXPECT_EQ(result.output.rfind("line0\nline1\n", 0), 0u);
  EXPECT_GT(result.totalOutputBytes, 10'000u);
}

TEST(ProcessRunner, CancellationStopsARunningChild) {
  testsupport::TempDir dir;
  const auto fifo = dir.path() / "ready";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::atomic<bool> cancelled{false};
  ProcessSpec spec = shell("echo up > '" + fifo.string() + "'; exec sleep 30");
  spec.cancelled = &cancelled;
  // Opening the fifo blocks until the child opens it: the child is running when we cancel.
  std::thread canceller([&] {
    std::ifstream ready(fifo);
    std::string line;
    std::getline(ready, line);
    cancelled = true;
  });
  const ProcessResult result = runProcess(spec);
  canceller.join();
  EXPECT_TRUE(result.cancelled);
  EXPECT_FALSE(result.timedOut);
  EXPECT_EQ(result.termSignal, SIGTERM);
  EXPECT_LT(result.duration, 10s);
}

// One shared flag (the node host's stop) also ends children started after it was set.
TEST(ProcessRunner, AlreadySetCancellationEndsTheChildAtOnce) {
  const std::atomic<bool> cancelled{true};
  ProcessSpec spec = shell("exec sleep 30");
  spec.cancelled = &cancelled;
  const ProcessResult result = runProcess(spec);
  EXPECT_TRUE(result.started);
  EXPECT_TRUE(result.cancelled);
  EXPECT_TRUE(result.termSignal.has_value());
  EXPECT_LT(result.duration, 5s);
}

}  // namespace
}  // namespace openclaw::core
