#include "cli/unknown_command.h"

#include <algorithm>
#include <numeric>

#include "cli/commands.h"

namespace openclaw::cli {
namespace {

std::vector<const CLI::App*> allSubcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

const CLI::App* subcommandNamed(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : allSubcommands(app)) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

bool takesPositionals(const CLI::App& app) {
  return !app.get_options([](const CLI::Option* option) { return option->get_positional(); })
              .empty();
}

}  // namespace

std::size_t editDistance(std::string_view a, std::string_view b) {
  // rows[i][j]: distance between the first i characters of a and the first j of b.
  std::vector<std::vector<std::size_t>> rows(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) rows[i][0] = i;
  std::iota(rows[0].begin(), rows[0].end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      rows[i][j] =
          std::min({rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        rows[i][j] = std::min(rows[i][j], rows[i - 2][j - 2] + 1);
      }
    }
  }
  return rows[a.size()][b.size()];
}

std::optional<std::string> nearestName(std::string_view word,
                                       const std::vector<std::string>& names) {
  std::size_t best = word.size() < 5 ? 1 : 2;  // the most edits still taken for a typo
  std::optional<std::string> nearest;
  for (const std::string& name : names) {
    const std::size_t distance = editDistance(word, name);
    if (distance <= best && (!nearest || distance < best)) {
      best = distance;
      nearest = name;
    }
  }
  return nearest;
}

std::optional<std::string> unknownCommandMessage(const CLI::App& parsed) {
  const std::vector<std::string> leftover = parsed.remaining(true);
  if (leftover.empty() || leftover.front().empty() || leftover.front().front() == '-') {
    return std::nullopt;
  }
  // The whole tree (this line built only the commands it names) and, in it, the deepest
  // command the line selected.
  CliContext unused;
  CLI::App tree;
  addCommands(tree, unused, CommandLineWords::everything());
  std::string path;
  const CLI::App* parent = &tree;
  for (const std::string& name : selectedCommandPath(parsed)) {
    path += name + " ";
    parent = subcommandNamed(*parent, name);
    if (parent == nullptr) return std::nullopt;
  }
  if (allSubcommands(*parent).empty() || takesPositionals(*parent)) return std::nullopt;

  std::vector<std::string> names;
  for (const CLI::App* sub : allSubcommands(*parent)) names.push_back(sub->get_name());
  const std::string& word = leftover.front();
  std::string message = "openclaw: unknown command '" + path + word + "'.";
  if (const auto nearest = nearestName(word, names)) {
    message += " Did you mean 'openclaw " + path + *nearest + "'?";
  }
  return message + "\nRun 'openclaw " + path + "--help' for the list of commands.\n";
}

}  // namespace openclaw::cli
