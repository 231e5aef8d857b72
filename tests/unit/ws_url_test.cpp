#include "client/ws_url.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace openclaw::client {
namespace {

std::string errorFor(const std::string& url) {
  try {
    parseWsUrl(url);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(WsUrl, DefaultsPortAndPath) {
  const WsUrl u = parseWsUrl("ws://127.0.0.1");
  EXPECT_FALSE(u.tls);
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_EQ(u.port, 18789);
  EXPECT_EQ(u.target, "/");
  EXPECT_EQ(u.hostHeader(), "127.0.0.1:18789");
}

TEST(WsUrl, ExplicitPortPathAndQuery) {
  const WsUrl u = parseWsUrl("ws://gateway.local:9000/ws/v1?x=1#frag");
  EXPECT_EQ(u.host, "gateway.local");
  EXPECT_EQ(u.port, 9000);
  EXPECT_EQ(u.target, "/ws/v1?x=1");
  EXPECT_EQ(parseWsUrl("ws://h:1?x=1").target, "/?x=1");
  EXPECT_EQ(parseWsUrl("ws://h:1/").target, "/");
}

TEST(WsUrl, SecureSchemeDefaultsTo443) {
  const WsUrl u = parseWsUrl("WSS://example.com");
  EXPECT_TRUE(u.tls);
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(parseWsUrl("wss://example.com:18789").port, 18789);
}

TEST(WsUrl, Ipv6Literals) {
  const WsUrl u = parseWsUrl("ws://[::1]:18790/path");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, 18790);
  EXPECT_EQ(u.target, "/path");
  EXPECT_EQ(u.hostHeader(), "[::1]:18790");
  EXPECT_EQ(parseWsUrl("ws://[fe80::1]").port, 18789);
}

TEST(WsUrl, RejectsOtherSchemes) {
  EXPECT_NE(errorFor("http://127.0.0.1:18789").find("unsupported scheme 'http'"),
            std::string::npos);
  EXPECT_NE(errorFor("127.0.0.1:18789").find("expected ws://"), std::string::npos);
}

TEST(WsUrl, RejectsMalformedAuthorities) {
  EXPECT_NE(errorFor("ws://").find("missing host"), std::string::npos);
  EXPECT_NE(errorFor("ws://:18789").find("missing host"), std::string::npos);
  EXPECT_NE(errorFor("ws://::1:18789").find("brackets"), std::string::npos);
  EXPECT_NE(errorFor("ws://[::1").find("unterminated"), std::string::npos);
  EXPECT_NE(errorFor("ws://[::1]x").find("after ']'"), std::string::npos);
  EXPECT_NE(errorFor("ws://user:pw@host").find("credentials"), std::string::npos);
}

TEST(WsUrl, RejectsBadPorts) {
  for (const char* url : {"ws://h:", "ws://h:abc", "ws://h:0", "ws://h:65536", "ws://h:-1",
                          "ws://h:80x", "ws://[::1]:"}) {
    EXPECT_NE(errorFor(url).find("invalid port"), std::string::npos) << url;
  }
  EXPECT_EQ(parseWsUrl("ws://h:65535").port, 65535);
}

}  // namespace
}  // namespace openclaw::client
