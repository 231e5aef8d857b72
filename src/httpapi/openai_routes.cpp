#include "httpapi/openai_routes.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "core/text.h"
#include "httpapi/chat_completions.h"
#include "httpapi/http_errors.h"
#include "httpapi/openai_agent_target.h"
#include "methods/agent_lookup.h"
#include "protocol/scopes.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

constexpr const char* kModelsPath = "/v1/models";
constexpr const char* kChatCompletionsPath = "/v1/chat/completions";
// Upstream's built-in limit for a chat completion body (images may ride along).
constexpr std::size_t kChatCompletionsBodyLimit = 20 * 1024 * 1024;

json modelJson(const std::string& id) {
  return {{"id", id},
          {"object", "model"},
          {"created", 0},
          {"owned_by", "openclaw"},
          {"permission", json::array()}};
}

// The answer for GET /v1/models/<encoded id>, as upstream: 400 for a malformed id, 404 in the
// OpenAI envelope for an agent that is not configured.
rpc::HttpResponse modelAnswer(const std::string& encodedId, const config::AgentSettings& agents) {
  if (encodedId.empty()) return invalidRequest("Missing model id.");
  const auto decoded = core::percentDecoded(encodedId);
  if (!decoded) return invalidRequest("Invalid model id encoding.");
  if (!isAgentModelId(*decoded)) return invalidRequest("Invalid model id.");
  const auto agentId = agentOfModelId(*decoded, agents);
  const std::vector<std::string> listed = listedModelIds(agents);
  if (!agentId || !methods::isConfiguredAgent(agents, *agentId) ||
      std::find(listed.begin(), listed.end(), *decoded) == listed.end()) {
    return errorResponse(404, "invalid_request_error", "Model '" + *decoded + "' not found.");
  }
  return rpc::HttpResponse::json(200, modelJson(*decoded).dump());
}

struct OpenAiServices {
  ChatCompletionsServices chat;
  // The response that refuses a /v1/models request (off, the gate, no operator.read), if any.
  std::optional<rpc::HttpResponse> modelsRefusal(const rpc::HttpRequest& request) const {
    const auto& endpoints = chat.runtime.settings.httpEndpoints;
    if (!endpoints.chatCompletions && !endpoints.responses) return notFound();
    HttpOutcome<HttpCaller> admitted = chat.gate.admit(request);
    if (auto* refusal = std::get_if<rpc::HttpResponse>(&admitted)) return *refusal;
    if (!protocol::scopeSatisfied(std::get<HttpCaller>(admitted).scopes, protocol::scopes::kRead)) {
      return missingScope(protocol::scopes::kRead);
    }
    return std::nullopt;
  }
};

}  // namespace

void addOpenAiRoutes(rpc::HttpRouter& router, const HttpGate& gate, rpc::GatewayRuntime& runtime,
                     runs::RunManager& runs) {
  auto services = std::make_shared<OpenAiServices>(OpenAiServices{{gate, runtime, runs}});
  router.add("GET", kModelsPath, [services](const rpc::HttpRequest& request) {
    if (auto refusal = services->modelsRefusal(request)) return *refusal;
    json data = json::array();
    for (const std::string& id : listedModelIds(services->chat.runtime.settings.agents)) {
      data.push_back(modelJson(id));
    }
    return rpc::HttpResponse::json(200, json{{"object", "list"}, {"data", data}}.dump());
  });
  router.addPrefixAsync(
      "GET", kModelsPath,
      [services](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
        if (auto refusal = services->modelsRefusal(request)) {
          return respond(*refusal);
        }
        const std::string prefix = std::string(kModelsPath) + "/";
        respond(modelAnswer(request.path.substr(prefix.size()),
                            services->chat.runtime.settings.agents));
      });
  router.addAsync("POST", kChatCompletionsPath,
                  [services](const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
                    handleChatCompletion(services->chat, request, std::move(respond));
                  });
  router.limitBody(kChatCompletionsPath, kChatCompletionsBodyLimit);
}

}  // namespace openclaw::httpapi
