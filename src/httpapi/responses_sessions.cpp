#include "httpapi/responses_sessions.h"

#include "core/digest.h"

namespace openclaw::httpapi {

std::string responseAuthSubject(const std::string& bearer, const std::string& authModeName) {
  if (!bearer.empty()) return "bearer:" + core::sha256Hex(bearer);
  return "gateway-auth:" + authModeName;
}

void ResponseSessions::forget(std::list<Entry>::iterator entry) {
  byId_.erase(entry->responseId);
  entries_.erase(entry);
}

void ResponseSessions::remember(const std::string& responseId, const std::string& sessionKey,
                                const ResponseSessionScope& scope, std::int64_t nowMs) {
  if (auto found = byId_.find(responseId); found != byId_.end()) forget(found->second);
  entries_.push_back({responseId, sessionKey, scope, nowMs});
  byId_[responseId] = std::prev(entries_.end());
  while (!entries_.empty() &&
         (entries_.size() > kMaxEntries || nowMs - entries_.front().storedAt > kTtlMs)) {
    forget(entries_.begin());
  }
}

std::optional<std::string> ResponseSessions::lookup(const std::string& responseId,
                                                    const ResponseSessionScope& scope,
                                                    std::int64_t nowMs) {
  const auto found = byId_.find(responseId);
  if (found == byId_.end()) return std::nullopt;
  if (nowMs - found->second->storedAt > kTtlMs) {
    forget(found->second);
    return std::nullopt;
  }
  if (!(found->second->scope == scope)) return std::nullopt;
  return found->second->sessionKey;
}

}  // namespace openclaw::httpapi
