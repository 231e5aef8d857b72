#include "fleet/tenant.h"

#include <stdexcept>

namespace openclaw::fleet {
namespace {

constexpr std::size_t kMaxTenantLength = 40;

bool lowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

void validateTenantId(const std::string& tenant) {
  const auto refuse = [&](const std::string& why) {
    throw std::invalid_argument("invalid tenant id \"" + tenant + "\": " + why +
                                " (1-40 of a-z, 0-9 and '-', starting and ending with a "
                                "letter or digit)");
  };
  if (tenant.empty()) refuse("it is empty");
  if (tenant.size() > kMaxTenantLength) refuse("it is longer than 40 characters");
  for (const char c : tenant) {
    if (!lowerAlnum(c) && c != '-') refuse("it contains '" + std::string(1, c) + "'");
  }
  if (!lowerAlnum(tenant.front()) || !lowerAlnum(tenant.back())) {
    refuse("it starts or ends with '-'");
  }
}

std::string cellName(const std::string& tenant) { return "openclaw-cell-" + tenant; }

}  // namespace openclaw::fleet
