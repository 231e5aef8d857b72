#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openclaw::net {

// What the gateway reads of `tailscale status --json`.
struct TailscaleStatus {
  std::string backendState;               // BackendState: Running, NeedsLogin, Stopped, ...
  std::string dnsName;                    // Self.DNSName without its trailing dot ("" if none)
  std::vector<std::string> tailscaleIps;  // Self.TailscaleIPs
};

// Parses `tailscale status --json` output. Tolerates text around the JSON object (the CLI may
// print warnings first, as upstream tolerates); nullopt for anything else that is not a JSON
// object nested at most core::kMaxJsonDepth deep. Fields of the wrong type read as empty.
std::optional<TailscaleStatus> parseTailscaleStatus(std::string_view output);

// The host name the tailnet knows this machine by: Self.DNSName, else its first Tailscale IP;
// nullopt when the status has neither.
std::optional<std::string> tailnetHost(const TailscaleStatus& status);

// What the gateway reads of `tailscale whois --json <ip>`: UserProfile.LoginName (upstream also
// accepts UserProfile.Login/login, User.*, and top-level LoginName/login) and the display name.
struct TailscaleWhois {
  std::string login;
  std::string name;  // "" when whois gives none
};

// Parses `tailscale whois --json` output (same tolerance as parseTailscaleStatus); nullopt when
// it is not a JSON object or names no login.
std::optional<TailscaleWhois> parseTailscaleWhois(std::string_view output);

// One finished `tailscale` invocation.
struct TailscaleRun {
  bool ok = false;     // started and exited 0 within the timeout
  std::string output;  // stdout, at most 400 KB
  // Why it failed, one line for the log: not installed, timed out, or the exit code with the
  // start of stderr. Empty when ok.
  std::string error;
  bool notFound = false;  // no `tailscale` on PATH
  bool timedOut = false;
};

// Runs `tailscale <args...>` (found on PATH) with stdin closed, the time limit and bounded
// output. Blocking: call it on a worker thread.
TailscaleRun runTailscale(const std::vector<std::string>& args, std::chrono::milliseconds timeout);

// The message for a `tailscale` missing from PATH.
std::string tailscaleNotFoundMessage();

}  // namespace openclaw::net
