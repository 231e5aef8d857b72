#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace openclaw::cli {

// The words of one command line, used to build only the subcommands it can select. CLI11 builds
// every option of every subcommand up front; for the whole tree that was most of the CLI's
// start-up work and about 200 KiB of heap that a running gateway kept. A subcommand whose name
// is not one of the words cannot be selected by the line, so leaving it out changes no parse.
class CommandLineWords {
 public:
  CommandLineWords(int argc, const char* const* argv);

  // Selects every subcommand: for listing the whole tree.
  static CommandLineWords everything();

  // True when one of `names` is a word of the line, or the line asks for help (-h, --help),
  // whose output lists the subcommands.
  bool mayName(std::initializer_list<std::string_view> names) const;

 private:
  CommandLineWords() = default;

  std::set<std::string, std::less<>> words_;
  bool everything_ = false;
};

// The names of the subcommands a parse of `root` selected, outermost first: {"gateway", "call"}
// for `openclaw gateway call health`.
std::vector<std::string> selectedCommandPath(const CLI::App& root);

}  // namespace openclaw::cli
