#include "runs/session_observer.h"

namespace openclaw::runs {

const char* sessionChangeReason(SessionChange change) {
  switch (change) {
    case SessionChange::Created:
      return "create";
    case SessionChange::Patched:
      return "patch";
    case SessionChange::Reset:
      return "reset";
    case SessionChange::Deleted:
      return "delete";
    case SessionChange::Updated:
    case SessionChange::RunStarted:
    case SessionChange::RunEnded:
      break;
  }
  return "update";
}

}  // namespace openclaw::runs
