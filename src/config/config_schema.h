#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::config {

// The JSON Schema of the config keys this gateway reads (schema/config.schema.json, compiled
// in), with its "#/definitions/..." references inlined. Secrets are marked "writeOnly".
const nlohmann::json& configSchema();

// Upstream's uiHints for configSchema(): one entry per titled, described or secret node, keyed
// by dotted path with "*" for free-form keys ("models.providers.*.apiKey"): label (title),
// help (description), sensitive (writeOnly).
const nlohmann::json& configUiHints();

// The dotted keys of the schema's leaves: nodes that list no properties of their own (a free-form
// object such as models.providers counts as one key).
const std::vector<std::string>& configLeafKeys();

// Whether the value at `path` (keys from the root) is a secret: a writeOnly node of the schema,
// or, for keys the schema does not know, a key named like one (…token, password, secret, apiKey;
// not …File or …Path, which name where a secret is kept).
bool isSecretConfigPath(const std::vector<std::string>& path);

}  // namespace openclaw::config
