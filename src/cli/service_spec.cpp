#include "cli/service_spec.h"

#include <stdexcept>

#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "core/files.h"
#include "service/systemd.h"

namespace openclaw::cli {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> overriddenPath(const CliContext& context, const char* variable,
                                       const fs::path& resolved) {
  if (!context.env(variable)) return std::nullopt;
  return fs::absolute(resolved);
}

}  // namespace

service::ServiceSpec resolveServiceSpec(const CliContext& context, std::optional<int> port,
                                        bool lenient) {
  const config::InstancePaths paths = context.paths();
  config::GatewayRunOptions run;
  run.port = port;
  run.allowUnconfigured = lenient || paths.profile.dev;
  const config::ConfigFile file = config::ConfigFile::load(paths.configPath);
  const config::GatewaySettings settings =
      config::resolveGatewaySettings(file, paths, run, context.env);
  if (settings.port == 0) {
    throw std::runtime_error("a service needs a fixed port, not 0: pass --port N");
  }
  service::ServiceSpec spec;
  spec.profile = paths.profile;
  spec.version = OPENCLAW_VERSION;
  spec.binary = fs::read_symlink("/proc/self/exe");
  spec.port = settings.port;
  if (settings.auth.mode == config::AuthMode::Token) spec.token = settings.auth.secret;
  spec.home = core::homeDir();
  spec.stateDir = fs::absolute(paths.stateDir);
  spec.stateDirOverride = overriddenPath(context, "OPENCLAW_STATE_DIR", paths.stateDir);
  spec.configPathOverride = overriddenPath(context, "OPENCLAW_CONFIG_PATH", paths.configPath);
  spec.user = service::currentUserName();
  return spec;
}

}  // namespace openclaw::cli
