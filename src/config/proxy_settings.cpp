#include "config/proxy_settings.h"

#include "core/text.h"

namespace openclaw::config {
namespace {

std::vector<std::string> lowercaseHeaderNames(std::vector<std::string> names) {
  for (std::string& name : names) name = core::asciiLowercase(core::trimmed(name));
  return names;
}

// The object at gateway.<path>, nullptr when absent; throws when it is not an object.
const nlohmann::json* objectAt(const ConfigFile& config, std::initializer_list<const char*> path,
                               const char* pointer) {
  const nlohmann::json* node = &config.root;
  for (const char* key : path) {
    node = node->is_object() && node->contains(key) ? &node->at(key) : nullptr;
    if (node == nullptr) return nullptr;
  }
  if (!node->is_object()) throw config.errorAt(pointer, "must be an object");
  return node;
}

std::optional<TrustedProxyAuthSettings> resolveTrustedProxyAuth(const ConfigFile& config,
                                                                bool trustedProxyMode) {
  constexpr const char* kBlock = "/gateway/auth/trustedProxy";
  if (objectAt(config, {"gateway", "auth", "trustedProxy"}, kBlock) == nullptr) {
    if (!trustedProxyMode) return std::nullopt;
    throw config.errorAt("/gateway/auth/mode",
                         "gateway auth mode is trusted-proxy, but no trustedProxy config was "
                         "provided (set gateway.auth.trustedProxy)");
  }
  TrustedProxyAuthSettings auth;
  auth.userHeader = core::asciiLowercase(
      core::trimmed(config.string("/gateway/auth/trustedProxy/userHeader").value_or("")));
  if (trustedProxyMode && auth.userHeader.empty()) {
    throw config.errorAt(kBlock,
                         "gateway auth mode is trusted-proxy, but trustedProxy.userHeader is "
                         "empty (set gateway.auth.trustedProxy.userHeader)");
  }
  auth.requiredHeaders =
      lowercaseHeaderNames(config.stringList("/gateway/auth/trustedProxy/requiredHeaders"));
  for (const std::string& user : config.stringList("/gateway/auth/trustedProxy/allowUsers")) {
    auth.allowUsers.push_back(core::trimmed(user));
  }
  auth.allowLoopback = config.boolean("/gateway/auth/trustedProxy/allowLoopback").value_or(false);
  return auth;
}

std::map<std::string, std::vector<std::string>> resolveIdentityScopes(const ConfigFile& config) {
  constexpr const char* kKey = "/gateway/auth/identityScopes";
  const nlohmann::json* block = objectAt(config, {"gateway", "auth", "identityScopes"}, kKey);
  std::map<std::string, std::vector<std::string>> scopes;
  if (block == nullptr) return scopes;
  for (const auto& entry : block->items()) {
    const std::string key = core::trimmed(entry.key());
    if (key.empty()) throw config.errorAt(kKey, "has an empty identity");
    const std::string pointer = (nlohmann::json::json_pointer(kKey) / entry.key()).to_string();
    scopes[key.find('@') == std::string::npos ? key : core::asciiLowercase(key)] =
        config.stringList(pointer);
  }
  return scopes;
}

}  // namespace

bool ProxySettings::isTrustedProxy(const boost::asio::ip::address& peer) const {
  for (const core::IpRange& range : trustedProxies) {
    if (range.contains(peer)) return true;
  }
  return false;
}

ProxySettings resolveProxySettings(const ConfigFile& config, bool trustedProxyMode) {
  ProxySettings settings;
  const std::vector<std::string> entries = config.stringList("/gateway/trustedProxies");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto range = core::parseIpRange(entries[i]);
    if (!range) {
      throw config.errorAt("/gateway/trustedProxies/" + std::to_string(i),
                           "\"" + entries[i] +
                               "\" is not an IP address or CIDR range (e.g. \"10.0.0.1\", "
                               "\"10.0.0.0/8\", \"fd00::/8\")");
    }
    settings.trustedProxies.push_back(*range);
    settings.trustedProxyText.push_back(core::trimmed(entries[i]));
  }
  settings.allowRealIpFallback = config.boolean("/gateway/allowRealIpFallback").value_or(false);
  settings.trustedProxyAuth = resolveTrustedProxyAuth(config, trustedProxyMode);
  settings.identityScopes = resolveIdentityScopes(config);
  return settings;
}

}  // namespace openclaw::config
