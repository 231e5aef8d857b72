#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openclaw::cli {

// Optimal string alignment distance: the fewest insertions, deletions, substitutions and swaps
// of two adjacent characters that turn `a` into `b` ("helth" -> "health": 1, "stauts" ->
// "status": 1).
std::size_t editDistance(std::string_view a, std::string_view b);

// The name closest to `word` when it is close enough to be what the user meant: at most one
// edit for words shorter than five characters, two otherwise. Ties go to the earlier name.
std::optional<std::string> nearestName(std::string_view word,
                                       const std::vector<std::string>& names);

// After `parsed` (built by addCommands for this command line) failed to parse: when the line's
// first leftover word stands where a command's subcommand belongs (`openclaw helth`, `openclaw
// gateway helth`), the message saying the command is unknown, with the nearest existing one
// and where to list them. nullopt when the parse failed for another reason.
std::optional<std::string> unknownCommandMessage(const CLI::App& parsed);

}  // namespace openclaw::cli
