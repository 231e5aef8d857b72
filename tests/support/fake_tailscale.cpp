#include "fake_tailscale.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace openclaw::testsupport {
namespace {

// Single quotes for sh: the temp paths hold no quote, but stay safe anyway.
std::string shellQuoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

FakeTailscale::FakeTailscale() : bin_(dir_.path() / "bin") {
  const std::string data = shellQuoted(dir_.path().string());
  const std::filesystem::path script =
      dir_.write("bin/tailscale",
                 "#!/bin/sh\n"
                 "D=" +
                     data +
                     "\n"
                     "printf '%s\\n' \"$*\" >> \"$D/calls.log\"\n"
                     "if [ -f \"$D/fail-$1\" ]; then cat \"$D/fail-$1\" >&2; exit 1; fi\n"
                     "case \"$1\" in\n"
                     "  status) cat \"$D/status.json\" ;;\n"
                     "  whois) if [ -f \"$D/whois-$3.json\" ]; then cat \"$D/whois-$3.json\"; "
                     "else echo \"no match for IP:port\" >&2; exit 1; fi ;;\n"
                     "  version) echo 1.80.0 ;;\n"
                     "esac\n"
                     "exit 0\n");
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  setStatus(runningStatus("gateway-host.tail1234.ts.net"));
}

std::string FakeTailscale::pathEnv() const {
  const char* path = std::getenv("PATH");
  return bin_.string() + ":" + (path ? path : "/usr/bin:/bin");
}

void FakeTailscale::setStatus(const nlohmann::json& status) { setStatusText(status.dump()); }

void FakeTailscale::setStatusText(const std::string& text) { dir_.write("status.json", text); }

nlohmann::json FakeTailscale::runningStatus(const std::string& dnsName) {
  return {{"BackendState", "Running"},
          {"Self", {{"DNSName", dnsName + "."}, {"TailscaleIPs", {"100.101.102.103"}}}}};
}

void FakeTailscale::setWhois(const std::string& ip, const std::string& login) {
  const nlohmann::json answer = {
      {"Node", {{"Name", "laptop.tail1234.ts.net."}}},
      {"UserProfile", {{"LoginName", login}, {"DisplayName", "Test User"}}}};
  dir_.write("whois-" + ip + ".json", answer.dump());
}

void FakeTailscale::fail(const std::string& subcommand, const std::string& message) {
  dir_.write("fail-" + subcommand, message + "\n");
}

std::vector<std::string> FakeTailscale::calls() const {
  std::ifstream log(dir_.path() / "calls.log");
  std::vector<std::string> lines;
  for (std::string line; std::getline(log, line);) lines.push_back(line);
  return lines;
}

bool FakeTailscale::waitForCall(const std::string& call, std::chrono::milliseconds deadline) const {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (true) {
    const std::vector<std::string> seen = calls();
    if (std::find(seen.begin(), seen.end(), call) != seen.end()) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace openclaw::testsupport
