#include "net/tailscale_cli.h"

#include "core/bounded_json.h"
#include "core/executable_lookup.h"
#include "core/json_fields.h"
#include "core/process_runner.h"
#include "core/text.h"

namespace openclaw::net {
namespace {

constexpr std::size_t kOutputLimit = 400 * 1024;  // upstream's maxBuffer for status
constexpr std::size_t kErrorExcerpt = 300;

// The JSON object in `output`, from its first '{' to its last '}'; discarded when there is none.
nlohmann::json objectIn(std::string_view output) {
  const auto start = output.find('{');
  const auto end = output.rfind('}');
  if (start == std::string_view::npos || end == std::string_view::npos || end < start) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  nlohmann::json parsed = core::parseJsonOrDiscarded(output.substr(start, end - start + 1));
  if (!parsed.is_object()) return nlohmann::json(nlohmann::json::value_t::discarded);
  return parsed;
}

// The first non-empty (after trimming) string among `keys` of `object`.
std::string firstString(const nlohmann::json& object, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto value = core::stringField(object, key)) {
      std::string text = core::trimmed(*value);
      if (!text.empty()) return text;
    }
  }
  return "";
}

const nlohmann::json& member(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto found = object.find(key);
  return found == object.end() ? kNull : *found;
}

}  // namespace

std::optional<TailscaleStatus> parseTailscaleStatus(std::string_view output) {
  const nlohmann::json parsed = objectIn(output);
  if (parsed.is_discarded()) return std::nullopt;
  TailscaleStatus status;
  status.backendState = core::stringField(parsed, "BackendState").value_or("");
  const nlohmann::json& self = member(parsed, "Self");
  status.dnsName = core::stringField(self, "DNSName").value_or("");
  while (!status.dnsName.empty() && status.dnsName.back() == '.') status.dnsName.pop_back();
  const nlohmann::json& ips = member(self, "TailscaleIPs");
  if (ips.is_array()) {
    for (const auto& ip : ips) {
      if (ip.is_string()) status.tailscaleIps.push_back(ip.get<std::string>());
    }
  }
  return status;
}

std::optional<std::string> tailnetHost(const TailscaleStatus& status) {
  if (!status.dnsName.empty()) return status.dnsName;
  if (!status.tailscaleIps.empty()) return status.tailscaleIps.front();
  return std::nullopt;
}

std::optional<TailscaleWhois> parseTailscaleWhois(std::string_view output) {
  const nlohmann::json parsed = objectIn(output);
  if (parsed.is_discarded()) return std::nullopt;
  const nlohmann::json* profile = &member(parsed, "UserProfile");
  if (!profile->is_object()) profile = &member(parsed, "userProfile");
  if (!profile->is_object()) profile = &member(parsed, "User");
  TailscaleWhois whois;
  whois.login = firstString(*profile, {"LoginName", "Login", "login"});
  if (whois.login.empty()) whois.login = firstString(parsed, {"LoginName", "login"});
  if (whois.login.empty()) return std::nullopt;
  whois.name = firstString(*profile, {"DisplayName", "Name", "displayName"});
  if (whois.name.empty()) whois.name = firstString(parsed, {"DisplayName", "name"});
  return whois;
}

std::string tailscaleNotFoundMessage() {
  return "the tailscale CLI is not on PATH: install Tailscale (https://tailscale.com/download), "
         "run `tailscale up`, then restart the gateway; or set gateway.tailscale.mode to \"off\"";
}

TailscaleRun runTailscale(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  TailscaleRun run;
  const auto binary = core::resolveExecutable("tailscale", core::processPath());
  if (!binary) {
    run.error = tailscaleNotFoundMessage();
    run.notFound = true;
    return run;
  }
  core::ProcessSpec spec;
  spec.argv = {"tailscale"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.executable = *binary;
  spec.timeout = timeout;
  spec.outputLimit = kOutputLimit;
  spec.separateStderr = true;
  spec.killGrace = std::chrono::milliseconds(500);
  core::ProcessResult result = core::runProcess(spec);
  const std::string command = "`tailscale " + args.front() + "`";
  if (!result.started) {
    run.error = command + " could not start: " + result.startError;
  } else if (result.timedOut) {
    run.timedOut = true;
    run.error = command + " did not answer within " + std::to_string(timeout.count()) + " ms";
  } else if (result.exitCode != 0) {
    std::string detail =
        core::trimmed(result.errorOutput.empty() ? result.output : result.errorOutput);
    if (detail.size() > kErrorExcerpt) detail = detail.substr(0, kErrorExcerpt) + "...";
    run.error = command + " failed (" +
                (result.exitCode ? "exit code " + std::to_string(*result.exitCode)
                                 : "signal " + std::to_string(result.termSignal.value_or(0))) +
                ")" + (detail.empty() ? "" : ": " + detail);
  } else {
    run.ok = true;
  }
  run.output = std::move(result.output);
  return run;
}

}  // namespace openclaw::net
