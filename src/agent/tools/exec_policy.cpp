#include "agent/tools/exec_policy.h"

#include <algorithm>
#include <cstring>

namespace openclaw::agent::tools {
namespace {

bool isPlainCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         static_cast<unsigned char>(c) >= 0x80 || std::strchr("_-./,:=+@%^~*?[]!", c) != nullptr;
}

// Splits a command into pipelines/lists of simple commands and keeps each one's first word.
class CommandScanner {
 public:
  explicit CommandScanner(const std::string& command) : text_(command) {}

  CommandPrograms scan() {
    while (pos_ < text_.size() && result_.refusal.empty()) step();
    if (result_.refusal.empty()) endCommand(false);
    if (result_.refusal.empty() && result_.programs.empty()) refuse("the command is empty");
    if (!result_.refusal.empty()) result_.programs.clear();
    return std::move(result_);
  }

 private:
  void step() {
    const char c = text_[pos_];
    const char next = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
    if (c == ' ' || c == '\t') {
      endWord();
    } else if (c == ';' || c == '\n') {
      endCommand(false);
    } else if ((c == '|' || c == '&') && next == c) {
      endCommand(true);
      ++pos_;
    } else if (c == '|' && next != '&') {
      endCommand(true);
    } else if (c == '\'' || c == '"') {
      quoted(c);
      return;
    } else if (isPlainCharacter(c)) {
      word_ += c;
      inWord_ = true;
      if (std::strchr("*?[", c) != nullptr) wordHasGlob_ = true;
    } else {
      refuse(describe(c, next));
    }
    ++pos_;
  }

  static std::string describe(char c, char next) {
    if (c == '&') return "background jobs (&) are not allowed";
    if (c == '|' && next == '&') return "|& is not allowed";
    if (c == '$' || c == '`') return "variable expansion and command substitution are not allowed";
    if (c == '<' || c == '>') return "redirections (< >) are not allowed";
    if (c == '\\') return "backslash escapes are not allowed";
    return std::string("the shell character '") + c + "' is not allowed";
  }

  void quoted(char quote) {
    const std::size_t close = text_.find(quote, pos_ + 1);
    if (close == std::string::npos) return refuse("unterminated quote");
    const std::string inside = text_.substr(pos_ + 1, close - pos_ - 1);
    if (quote == '"' && inside.find_first_of("$`\\") != std::string::npos) {
      return refuse("$, ` and \\ inside double quotes are not allowed");
    }
    word_ += inside;
    inWord_ = true;
    pos_ = close + 1;
  }

  void endWord() {
    if (!inWord_) return;
    if (words_ == 0) {
      if (word_.empty()) return refuse("the program name is empty");
      if (wordHasGlob_) return refuse("wildcards in a program name are not allowed");
      if (word_.find('=') != std::string::npos) {
        return refuse("variable assignments (" + word_ + ") are not allowed");
      }
      result_.programs.push_back(word_);
    }
    ++words_;
    word_.clear();
    inWord_ = false;
    wordHasGlob_ = false;
  }

  // Ends one simple command. After |, && and || another command must follow.
  void endCommand(bool operatorFollows) {
    endWord();
    if (words_ == 0 && (operatorFollows || pendingOperator_)) {
      return refuse("a command is missing around |, && or ||");
    }
    pendingOperator_ = operatorFollows;
    words_ = 0;
  }

  void refuse(std::string reason) {
    if (result_.refusal.empty()) result_.refusal = std::move(reason);
  }

  const std::string& text_;
  std::size_t pos_ = 0;
  std::string word_;
  bool inWord_ = false;
  bool wordHasGlob_ = false;
  std::size_t words_ = 0;  // words of the current simple command
  bool pendingOperator_ = false;
  CommandPrograms result_;
};

bool isAllowlisted(const std::vector<std::string>& safeBins, const std::string& program) {
  const bool isPath = program.find('/') != std::string::npos;
  return std::any_of(safeBins.begin(), safeBins.end(), [&](const std::string& entry) {
    return entry == program && (entry.find('/') != std::string::npos) == isPath;
  });
}

// Why allowlist mode does not cover `command`, or "" when it does.
std::string allowlistMiss(const config::ExecToolSettings& settings, const std::string& command) {
  const CommandPrograms parsed = programsInCommand(command);
  if (!parsed.refusal.empty()) return "the command cannot be checked: " + parsed.refusal;
  for (const std::string& program : parsed.programs) {
    if (!isAllowlisted(settings.safeBins, program)) {
      return "\"" + program + "\" is not in tools.exec.safeBins";
    }
  }
  return {};
}

}  // namespace

CommandPrograms programsInCommand(const std::string& command) {
  return CommandScanner(command).scan();
}

ExecVerdict evaluateExecPolicy(const config::ExecToolSettings& settings,
                               const std::string& command) {
  using config::ExecAsk;
  using config::ExecSecurity;
  if (settings.security == ExecSecurity::Deny) {
    return {ExecDecision::Refuse, "exec is disabled (tools.exec.security is \"deny\")"};
  }
  if (settings.security == ExecSecurity::Allowlist) {
    std::string miss = allowlistMiss(settings, command);
    if (!miss.empty()) {
      if (settings.ask == ExecAsk::Off) return {ExecDecision::Refuse, std::move(miss)};
      return {ExecDecision::Ask, std::move(miss)};
    }
  }
  if (settings.ask == ExecAsk::Always) {
    return {ExecDecision::Ask, "tools.exec.ask is \"always\""};
  }
  return {ExecDecision::Run, {}};
}

}  // namespace openclaw::agent::tools
