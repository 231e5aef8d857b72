#include "fleet/cell_spec.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "fleet/tenant.h"

namespace openclaw::fleet {
namespace {

constexpr std::size_t kMaxImageRefLength = 512;
constexpr std::size_t kMinTokenLength = 16;
constexpr std::size_t kMaxTokenLength = 512;

bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string runtimeName(Runtime runtime) {
  return runtime == Runtime::Docker ? "docker" : "podman";
}

Runtime parseRuntime(const std::string& name) {
  if (name == "docker") return Runtime::Docker;
  if (name == "podman") return Runtime::Podman;
  throw std::invalid_argument("--runtime \"" + name + "\": use docker or podman");
}

std::string networkModeName(NetworkMode mode) {
  return mode == NetworkMode::Bridge ? "bridge" : "internal";
}

NetworkMode parseNetworkMode(const std::string& name) {
  if (name == "bridge") return NetworkMode::Bridge;
  if (name == "internal") return NetworkMode::Internal;
  throw std::invalid_argument("--network \"" + name + "\": use bridge or internal");
}

void validateImageRef(const std::string& image) {
  if (image.empty()) throw std::invalid_argument("--image: the image reference is empty");
  if (image.front() == '-') {
    throw std::invalid_argument("--image \"" + image +
                                "\": an image reference cannot start with '-'");
  }
  if (image.size() > kMaxImageRefLength || std::any_of(image.begin(), image.end(), [](char c) {
        return std::isgraph(static_cast<unsigned char>(c)) == 0;
      })) {
    throw std::invalid_argument(
        "--image: not an image reference (no spaces or control "
        "characters, at most 512 characters)");
  }
}

void validateSize(const std::string& option, const std::string& value) {
  std::size_t digits = 0;
  while (digits < value.size() && digit(value[digits])) ++digits;
  const std::string unit = value.substr(digits);
  const bool unitOk =
      unit.empty() || (unit.size() == 1 && std::string("bkmgBKMG").find(unit) != std::string::npos);
  if (digits == 0 || digits > 15 || !unitOk ||
      value.substr(0, digits).find_first_not_of('0') == std::string::npos) {
    throw std::invalid_argument(option + " \"" + value +
                                "\": use a positive size such as 512m or 2g");
  }
}

void validateCpus(const std::string& value) {
  const std::size_t dot = value.find('.');
  const std::string whole = value.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : value.substr(dot + 1);
  const bool ok =
      !whole.empty() && whole.size() <= 4 && std::all_of(whole.begin(), whole.end(), digit) &&
      (dot == std::string::npos || (!fraction.empty() && fraction.size() <= 3 &&
                                    std::all_of(fraction.begin(), fraction.end(), digit))) &&
      value.find_first_not_of("0.") != std::string::npos;
  if (!ok) throw std::invalid_argument("--cpus \"" + value + "\": use a number such as 2 or 0.5");
}

void validateGatewayToken(const std::string& token) {
  if (token.size() < kMinTokenLength || token.size() > kMaxTokenLength ||
      std::any_of(token.begin(), token.end(),
                  [](char c) { return std::isgraph(static_cast<unsigned char>(c)) == 0; })) {
    throw std::invalid_argument(
        "--gateway-token: use 16-512 printable characters without "
        "spaces");
  }
}

void validateSpec(const CellSpec& spec) {
  validateTenantId(spec.tenant);
  validateImageRef(spec.image);
  validateSize("--memory", spec.memory);
  validateCpus(spec.cpus);
  if (spec.disk) validateSize("--disk", *spec.disk);
  if (spec.port < 1 || spec.port > 65535) {
    throw std::invalid_argument("--port " + std::to_string(spec.port) + ": use 1-65535");
  }
  if (spec.pidsLimit < 16 || spec.pidsLimit > 1'000'000) {
    throw std::invalid_argument("--pids-limit " + std::to_string(spec.pidsLimit) +
                                ": use 16-1000000");
  }
  if (spec.runtime == Runtime::Docker && spec.network == NetworkMode::Internal) {
    throw std::invalid_argument(
        "--network internal is refused with docker: Docker does not publish ports from an "
        "internal network, so the cell's loopback port would not work (use bridge and a "
        "DOCKER-USER firewall rule, or --runtime podman)");
  }
}

std::vector<std::string> networkCreateArgv(const CellSpec& spec) {
  std::vector<std::string> argv{runtimeName(spec.runtime),
                                "network",
                                "create",
                                "--label",
                                std::string(kTenantLabel) + "=" + spec.tenant,
                                "--label",
                                std::string(kCellIdLabel) + "=" + spec.cellId};
  if (spec.network == NetworkMode::Internal) argv.emplace_back("--internal");
  argv.push_back(cellName(spec.tenant));
  return argv;
}

std::vector<std::string> containerCreateArgv(const CellSpec& spec,
                                             const std::filesystem::path& envFile) {
  const std::string name = cellName(spec.tenant);
  std::vector<std::string> argv{
      runtimeName(spec.runtime),
      "create",
      "--name",
      name,
      "--label",
      std::string(kTenantLabel) + "=" + spec.tenant,
      "--label",
      std::string(kCellIdLabel) + "=" + spec.cellId,
      "--cap-drop=ALL",
      "--security-opt",
      "no-new-privileges",
      "--init",
      "--pids-limit",
      std::to_string(spec.pidsLimit),
      "--memory",
      spec.memory,
      "--cpus",
      spec.cpus,
      "--restart",
      "unless-stopped",
      "--network",
      name,
      "--publish",
      "127.0.0.1:" + std::to_string(spec.port) + ":" + std::to_string(kCellGatewayPort),
      "--volume",
      spec.dataDir.string() + ":/data" + (spec.selinux ? ":Z" : ""),
      "--env-file",
      envFile.string(),
  };
  if (!spec.envKeys.empty()) {
    std::string keys;
    for (const std::string& key : spec.envKeys) keys += (keys.empty() ? "" : ",") + key;
    argv.insert(argv.end(), {"--label", std::string(kEnvKeysLabel) + "=" + keys});
  }
  if (spec.disk) {
    argv.insert(argv.end(), {"--storage-opt", "size=" + *spec.disk});
  }
  if (spec.user == UserMapping::KeepId) {
    argv.insert(argv.end(), {"--userns", "keep-id"});
  } else if (spec.user == UserMapping::HostUser) {
    argv.insert(argv.end(),
                {"--user", std::to_string(spec.hostUid) + ":" + std::to_string(spec.hostGid)});
  }
  // The image's own command runs the gateway; the cell's openclaw.json (bind lan, port 18789,
  // token auth) and the env file make it a cell.
  argv.push_back(spec.image);
  return argv;
}

}  // namespace openclaw::fleet
