#include "core/network.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace openclaw::core {
namespace {

bool inTailnetRange(const std::string& address) {
  in_addr parsed{};
  if (inet_pton(AF_INET, address.c_str(), &parsed) != 1) return false;
  const std::uint32_t host = ntohl(parsed.s_addr);
  return (host & 0xFFC00000u) == 0x64400000u;  // 100.64.0.0/10
}

}  // namespace

std::vector<std::string> interfaceIPv4Addresses() {
  std::vector<std::string> addresses;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return addresses;
  for (ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr || entry->ifa_addr->sa_family != AF_INET) continue;
    if ((entry->ifa_flags & IFF_UP) == 0) continue;
    char text[INET_ADDRSTRLEN] = {};
    const auto* inet = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr);
    if (inet_ntop(AF_INET, &inet->sin_addr, text, sizeof(text)) != nullptr) {
      addresses.emplace_back(text);
    }
  }
  freeifaddrs(list);
  return addresses;
}

std::optional<std::string> tailnetIPv4Address() {
  for (const std::string& address : interfaceIPv4Addresses()) {
    if (inTailnetRange(address)) return address;
  }
  return std::nullopt;
}

std::optional<std::string> primaryIPv4Address() {
  for (const std::string& address : interfaceIPv4Addresses()) {
    if (!isLoopbackAddress(address)) return address;
  }
  return std::nullopt;
}

bool isLoopbackAddress(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

std::string hostName() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

std::string platformName() {
  utsname name{};
  if (uname(&name) != 0) return "linux";
  return std::string("linux ") + name.release;
}

}  // namespace openclaw::core
