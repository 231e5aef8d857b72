#pragma once

#include <string_view>

namespace openclaw::canvas {

// The built-in A2UI host page served at /__openclaw__/a2ui/: it renders A2UI-style JSONL
// messages handed to window.openclawA2UI.push(text) (a node's canvas.eval, or a script on the
// page), and clears them with window.openclawA2UI.reset(). It knows a few component kinds only
// (see docs/canvas.md).
std::string_view a2uiPage();

}  // namespace openclaw::canvas
