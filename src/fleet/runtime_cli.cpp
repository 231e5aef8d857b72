#include "fleet/runtime_cli.h"

#include <algorithm>
#include <cctype>

#include "core/process_runner.h"

namespace openclaw::fleet {
namespace {

constexpr std::size_t kRuntimeOutputLimit = 1024 * 1024;

bool isUnixEndpoint(const std::string& endpoint) { return endpoint.rfind("unix://", 0) == 0; }

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The last non-empty line: runtimes print progress first and their error last.
std::string lastLine(const std::string& text) {
  const std::size_t end = text.find_last_not_of(" \n\r\t");
  if (end == std::string::npos) return "";
  const std::size_t newline = text.rfind('\n', end);
  const std::size_t start = newline == std::string::npos ? 0 : newline + 1;
  return text.substr(start, end + 1 - start);
}

}  // namespace

std::optional<std::string> remoteRuntimeReason(
    Runtime runtime, const config::EnvLookup& env,
    const std::optional<std::string>& dockerContextHost) {
  if (runtime == Runtime::Podman) {
    for (const char* name : {"CONTAINER_HOST", "CONTAINER_CONNECTION"}) {
      if (env(name)) {
        return std::string(name) + " is set (" + *env(name) +
               "): fleet only drives a local podman; unset it";
      }
    }
    return std::nullopt;
  }
  if (const auto host = env("DOCKER_HOST")) {
    if (isUnixEndpoint(*host)) return std::nullopt;
    return "DOCKER_HOST is " + *host + ": fleet only drives a local docker engine (unix://)";
  }
  if (const auto context = env("DOCKER_CONTEXT"); context && *context != "default") {
    if (!dockerContextHost || !isUnixEndpoint(*dockerContextHost)) {
      return "DOCKER_CONTEXT is " + *context + " (endpoint " +
             dockerContextHost.value_or("unknown") +
             "): fleet only drives a local docker engine (unix://)";
    }
  }
  if (dockerContextHost && !dockerContextHost->empty() && !isUnixEndpoint(*dockerContextHost)) {
    return "the current docker context's endpoint is " + *dockerContextHost +
           ": fleet only drives a local docker engine (unix://)";
  }
  return std::nullopt;
}

std::string RuntimeOutput::reason() const {
  const std::string line = lastLine(err);
  return line.empty() ? lastLine(out) : line;
}

RuntimeOutput runRuntime(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
  core::ProcessSpec spec;
  spec.argv = argv;
  spec.timeout = timeout;
  spec.outputLimit = kRuntimeOutputLimit;
  spec.separateStderr = true;
  const core::ProcessResult result = core::runProcess(spec);
  RuntimeOutput output;
  if (!result.started) {
    output.exitCode = 127;
    output.err = argv.front() + ": " + result.startError;
    return output;
  }
  output.out = result.output;
  output.err = result.errorOutput;
  if (result.timedOut) {
    output.err = argv.front() + " " + argv.at(1) + " did not finish within " +
                 std::to_string(timeout.count()) + " s";
  }
  output.exitCode = result.exitCode.value_or(-1);
  return output;
}

Inspection interpretInspect(const RuntimeOutput& output, const std::string& tenant,
                            const std::string& cellId) {
  Inspection inspection;
  if (!output.ok()) {
    if (lowercase(output.err).find("no such") != std::string::npos) {
      inspection.kind = Inspection::Kind::Missing;
      inspection.state = "missing";
    } else {
      inspection.state = "unknown";
      inspection.error = output.reason();
    }
    return inspection;
  }
  const nlohmann::json parsed = nlohmann::json::parse(output.out, nullptr, false);
  if (!parsed.is_array() || parsed.empty() || !parsed.front().is_object()) {
    inspection.state = "unknown";
    inspection.error = "unexpected container inspect output";
    return inspection;
  }
  inspection.raw = parsed.front();
  const nlohmann::json labels =
      inspection.raw.value("/Config/Labels"_json_pointer, nlohmann::json::object());
  const auto label = [&](const char* name) {
    return labels.is_object() && labels.contains(name) && labels.at(name).is_string()
               ? labels.at(name).get<std::string>()
               : std::string();
  };
  if (label(kTenantLabel) != tenant || label(kCellIdLabel) != cellId || cellId.empty()) {
    inspection.kind = Inspection::Kind::Foreign;
    inspection.state = "unknown";
    return inspection;
  }
  inspection.kind = Inspection::Kind::Owned;
  inspection.id = inspection.raw.value("Id", "");
  inspection.state = inspection.raw.value("/State/Status"_json_pointer, std::string("unknown"));
  return inspection;
}

}  // namespace openclaw::fleet
