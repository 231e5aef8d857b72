#include "doctor/check_context.h"

namespace openclaw::doctor {

std::string cliPrefix(const config::Profile& profile) {
  if (profile.dev) return "openclaw --dev";
  if (profile.name.empty()) return "openclaw";
  return "openclaw --profile " + profile.name;
}

}  // namespace openclaw::doctor
