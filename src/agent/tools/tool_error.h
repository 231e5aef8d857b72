#pragma once

#include <stdexcept>

namespace openclaw::agent::tools {

// A failure a tool reports to the model: its message says what went wrong and what to do.
// Tools throw it internally; ToolBase::run turns it into a ToolResult with isError set.
class ToolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace openclaw::agent::tools
