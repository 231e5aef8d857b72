#include "methods/agent_method_support.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

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

protocol::Result<std::string> sessionKeyParam(const nlohmann::json& params, const char* keyField,
                                              const std::string& agentId) {
  const std::string raw = params.value(keyField, std::string());
  if (auto key = sessions::canonicalSessionKey(raw, agentId)) return std::move(*key);
  return protocol::GatewayError::invalidRequest(
      "invalid session key \"" + raw + "\": expected \"agent:<agentId>:<name>\" or a bare name");
}

protocol::Result<std::string> sessionKeyParam(const nlohmann::json& params, const char* keyField) {
  return sessionKeyParam(params, keyField, agentIdParam(params, keyField));
}

protocol::Result<void> deliverySupported(const nlohmann::json& params) {
  if (!params.value("deliver", false)) return {};
  return protocol::GatewayError::invalidRequest(
      "deliver: sending replies to channels is not available on this gateway; omit deliver or "
      "pass false");
}

namespace {

// Logs a storage failure a reply ended with and answers UNAVAILABLE.
void failStorage(const rpc::Responder& respond, const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& error) {
    rpc::logStorageFailure(error);
  }
  respond.fail(protocol::GatewayError::unavailable(
      "session store failed; the gateway log has the reason", std::nullopt));
}

boost::asio::awaitable<void> answerResult(
    boost::asio::awaitable<protocol::Result<nlohmann::json>> reply, rpc::Responder respond) {
  try {
    respond.answer(co_await std::move(reply));
  } catch (const std::exception&) {
    failStorage(respond, std::current_exception());
  }
}

}  // namespace

void answerFrom(rpc::GatewayRuntime& runtime, const rpc::Responder& respond,
                boost::asio::awaitable<nlohmann::json> reply) {
  boost::asio::co_spawn(runtime.io, std::move(reply),
                        [respond](const std::exception_ptr& failure, nlohmann::json payload) {
                          if (failure) return failStorage(respond, failure);
                          respond.ok(payload);
                        });
}

void answerFrom(rpc::GatewayRuntime& runtime, const rpc::Responder& respond,
                boost::asio::awaitable<protocol::Result<nlohmann::json>> reply) {
  boost::asio::co_spawn(runtime.io, answerResult(std::move(reply), respond), boost::asio::detached);
}

}  // namespace openclaw::methods
