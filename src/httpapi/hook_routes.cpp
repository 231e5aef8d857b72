#include "httpapi/hook_routes.h"

#include <algorithm>
#include <memory>

#include "channels/channel_registry.h"
#include "core/bounded_json.h"
#include "core/clock.h"
#include "core/logging.h"
#include "core/text.h"
#include "httpapi/hook_dispatch.h"
#include "httpapi/hook_gate.h"
#include "httpapi/hook_mapping.h"
#include "httpapi/hook_policy.h"
#include "httpapi/http_errors.h"
#include "httpapi/query_string.h"
#include "sessions/session_keys.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

rpc::HttpResponse failed(unsigned status, const std::string& error) {
  return rpc::HttpResponse::json(status, json{{"ok", false}, {"error", error}}.dump());
}

rpc::HttpResponse badRequest(const std::string& error) { return failed(400, error); }

std::vector<std::string> channelIds() {
  std::vector<std::string> ids;
  for (const auto& [id, factory] : channels::builtinChannels()) ids.push_back(id);
  return ids;
}

// The request body as upstream reads a hook body: empty is {}, anything but an object reads as
// an empty object; the error for a body that is not JSON.
HookChecked<json> hookPayload(const std::string& body) {
  if (core::trimmed(body).empty()) return json::object();
  core::BoundedJson parsed = core::parseBoundedJson(body);
  if (parsed.status == core::JsonParseStatus::kTooDeep) {
    return HookError{"request body is " + core::tooDeepReason()};
  }
  if (!parsed.ok()) return HookError{"request body is not valid JSON"};
  return parsed.value.is_object() ? std::move(parsed.value) : json::object();
}

// Serves one hooks.path. Event-loop thread; lives as long as the router's handlers.
class HookRoutes {
 public:
  HookRoutes(const config::GatewaySettings& settings, runs::RunManager& runs,
             channels::ChannelManager& channels, automation::Waker& waker,
             std::function<bool()> draining)
      : settings_(settings),
        hooks_(settings.hooks),
        basePath_(settings.hooks.path),
        gate_(settings.hooks),
        dispatcher_(runs, channels, waker),
        channelIds_(channelIds()),
        draining_(std::move(draining)) {}

  void post(const rpc::HttpRequest& request, const rpc::HttpRouter::Respond& respond);
  // Any other method: 405 with Allow: POST while hooks are enabled.
  rpc::HttpResponse otherMethod() const;

 private:
  // 404/503/400/401/429 before the body is looked at; nullopt when the request may go on.
  std::optional<rpc::HttpResponse> refusal(const rpc::HttpRequest& request);
  void wake(const json& payload, const rpc::HttpRouter::Respond& respond);
  void agent(const json& payload, const rpc::HttpRouter::Respond& respond);
  void mapped(const HookTemplateContext& context, const rpc::HttpRouter::Respond& respond);
  // Queues (and with `now` runs) a wake for the agent; the answer.
  rpc::HttpResponse dispatchWake(const HookWake& wake, HookKeySource source);
  // Checks the session policy and starts the run; answers through `respond`.
  void dispatchAgent(const HookAgent& agent, HookKeySource source, bool waitForCompletion,
                     bool fromRequest, const rpc::HttpRouter::Respond& respond);

  const config::GatewaySettings& settings_;
  const config::HookSettings& hooks_;
  const std::string basePath_;
  HookGate gate_;
  HookDispatcher dispatcher_;
  const std::vector<std::string> channelIds_;
  std::function<bool()> draining_;
};

std::optional<rpc::HttpResponse> HookRoutes::refusal(const rpc::HttpRequest& request) {
  if (!hooks_.enabled) return plainText(404, "Not Found");
  if (draining_()) return shuttingDown();
  if (queryParameters(request.query).contains("token")) {
    return plainText(400,
                     "Hook token must be provided via Authorization: Bearer <token> or "
                     "X-OpenClaw-Token header (query parameters are not allowed).");
  }
  return std::nullopt;
}

