#include "cli/command_words.h"

namespace openclaw::cli {

CommandLineWords::CommandLineWords(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) words_.insert(argv[i]);
  everything_ = words_.count("-h") > 0 || words_.count("--help") > 0;
}

CommandLineWords CommandLineWords::everything() {
  CommandLineWords words;
  words.everything_ = true;
  return words;
}

bool CommandLineWords::mayName(std::initializer_list<std::string_view> names) const {
  if (everything_) return true;
  for (const std::string_view name : names) {
    if (words_.count(name) > 0) return true;
  }
  return false;
}

std::vector<std::string> selectedCommandPath(const CLI::App& root) {
  std::vector<std::string> path;
  for (const CLI::App* app = &root; !app->get_subcommands().empty();) {
    app = app->get_subcommands().front();
    path.push_back(app->get_name());
  }
  return path;
}

}  // namespace openclaw::cli
