#pragma once

#include <stdexcept>

namespace openclaw::agent::tools {

// A failure a tool reports to the model: its message says what went wrong and what to do.
// Tools throw it internally; ToolBase::run turns it into a ToolResult with isError set.
class ToolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A call the exec policy or an operator refused: nothing ran.
class ToolBlocked : public ToolError {
 public:
  using ToolError::ToolError;
};

}  // namespace openclaw::agent::tools
