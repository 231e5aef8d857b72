#include "fleet/token_redactor.h"

#include <algorithm>
#include <utility>

namespace openclaw::fleet {
namespace {

constexpr std::string_view kRedacted = "<redacted>";

}  // namespace

std::string TokenRedactor::feed(std::string_view chunk) {
  pending_.append(chunk);
  if (secret_.empty()) return std::exchange(pending_, std::string());
  std::string out;
  std::size_t start = 0;
  for (std::size_t hit = pending_.find(secret_); hit != std::string::npos;
       hit = pending_.find(secret_, start)) {
    out.append(pending_, start, hit - start);
    out.append(kRedacted);
    start = hit + secret_.size();
  }
  // Everything but a tail that could still be the start of the secret.
  const std::size_t keep = std::min(pending_.size() - start, secret_.size() - 1);
  const std::size_t ready = pending_.size() - keep;
  out.append(pending_, start, ready - start);
  pending_.erase(0, ready);
  return out;
}

std::string TokenRedactor::finish() { return std::exchange(pending_, std::string()); }

}  // namespace openclaw::fleet
