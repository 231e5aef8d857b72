#include "rpc/connection.h"

namespace openclaw::rpc {

std::string Connection::upgradeHeader(const std::string& lowerCaseName) const {
  const auto found = upgradeHeaders_.find(lowerCaseName);
  return found == upgradeHeaders_.end() ? std::string() : found->second;
}

}  // namespace openclaw::rpc
