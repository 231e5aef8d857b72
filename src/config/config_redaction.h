#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace openclaw::config {

// What config.get shows instead of a secret, as upstream does; a client that sends it back in a
// write keeps the stored secret.
inline constexpr const char* kRedactedValue = "__OPENCLAW_REDACTED__";

// `config` with every non-empty string at a secret path (isSecretConfigPath) replaced by
// kRedactedValue.
nlohmann::json redactConfig(const nlohmann::json& config);

// `raw` (the text `parsed` came from) with each secret string literal replaced by
// "__OPENCLAW_REDACTED__"; nullopt when that cannot be done safely: a secret is still in the
// text afterwards (in a comment, or written with escapes), or the result does not parse to
// redactConfig(parsed).
std::optional<std::string> redactConfigText(const std::string& raw, const nlohmann::json& parsed);

// A kRedactedValue in a write that has no stored secret to stand for.
class UnrestorableRedaction : public std::runtime_error {
 public:
  explicit UnrestorableRedaction(const std::string& key);
};

// `candidate` with every kRedactedValue replaced by the string at the same path of `stored`.
// Throws UnrestorableRedaction when `stored` has no string there.
nlohmann::json restoreRedacted(nlohmann::json candidate, const nlohmann::json& stored);

}  // namespace openclaw::config
