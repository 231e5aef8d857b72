#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace openclaw::protocol {

// Top-level `error.code` values on the wire.
namespace codes {
inline constexpr const char* kInvalidRequest = "INVALID_REQUEST";  // schema/params failures
inline constexpr const char* kUnavailable = "UNAVAILABLE";         // shutting down, dependency down
inline constexpr const char* kForbidden = "FORBIDDEN";             // missing scope or wrong role
inline constexpr const char* kNotPaired = "NOT_PAIRED";            // device awaits pairing approval
inline constexpr const char* kAgentTimeout = "AGENT_TIMEOUT";      // a run hit its deadline
inline constexpr const char* kNotLinked = "NOT_LINKED";  // a channel account is not connected
}  // namespace codes

// The `error` object of a failed response: {code, message, details?, retryable?, retryAfterMs?}.
// The one error type of the project: services and handlers return it (protocol/result.h), the
// gateway sends it, and the client raises it (client::RequestRejected) when a gateway answers
// ok:false.
struct GatewayError {
  std::string code;
  std::string message;
  nlohmann::json details;  // null when absent
  std::optional<bool> retryable;
  std::optional<std::int64_t> retryAfterMs;

  nlohmann::json toJson() const;
  // The error a gateway sent; fields that are absent or of the wrong type are left empty.
  static GatewayError fromJson(const nlohmann::json& error);

  static GatewayError invalidRequest(std::string message, nlohmann::json details = nullptr);
  static GatewayError unavailable(std::string message, std::optional<std::int64_t> retryAfterMs);
  // FORBIDDEN with MISSING_SCOPE details; the message keeps the legacy "missing scope: X" text.
  static GatewayError missingScope(const std::string& scope);
};

}  // namespace openclaw::protocol
