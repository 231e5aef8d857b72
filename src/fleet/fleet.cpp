#include "fleet/fleet.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <stdexcept>

#include "core/files.h"
#include "core/process_runner.h"
#include "core/random_ids.h"
#include "fleet/health_probe.h"
#include "fleet/tenant.h"
#include "fleet/token_redactor.h"

namespace openclaw::fleet {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

constexpr seconds kCreateTimeout{300};  // may pull the image
constexpr seconds kStopTimeout{90};     // the runtime's own grace period is 10 s
constexpr unsigned kImageUid = 1000;

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Whether nothing listens on 127.0.0.1:port right now (a bind succeeds).
bool loopbackPortFree(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool free = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return free;
}

std::vector<std::string> runtimeArgv(Runtime runtime, std::initializer_list<std::string> args) {
  std::vector<std::string> argv{runtimeName(runtime)};
  argv.insert(argv.end(), args);
  return argv;
}

RuntimeOutput runOrThrow(const std::vector<std::string>& argv, seconds timeout,
                         const std::string& what) {
  RuntimeOutput output = runRuntime(argv, timeout);
  if (!output.ok()) throw std::runtime_error(what + ": " + output.reason());
  return output;
}

// The engine answers: docker's server version, podman's host facts.
RuntimeOutput probeEngine(Runtime runtime) {
  return runRuntime(runtime == Runtime::Docker
                        ? runtimeArgv(runtime, {"version", "--format", "{{.Server.Version}}"})
                        : runtimeArgv(runtime, {"info", "--format", "{{.Host.Arch}}"}),
                    seconds(30));
}

bool labelsMatch(const nlohmann::json& object, const CellRecord& record) {
  for (const char* key : {"Labels", "labels"}) {
    const auto labels = object.find(key);
    if (labels == object.end() || !labels->is_object()) continue;
    return labels->value(kTenantLabel, "") == record.tenant &&
           labels->value(kCellIdLabel, "") == record.cellId;
  }
  return false;
}

// The container's "KEY=VALUE" environment (Config.Env of an inspect object).
std::vector<std::string> inspectedEnvironment(const nlohmann::json& raw) {
  std::vector<std::string> environment;
  const nlohmann::json env = raw.value("/Config/Env"_json_pointer, nlohmann::json());
  for (const nlohmann::json& entry : env.is_array() ? env : nlohmann::json::array()) {
    if (entry.is_string()) environment.push_back(entry.get<std::string>());
  }
  return environment;
}

// The tenant's --env entries of an inspected cell container, named by its env-keys label.
std::vector<EnvEntry> tenantEnvironment(const nlohmann::json& raw) {
  const nlohmann::json labels = raw.value("/Config/Labels"_json_pointer, nlohmann::json());
  const std::string keys = labels.is_object() ? labels.value(kEnvKeysLabel, "") : "";
  const std::vector<std::string> environment = inspectedEnvironment(raw);
  std::vector<EnvEntry> entries;
  std::size_t start = 0;
  while (start < keys.size()) {
    const std::size_t comma = std::min(keys.find(',', start), keys.size());
    const std::string key = keys.substr(start, comma - start);
    entries.push_back(parseEnvAssignment(key + "=" + envValue(environment, key)));
    start = comma + 1;
  }
  return entries;
}

}  // namespace

Fleet::Fleet(const fs::path& stateDir, config::EnvLookup env, std::chrono::milliseconds healthLimit)
    : paths_(fleetPaths(stateDir)),
      env_(std::move(env)),
      healthLimit_(healthLimit),
      registry_(paths_.registry) {}

void Fleet::checkLocalRuntime(Runtime runtime) {
  std::optional<std::string> contextHost;
  if (runtime == Runtime::Docker) {
    const RuntimeOutput context = runRuntime(
        runtimeArgv(runtime, {"context", "inspect", "--format", "{{.Endpoints.docker.Host}}"}),
        seconds(15));
    if (context.ok()) contextHost = context.out.substr(0, context.out.find('\n'));
  }
  if (const auto reason = remoteRuntimeReason(runtime, env_, contextHost)) {
    throw std::invalid_argument("remote container runtimes are not supported: " + *reason);
  }
}

