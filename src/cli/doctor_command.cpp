// `openclaw doctor [--json] [--fix]`: checks an instance's config, state directory, service
// unit and log directory, and says how to fix each problem.
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/service_spec.h"
#include "core/files.h"
#include "doctor/config_checks.h"
#include "doctor/log_checks.h"
#include "doctor/report.h"
#include "doctor/service_check.h"
#include "doctor/state_checks.h"
#include "service/unit_location.h"

namespace openclaw::cli {
namespace {

using doctor::Finding;

struct DoctorOptions {
  bool json = false;
  bool fix = false;
};

// The installed user unit against what `gateway install --print` renders now; with `fix`, an
// outdated unit is rewritten.
std::optional<Finding> checkService(const CliContext& context, const std::string& cli, bool fix) {
  const std::filesystem::path path =
      service::systemdUnitPath(context.profile(), service::SystemdScope::User, context.env);
  std::optional<std::string> installed;
  std::string rendered;
  try {
    installed = core::readFile(path);
    if (!installed) return std::nullopt;
    rendered = service::renderSystemdUserUnit(resolveServiceSpec(context, std::nullopt, true));
  } catch (const std::exception& error) {
    return Finding{"service.unchecked", doctor::Severity::Warn,
                   "cannot compare the service unit " + path.string() + ": " + error.what(),
                   "fix the problems above, then run " + cli + " doctor again"};
  }
  std::optional<Finding> finding = doctor::compareServiceUnit(path, installed, rendered, cli);
  if (fix && finding->severity == doctor::Severity::Warn) {
    return doctor::rewriteServiceUnit(path, rendered);
  }
  return finding;
}

int runDoctor(const CliContext& context, const DoctorOptions& options) {
  const doctor::CheckContext check{context.paths(), context.env,
                                   config::cliPrefix(context.profile())};
  std::vector<Finding> findings;
  const auto add = [&](std::optional<Finding> finding) {
    if (finding) findings.push_back(*finding);
  };
  // First, so the checks below report what is left.
  if (options.fix) findings = doctor::fixPrivateModes(check.paths);
  const std::optional<config::ConfigFile> file = doctor::loadConfig(check, findings);
  if (file) {
    for (const Finding& finding : doctor::checkConfig(*file, check)) add(finding);
  }
  for (const Finding& finding : doctor::checkStateDir(check.paths.stateDir, ::geteuid())) {
    add(finding);
  }
  for (const Finding& finding : doctor::checkPrivateModes(check.paths)) add(finding);
  add(doctor::checkDatabase(check.paths.databasePath));
  add(doctor::checkLockFile(check.paths.stateDir));
  add(doctor::checkExecApprovals(check.paths.stateDir));
  add(checkService(context, check.cli, options.fix));
  add(doctor::checkLogDir(doctor::logFilePattern(file, check.paths.profile), check.paths));

  if (options.json) {
    std::cout << doctor::renderJson(findings).dump(2) << "\n";
  } else {
    std::cout << doctor::renderText(findings);
  }
  return doctor::hasErrors(findings) ? 1 : 0;
}

}  // namespace

void addDoctorCommand(CLI::App& root, CliContext& context) {
  auto options = std::make_shared<DoctorOptions>();
  CLI::App* doctor = root.add_subcommand(
      "doctor",
      "Check this instance's config, state directory, service unit and log directory; exits 1 "
      "when any error is found");
  doctor->add_flag("--json", options->json, "Print {ok, findings: [...]} as JSON");
  doctor->add_flag("--fix", options->fix,
                   "Rewrite an outdated systemd user unit and make the state dir, its private "
                   "files and the config owner-only (file contents are never touched)");
  doctor->callback([options, &context] {
    context.action = [options, &context] { return runDoctor(context, *options); };
  });
}

}  // namespace openclaw::cli
