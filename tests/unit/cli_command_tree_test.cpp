// addCommands builds only the subcommands a command line names (CommandLineWords). These tests
// hold it to its contract: every subcommand of the whole tree can still be reached by naming
// its path, and a line that names one command leaves the others out.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace openclaw::cli {
namespace {

using Path = std::vector<std::string>;

void collectPaths(CLI::App& app, Path prefix, std::vector<Path>& paths) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    Path path = prefix;
    path.push_back(sub->get_name());
    paths.push_back(path);
    collectPaths(*sub, path, paths);
  }
}

std::vector<Path> treePaths(const CommandLineWords& words) {
  CliContext context;
  CLI::App root;
  addCommands(root, context, words);
  std::vector<Path> paths;
  collectPaths(root, {}, paths);
  return paths;
}

CommandLineWords wordsOf(const Path& path) {
  std::vector<const char*> argv{"openclaw"};
  for (const std::string& word : path) argv.push_back(word.c_str());
  return CommandLineWords(static_cast<int>(argv.size()), argv.data());
}

bool contains(const std::vector<Path>& paths, const Path& path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

TEST(CliCommandTree, EverySubcommandIsBuiltWhenItsPathIsNamed) {
  const std::vector<Path> all = treePaths(CommandLineWords::everything());
  ASSERT_GT(all.size(), 30U);  // the whole tree, not an empty one
  for (const Path& path : all) {
    EXPECT_TRUE(contains(treePaths(wordsOf(path)), path))
        << "not built for: openclaw " << ::testing::PrintToString(path);
  }
}

TEST(CliCommandTree, OnlyTheNamedCommandsAreBuilt) {
  const std::vector<Path> gatewayOnly = treePaths(wordsOf({"gateway", "--port", "0"}));
  EXPECT_TRUE(contains(gatewayOnly, {"gateway"}));
  EXPECT_FALSE(contains(gatewayOnly, {"health"}));
  EXPECT_FALSE(contains(gatewayOnly, {"gateway", "install"}));
  EXPECT_FALSE(contains(gatewayOnly, {"gateway", "run"}));
  EXPECT_FALSE(contains(gatewayOnly, {"nodes"}));
}

TEST(CliCommandTree, HelpBuildsTheWholeTree) {
  const std::vector<Path> all = treePaths(CommandLineWords::everything());
  EXPECT_EQ(treePaths(wordsOf({"--help"})), all);
  EXPECT_EQ(treePaths(wordsOf({"gateway", "-h"})), all);
}

}  // namespace
}  // namespace openclaw::cli
