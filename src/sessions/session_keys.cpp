#include "sessions/session_keys.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace openclaw::sessions {
namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A key segment from untrusted text: lowercase and without ':' (which separates segments).
std::string segment(const std::string& text) {
  std::string out = lowercase(core::trimmed(text, core::kLineWhitespace));
  std::replace(out.begin(), out.end(), ':', '-');
  return out.empty() ? "unknown" : out;
}

}  // namespace

std::string normalizeAgentId(const std::string& agentId) {
  std::string id = lowercase(core::trimmed(agentId, core::kLineWhitespace));
  bool anyValid = false;
  for (char& c : id) {
    const bool valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (valid) anyValid = true;
    if (!valid) c = '-';
  }
  return anyValid ? id : kDefaultAgentId;
}

std::string mainSessionKey(const std::string& agentId) { return "agent:" + agentId + ":main"; }

std::optional<std::string> canonicalSessionKey(const std::string& key, const std::string& agentId) {
  const std::string lower = lowercase(core::trimmed(key, core::kLineWhitespace));
  if (lower.empty() || lower == "main") return mainSessionKey(agentId);
  if (lower.rfind("agent:", 0) != 0) return "agent:" + agentId + ":" + lower;
  const auto idEnd = lower.find(':', 6);
  if (idEnd == std::string::npos || idEnd == 6 || idEnd + 1 == lower.size()) return std::nullopt;
  return lower;
}

std::optional<std::string> agentIdOfSessionKey(const std::string& key) {
  if (key.rfind("agent:", 0) != 0) return std::nullopt;
  const auto idEnd = key.find(':', 6);
  if (idEnd == std::string::npos || idEnd == 6) return std::nullopt;
  return key.substr(6, idEnd - 6);
}

DmScope dmScopeNamed(const std::string& name) {
  if (name == "per-peer") return DmScope::PerPeer;
  if (name == "per-channel-peer") return DmScope::PerChannelPeer;
  if (name == "per-account-channel-peer") return DmScope::PerAccountChannelPeer;
  return DmScope::Main;
}

std::string directSessionKey(const std::string& agentId, DmScope scope, const DirectPeer& peer) {
  const std::string prefix = "agent:" + agentId + ":";
  const std::string channel = segment(peer.channel);
  switch (scope) {
    case DmScope::Main:
      return mainSessionKey(agentId);
    case DmScope::PerPeer:
      return prefix + "direct:" + segment(peer.peerId);
    case DmScope::PerChannelPeer:
      return prefix + channel + ":direct:" + segment(peer.peerId);
    case DmScope::PerAccountChannelPeer:
      return prefix + channel + ":" + segment(peer.accountId.empty() ? "default" : peer.accountId) +
             ":direct:" + segment(peer.peerId);
  }
  return mainSessionKey(agentId);
}

}  // namespace openclaw::sessions
