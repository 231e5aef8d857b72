#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace openclaw::cli {

// One command of the CLI11 tree, flattened for completion scripts: what may follow it.
struct CompletionWord {
  std::string name;  // "gateway", "--port", "-p"
  std::string description;
  bool takesValue = false;  // options only: the next word is the option's value
};
struct CompletionCommand {
  std::string path;                      // "openclaw gateway call"
  std::vector<CompletionWord> commands;  // subcommands and their aliases
  std::vector<CompletionWord> options;   // long and short names
};

// Every command of `root` (the whole tree: build it with CommandLineWords::everything()),
// outermost first. Hidden subcommands (no group) are left out.
std::vector<CompletionCommand> completionCommands(const CLI::App& root);

// Completion scripts for `openclaw completion <shell>`: the tree as tables plus a small walker
// that follows the words typed so far (skipping option values) to the command being completed.
std::string bashCompletionScript(const std::vector<CompletionCommand>& commands);
std::string zshCompletionScript(const std::vector<CompletionCommand>& commands);
std::string fishCompletionScript(const std::vector<CompletionCommand>& commands);

}  // namespace openclaw::cli
