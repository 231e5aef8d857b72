#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace openclaw::core {

// The deepest nesting of arrays and objects accepted in JSON (and JSON5) that comes from
// outside: WebSocket frames, HTTP bodies, provider streams, channel updates, node results and
// the config file. `[]` is one level, `[[]]` two. Deeper documents are refused while parsing,
// before anything walks them recursively (copying, dumping, validating).
inline constexpr std::size_t kMaxJsonDepth = 128;

// How errors word the refusal: "nested deeper than 128 levels".
std::string tooDeepReason();

enum class JsonParseStatus { kOk, kMalformed, kTooDeep };

struct BoundedJson {
  JsonParseStatus status = JsonParseStatus::kOk;
  // The document when kOk. When kTooDeep, what was read before the limit (so that fields that
  // came first, such as a request id, can still be read); discarded when kMalformed.
  nlohmann::json value;

  bool ok() const { return status == JsonParseStatus::kOk; }
};

// Parses `text` as strict JSON with at most kMaxJsonDepth nested arrays/objects. Never throws
// for bad input, and stops reading at the first level past the limit.
BoundedJson parseBoundedJson(std::string_view text);

// Like nlohmann::json::parse(text, nullptr, false) with the depth limit: a discarded value
// (is_discarded()) when the text is not JSON or nests deeper than kMaxJsonDepth.
nlohmann::json parseJsonOrDiscarded(std::string_view text);

}  // namespace openclaw::core
