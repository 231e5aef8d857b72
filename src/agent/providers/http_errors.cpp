#include "agent/providers/http_errors.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/bounded_json.h"

namespace openclaw::agent::providers {
namespace {

constexpr std::size_t kMaxQuotedBodyChars = 500;

std::string serverMessage(const std::string& body) {
  const nlohmann::json parsed = core::parseJsonOrDiscarded(body);
  if (parsed.is_object()) {
    const auto error = parsed.find("error");
    if (error != parsed.end() && error->is_object() && error->contains("message") &&
        (*error)["message"].is_string()) {
      return (*error)["message"].get<std::string>();
    }
    if (error != parsed.end() && error->is_string()) return error->get<std::string>();
    if (parsed.contains("message") && parsed["message"].is_string()) {
      return parsed["message"].get<std::string>();
    }
  }
  if (body.size() <= kMaxQuotedBodyChars) return body;
  return body.substr(0, kMaxQuotedBodyChars) + "...";
}

std::string codeForStatus(int status) {
  if (status == 401 || status == 403) return "auth";
  if (status == 429) return "rate_limited";
  if (status == 408) return "timeout";
  if (status >= 500) return "server";
  return "bad_request";
}

std::optional<double> parseNumber(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || stop != end || !std::isfinite(value) || value < 0) return std::nullopt;
  return std::min(value, 1e9);  // far beyond any wait we honour, and safe to convert
}

}  // namespace

ModelError fromHttpError(const net::HttpError& error) {
  switch (error.kind) {
    case net::HttpError::Kind::Timeout:
      return {"timeout", error.message, 0};
    case net::HttpError::Kind::BadUrl:
    case net::HttpError::Kind::Refused:
      return {"bad_request", error.message, 0};
    case net::HttpError::Kind::Protocol:
      return {"protocol", error.message, 0};
    case net::HttpError::Kind::Cancelled:
      return {"cancelled", error.message, 0};
    case net::HttpError::Kind::Connect:
    case net::HttpError::Kind::Network:
      break;
  }
  return {"network", error.message, 0};
}

ModelError fromHttpStatus(const std::string& providerId, int status, const std::string& body) {
  std::string message = providerId + " answered HTTP " + std::to_string(status);
  const std::string quoted = serverMessage(body);
  if (!quoted.empty()) message += ": " + quoted;
  return {codeForStatus(status), message, status};
}

std::optional<std::chrono::milliseconds> retryAfterDelay(const net::HttpResponseHead& head) {
  if (auto ms = head.header("retry-after-ms")) {
    if (auto value = parseNumber(*ms)) {
      return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(*value)));
    }
  }
  if (auto seconds = head.header("retry-after")) {
    if (auto value = parseNumber(*seconds)) {
      return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(*value * 1000)));
    }
  }
  return std::nullopt;
}

}  // namespace openclaw::agent::providers
