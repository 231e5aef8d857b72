#include "config/target_source.h"

namespace openclaw::config {

ValueSource clientTargetSource(const ConfigFile& config, const ClientTargetOptions& options,
                               const EnvLookup& env) {
  if (options.url) return {"flag", "--url"};
  if (env("OPENCLAW_GATEWAY_URL")) return {"env", "OPENCLAW_GATEWAY_URL"};
  if (config.oneOf("/gateway/mode", {"local", "remote"}) == "remote" &&
      config.string("/gateway/remote/url")) {
    return {"config", "gateway.remote.url"};
  }
  if (env("OPENCLAW_GATEWAY_PORT")) return {"env", "OPENCLAW_GATEWAY_PORT"};
  if (config.integer("/gateway/port", 0, 65535)) return {"config", "gateway.port"};
  return {"default", ""};
}

ValueSource configPathSource(const EnvLookup& env) {
  if (env("OPENCLAW_CONFIG_PATH")) return {"env", "OPENCLAW_CONFIG_PATH"};
  if (env("OPENCLAW_STATE_DIR")) return {"env", "OPENCLAW_STATE_DIR"};
  return {"default", ""};
}

}  // namespace openclaw::config
