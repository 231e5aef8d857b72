#include "httpapi/tools_invoke_request.h"

#include <optional>

#include "core/json_fields.h"
#include "core/text.h"
#include "sessions/session_keys.h"

namespace openclaw::httpapi {
namespace {

// A field that is absent or null is nullopt; one of another type is an error.
struct InvalidField {
  std::string message;
};

std::optional<std::string> optionalString(const nlohmann::json& body, const char* key) {
  const auto found = body.find(key);
  if (found == body.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) throw InvalidField{std::string(key) + " must be a string"};
  return core::trimmed(found->get<std::string>());
}

ToolsInvokeRequest parseFields(const nlohmann::json& body) {
  ToolsInvokeRequest request;
  const auto name = optionalString(body, "name");
  const auto tool = optionalString(body, "tool");
  request.tool = name && !name->empty() ? *name : tool.value_or("");
  if (request.tool.empty()) throw InvalidField{"tools.invoke requires name"};
  request.action = optionalString(body, "action").value_or("");
  const auto args = body.find("args");
  if (args != body.end() && !args->is_null()) {
    if (!args->is_object()) throw InvalidField{"args must be an object"};
    request.args = *args;
  }
  const auto dryRun = body.find("dryRun");
  if (dryRun != body.end() && !dryRun->is_null() && !dryRun->is_boolean()) {
    throw InvalidField{"dryRun must be a boolean"};
  }
  request.idempotencyKey = optionalString(body, "idempotencyKey").value_or("");

  const auto agentId = optionalString(body, "agentId");
  request.agentId = sessions::normalizeAgentId(agentId.value_or(sessions::kDefaultAgentId));
  const std::string rawKey = optionalString(body, "sessionKey").value_or("main");
  const auto key = sessions::canonicalSessionKey(rawKey, request.agentId);
  if (!key) throw InvalidField{"invalid sessionKey \"" + rawKey + "\""};
  const std::string keyAgent = sessions::agentIdOfSessionKey(*key).value_or(request.agentId);
  if (agentId && !agentId->empty() && keyAgent != request.agentId) {
    throw InvalidField{"agent id \"" + request.agentId + "\" does not match session agent \"" +
                       keyAgent + "\""};
  }
  request.agentId = keyAgent;
  request.sessionKey = *key;
  return request;
}

}  // namespace

HttpOutcome<ToolsInvokeRequest> parseToolsInvokeRequest(const nlohmann::json& body) {
  try {
    return parseFields(body);
  } catch (const InvalidField& invalid) {
    return toolsInvokeError(400, "invalid_request", invalid.message);
  }
}

rpc::HttpResponse toolsInvokeError(unsigned status, const std::string& type,
                                   const std::string& message) {
  const nlohmann::json body = {{"ok", false}, {"error", {{"type", type}, {"message", message}}}};
  rpc::HttpResponse response = rpc::HttpResponse::json(status, core::compactJson(body));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace openclaw::httpapi
