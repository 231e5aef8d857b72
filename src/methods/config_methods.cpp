#include "methods/config_methods.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <memory>

#include "config/config_redaction.h"
#include "config/config_schema.h"
#include "config/reload_plan.h"
#include "core/clock.h"
#include "core/logging.h"
#include "methods/config_write.h"
#include "protocol/scopes.h"
#include "rpc/storage_await.h"

namespace openclaw::methods {
namespace {

using nlohmann::json;
using protocol::GatewayError;

struct ConfigServices {
  rpc::GatewayRuntime& runtime;
  ConfigControl control;
  std::filesystem::path path;
};

std::shared_ptr<spdlog::logger> log() { return core::logger("config"); }

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

json hashOrNull(const std::string& hash) { return hash.empty() ? json(nullptr) : json(hash); }

// Upstream's config snapshot with every secret replaced by kRedactedValue. raw is null when the
// secrets cannot be taken out of the text safely (the Control UI then edits the form only).
json snapshotPayload(const std::filesystem::path& path, const StoredConfig& stored,
                     const std::string& appliedHash) {
  const bool parsed = stored.parsed.is_object();
  const json redacted = parsed ? config::redactConfig(stored.parsed) : json::object();
  json raw = nullptr;
  if (!stored.exists) {
    raw = "";
  } else if (parsed) {
    if (auto text = config::redactConfigText(stored.raw, stored.parsed)) raw = *text;
  }
  return {{"path", path.string()},
          {"exists", stored.exists},
          {"raw", raw},
          {"hash", hashOrNull(stored.hash)},
          {"configRevisionHash", hashOrNull(stored.hash)},
          {"appliedConfigHash", hashOrNull(appliedHash)},
          {"parsed", parsed ? redacted : json(nullptr)},
          {"sourceConfig", redacted},
          {"resolved", redacted},
          {"config", redacted},
          {"valid", stored.issues.empty()},
          {"issues", stored.issues},
          {"warnings", json::array()},
          {"legacyIssues", json::array()}};
}

// Runs `work` on the event loop; a failure it throws (the disk) is logged and answered as
// UNAVAILABLE.
void spawnAnswer(ConfigServices& services, const rpc::Responder& respond,
                 boost::asio::awaitable<void> work) {
  boost::asio::co_spawn(
      services.runtime.io, std::move(work), [respond](const std::exception_ptr& failure) {
        if (!failure) return;
        try {
          std::rethrow_exception(failure);
        } catch (const std::exception& error) {
          log()->error("config method failed: {}", error.what());
        }
        respond.fail(GatewayError::unavailable(
            "config file access failed; the gateway log has the reason", std::nullopt));
      });
}

boost::asio::awaitable<void> getConfig(ConfigServices& services, rpc::Responder respond) {
  const auto& path = services.path;
  const ConfigResolver& resolve = services.control.resolve;
  const StoredConfig stored =
      co_await rpc::onStorage(services.runtime, [&] { return readStoredConfig(path, resolve); });
  respond.ok(snapshotPayload(path, stored, services.runtime.settings.configHash));
}

// What the running gateway does with a written config, for the answer: keys applied live, and
// whether a restart is needed, and scheduled.
json reloadOutcome(const config::ReloadPlan& plan, config::ReloadAction action) {
  std::vector<std::string> pending = plan.restart;
  std::vector<std::string> applied;
  if (action == config::ReloadAction::Hot) applied = plan.hot;
  if (action == config::ReloadAction::None)
    pending.insert(pending.end(), plan.hot.begin(), plan.hot.end());
  if (action == config::ReloadAction::Restart && pending.empty()) pending = plan.hot;
  return {{"hotApplied", applied},
          {"restart",
           {{"required", !pending.empty()},
            {"scheduled", action == config::ReloadAction::Restart},
            {"keys", pending}}}};
}

boost::asio::awaitable<void> writeAndApply(ConfigServices& services, rpc::Responder respond,
                                           std::string method, ConfigWriteRequest request) {
  const auto& path = services.path;
  const ConfigResolver& resolve = services.control.resolve;
  auto written = co_await rpc::onStorage(services.runtime,
                                         [&] { return writeConfig(path, request, resolve); });
  if (!written) {
    respond.fail(written.error());
    co_return;
  }
  const bool explicitApply = method == "config.apply";
  const config::ReloadPlan plan = config::planReload(services.runtime.settings, written->next);
  const config::ReloadAction action =
      config::reloadAction(plan, written->next.reloadMode, explicitApply);
  if (!written->noop) {
    log()->info(
        "{} wrote {}; changed: {}", method, path.string(),
        written->changedPaths.empty() ? "(formatting only)" : joined(written->changedPaths));
  }
  json result = {{"ok", true},
                 {"path", path.string()},
                 {"hash", written->hash},
                 {"config", config::redactConfig(written->config)},
                 {"changedPaths", written->changedPaths}};
  if (request.patch) result["noop"] = written->noop;
  result.update(reloadOutcome(plan, action));
  respond.ok(result);
  // After the answer: a restart closes this connection.
  if (services.control.commit && !written->noop) {
    services.control.commit(std::move(written->next), explicitApply);
  }
}

ConfigWriteRequest writeRequest(const rpc::MethodCall& call) {
  ConfigWriteRequest request;
  request.patch = call.method == "config.patch";
  request.raw = std::move(call.params.at("raw").get_ref<std::string&>());
  if (call.params.contains("baseHash")) request.baseHash = call.params.at("baseHash");
  if (call.params.contains("replacePaths")) request.replacePaths = call.params.at("replacePaths");
  return request;
}

void handleWrite(ConfigServices& services, const rpc::MethodCall& call,
                 const rpc::Responder& respond) {
  const std::size_t size = call.params.at("raw").get_ref<const std::string&>().size();
  if (size > kMaxConfigBytes) {
    respond.fail(GatewayError::invalidRequest("raw is " + std::to_string(size) +
                                              " bytes; a config may be at most " +
                                              std::to_string(kMaxConfigBytes)));
    return;
  }
  spawnAnswer(services, respond, writeAndApply(services, respond, call.method, writeRequest(call)));
}

json schemaPayload() {
  static const std::string generatedAt = core::isoTimeUtc(core::nowMs());
  return {{"schema", config::configSchema()},
          {"uiHints", config::configUiHints()},
          {"version", OPENCLAW_VERSION},
          {"generatedAt", generatedAt}};
}

}  // namespace

void registerConfigMethods(rpc::MethodRegistry& registry, rpc::GatewayRuntime& runtime,
                           ConfigControl control) {
  // Shared by the handlers, which outlive this call (the registry keeps them).
  auto services = std::make_shared<ConfigServices>(
      ConfigServices{runtime, std::move(control), runtime.settings.paths.configPath});
  registry.add({.name = "config.get",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "ConfigGetParams",
                .handler = [services](const rpc::MethodCall&, const rpc::Responder& respond) {
                  spawnAnswer(*services, respond, getConfig(*services, respond));
                }});
  registry.add({.name = "config.schema",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "ConfigSchemaParams",
                .handler = [](const rpc::MethodCall&, const rpc::Responder& respond) {
                  respond.ok(schemaPayload());
                }});
  for (const auto& [name, schema] :
       {std::pair{"config.set", "ConfigSetParams"}, std::pair{"config.patch", "ConfigPatchParams"},
        std::pair{"config.apply", "ConfigApplyParams"}}) {
    registry.add(
        {.name = name,
         .scope = protocol::scopes::kAdmin,
         .paramsSchema = schema,
         .sideEffects = true,
         .handler = [services](const rpc::MethodCall& call, const rpc::Responder& respond) {
           handleWrite(*services, call, respond);
         }});
  }
}

}  // namespace openclaw::methods
