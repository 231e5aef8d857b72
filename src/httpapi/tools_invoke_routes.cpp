#include "httpapi/tools_invoke_routes.h"

#include "core/awaitable.h"
// (first: the Asio headers below include awaitable.hpp too)
#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <memory>

#include "agent/tool_await.h"
#include "core/cancel_signal.h"
#include "core/json_fields.h"
#include "core/logging.h"
#include "httpapi/http_errors.h"
#include "httpapi/http_tool_exposure.h"
#include "protocol/scopes.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

// A call that passed every check and is ready to run.
struct Invocation {
  std::shared_ptr<const agent::Tool> tool;
  json args;
  agent::ToolContext context;
};

std::shared_ptr<const agent::Tool> findTool(const runs::RunEnvironment& environment,
                                            const std::string& name) {
  const auto found = std::find_if(environment.tools.begin(), environment.tools.end(),
                                  [&](const std::shared_ptr<const agent::Tool>& tool) {
                                    return tool->definition().name == name;
                                  });
  return found == environment.tools.end() ? nullptr : *found;
}

// `action` goes into args.action when the tool takes one and the caller did not set it.
json mergedArgs(const agent::Tool& tool, const ToolsInvokeRequest& call) {
  json args = call.args;
  if (call.action.empty() || args.contains("action")) return args;
  const json& parameters = tool.definition().parameters;
  const auto properties = parameters.find("properties");
  if (properties != parameters.end() && properties->is_object() && properties->contains("action")) {
    args["action"] = call.action;
  }
  return args;
}

HttpOutcome<Invocation> prepare(const HttpGate& gate, const config::GatewaySettings& settings,
                                const runs::RunEnvironment& environment,
                                const rpc::HttpRequest& request) {
  auto admitted = gate.admit(request);
  if (auto* refused = std::get_if<rpc::HttpResponse>(&admitted)) return std::move(*refused);
  if (!protocol::scopeSatisfied(std::get<HttpCaller>(admitted).scopes, protocol::scopes::kWrite)) {
    return missingScope(protocol::scopes::kWrite);
  }
  auto parsed = readToolsInvokeRequest(request);
  if (auto* invalid = std::get_if<rpc::HttpResponse>(&parsed)) return std::move(*invalid);
  const ToolsInvokeRequest& call = std::get<ToolsInvokeRequest>(parsed);
  auto tool = toolExposedOverHttp(settings.httpTools, call.tool) ? findTool(environment, call.tool)
                                                                 : nullptr;
  if (!tool) return toolsInvokeError(404, "not_found", "Tool not available: " + call.tool);
  agent::ToolContext context{environment.workspace, std::make_shared<std::atomic<bool>>(false),
                             call.sessionKey, std::make_shared<agent::CancelCallbacks>()};
  json args = mergedArgs(*tool, call);
  return Invocation{std::move(tool), std::move(args), std::move(context)};
}

rpc::HttpResponse answer(const agent::ToolResult& result) {
  switch (result.failure) {
    case agent::ToolFailure::None:
      break;
    case agent::ToolFailure::Rejected:
      return toolsInvokeError(400, "tool_error", result.output);
    case agent::ToolFailure::Blocked:
      return toolsInvokeError(403, "tool_call_blocked", result.output);
    case agent::ToolFailure::Crashed:
      core::logger("http")->warn("tools/invoke: tool execution failed: {}", result.output);
      return toolsInvokeError(500, "tool_error", "tool execution failed");
  }
  const json body = {{"ok", true},
                     {"result",
                      {{"content", json::array({{{"type", "text"}, {"text", result.output}}})},
                       {"details", result.details},
                       {"isError", result.isError}}}};
  rpc::HttpResponse response = rpc::HttpResponse::json(200, core::compactJson(body));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

boost::asio::awaitable<void> invoke(Invocation call, rpc::GatewayRuntime& runtime,
                                    std::shared_ptr<rpc::HttpClientLink> client,
                                    rpc::HttpRouter::Respond respond) {
  auto cancel = std::make_shared<core::CancelSignal>();
  client->onGone([cancel] { cancel->emit(); });
  rpc::HttpResponse response;
  try {
    const agent::ToolResult result =
        co_await agent::runTool(call.tool, call.args, call.context, runtime.blocking, *cancel);
    response = answer(result);
  } catch (const core::Cancelled&) {
    // Nobody reads the answer any more; the transport still needs one.
    response = toolsInvokeError(500, "tool_error", "the client went away");
  }
  respond(std::move(response));
}

}  // namespace

HttpOutcome<ToolsInvokeRequest> readToolsInvokeRequest(const rpc::HttpRequest& request) {
  auto body = jsonObjectBody(request);
  if (auto* invalid = std::get_if<rpc::HttpResponse>(&body)) return std::move(*invalid);
  return parseToolsInvokeRequest(std::get<json>(body));
}

void addToolsInvokeRoutes(rpc::HttpRouter& router, const HttpGate& gate,
                          rpc::GatewayRuntime& runtime, const runs::RunEnvironment& environment) {
  router.limitBody("/tools/invoke", kToolsInvokeBodyLimit);
  router.addAsync("POST", "/tools/invoke",
                  [&gate, &runtime, &environment](const rpc::HttpRequest& request,
                                                  rpc::HttpRouter::Respond respond) {
                    auto prepared = prepare(gate, runtime.settings, environment, request);
                    if (auto* refused = std::get_if<rpc::HttpResponse>(&prepared)) {
                      respond(std::move(*refused));
                      return;
                    }
                    boost::asio::co_spawn(runtime.io,
                                          invoke(std::move(std::get<Invocation>(prepared)), runtime,
                                                 request.client, std::move(respond)),
                                          boost::asio::detached);
                  });
}

}  // namespace openclaw::httpapi
