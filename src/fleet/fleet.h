#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "config/environment.h"
#include "fleet/cell_audit.h"
#include "fleet/cell_env.h"
#include "fleet/cell_registry.h"
#include "fleet/cell_storage.h"
#include "fleet/runtime_cli.h"

namespace openclaw::fleet {

// Our image's name when --image is not given (what scripts/build-image.sh tags; upstream uses
// ghcr.io/openclaw/openclaw:latest).
inline constexpr const char* kDefaultImage = "localhost/openclaw:latest";

struct CreateRequest {
  std::string tenant;
  std::string image = kDefaultImage;
  Runtime runtime = Runtime::Docker;
  std::optional<int> port;
  std::string memory = "2g";
  std::string cpus = "2";
  std::optional<std::string> disk;
  NetworkMode network = NetworkMode::Bridge;
  int pidsLimit = 512;
  std::vector<EnvEntry> env;  // parsed with parseEnvAssignment
  std::optional<std::string> gatewayToken;
  bool start = true;
};

struct CreateResult {
  CellRecord record;
  std::string container;
  std::string token;
  std::string url;
  bool started = false;
  bool healthy = false;
};

struct CellStatus {
  CellRecord record;
  Inspection inspection;
  std::string health = "skipped";  // ok, failed or skipped
};

struct LogOptions {
  bool follow = false;
  std::optional<int> tail;
  std::optional<std::string> since;
  bool timestamps = false;
};

// The cells of one OpenClaw instance (its state dir), driven through the docker or podman CLI.
// Every runtime call is a bounded subprocess; every action on an existing container first checks
// its ownership labels against the registry and then uses the inspected container id. Failures
// throw std::invalid_argument (bad input, refused request) or std::runtime_error (the runtime or
// the host failed).
class Fleet {
 public:
  Fleet(const std::filesystem::path& stateDir, config::EnvLookup env,
        std::chrono::milliseconds healthLimit = std::chrono::seconds(60));

  CreateResult create(const CreateRequest& request);
  std::vector<CellStatus> list();  // live state, no health probe
  CellStatus status(const std::string& tenant);
  void start(const std::string& tenant);
  void stop(const std::string& tenant);
  void restart(const std::string& tenant);
  // Streams the container's logs to `out` with the gateway token replaced, until the runtime
  // ends the stream or `stop` is set. Returns the runtime's exit code (0 when stopped).
  int logs(const std::string& tenant, const LogOptions& options, std::ostream& out,
           const std::atomic<bool>& stop);
  // What remove did, for the message.
  struct Removal {
    bool hadRecord = false;
    bool containerRemoved = false;
    bool networkRemoved = false;
    bool dataPurged = false;
    std::filesystem::path dataDir;
  };
  Removal remove(const std::string& tenant, bool force, bool purgeData);
  // Replaces the cell's container with one from `image` (default: the recorded image): same
  // port, data, network, limits, token (read from the old container's environment) and --env
  // values. The old container is stopped and kept under another name until the new one answers
  // /healthz; when it does not, the new one is removed and the old one restored and started, and
  // std::runtime_error says so. Returns the image the cell now runs.
  std::string upgrade(const std::string& tenant, const std::optional<std::string>& image);

  // `fleet doctor`: the audit of one cell, or of every cell in tenant order. Changes nothing.
  struct Audit {
    std::string tenant;
    std::vector<Finding> findings;
  };
  std::vector<Audit> doctor(const std::optional<std::string>& tenant);

  const FleetPaths& paths() const { return paths_; }

 private:
  CellRecord requireRecord(const std::string& tenant);
  Inspection inspect(const CellRecord& record);
  Inspection requireOwned(const CellRecord& record);
  void checkLocalRuntime(Runtime runtime);
  void checkEngine(Runtime runtime);
  void removeNetwork(const CellRecord& record, Removal& removal);
  CellSpec specFor(const CellRecord& record) const;
  // `create` from the spec with the token and env entries in a short-lived env file; the id.
  std::string createContainer(const CellSpec& spec, const std::string& token,
                              const std::vector<EnvEntry>& env);

  FleetPaths paths_;
  config::EnvLookup env_;
  std::chrono::milliseconds healthLimit_;
  CellRegistry registry_;
};

}  // namespace openclaw::fleet
