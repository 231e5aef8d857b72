// `openclaw completion [bash|zsh|fish]`: prints a completion script generated from the whole
// command tree (this command line built only the commands it names).
#include <iostream>

#include "cli/commands.h"
#include "cli/completion_script.h"

namespace openclaw::cli {
namespace {

int printCompletion(const std::string& shell) {
  if (shell == "powershell") {
    std::cerr << "openclaw completion: PowerShell is not supported by this build (bash, zsh, "
                 "fish are)\n";
    return 2;
  }
  CliContext unused;
  CLI::App tree;
  configureRoot(tree, unused, CommandLineWords::everything());
  const std::vector<CompletionCommand> commands = completionCommands(tree);
  if (shell == "bash") {
    std::cout << bashCompletionScript(commands);
  } else if (shell == "fish") {
    std::cout << fishCompletionScript(commands);
  } else {
    std::cout << zshCompletionScript(commands);
  }
  return 0;
}

}  // namespace

void addCompletionCommand(CLI::App& root, CliContext& context) {
  struct Options {
    std::string shell;
    std::string shellFlag;
  };
  auto options = std::make_shared<Options>();
  CLI::App* completion = root.add_subcommand(
      "completion",
      "Print a shell completion script for bash, zsh (the default) or fish; e.g. "
      "source <(openclaw completion bash)");
  const auto shells = CLI::IsMember({"bash", "zsh", "fish", "powershell"});
  completion->add_option("shell", options->shell, "bash, zsh or fish")->check(shells);
  completion->add_option("-s,--shell", options->shellFlag, "The same, as an option")->check(shells);
  completion->callback([options, &context] {
    context.action = [options] {
      if (!options->shell.empty() && !options->shellFlag.empty() &&
          options->shell != options->shellFlag) {
        std::cerr << "openclaw completion: two different shells given ('" << options->shell
                  << "' and --shell '" << options->shellFlag << "')\n";
        return 2;
      }
      const std::string& chosen = options->shell.empty() ? options->shellFlag : options->shell;
      return printCompletion(chosen.empty() ? "zsh" : chosen);
    };
  });
}

}  // namespace openclaw::cli
