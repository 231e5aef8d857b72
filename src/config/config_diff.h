#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::config {

// The dotted paths where two configs differ, sorted: objects are compared key by key, anything
// else (arrays too) as a whole. Empty when they are equal.
std::vector<std::string> changedConfigPaths(const nlohmann::json& before,
                                            const nlohmann::json& after);

// The dotted paths of the arrays in `stored` that merge-patching it with `patch` (RFC 7396)
// would shrink or delete: an array replaced by one that lacks some of its items, set to null, or
// inside an object set to null. Sorted.
std::vector<std::string> arrayRemovals(const nlohmann::json& stored, const nlohmann::json& patch);

}  // namespace openclaw::config