void Fleet::checkEngine(Runtime runtime) {
  const RuntimeOutput engine = probeEngine(runtime);
  if (engine.ok()) return;
  std::string message = runtimeName(runtime) + " does not work here: " + engine.reason();
  const Runtime other = runtime == Runtime::Docker ? Runtime::Podman : Runtime::Docker;
  if (probeEngine(other).ok()) {
    message += "\n" + runtimeName(other) + " works on this host: pass --runtime " +
               runtimeName(other) + " to use it (fleet does not switch runtimes on its own)";
  }
  throw std::runtime_error(message);
}

CellSpec Fleet::specFor(const CellRecord& record) const {
  CellSpec spec{.tenant = record.tenant,
                .cellId = record.cellId,
                .runtime = record.runtime,
                .image = record.image,
                .port = record.port,
                .memory = record.memory,
                .cpus = record.cpus,
                .disk = record.disk,
                .network = record.network,
                .pidsLimit = record.pidsLimit,
                .dataDir = paths_.cellDir(record.tenant),
                .selinux = selinuxEnabled(),
                .user = UserMapping::ImageUser,
                .hostUid = ::geteuid(),
                .hostGid = ::getegid(),
                .envKeys = {}};
  if (spec.hostUid != 0) {
    spec.user = spec.runtime == Runtime::Podman ? UserMapping::KeepId : UserMapping::HostUser;
  }
  return spec;
}

std::string Fleet::createContainer(const CellSpec& spec, const std::string& token,
                                   const std::vector<EnvEntry>& env) {
  std::vector<EnvEntry> environment = managedEnvironment(token);
  environment.insert(environment.end(), env.begin(), env.end());
  const EnvFile envFile(paths_.tmp, environment);
  const std::string id = runOrThrow(containerCreateArgv(spec, envFile.path()), kCreateTimeout,
                                    "cannot create container " + cellName(spec.tenant))
                             .out;
  return id.substr(0, id.find_first_of("\r\n"));
}

CreateResult Fleet::create(const CreateRequest& request) {
  validateTenantId(request.tenant);
  if (request.gatewayToken) validateGatewayToken(*request.gatewayToken);
  CellRecord record{.tenant = request.tenant,
                    .cellId = core::randomHex(16),
                    .runtime = request.runtime,
                    .image = request.image,
                    .port = request.port.value_or(kFirstCellPort),
                    .memory = request.memory,
                    .cpus = request.cpus,
                    .disk = request.disk,
                    .network = request.network,
                    .pidsLimit = request.pidsLimit,
                    .createdAtMs = nowMs()};
  validateSpec(specFor(record));
  if (registry_.find(request.tenant)) {
    throw std::invalid_argument("tenant " + request.tenant + " already has a cell (`fleet status " +
                                request.tenant + "`)");
  }
  checkLocalRuntime(record.runtime);
  checkEngine(record.runtime);
  record.port = allocatePort(registry_.usedPorts(), request.port, loopbackPortFree);
  CellSpec spec = specFor(record);
  for (const EnvEntry& entry : request.env) spec.envKeys.push_back(entry.key);
  registry_.insert(record);  // reserves the tenant and the port

  CreateResult result{.record = record,
                      .container = cellName(spec.tenant),
                      .token = request.gatewayToken.value_or(core::randomHex(16)),
                      .url = "http://127.0.0.1:" + std::to_string(spec.port),
                      .started = false,
                      .healthy = false};
  bool networkCreated = false;
  std::string containerId;
  try {
    prepareCellDir(spec.dataDir, spec.port);
    if (spec.user == UserMapping::ImageUser) chownTree(spec.dataDir, kImageUid, kImageUid);
    runOrThrow(networkCreateArgv(spec), seconds(60), "cannot create network " + result.container);
    networkCreated = true;
    containerId = createContainer(spec, result.token, request.env);
  } catch (...) {
    // Nothing half-made stays behind; the data dir does (it may hold a kept cell's data).
    if (networkCreated) {
      runRuntime(runtimeArgv(spec.runtime, {"network", "rm", result.container}));
    }
    registry_.remove(spec.tenant);
    throw;
  }
  if (!request.start) return result;
  runOrThrow(runtimeArgv(spec.runtime, {"start", containerId}), seconds(60),
             "cell " + spec.tenant + " was created but did not start");
  result.started = true;
  result.healthy = waitHealthy(spec.port, healthLimit_);
  return result;
}

