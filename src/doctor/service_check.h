#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "doctor/finding.h"

namespace openclaw::doctor {

// Compares the installed systemd user unit (`installed`: its contents, nullopt when there is
// none) byte for byte with `rendered`, what `gateway install` would write now. Nothing when
// no unit is installed; a warning naming the first differing line when they differ.
std::optional<Finding> compareServiceUnit(const std::filesystem::path& path,
                                          const std::optional<std::string>& installed,
                                          const std::string& rendered, const std::string& cli);

// `doctor --fix`: writes `rendered` to `path` (atomically, owner-only like `gateway install`)
// and returns the note saying how to make systemd load it.
Finding rewriteServiceUnit(const std::filesystem::path& path, const std::string& rendered);

}  // namespace openclaw::doctor
