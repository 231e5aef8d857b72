#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace openclaw::rpc {

// One outbound text frame, head + own + tail. A broadcast serializes its payload once into
// `head` and `tail`, which every recipient's frame shares; only `own` (the recipient's event
// seq) is per connection, so N recipients cost one payload, not N copies. A frame for a single
// connection is all `own`.
struct OutboundText {
  std::shared_ptr<const std::string> head;  // may be null
  std::string own;
  std::shared_ptr<const std::string> tail;  // may be null

  std::size_t size() const {
    return (head ? head->size() : 0) + own.size() + (tail ? tail->size() : 0);
  }
  std::string flatten() const {
    return (head ? *head : std::string()) + own + (tail ? *tail : std::string());
  }
};

}  // namespace openclaw::rpc
