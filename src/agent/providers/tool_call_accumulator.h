#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agent/conversation.h"
#include "agent/model_provider.h"

namespace openclaw::agent::providers {

// Collects tool calls streamed in pieces, keyed by the stream's block or call index: the id and
// name arrive once, the JSON arguments as text fragments.
class ToolCallAccumulator {
 public:
  // Sets the id and name of call `index` (creating it); empty values leave earlier ones.
  void start(long index, const std::string& id, const std::string& name);
  void appendArguments(long index, const std::string& fragment);
  bool empty() const { return calls_.empty(); }
  // The calls in index order with parsed arguments; a "protocol" error when a call has no name
  // or arguments that are not a JSON object (empty arguments mean {}).
  std::optional<ModelError> finish(std::vector<ToolCall>& out) const;

 private:
  struct Partial {
    std::string id;
    std::string name;
    std::string arguments;
  };
  std::map<long, Partial> calls_;
};

}  // namespace openclaw::agent::providers
