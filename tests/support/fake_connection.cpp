#include "fake_connection.h"

#include <utility>

namespace openclaw::testsupport {

void FakeConnection::send(rpc::OutboundText text) {
  if (!closed) sent.push_back(text.flatten());
}

void FakeConnection::close(std::uint16_t code, std::string reason) {
  closed = true;
  closeCode = code;
  closeReason = std::move(reason);
}

}  // namespace openclaw::testsupport
