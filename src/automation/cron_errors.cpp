#include "automation/cron_service.h"

namespace openclaw::automation {

protocol::GatewayError jobNotFound(const std::string& id) {
  return protocol::GatewayError::invalidRequest(
      "cron job not found: " + id + ". List automations and retry with a current job id.",
      {{"code", "CRON_JOB_NOT_FOUND"}, {"jobId", id}});
}

}  // namespace openclaw::automation
