#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace openclaw::testsupport {

// A fake `tailscale` CLI for the gateway under test: a shell script named `tailscale` in its own
// directory (put first on the child's PATH with pathEnv()). Every run appends its arguments, as
// one line, to a log the test reads (calls(), waitForCall()); `status --json` prints the JSON the
// test set, `whois --json <ip>` the JSON set for that address (exit 1 "no match" otherwise); a
// subcommand told to fail writes the given message to stderr and exits 1. Other subcommands
// (serve, funnel) succeed silently.
class FakeTailscale {
 public:
  FakeTailscale();

  // The directory holding the script (and nothing else on PATH named tailscale).
  const std::filesystem::path& binDir() const { return bin_; }
  // "<binDir>:<this process's PATH>", for the child's PATH.
  std::string pathEnv() const;

  // What `tailscale status --json` prints (BackendState Running, Self.DNSName `dnsName` with
  // a trailing dot as the real CLI writes it, one tailnet IP), or raw text.
  void setStatus(const nlohmann::json& status);
  void setStatusText(const std::string& text);
  static nlohmann::json runningStatus(const std::string& dnsName);
  // What `tailscale whois --json <ip>` prints: UserProfile.LoginName `login`.
  void setWhois(const std::string& ip, const std::string& login);
  // `tailscale <subcommand>` writes `message` to stderr and exits 1 from now on.
  void fail(const std::string& subcommand, const std::string& message);

  // Every invocation so far, arguments joined by spaces, oldest first.
  std::vector<std::string> calls() const;
  // Whether an invocation equal to `call` was recorded before the deadline.
  bool waitForCall(const std::string& call, std::chrono::milliseconds deadline) const;

 private:
  TempDir dir_;
  std::filesystem::path bin_;
};

}  // namespace openclaw::testsupport
