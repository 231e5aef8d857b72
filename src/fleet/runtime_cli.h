#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/environment.h"
#include "fleet/cell_spec.h"

namespace openclaw::fleet {

// Why `runtime` would talk to an engine on another machine, or nullopt when it is local. Fleet's
// bind mounts and loopback URLs only make sense on this host. Docker: DOCKER_HOST with anything
// but unix://, or a context (DOCKER_CONTEXT, else `dockerContextHost`, the current context's
// endpoint as `docker context inspect` reports it) whose endpoint is not unix://. Podman:
// CONTAINER_HOST or CONTAINER_CONNECTION set.
std::optional<std::string> remoteRuntimeReason(Runtime runtime, const config::EnvLookup& env,
                                               const std::optional<std::string>& dockerContextHost);

struct RuntimeOutput {
  int exitCode = -1;  // 127 when the CLI could not be started; -1 when it timed out or was killed
  std::string out;
  std::string err;
  bool ok() const { return exitCode == 0; }
  // The last line of stderr (or stdout), for error messages.
  std::string reason() const;
};

// One runtime CLI call: argv (argv[0] the runtime) run without a shell, at most `timeout`, output
// kept up to 1 MiB per stream.
RuntimeOutput runRuntime(const std::vector<std::string>& argv,
                         std::chrono::seconds timeout = std::chrono::seconds(60));

// What `container inspect` says about a cell's container.
struct Inspection {
  enum class Kind {
    Missing,      // no container with that name
    Foreign,      // a container with that name whose ownership labels do not match the registry
    Owned,        // the cell's container
    Unavailable,  // the runtime did not answer (no CLI, no engine)
  };
  Kind kind = Kind::Unavailable;
  std::string id;
  std::string state;   // running, exited, created, ... ("unknown" unless Owned)
  nlohmann::json raw;  // the inspect object (Owned or Foreign)
  std::string error;   // why the runtime was unavailable
};

// Interprets `container inspect <name>` output for the cell (tenant, cellId).
Inspection interpretInspect(const RuntimeOutput& output, const std::string& tenant,
                            const std::string& cellId);

}  // namespace openclaw::fleet
