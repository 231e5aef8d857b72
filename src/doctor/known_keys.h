#pragma once

#include <string>
#include <vector>

#include "config/config_file.h"

namespace openclaw::doctor {

// Every key this gateway reads, dotted ("gateway.auth.token"): the leaves of the config schema
// (schema/config.schema.json, which config.schema serves), the one list of known keys.
const std::vector<std::string>& knownConfigKeys();

// JSON pointers ("/gateway/foo") of the keys under `gateway` and `logging` that are not in
// knownConfigKeys(), sorted by key within each object. A known object key (gateway.auth) that
// holds a non-object is a type problem for the value checks, not an unknown key.
std::vector<std::string> unknownConfigKeys(const config::ConfigFile& file);

}  // namespace openclaw::doctor