rpc::HttpResponse HookRoutes::otherMethod() const {
  if (!hooks_.enabled) return plainText(404, "Not Found");
  rpc::HttpResponse response = plainText(405, "Method Not Allowed");
  response.headers.emplace_back("Allow", "POST");
  return response;
}

void HookRoutes::post(const rpc::HttpRequest& request, const rpc::HttpRouter::Respond& respond) {
  if (auto refused = refusal(request)) return respond(std::move(*refused));
  if (auto refused = gate_.admit(request)) return respond(std::move(*refused));
  std::string subPath = request.path.substr(basePath_.size());
  subPath.erase(0, subPath.find_first_not_of('/'));
  if (subPath.empty()) return respond(plainText(404, "Not Found"));
  if (request.body.size() > config::kHookBodyLimit) {
    return respond(failed(413, "payload too large"));
  }
  HookChecked<json> payload = hookPayload(request.body);
  if (auto* error = std::get_if<HookError>(&payload)) return respond(badRequest(error->message));
  const json& body = std::get<json>(payload);
  if (subPath == "wake") return wake(body, respond);
  if (subPath == "agent") return agent(body, respond);
  HookTemplateContext context;
  context.payload = body;
  context.headers = request.headers;
  context.query = queryParameters(request.query);
  context.path = subPath;
  context.now = core::isoTimeUtc(core::nowMs());
  mapped(context, respond);
}

void HookRoutes::wake(const json& payload, const rpc::HttpRouter::Respond& respond) {
  HookChecked<HookWake> wake = wakeFromPayload(payload);
  if (auto* error = std::get_if<HookError>(&wake)) return respond(badRequest(error->message));
  respond(dispatchWake(std::get<HookWake>(wake), HookKeySource::Request));
}

rpc::HttpResponse HookRoutes::dispatchWake(const HookWake& wake, HookKeySource source) {
  const bool fromRequest = source == HookKeySource::Request;
  HookChecked<std::string> agentId =
      hookTargetAgent(hooks_, settings_.agents, wake.agentId, fromRequest);
  if (auto* error = std::get_if<HookError>(&agentId)) return badRequest(error->message);
  const std::string& target = std::get<std::string>(agentId);
  std::string sessionKey = sessions::mainSessionKey(target);
  if (!wake.sessionKey.empty()) {
    HookChecked<std::string> key = hookSessionKey(hooks_, wake.sessionKey, source);
    if (auto* error = std::get_if<HookError>(&key)) return badRequest(error->message);
    HookChecked<std::string> dispatched =
        hookDispatchKey(hooks_, std::get<std::string>(key), target);
    if (auto* error = std::get_if<HookError>(&dispatched)) return badRequest(error->message);
    sessionKey = sessions::canonicalSessionKey(std::get<std::string>(dispatched), target)
                     .value_or(sessionKey);
  }
  const bool queued = dispatcher_.wake(target, sessionKey, wake.text, wake.now);
  return rpc::HttpResponse::json(200, json{{"ok", true},
                                           {"mode", wake.now ? "now" : "next-heartbeat"},
                                           {"eventOutcome", queued ? "queued" : "coalesced"}}
                                          .dump());
}

void HookRoutes::agent(const json& payload, const rpc::HttpRouter::Respond& respond) {
  const json wait = payload.value("waitForCompletion", json());
  if (!wait.is_null() && !wait.is_boolean()) {
    return respond(badRequest("waitForCompletion must be boolean"));
  }
  HookChecked<HookAgent> agent = agentFromPayload(payload, channelIds_);
  if (auto* error = std::get_if<HookError>(&agent)) return respond(badRequest(error->message));
  dispatchAgent(std::get<HookAgent>(agent), HookKeySource::Request, wait == json(true), true,
                respond);
}

