#pragma once

#include <cstddef>
#include <string>

namespace openclaw::cli {

// The largest A2UI JSONL document `nodes canvas a2ui push --jsonl` sends.
inline constexpr std::size_t kMaxA2uiJsonlBytes = 1024 * 1024;

// A2UI v0.8 JSONL that shows `text` on the node's canvas: a surface "main" whose root column
// holds one text component, then the message to render it.
std::string a2uiTextJsonl(const std::string& text);

// How many A2UI messages `jsonl` holds: every non-empty line must be a JSON object carrying a
// v0.8 message (beginRendering, surfaceUpdate, dataModelUpdate or deleteSurface). Throws
// std::invalid_argument naming the first bad line; v0.9 messages (createSurface) are refused
// because canvas nodes render v0.8.
std::size_t countA2uiMessages(const std::string& jsonl);

}  // namespace openclaw::cli
