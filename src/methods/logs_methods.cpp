#include "methods/logs_methods.h"

#include <system_error>

#include "core/log_tail.h"
#include "core/logging.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

core::LogTailRequest tailRequest(const nlohmann::json& params) {
  core::LogTailRequest request;
  if (params.contains("cursor")) request.cursor = params.at("cursor").get<std::uint64_t>();
  if (params.contains("limit")) request.limit = params.at("limit").get<std::size_t>();
  if (params.contains("maxBytes")) request.maxBytes = params.at("maxBytes").get<std::size_t>();
  return request;
}

// Upstream's LogsTailResult; skippedBytes only when a cursor's bytes were passed over.
nlohmann::json tailResult(const std::string& file, const core::LogTail& tail) {
  nlohmann::json result = {
      {"file", file},        {"cursor", tail.cursor},       {"size", tail.size},
      {"lines", tail.lines}, {"truncated", tail.truncated}, {"reset", tail.reset}};
  if (tail.skippedBytes > 0) result["skippedBytes"] = tail.skippedBytes;
  return result;
}

}  // namespace

void registerLogsMethods(rpc::MethodRegistry& registry, std::string logFilePattern) {
  registry.add({.name = "logs.tail",
                .scope = protocol::scopes::kRead,
                .paramsSchema = "LogsTailParams",
                .handler = [pattern = std::move(logFilePattern)](const rpc::MethodCall& call,
                                                                 const rpc::Responder& respond) {
                  const std::string file = core::currentLogFile(pattern).string();
                  try {
                    // Blocking read on the event loop, bounded by maxBytes (at most 1 MB, usually
                    // from the page cache). Anything larger would belong on a worker pool.
                    respond.ok(tailResult(file, core::readLogTail(file, tailRequest(call.params))));
                  } catch (const std::system_error& error) {
                    respond.fail(protocol::GatewayError::unavailable(
                        "log read failed: " + std::string(error.what()), std::nullopt));
                  }
                }});
}

}  // namespace openclaw::methods
