#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <string>

namespace openclaw::httpapi {

// Who may continue a response's session with previous_response_id: the same caller (a hash of
// its bearer credential, else the gateway's auth mode), the same agent and the same
// x-openclaw-session-key, as upstream matches them.
struct ResponseSessionScope {
  std::string authSubject;
  std::string agentId;
  std::string requestedSessionKey;  // "" when the header was absent
  bool operator==(const ResponseSessionScope&) const = default;
};

// "bearer:<sha256 of the token>" when the request carried one, else "gateway-auth:<mode>".
std::string responseAuthSubject(const std::string& bearer, const std::string& authModeName);

// The bounded memory of which session each response id's run used (upstream keeps the same in
// process memory): entries expire after kTtlMs, and past kMaxEntries the oldest are dropped.
// A lookup from another scope, an expired or unknown id finds nothing, and the request then
// gets its usual session. Event-loop thread only.
class ResponseSessions {
 public:
  static constexpr std::size_t kMaxEntries = 500;
  static constexpr std::int64_t kTtlMs = 30 * 60 * 1000;

  void remember(const std::string& responseId, const std::string& sessionKey,
                const ResponseSessionScope& scope, std::int64_t nowMs);
  std::optional<std::string> lookup(const std::string& responseId,
                                    const ResponseSessionScope& scope, std::int64_t nowMs);
  std::size_t size() const { return byId_.size(); }

 private:
  struct Entry {
    std::string responseId;
    std::string sessionKey;
    ResponseSessionScope scope;
    std::int64_t storedAt = 0;
  };
  void forget(std::list<Entry>::iterator entry);

  std::list<Entry> entries_;  // oldest first
  std::map<std::string, std::list<Entry>::iterator> byId_;
};

}  // namespace openclaw::httpapi
