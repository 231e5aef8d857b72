// `openclaw gateway install|uninstall|start|stop|restart`: the gateway as a systemd service.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/service_spec.h"
#include "core/files.h"
#include "service/service_unit.h"
#include "service/systemd.h"
#include "service/unit_location.h"

namespace openclaw::cli {
namespace {

namespace fs = std::filesystem;
using service::SystemdScope;

// A refusal or failure the command reports as "openclaw gateway <verb>: <message>" and exit 1.
struct ServiceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct InstallOptions {
  bool force = false;
  bool system = false;
  bool print = false;
  std::optional<int> port;
  std::string platform;
};

std::string hostPlatform() {
#if defined(__APPLE__)
  return "macos";
#elif defined(_WIN32)
  return "windows";
#else
  return "linux";
#endif
}

std::string systemctlCommand(SystemdScope scope) {
  return scope == SystemdScope::User ? "systemctl --user" : "systemctl";
}

// Fails unless the scope's systemd manager is reachable (and, for --system, we are root).
void requireManager(SystemdScope scope) {
  if (scope == SystemdScope::System && ::geteuid() != 0) {
    throw ServiceError("--system writes to /etc/systemd/system and needs root (use sudo)");
  }
  if (auto problem = service::managerProblem(scope)) throw ServiceError(*problem);
}

// Runs `systemctl [--user] <args>`; throws with its output when it fails.
void runSystemctl(SystemdScope scope, const std::vector<std::string>& args) {
  const core::CommandOutput result = service::systemctl(scope, args);
  if (result.exitCode == 0) return;
  std::string command = systemctlCommand(scope);
  for (const std::string& arg : args) command += " " + arg;
  throw ServiceError("'" + command + "' failed (exit " + std::to_string(result.exitCode) +
                     "): " + result.output);
}

int printDefinition(const CliContext& context, const InstallOptions& options) {
  if (options.system && options.platform != "linux") {
    throw ServiceError("--system only applies to --platform linux");
  }
  const service::ServiceSpec spec = resolveServiceSpec(context, options.port, true);
  if (options.platform == "macos") {
    std::cout << service::renderLaunchAgentPlist(spec);
  } else if (options.platform == "windows") {
    std::cout << service::renderWindowsTaskXml(spec);
  } else if (options.system) {
    std::cout << service::renderSystemdSystemUnit(spec);
  } else {
    std::cout << service::renderSystemdUserUnit(spec);
  }
  return 0;
}

int runInstall(const CliContext& context, const InstallOptions& options) {
  if (options.print) return printDefinition(context, options);
  const SystemdScope scope = options.system ? SystemdScope::System : SystemdScope::User;
  const service::ServiceSpec spec = resolveServiceSpec(context, options.port, false);
  requireManager(scope);
  const std::string unit = service::systemdUnitName(spec.profile);
  const fs::path path = service::systemdUnitPath(context.profile(), scope, context.env);
  const std::string contents = scope == SystemdScope::System
                                   ? service::renderSystemdSystemUnit(spec)
                                   : service::renderSystemdUserUnit(spec);
  const std::optional<std::string> existing = core::readFile(path);
  if (existing == contents && !options.force) {
    std::cout << unit << " is already installed with this definition (" << path.string()
              << "); nothing to do. Use --force to rewrite and restart it.\n";
    return 0;
  }
  core::writeFileAtomic(path, contents);  // owner-only: it may carry the token
  std::cout << "wrote " << path.string() << "\n";
  runSystemctl(scope, {"daemon-reload"});
  runSystemctl(scope, {"enable", "--now", unit});
  if (existing) runSystemctl(scope, {"restart", unit});  // apply the new definition
  std::cout << "enabled and started " << unit << " (port " << spec.port << ")\n"
            << "inspect it with: " << systemctlCommand(scope) << " status " << unit << "\n"
            << "           logs: journalctl" << (scope == SystemdScope::User ? " --user" : "")
            << " -u " << unit << "\n";
  if (scope == SystemdScope::User && !service::lingerEnabled(spec.user)) {
    std::cout << service::lingerHint(spec.user);
  }
  return 0;
}

int runUninstall(const CliContext& context, SystemdScope scope) {
  requireManager(scope);
  const std::string unit = service::systemdUnitName(context.profile());
  const fs::path path = service::systemdUnitPath(context.profile(), scope, context.env);
  if (!fs::exists(path)) {
    std::cout << unit << " is not installed (no " << path.string() << "); nothing to do.\n";
    return 0;
  }
  runSystemctl(scope, {"disable", "--now", unit});
  fs::remove(path);
  runSystemctl(scope, {"daemon-reload"});
  std::cout << "stopped, disabled and removed " << unit << " (" << path.string() << ")\n";
  return 0;
}

int control(const CliContext& context, SystemdScope scope, const std::string& verb) {
  requireManager(scope);
  const std::string unit = service::systemdUnitName(context.profile());
  if (!fs::exists(service::systemdUnitPath(context.profile(), scope, context.env))) {
    if (verb == "stop") {
      std::cout << unit << " is not installed; nothing to stop.\n";
      return 0;
    }
    throw ServiceError(unit + " is not installed; run 'openclaw gateway install' first");
  }
  runSystemctl(scope, {verb, unit});
  std::cout << verb << (verb == "stop" ? "ped " : "ed ") << unit << "\n";
  return 0;
}

// Wraps a command body: ServiceError and config/I/O errors become a message and exit 1.
int reporting(const std::string& verb, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& error) {
    std::cerr << "openclaw gateway " << verb << ": " << error.what() << "\n";
    return 1;
  }
}

void addInstallCommand(CLI::App& gateway, CliContext& context) {
  auto options = std::make_shared<InstallOptions>();
  options->platform = hostPlatform();
  CLI::App* install = gateway.add_subcommand(
      "install",
      "Install the gateway for this profile as a systemd user service "
      "(~/.config/systemd/user/openclaw-gateway[-<profile>].service), then enable and start it");
  install->add_flag("--force", options->force,
                    "Rewrite the unit and restart the service even when the installed unit is "
                    "identical");
  install->add_flag("--system", options->system,
                    "Install a system-level unit in /etc/systemd/system instead (needs root; "
                    "runs as the current user, WantedBy=multi-user.target)");
  install
      ->add_option("--port", options->port,
                   "Port the service listens on (default: OPENCLAW_GATEWAY_PORT, gateway.port, "
                   "18789; 19001 with --dev)")
      ->check(CLI::Range(1, 65535));
  CLI::Option* print = install->add_flag(
      "--print", options->print, "Print the service definition instead of installing anything");
  install
      ->add_option("--platform", options->platform,
                   "With --print: which definition to print: linux (systemd unit), macos "
                   "(LaunchAgent plist) or windows (Scheduled Task XML); default: this machine's")
      ->check(CLI::IsMember({"linux", "macos", "windows"}))
      ->needs(print);
  install->callback([options, &context] {
    context.action = [options, &context] {
      return reporting("install", [&] { return runInstall(context, *options); });
    };
  });
}

void addScopedCommand(CLI::App& gateway, CliContext& context, const std::string& verb,
                      const std::string& description,
                      const std::function<int(const CliContext&, SystemdScope)>& body) {
  auto system = std::make_shared<bool>(false);
  CLI::App* command = gateway.add_subcommand(verb, description);
  command->add_flag("--system", *system,
                    "Act on the system-level unit in /etc/systemd/system (needs root)");
  command->callback([system, verb, body, &context] {
    context.action = [system, verb, body, &context] {
      return reporting(
          verb, [&] { return body(context, *system ? SystemdScope::System : SystemdScope::User); });
    };
  });
}

}  // namespace

void addServiceCommands(CLI::App& gateway, CliContext& context) {
  addInstallCommand(gateway, context);
  addScopedCommand(gateway, context, "uninstall",
                   "Stop and disable the gateway service of this profile, remove its unit file "
                   "and reload systemd (config and state are kept)",
                   runUninstall);
  for (const auto& [verb, description] : std::vector<std::pair<std::string, std::string>>{
           {"start", "Start the installed gateway service of this profile (systemctl start)"},
           {"stop",
            "Stop the gateway service of this profile (systemctl stop; a no-op when it "
            "is not installed)"},
           {"restart", "Restart the installed gateway service of this profile"}}) {
    addScopedCommand(
        gateway, context, verb, description,
        [verb](const CliContext& c, SystemdScope scope) { return control(c, scope, verb); });
  }
}

}  // namespace openclaw::cli
