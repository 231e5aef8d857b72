#include "cli/completion_script.h"

#include <sstream>

namespace openclaw::cli {
namespace {

constexpr std::size_t kDescriptionLimit = 90;

// The first line of a help text, cut at the first sentence end and to kDescriptionLimit bytes.
std::string shortDescription(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  const std::size_t sentence = line.find(". ");
  if (sentence != std::string::npos) line.resize(sentence);
  if (line.size() > kDescriptionLimit) {
    line.resize(kDescriptionLimit - 3);
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) {
      line.pop_back();  // never split a UTF-8 sequence
    }
    if (!line.empty()) line.pop_back();
    line += "...";
  }
  return line;
}

// 'text' for bash, zsh and fish: single quotes, with ' written as '\'' (fish: \').
std::string posixQuoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
std::string fishQuoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

void collect(const CLI::App& app, const std::string& path, std::vector<CompletionCommand>& out) {
  CompletionCommand command{path, {}, {}};
  const auto subcommands = app.get_subcommands(
      [](const CLI::App* sub) { return !sub->get_group().empty() && !sub->get_name().empty(); });
  for (const CLI::App* sub : subcommands) {
    const std::string description = shortDescription(sub->get_description());
    command.commands.push_back({sub->get_name(), description, false});
    for (const std::string& alias : sub->get_aliases()) {
      command.commands.push_back({alias, description, false});
    }
  }
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;
    const std::string description = shortDescription(option->get_description());
    const bool takesValue = option->get_items_expected_min() > 0;
    for (const std::string& name : option->get_lnames()) {
      command.options.push_back({"--" + name, description, takesValue});
    }
    for (const std::string& name : option->get_snames()) {
      command.options.push_back({"-" + name, description, takesValue});
    }
  }
  out.push_back(std::move(command));
  // An alias leads to the same subtree, so it is listed under each name.
  for (const CLI::App* sub : subcommands) {
    collect(*sub, path + " " + sub->get_name(), out);
    for (const std::string& alias : sub->get_aliases()) collect(*sub, path + " " + alias, out);
  }
}

// Space-separated names (of commands, options, or options taking a value) per command path.
std::string names(const std::vector<CompletionWord>& words, bool valuesOnly) {
  std::string out;
  for (const CompletionWord& word : words) {
    if (valuesOnly && !word.takesValue) continue;
    out += (out.empty() ? "" : " ") + word.name;
  }
  return out;
}

// "name:description" lines for zsh's _describe (':' in a name would need escaping; none has).
std::string describeLines(const std::vector<CompletionWord>& words) {
  std::string out;
  for (const CompletionWord& word : words) {
    out += (out.empty() ? "" : "\n") + word.name + ":" + word.description;
  }
  return out;
}

// Sets _openclaw_commands, _openclaw_options and _openclaw_valued (an associative array each,
// keyed by command path: subcommands, options, options taking a value). bash gets names as
// `table['path']='names'`; zsh, which would keep those quotes in the key, a key-value list with
// "name:description" lines for _describe.
std::string shellTables(const std::vector<CompletionCommand>& commands, bool zsh) {
  std::ostringstream out;
  out << "typeset -gA _openclaw_commands _openclaw_options _openclaw_valued\n";
  const auto table = [&](const std::string& name, const auto& valueOf) {
    if (zsh) out << name << "=(\n";
    for (const CompletionCommand& command : commands) {
      if (zsh) {
        out << "  " << posixQuoted(command.path) << " " << posixQuoted(valueOf(command)) << "\n";
      } else {
        out << name << "[" << posixQuoted(command.path) << "]=" << posixQuoted(valueOf(command))
            << "\n";
      }
    }
    if (zsh) out << ")\n";
  };
  table("_openclaw_commands", [&](const CompletionCommand& command) {
    return zsh ? describeLines(command.commands) : names(command.commands, false);
  });
  table("_openclaw_options", [&](const CompletionCommand& command) {
    return zsh ? describeLines(command.options) : names(command.options, false);
  });
  table("_openclaw_valued",
        [](const CompletionCommand& command) { return names(command.options, true); });
  return out.str();
}

}  // namespace

std::vector<CompletionCommand> completionCommands(const CLI::App& root) {
  std::vector<CompletionCommand> commands;
  collect(root, "openclaw", commands);
  return commands;
}

