#pragma once

#include <string>
#include <vector>

#include "config/config_file.h"

namespace openclaw::doctor {

// Every `gateway.*` and `logging.*` key this gateway reads, dotted ("gateway.auth.token"), as
// docs/configuration.md lists them. The one list of known keys: keep it in step with that page.
const std::vector<std::string>& knownConfigKeys();

// JSON pointers ("/gateway/foo") of the keys under `gateway` and `logging` that are not in
// knownConfigKeys(), sorted by key within each object. A known object key (gateway.auth) that
// holds a non-object is a type problem for the value checks, not an unknown key.
std::vector<std::string> unknownConfigKeys(const config::ConfigFile& file);

}  // namespace openclaw::doctor
