#include "methods/agent_method_support.h"

#include <boost/asio/co_spawn.hpp>

#include "rpc/storage_await.h"
#include "sessions/session_keys.h"

namespace openclaw::methods {

std::string agentIdParam(const nlohmann::json& params, const char* keyField) {
  if (params.contains("agentId")) return sessions::normalizeAgentId(params.at("agentId"));
  if (params.contains(keyField)) {
    const std::string key = params.at(keyField);
    if (auto canonical = sessions::canonicalSessionKey(key, sessions::kDefaultAgentId)) {
      if (auto agentId = sessions::agentIdOfSessionKey(*canonical)) return *agentId;
    }
  }
  return sessions::kDefaultAgentId;
}

std::optional<std::string> sessionKeyParam(const nlohmann::json& params, const char* keyField,
                                           const std::string& agentId,
                                           std::optional<protocol::GatewayError>& error) {
  const std::string raw = params.value(keyField, std::string());
  auto key = sessions::canonicalSessionKey(raw, agentId);
  if (!key) {
    error = protocol::GatewayError::invalidRequest(
        "invalid session key \"" + raw + "\": expected \"agent:<agentId>:<name>\" or a bare name");
  }
  return key;
}

bool deliverySupported(const nlohmann::json& params, std::optional<protocol::GatewayError>& error) {
  if (!params.value("deliver", false)) return true;
  error = protocol::GatewayError::invalidRequest(
      "deliver: sending replies to channels is not available on this gateway; omit deliver or "
      "pass false");
  return false;
}

void answerFrom(gateway::GatewayRuntime& runtime, const gateway::Responder& respond,
                boost::asio::awaitable<nlohmann::json> reply) {
  boost::asio::co_spawn(
      runtime.io, std::move(reply),
      [respond](const std::exception_ptr& failure, nlohmann::json payload) {
        if (!failure) {
          respond.ok(payload);
          return;
        }
        try {
          std::rethrow_exception(failure);
        } catch (const std::exception& error) {
          rpc::logStorageFailure(error);
        }
        respond.fail(protocol::GatewayError::unavailable(
            "session store failed; the gateway log has the reason", std::nullopt));
      });
}

}  // namespace openclaw::methods
