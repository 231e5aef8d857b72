#include "agent/providers/provider_request.h"

#include <algorithm>

namespace openclaw::agent::providers {
namespace {

constexpr std::chrono::milliseconds kConnectTimeout{15'000};
constexpr std::chrono::milliseconds kIdleTimeout{120'000};

bool sameName(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

void setHeader(net::HttpHeaders& headers, const std::string& name, const std::string& value) {
  std::erase_if(headers, [&](const auto& header) { return sameName(header.first, name); });
  headers.emplace_back(name, value);
}

}  // namespace

StreamingCallSpec streamingCallSpec(const config::ProviderSettings& settings,
                                    const std::string& path, const nlohmann::json& body,
                                    const net::HttpHeaders& apiHeaders) {
  StreamingCallSpec spec;
  spec.providerId = settings.id;
  spec.timeout = std::chrono::milliseconds(settings.timeoutMs);
  net::HttpRequest& request = spec.request;
  request.method = "POST";
  request.url = settings.baseUrl + path;
  request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  request.connectTimeout = std::min(kConnectTimeout, spec.timeout);
  request.idleTimeout = std::min(kIdleTimeout, spec.timeout);
  setHeader(request.headers, "Content-Type", "application/json");
  setHeader(request.headers, "Accept", "text/event-stream");
  for (const auto& [name, value] : apiHeaders) setHeader(request.headers, name, value);
  for (const auto& [name, value] : settings.headers) setHeader(request.headers, name, value);
  return spec;
}

}  // namespace openclaw::agent::providers
