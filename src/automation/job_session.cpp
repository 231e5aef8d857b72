#include "automation/job_session.h"

#include "core/text.h"
#include "sessions/session_keys.h"

namespace openclaw::automation {

std::optional<JobSession> jobSession(const CronJob& job, const std::string& agentId,
                                     std::string& error) {
  JobSession session;
  const std::string& target = job.sessionTarget;
  std::string key;
  if (target == "main") {
    key = sessions::mainSessionKey(agentId);
  } else if (target == "current" && !core::trimmed(job.sessionKey).empty()) {
    key = job.sessionKey;
  } else if (target == "isolated" || target == "current") {
    key = "cron:" + job.id;
    session.fresh = true;
  } else if (target.starts_with("session:")) {
    key = core::trimmed(target.substr(8));
    if (key.empty()) {
      error = "invalid cron sessionTarget session id";
      return std::nullopt;
    }
  } else {
    error = "unknown sessionTarget \"" + target + "\"";
    return std::nullopt;
  }
  const std::optional<std::string> canonical = sessions::canonicalSessionKey(key, agentId);
  if (!canonical) {
    error = "sessionTarget names a malformed session key \"" + key + "\"";
    return std::nullopt;
  }
  session.sessionKey = *canonical;
  return session;
}

}  // namespace openclaw::automation
