// `openclaw completion`: the scripts are generated from the whole command tree.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/commands.h"
#include "cli/completion_script.h"

namespace openclaw::cli {
namespace {

std::vector<CompletionCommand> wholeTree() {
  CliContext context;
  CLI::App root;
  configureRoot(root, context, CommandLineWords::everything());
  return completionCommands(root);
}

const CompletionCommand* find(const std::vector<CompletionCommand>& commands,
                              const std::string& path) {
  const auto found = std::find_if(commands.begin(), commands.end(),
                                  [&](const CompletionCommand& c) { return c.path == path; });
  return found == commands.end() ? nullptr : &*found;
}

bool hasWord(const std::vector<CompletionWord>& words, const std::string& name) {
  return std::any_of(words.begin(), words.end(),
                     [&](const CompletionWord& word) { return word.name == name; });
}

TEST(CliCompletion, TheWholeTreeWithOptionsAtEveryLevel) {
  const std::vector<CompletionCommand> commands = wholeTree();
  ASSERT_GT(commands.size(), 30U);
  const CompletionCommand* root = find(commands, "openclaw");
  ASSERT_NE(root, nullptr);
  for (const char* name : {"gateway", "health", "completion", "update", "cron", "automations"}) {
    EXPECT_TRUE(hasWord(root->commands, name)) << name;
  }
  EXPECT_TRUE(hasWord(root->options, "--dev"));
  EXPECT_TRUE(hasWord(root->options, "--version"));
  EXPECT_TRUE(hasWord(root->options, "-V"));

  const CompletionCommand* call = find(commands, "openclaw gateway call");
  ASSERT_NE(call, nullptr);
  const auto params = std::find_if(call->options.begin(), call->options.end(),
                                   [](const CompletionWord& w) { return w.name == "--params"; });
  ASSERT_NE(params, call->options.end());
  EXPECT_TRUE(params->takesValue);
  EXPECT_FALSE(params->description.empty());
  const CompletionCommand* update = find(commands, "openclaw update");
  ASSERT_NE(update, nullptr);
  EXPECT_TRUE(hasWord(update->commands, "status"));
  // An alias has the same subtree.
  ASSERT_NE(find(commands, "openclaw automations add"), nullptr);
  ASSERT_NE(find(commands, "openclaw cron add"), nullptr);
}

TEST(CliCompletion, ScriptsListEveryCommandPath) {
  const std::vector<CompletionCommand> commands = wholeTree();
  const std::string bash = bashCompletionScript(commands);
  const std::string zsh = zshCompletionScript(commands);
  const std::string fish = fishCompletionScript(commands);
  EXPECT_NE(bash.find("complete -o default -F _openclaw openclaw"), std::string::npos);
  EXPECT_EQ(zsh.rfind("#compdef openclaw\n", 0), 0U);
  for (const CompletionCommand& command : commands) {
    EXPECT_NE(bash.find("_openclaw_commands['" + command.path + "']="), std::string::npos)
        << command.path;
    EXPECT_NE(zsh.find("\n  '" + command.path + "' '"), std::string::npos) << command.path;
    EXPECT_NE(fish.find("'" + command.path + "'"), std::string::npos) << command.path;
  }
  EXPECT_NE(bash.find("_openclaw_valued['openclaw gateway']='"), std::string::npos);
  EXPECT_NE(fish.find("-l 'port' -r -F"), std::string::npos);
}

TEST(CliCompletion, QuotesSurviveInEveryShell) {
  const std::vector<CompletionCommand> commands{
      {"openclaw", {{"it's", "a 'quoted' \\ word", false}}, {}}};
  EXPECT_NE(bashCompletionScript(commands).find(R"('it'\''s')"), std::string::npos);
  EXPECT_NE(fishCompletionScript(commands).find(R"('a \'quoted\' \\ word')"), std::string::npos);
}

}  // namespace
}  // namespace openclaw::cli
