#include "automation/cron_job.h"

namespace openclaw::automation {

const char* runStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::Ok:
      return "ok";
    case RunStatus::Error:
      return "error";
    case RunStatus::Skipped:
      return "skipped";
  }
  return "error";
}

const char* deliveryStatusName(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::Delivered:
      return "delivered";
    case DeliveryStatus::NotDelivered:
      return "not-delivered";
    case DeliveryStatus::Unknown:
      return "unknown";
    case DeliveryStatus::NotRequested:
      return "not-requested";
  }
  return "unknown";
}

}  // namespace openclaw::automation
