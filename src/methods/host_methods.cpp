#include "methods/host_methods.h"

#include <unistd.h>

#include "core/clock.h"
#include "core/host_facts.h"
#include "core/network.h"
#include "methods/agent_method_support.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::methods {
namespace {

using nlohmann::json;

// upstream's SystemInfoResult from the machine's figures. `nodeVersion` is required there and
// names the Node.js runtime; this gateway has none, so it is empty.
json systemInfo(const core::HostFacts& host, const ProcessFacts& facts,
                const config::GatewaySettings& settings) {
  const std::string hostname = core::hostName();
  json info = {{"machineName", hostname},
               {"hostname", hostname},
               {"platform", "linux"},
               {"release", host.release},
               {"arch", host.arch},
               {"osLabel", host.osName + " " + host.release},
               {"port", settings.port},
               {"nodeVersion", ""},
               {"pid", static_cast<std::int64_t>(::getpid())},
               {"processInstanceId", facts.instanceId},
               {"uptimeMs", core::monotonicMs() - facts.startedAtMonotonicMs},
               {"cpuCount", host.cpuCount},
               {"memoryTotalBytes", host.memoryTotalBytes},
               {"memoryFreeBytes", host.memoryAvailableBytes},
               {"defaultAgentUtilityModel", {{"status", "unavailable"}}}};
  if (!facts.lanAddress.empty()) info["lanAddress"] = facts.lanAddress;
  if (host.cpuModel) info["cpuModel"] = *host.cpuModel;
  const auto& load = host.loadAverage;
  if (load[0] != 0 || load[1] != 0 || load[2] != 0) info["loadAverage"] = load;
  if (host.diskTotalBytes) {
    info["diskTotalBytes"] = *host.diskTotalBytes;
    info["diskAvailableBytes"] = host.diskAvailableBytes.value_or(0);
    info["diskPath"] = settings.paths.stateDir.string();
  }
  return info;
}

boost::asio::awaitable<json> readSystemInfo(rpc::GatewayRuntime& runtime,
                                            const ProcessFacts& facts) {
  const std::filesystem::path stateDir = runtime.settings.paths.stateDir;
  const core::HostFacts host =
      co_await rpc::onPool(runtime.blocking, [&stateDir] { return core::readHostFacts(stateDir); });
  co_return systemInfo(host, facts, runtime.settings);
}

}  // namespace

void registerHostMethods(rpc::MethodRegistry& registry, rpc::GatewayRuntime& runtime,
                         const ProcessFacts& facts) {
  registry.add(
      {.name = "system.info",
       .scope = protocol::scopes::kRead,
       .paramsSchema = "SystemInfoParams",
       .handler = [&runtime, &facts](const rpc::MethodCall&, const rpc::Responder& respond) {
         answerFrom(runtime, respond, readSystemInfo(runtime, facts));
       }});
  registry.add({.name = "update.status",
                .scope = protocol::scopes::kAdmin,
                .paramsSchema = "UpdateStatusParams",
                .handler = [](const rpc::MethodCall&, const rpc::Responder& respond) {
                  respond.ok({{"sentinel", nullptr}, {"updateAvailable", nullptr}});
                }});
}

}  // namespace openclaw::methods