CellRecord Fleet::requireRecord(const std::string& tenant) {
  validateTenantId(tenant);
  auto record = registry_.find(tenant);
  if (!record) throw std::invalid_argument("no cell for tenant " + tenant + " (`fleet list`)");
  return *record;
}

Inspection Fleet::inspect(const CellRecord& record) {
  return interpretInspect(
      runRuntime(runtimeArgv(record.runtime, {"container", "inspect", cellName(record.tenant)}),
                 seconds(30)),
      record.tenant, record.cellId);
}

Inspection Fleet::requireOwned(const CellRecord& record) {
  Inspection inspection = inspect(record);
  const std::string name = cellName(record.tenant);
  switch (inspection.kind) {
    case Inspection::Kind::Owned:
      return inspection;
    case Inspection::Kind::Missing:
      throw std::runtime_error("container " + name + " does not exist (removed outside fleet?)");
    case Inspection::Kind::Foreign:
      throw std::runtime_error("container " + name +
                               " is not this registry's cell (its fleet labels differ): "
                               "inspect it by hand; fleet leaves it alone");
    case Inspection::Kind::Unavailable:
      break;
  }
  throw std::runtime_error(runtimeName(record.runtime) + " is unavailable: " + inspection.error);
}

std::vector<CellStatus> Fleet::list() {
  std::vector<CellStatus> cells;
  for (CellRecord& record : registry_.all()) {
    CellStatus status{.record = record, .inspection = inspect(record), .health = "skipped"};
    cells.push_back(std::move(status));
  }
  return cells;
}

CellStatus Fleet::status(const std::string& tenant) {
  CellStatus status{.record = requireRecord(tenant), .inspection = {}, .health = "skipped"};
  status.inspection = inspect(status.record);
  if (status.inspection.kind == Inspection::Kind::Owned && status.inspection.state == "running") {
    status.health = healthzOk(status.record.port, std::chrono::seconds(3)) ? "ok" : "failed";
  }
  return status;
}

void Fleet::start(const std::string& tenant) {
  const CellRecord record = requireRecord(tenant);
  runOrThrow(runtimeArgv(record.runtime, {"start", requireOwned(record).id}), seconds(60),
             "cannot start cell " + tenant);
}

void Fleet::stop(const std::string& tenant) {
  const CellRecord record = requireRecord(tenant);
  runOrThrow(runtimeArgv(record.runtime, {"stop", requireOwned(record).id}), kStopTimeout,
             "cannot stop cell " + tenant);
}

void Fleet::restart(const std::string& tenant) {
  const CellRecord record = requireRecord(tenant);
  runOrThrow(runtimeArgv(record.runtime, {"restart", requireOwned(record).id}), kStopTimeout,
             "cannot restart cell " + tenant);
}

