#include "cli/cli_context.h"

namespace openclaw::cli {

config::Profile CliContext::profile() const {
  if (dev) return config::Profile::devProfile();
  if (profileName) return config::Profile::named(*profileName);
  if (auto fromEnv = env("OPENCLAW_PROFILE")) return config::Profile::named(*fromEnv);
  return config::Profile{};
}

}  // namespace openclaw::cli