void HookRoutes::dispatchAgent(const HookAgent& agent, HookKeySource source, bool waitForCompletion,
                               bool fromRequest, const rpc::HttpRouter::Respond& respond) {
  HookChecked<std::string> agentId =
      hookTargetAgent(hooks_, settings_.agents, agent.agentId, fromRequest);
  if (auto* error = std::get_if<HookError>(&agentId)) return respond(badRequest(error->message));
  const std::string& target = std::get<std::string>(agentId);
  if (agent.persistent && agent.sessionKey.empty()) {
    if (fromRequest)
      return respond(badRequest("sessionKey is required when sessionMode is persistent"));
    if (hooks_.defaultSessionKey.empty()) {
      return respond(
          badRequest("sessionKey or hooks.defaultSessionKey is required when mapped "
                     "hook sessionMode is persistent"));
    }
  }
  HookChecked<std::string> key = hookSessionKey(hooks_, agent.sessionKey, source);
  if (auto* error = std::get_if<HookError>(&key)) return respond(badRequest(error->message));
  if (fromRequest && agent.persistent && !hooks_.allowedSessionKeyPrefixes) {
    return respond(badRequest(
        "hooks.allowedSessionKeyPrefixes is required when direct hook sessionMode is persistent"));
  }
  HookChecked<std::string> dispatched = hookDispatchKey(hooks_, std::get<std::string>(key), target);
  if (auto* error = std::get_if<HookError>(&dispatched)) return respond(badRequest(error->message));
  if (agent.deliver && agent.channel != "last" && !agent.to.empty() &&
      dispatcher_.channels().find(agent.channel) == nullptr) {
    return respond(badRequest("channel " + agent.channel + " is not configured"));
  }
  const bool fresh = agent.sessionKey.empty() && hooks_.defaultSessionKey.empty();
  dispatcher_.agent(agent, {target, std::get<std::string>(dispatched), fresh}, waitForCompletion,
                    respond);
}

void HookRoutes::mapped(const HookTemplateContext& context,
                        const rpc::HttpRouter::Respond& respond) {
  auto outcome = applyHookMappings(hooks_.mappings, context);
  if (!outcome) return respond(plainText(404, "Not Found"));
  if (auto* error = std::get_if<HookError>(&*outcome)) return respond(badRequest(error->message));
  const HookMapped& mapping = std::get<HookMapped>(*outcome);
  const HookKeySource source = mapping.keySource.value_or(HookKeySource::MappingStatic);
  if (const auto* wake = std::get_if<HookWake>(&mapping.action)) {
    return respond(dispatchWake(*wake, source));
  }
  const HookAgent& agent = std::get<HookAgent>(mapping.action);
  if (agent.channel != "last" &&
      std::find(channelIds_.begin(), channelIds_.end(), agent.channel) == channelIds_.end()) {
    return respond(badRequest(hookChannelError(channelIds_)));
  }
  dispatchAgent(agent, source, false, false, respond);
}

}  // namespace

void addHookRoutes(rpc::HttpRouter& router, const config::GatewaySettings& settings,
                   runs::RunManager& runs, channels::ChannelManager& channels,
                   automation::Waker& waker, std::function<bool()> draining) {
  const config::HookSettings& hooks = settings.hooks;
  if (hooks.enabled && settings.auth.mode != config::AuthMode::None &&
      hooks.token == settings.auth.secret) {
    core::logger("hooks")->warn(
        "Security warning: hooks.token matches active Gateway shared-secret auth. Startup "
        "continues for compatibility; rotate hooks.token or Gateway auth.");
  }
  auto routes = std::make_shared<HookRoutes>(settings, runs, channels, waker, std::move(draining));
  router.addPrefixAsync(
      "POST", hooks.path,
      [routes](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
        routes->post(request, respond);
      });
  for (const char* method : {"GET", "PUT", "PATCH", "DELETE"}) {
    router.addPrefixAsync(method, hooks.path,
                          [routes](const rpc::HttpRequest&, rpc::HttpRouter::Respond respond) {
                            respond(routes->otherMethod());
                          });
  }
  router.limitBody(hooks.path + "/wake", config::kHookBodyLimit);
  router.limitBody(hooks.path + "/agent", config::kHookBodyLimit);
}

}  // namespace openclaw::httpapi