int Fleet::logs(const std::string& tenant, const LogOptions& options, std::ostream& out,
                const std::atomic<bool>& stop) {
  const CellRecord record = requireRecord(tenant);
  const Inspection inspection = requireOwned(record);
  TokenRedactor redactor(envValue(inspectedEnvironment(inspection.raw), "OPENCLAW_GATEWAY_TOKEN"));

  core::ProcessSpec spec;
  spec.argv = runtimeArgv(record.runtime, {"logs"});
  if (options.follow) spec.argv.emplace_back("--follow");
  if (options.timestamps) spec.argv.emplace_back("--timestamps");
  if (options.tail) spec.argv.insert(spec.argv.end(), {"--tail", std::to_string(*options.tail)});
  if (options.since) spec.argv.insert(spec.argv.end(), {"--since", *options.since});
  spec.argv.push_back(inspection.id);

  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe");
  int child = -1;
  try {
    child = core::startProcessGroup(spec, pipeFds[1]);
  } catch (...) {
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
    throw;
  }
  ::close(pipeFds[1]);
  char buffer[16 * 1024];
  while (!stop.load()) {
    pollfd entry{.fd = pipeFds[0], .events = POLLIN, .revents = 0};
    if (::poll(&entry, 1, 200) <= 0) continue;
    const ssize_t n = ::read(pipeFds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    out << redactor.feed(std::string_view(buffer, static_cast<std::size_t>(n))) << std::flush;
  }
  out << redactor.finish() << std::flush;
  ::close(pipeFds[0]);
  if (stop.load()) ::kill(-child, SIGTERM);
  int waitStatus = 0;
  ::waitpid(child, &waitStatus, 0);
  if (stop.load()) return 0;
  return WIFEXITED(waitStatus) ? WEXITSTATUS(waitStatus) : 1;
}

void Fleet::removeNetwork(const CellRecord& record, Removal& removal) {
  const std::string name = cellName(record.tenant);
  const RuntimeOutput network =
      runRuntime(runtimeArgv(record.runtime, {"network", "inspect", name}), seconds(30));
  if (!network.ok()) return;  // gone already (or never made)
  const nlohmann::json parsed = nlohmann::json::parse(network.out, nullptr, false);
  if (!parsed.is_array() || parsed.empty() || !labelsMatch(parsed.front(), record)) {
    throw std::runtime_error("network " + name +
                             " is not this registry's cell network (its fleet labels differ): "
                             "fleet leaves it alone");
  }
  runOrThrow(runtimeArgv(record.runtime, {"network", "rm", name}), seconds(60),
             "cannot remove network " + name);
  removal.networkRemoved = true;
}

std::vector<Fleet::Audit> Fleet::doctor(const std::optional<std::string>& tenant) {
  std::vector<CellRecord> records;
  if (tenant) {
    records.push_back(requireRecord(*tenant));
  } else {
    records = registry_.all();
  }
  std::vector<Audit> audits;
  for (const CellRecord& record : records) {
    const CellStatus cell = status(record.tenant);
    const fs::path dir = paths_.cellDir(record.tenant);
    CellFacts facts{.health = cell.health, .dataDirProblem = ""};
    std::error_code error;
    if (!fs::is_directory(fs::symlink_status(dir, error))) {
      facts.dataDirProblem = dir.string() + " is missing or not a directory";
    } else if (const auto open = core::openPermissions(dir)) {
      facts.dataDirProblem = dir.string() + " has mode " + core::modeText(*open);
    }
    audits.push_back({record.tenant, auditCell(record, cell.inspection, facts)});
  }
  return audits;
}

Fleet::Removal Fleet::remove(const std::string& tenant, bool force, bool purgeData) {
  validateTenantId(tenant);
  if (purgeData && !force) {
    throw std::invalid_argument(
        "--purge-data deletes the tenant's data for good: it needs "
        "--force as well");
  }
  Removal removal;
  removal.dataDir = paths_.cellDir(tenant);
  const auto record = registry_.find(tenant);
  if (record) {
    removal.hadRecord = true;
    const Inspection inspection = inspect(*record);
    if (inspection.kind == Inspection::Kind::Unavailable) {
      throw std::runtime_error(
          runtimeName(record->runtime) +
          " is unavailable, so the container cannot be checked: " + inspection.error);
    }
    if (inspection.kind == Inspection::Kind::Foreign) {
      throw std::runtime_error("container " + cellName(tenant) +
                               " is not this registry's cell (its fleet labels differ): "
                               "inspect it by hand; fleet leaves it alone");
    }
    if (inspection.kind == Inspection::Kind::Owned) {
      if (inspection.state == "running" && !force) {
        throw std::invalid_argument("cell " + tenant +
                                    " is running: stop it first or pass --force");
      }
      runOrThrow(runtimeArgv(record->runtime, {"rm", "--force", inspection.id}), kStopTimeout,
                 "cannot remove container " + cellName(tenant));
      removal.containerRemoved = true;
    }
    removeNetwork(*record, removal);
    registry_.remove(tenant);
  } else if (!purgeData) {
    throw std::invalid_argument("no cell for tenant " + tenant + " (`fleet list`)");
  }
  if (purgeData) {
    if (const auto target = purgeTarget(paths_, tenant)) {
      fs::remove_all(*target);
      removal.dataPurged = true;
    }
  }
  return removal;
}

std::string Fleet::upgrade(const std::string& tenant, const std::optional<std::string>& image) {
  const CellRecord record = requireRecord(tenant);
  CellSpec spec = specFor(record);
  if (image) spec.image = *image;
  validateSpec(spec);
  checkLocalRuntime(record.runtime);
  const Inspection old = requireOwned(record);
  const std::string token = envValue(inspectedEnvironment(old.raw), "OPENCLAW_GATEWAY_TOKEN");
  if (token.empty()) {
    throw std::runtime_error("container " + cellName(tenant) +
                             " has no OPENCLAW_GATEWAY_TOKEN in its environment: refusing to "
                             "replace it (the cell's token would be lost)");
  }
  const std::vector<EnvEntry> env = tenantEnvironment(old.raw);
  for (const EnvEntry& entry : env) spec.envKeys.push_back(entry.key);

  const std::string previousName = cellName(tenant) + "-previous";
  runOrThrow(runtimeArgv(record.runtime, {"stop", old.id}), kStopTimeout,
             "cannot stop cell " + tenant);
  if (const RuntimeOutput renamed =
          runRuntime(runtimeArgv(record.runtime, {"rename", old.id, previousName}));
      !renamed.ok()) {
    runRuntime(runtimeArgv(record.runtime, {"start", old.id}));
    throw std::runtime_error("cannot set the old container of " + tenant +
                             " aside (it was started again): " + renamed.reason());
  }
  std::string newId;
  std::string failure;
  try {
    newId = createContainer(spec, token, env);
    runOrThrow(runtimeArgv(record.runtime, {"start", newId}), seconds(60),
               "the new container did not start");
    if (!waitHealthy(record.port, healthLimit_)) failure = "it did not answer /healthz in time";
  } catch (const std::exception& error) {
    failure = error.what();
  }
  if (failure.empty()) {
    runRuntime(runtimeArgv(record.runtime, {"rm", "--force", old.id}), kStopTimeout);
    registry_.setImage(tenant, spec.image);
    return spec.image;
  }
  // Roll back: the old container gets its name back and runs again.
  if (!newId.empty()) runRuntime(runtimeArgv(record.runtime, {"rm", "--force", newId}));
  const RuntimeOutput renamed =
      runRuntime(runtimeArgv(record.runtime, {"rename", old.id, cellName(tenant)}));
  const RuntimeOutput started = runRuntime(runtimeArgv(record.runtime, {"start", old.id}));
  throw std::runtime_error(
      "upgrade of " + tenant + " to " + spec.image + " failed: " + failure +
      (renamed.ok() && started.ok()
           ? "; the previous container was restored and started"
           : "; restoring the previous container failed too (" +
                 (renamed.ok() ? started.reason() : renamed.reason()) + "): it is " +
                 (renamed.ok() ? cellName(tenant) : previousName) + ", id " + old.id));
}

}  // namespace openclaw::fleet
