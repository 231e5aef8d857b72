// `openclaw update status [--json]`: what is installed and how to upgrade it. This build never
// updates itself, so `openclaw update` and its other subcommands (wizard, --channel ...) refuse
// with an explanation instead of pretending.
#include <iostream>

#include "cli/commands.h"
#include "cli/update_status.h"

namespace openclaw::cli {
namespace {

struct UpdateStatusOptions {
  bool json = false;
  double timeoutSeconds = 3;
};

int refuseUpdate(const std::vector<std::string>& words) {
  std::string command = "openclaw update";
  for (const std::string& word : words) command += " " + word;
  std::cerr << command << ": not supported: this build never updates itself.\n"
            << "To upgrade, " << upgradeHint(detectInstall()) << ".\n"
            << "'openclaw update status' shows the installed version and how it was installed.\n";
  return 1;
}

}  // namespace

void addUpdateCommand(CLI::App& root, CliContext& context) {
  CLI::App* update = root.add_subcommand(
      "update",
      "Show the installed version (update status); this build never updates itself, so "
      "anything else here is refused");
  // Upstream's update flags and subcommands (--channel, wizard, ...) land here, rather than
  // falling through to the root, to be refused.
  update->allow_extras();
  update->callback([update, &context] {
    if (!context.action) {
      context.action = [words = update->remaining()] { return refuseUpdate(words); };
    }
  });

  auto options = std::make_shared<UpdateStatusOptions>();
  CLI::App* status = update->add_subcommand(
      "status",
      "Show the version, git commit, build type, executable and how it was installed "
      "(a Debian package or built from source); no network access");
  status->add_flag("--json", options->json, "Print the status as JSON");
  status
      ->add_option("--timeout", options->timeoutSeconds,
                   "Accepted for compatibility with upstream; nothing here waits on the network")
      ->check(CLI::Range(0.001, 3600.0));
  status->callback([options, &context] {
    context.action = [options] {
      const InstallInfo info = detectInstall();
      if (options->json) {
        std::cout << updateStatusJson(info).dump(2) << "\n";
      } else {
        std::cout << updateStatusText(info);
      }
      return 0;
    };
  });
  // After `status` (which inherited the root's fallthrough for --dev/--profile) was added.
  update->fallthrough(false);
}

}  // namespace openclaw::cli
