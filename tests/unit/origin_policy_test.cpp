// Which browser origins may open the gateway's WebSocket (gateway.controlUi).
#include "server/origin_policy.h"

#include <gtest/gtest.h>

namespace openclaw::server {
namespace {

constexpr int kPort = 18789;

struct Case {
  std::string origin;
  std::string host;
  bool localClient;
  bool allowed;
};

std::string verdict(const Case& c, const config::ControlUiSettings& policy) {
  const auto refusal = browserOriginRefusal({c.origin, c.host, c.localClient, kPort}, policy);
  return refusal ? *refusal : "allowed";
}

TEST(OriginPolicy, WithoutAnAllowlistOnlyTheGatewaysOwnAndLocalPagesGetIn) {
  const config::ControlUiSettings none;
  const std::vector<Case> cases = {
      // The attack: any site's page opening ws://127.0.0.1:18789.
      {"https://evil.example", "127.0.0.1:18789", true, false},
      {"http://evil.example:18789", "127.0.0.1:18789", true, false},
      // DNS rebinding: the page's own name in both headers, which is not a local name.
      {"http://evil.example:18789", "evil.example:18789", true, false},
      // The gateway's own origin on private and local hosts.
      {"http://127.0.0.1:18789", "127.0.0.1:18789", true, true},
      {"http://LOCALHOST:18789/", "localhost:18789", true, true},
      {"http://[::1]:18789", "[::1]:18789", true, true},
      {"http://192.168.1.20:18789", "192.168.1.20:18789", false, true},
      {"http://100.100.1.2:18789", "100.100.1.2:18789", false, true},
      {"https://gateway.tail1234.ts.net", "gateway.tail1234.ts.net", false, true},
      {"http://box.local:18789", "box.local:18789", false, true},
      {"http://192.168.1.20:18789", "192.168.1.20:18790", false, false},     // other port
      {"https://gateway.example.com", "gateway.example.com", false, false},  // public host
      {"http://8.8.8.8:18789", "8.8.8.8:18789", false, false},
      // Loopback origins on the gateway's port, for a loopback client only.
      {"http://localhost:18789", "127.0.0.1:18789", true, true},
      {"http://127.0.0.2:18789", "127.0.0.1:18789", true, true},
      {"http://localhost:18789", "127.0.0.1:18789", false, false},
      {"http://localhost:5173", "127.0.0.1:18789", true, false},  // another local server
      {"http://localhost", "127.0.0.1:18789", true, false},       // port 80
      // Malformed, opaque and non-web origins.
      {"null", "127.0.0.1:18789", true, false},
      {"", "127.0.0.1:18789", true, false},
      {"127.0.0.1:18789", "127.0.0.1:18789", true, false},
      {"file://", "127.0.0.1:18789", true, false},
      {"chrome-extension://abc", "abc", true, false},
      {"http://127.0.0.1:18789@evil.example", "127.0.0.1:18789", true, false},
      {"http://::1:18789", "[::1]:18789", true, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(verdict(c, none) == "allowed", c.allowed) << c.origin << " / " << c.host;
  }
  EXPECT_EQ(verdict({"null", "h", true, false}, none), "origin missing or invalid");
  EXPECT_EQ(verdict({"https://evil.example", "h", true, false}, none), "origin not allowed");
}

TEST(OriginPolicy, ListedOriginsMatchIgnoringCaseDefaultPortsAndATrailingSlash) {
  config::ControlUiSettings policy;
  policy.allowedOrigins = {"https://Control.Example.com/", "http://ui.example:8080",
                           "chrome-extension://abc"};
  EXPECT_EQ(verdict({"https://control.example.com", "127.0.0.1:18789", false, true}, policy),
            "allowed");
  EXPECT_EQ(verdict({"https://control.example.com:443", "x", false, true}, policy), "allowed");
  EXPECT_EQ(verdict({"http://ui.example:8080", "x", false, true}, policy), "allowed");
  EXPECT_EQ(verdict({"chrome-extension://abc", "x", false, true}, policy), "allowed");
  EXPECT_NE(verdict({"http://control.example.com", "x", false, true}, policy), "allowed");
  EXPECT_NE(verdict({"https://control.example.com.evil", "x", false, true}, policy), "allowed");
  EXPECT_NE(verdict({"http://ui.example:8081", "x", false, true}, policy), "allowed");

  policy.allowedOrigins = {"*"};
  EXPECT_EQ(verdict({"https://anything.example", "x", false, true}, policy), "allowed");
  EXPECT_NE(verdict({"null", "x", false, true}, policy), "allowed");
}

TEST(OriginPolicy, HostHeaderFallbackAcceptsSameOriginOnAnyHost) {
  config::ControlUiSettings policy;
  policy.allowHostHeaderOriginFallback = true;
  EXPECT_EQ(verdict({"https://gateway.example.com", "gateway.example.com", false, true}, policy),
            "allowed");
  EXPECT_EQ(
      verdict({"https://gateway.example.com", "gateway.example.com:443", false, true}, policy),
      "allowed");
  EXPECT_NE(verdict({"https://evil.example", "gateway.example.com", false, true}, policy),
            "allowed");
}

}  // namespace
}  // namespace openclaw::server
