#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rpc/connection.h"

namespace openclaw::testsupport {

// A Connection without a socket: records every frame the gateway sends and how it was closed,
// for in-process tests and the connect fuzzer. Frames sent after close() are dropped, as the
// transport drops them.
class FakeConnection final : public rpc::Connection {
 public:
  using rpc::Connection::Connection;

  void send(rpc::OutboundText text) override;
  void close(std::uint16_t code, std::string reason) override;
  void setReadLimit(std::size_t bytes) override { readLimit = bytes; }

  std::vector<std::string> sent;  // each frame's text, in order
  bool closed = false;
  std::uint16_t closeCode = 0;
  std::string closeReason;
  std::size_t readLimit = 0;
};

}  // namespace openclaw::testsupport