std::string bashCompletionScript(const std::vector<CompletionCommand>& commands) {
  std::ostringstream out;
  out << "# bash completion for openclaw, generated by `openclaw completion bash` from its\n"
         "# command tree. Load it with: source <(openclaw completion bash)\n"
      << shellTables(commands, false) <<
      R"(
# The command the words before the cursor select: subcommand names extend it, an option
# that takes a value skips that value.
_openclaw_command() {
  local command=openclaw word skip=0 i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if ((skip)); then
      skip=0
    elif [[ $word == -* ]]; then
      [[ " ${_openclaw_valued[$command]} " == *" $word "* ]] && skip=1
    elif [[ " ${_openclaw_commands[$command]} " == *" $word "* ]]; then
      command="$command $word"
    fi
  done
  ((skip)) && return 1
  printf '%s' "$command"
}

_openclaw() {
  local cur=${COMP_WORDS[COMP_CWORD]} command
  COMPREPLY=()
  # After an option that takes a value: leave it to the default (file names).
  command=$(_openclaw_command) || return 0
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${_openclaw_options[$command]}" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W "${_openclaw_commands[$command]}" -- "$cur")
  fi
}
complete -o default -F _openclaw openclaw
)";
  return out.str();
}

std::string zshCompletionScript(const std::vector<CompletionCommand>& commands) {
  std::ostringstream out;
  out << "#compdef openclaw\n"
         "# zsh completion for openclaw, generated by `openclaw completion zsh` from its command\n"
         "# tree. Put it on $fpath as _openclaw, or load it with: source <(openclaw completion "
         "zsh)\n"
      << shellTables(commands, true) <<
      R"(
_openclaw() {
  local command=openclaw word skip=0 i
  local -a names
  for ((i = 2; i < CURRENT; i++)); do
    word=${words[i]}
    if ((skip)); then
      skip=0
    elif [[ $word == -* ]]; then
      [[ " ${_openclaw_valued[$command]} " == *" $word "* ]] && skip=1
    else
      names=(${${(f)_openclaw_commands[$command]}%%:*})
      ((${names[(Ie)$word]})) && command="$command $word"
    fi
  done
  if ((skip)); then
    _files
    return
  fi
  local -a subcommands options
  subcommands=(${(f)_openclaw_commands[$command]})
  options=(${(f)_openclaw_options[$command]})
  if [[ ${words[CURRENT]} == -* ]]; then
    _describe -t options 'option' options
  elif ((${#subcommands})); then
    _describe -t commands 'command' subcommands
  else
    _files
  fi
}

# Autoloaded from $fpath, this file is the body of _openclaw's first call; sourced, it registers.
if [[ ${funcstack[1]} == _openclaw ]]; then
  _openclaw "$@"
else
  compdef _openclaw openclaw
fi
)";
  return out.str();
}

std::string fishCompletionScript(const std::vector<CompletionCommand>& commands) {
  std::ostringstream out;
  out << "# fish completion for openclaw, generated by `openclaw completion fish` from its\n"
         "# command tree. Load it with: openclaw completion fish | source\n"
         "set -g __openclaw_paths";
  for (const CompletionCommand& command : commands) out << " " << fishQuoted(command.path);
  out << "\nset -g __openclaw_valued";
  for (const CompletionCommand& command : commands) {
    for (const CompletionWord& option : command.options) {
      if (option.takesValue) out << " " << fishQuoted(command.path + " " + option.name);
    }
  }
  out << R"(

# The command the words before the cursor select (subcommand names extend it, an option that
# takes a value skips that value).
function __openclaw_command
    set -l command openclaw
    set -l skip 0
    set -l words (commandline -opc)
    set -e words[1]
    for word in $words
        if test $skip = 1
            set skip 0
        else if string match -q -- '-*' $word
            contains -- "$command $word" $__openclaw_valued; and set skip 1
        else if contains -- "$command $word" $__openclaw_paths
            set command "$command $word"
        end
    end
    echo $command
end

complete -c openclaw -e
complete -c openclaw -f
)";
  for (const CompletionCommand& command : commands) {
    const std::string when =
        " -n " + fishQuoted("test (__openclaw_command) = " + posixQuoted(command.path));
    for (const CompletionWord& sub : command.commands) {
      out << "complete -c openclaw" << when << " -a " << fishQuoted(sub.name) << " -d "
          << fishQuoted(sub.description) << "\n";
    }
    for (const CompletionWord& option : command.options) {
      const bool isLong = option.name.starts_with("--");
      out << "complete -c openclaw" << when << (isLong ? " -l " : " -s ")
          << fishQuoted(option.name.substr(isLong ? 2 : 1)) << (option.takesValue ? " -r -F" : "")
          << " -d " << fishQuoted(option.description) << "\n";
    }
  }
  return out.str();
}

}  // namespace openclaw::cli
