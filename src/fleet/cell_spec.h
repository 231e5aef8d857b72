#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::fleet {

enum class Runtime { Docker, Podman };
// "docker" / "podman"; parseRuntime throws std::invalid_argument for anything else.
std::string runtimeName(Runtime runtime);
Runtime parseRuntime(const std::string& name);

// bridge: a bridge network of the cell's own with outbound access; internal (Podman only): no
// outbound access, the published loopback port still works.
enum class NetworkMode { Bridge, Internal };
std::string networkModeName(NetworkMode mode);
NetworkMode parseNetworkMode(const std::string& name);

// How the container's user relates to the owner of the cell's data directory.
enum class UserMapping {
  ImageUser,  // the image's uid 1000; fleet (as root) chowns the cell dir to 1000:1000
  KeepId,     // podman --userns keep-id: the invoking non-root user inside the container
  HostUser,   // docker --user uid:gid of the invoking non-root user
};

// Everything one cell's container is created from. The gateway token and --env values are not
// here: they travel in the env file.
struct CellSpec {
  std::string tenant;
  std::string cellId;  // random, recorded in the registry and as a label on the container
  Runtime runtime = Runtime::Docker;
  std::string image;
  int port = 0;  // on 127.0.0.1
  std::string memory = "2g";
  std::string cpus = "2";
  std::optional<std::string> disk;
  NetworkMode network = NetworkMode::Bridge;
  int pidsLimit = 512;
  std::filesystem::path dataDir;  // mounted at /data
  bool selinux = false;           // relabel the mount (:Z)
  UserMapping user = UserMapping::ImageUser;
  unsigned hostUid = 0;  // for HostUser
  unsigned hostGid = 0;
  // The keys of the tenant's --env values, kept as a label so `fleet upgrade` can tell them from
  // the image's own environment and carry them over.
  std::vector<std::string> envKeys;
};

// The labels that mark a container or network as this registry's cell.
inline constexpr const char* kTenantLabel = "openclaw.fleet.tenant";
inline constexpr const char* kCellIdLabel = "openclaw.fleet.cell-id";
inline constexpr const char* kEnvKeysLabel = "openclaw.fleet.env-keys";  // comma-separated
// The port the gateway listens on inside every cell.
inline constexpr int kCellGatewayPort = 18789;

// Validation of the free-form create options, before anything is created. Each throws
// std::invalid_argument naming the option.
void validateImageRef(const std::string& image);
void validateSize(const std::string& option, const std::string& value);  // 512m, 2g, 1073741824
void validateCpus(const std::string& value);                             // 2, 0.5
void validateGatewayToken(const std::string& token);
// Refuses combinations the runtime cannot honour (internal networks under Docker).
void validateSpec(const CellSpec& spec);

// Argument vectors for the runtime CLI (argv[0] is the runtime's name), never run by a shell.
std::vector<std::string> networkCreateArgv(const CellSpec& spec);
std::vector<std::string> containerCreateArgv(const CellSpec& spec,
                                             const std::filesystem::path& envFile);

}  // namespace openclaw::fleet
