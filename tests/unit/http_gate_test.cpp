#include "httpapi/http_gate.h"

#include <gtest/gtest.h>

#include "httpapi/http_errors.h"
#include "protocol/scopes.h"

namespace openclaw::httpapi {
namespace {

class HttpGateTest : public ::testing::Test {
 protected:
  HttpGateTest() {
    settings_.auth = {config::AuthMode::Token, "s3cret-token"};
    settings_.rateLimit = {3, 60'000, 300'000, false};
    limiter_.setPolicy(settings_.rateLimit);
  }

  static rpc::HttpRequest request(std::map<std::string, std::string> headers,
                                  std::string address = "203.0.113.7") {
    rpc::HttpRequest r;
    r.method = "POST";
    r.path = "/v1/chat/completions";
    r.headers = std::move(headers);
    r.remoteAddress = std::move(address);
    return r;
  }

  // The status of the refusal, or 0 when the caller was admitted.
  unsigned status(const HttpOutcome<HttpCaller>& outcome) {
    if (std::holds_alternative<HttpCaller>(outcome)) return 0;
    return std::get<rpc::HttpResponse>(outcome).status;
  }

  config::GatewaySettings settings_;
  auth::AuthRateLimiter limiter_{settings_.rateLimit};
  bool draining_ = false;
  HttpGate gate_{settings_, limiter_, [this] { return draining_; }, [] { return 18789; }};
};

TEST_F(HttpGateTest, BearerWithTheGatewayTokenGetsEveryOperatorScope) {
  const auto outcome = gate_.admit(request({{"authorization", "Bearer s3cret-token"}}));
  ASSERT_EQ(status(outcome), 0u);
  const HttpCaller& caller = std::get<HttpCaller>(outcome);
  EXPECT_TRUE(caller.sharedSecret);
  EXPECT_EQ(caller.scopes, protocol::knownOperatorScopes());
  // The scheme is case-insensitive; x-openclaw-scopes cannot narrow a shared-secret caller.
  const auto lower = gate_.admit(
      request({{"authorization", "bearer s3cret-token"}, {"x-openclaw-scopes", "operator.read"}}));
  ASSERT_EQ(status(lower), 0u);
  EXPECT_EQ(std::get<HttpCaller>(lower).scopes, protocol::knownOperatorScopes());
}

TEST_F(HttpGateTest, MissingOrWrongTokenIs401InTheOpenAiEnvelope) {
  for (const auto& headers : std::vector<std::map<std::string, std::string>>{
           {},
           {{"authorization", "Bearer nope"}},
           {{"authorization", "Basic s3cret-token"}},
           {{"authorization", "Bearer"}},
           {{"authorization", "Bearer s3cret-token2"}}}) {
    limiter_.recordSuccess("203.0.113.7");  // keep the lockout out of this test
    const auto outcome = gate_.admit(request(headers));
    ASSERT_EQ(status(outcome), 401u);
    const auto body = nlohmann::json::parse(std::get<rpc::HttpResponse>(outcome).body);
    EXPECT_EQ(body["error"]["type"], "unauthorized");
  }
}

TEST_F(HttpGateTest, RepeatedFailuresLockTheAddressOutWithRetryAfter) {
  EXPECT_EQ(status(gate_.admit(request({{"authorization", "Bearer a"}}))), 401u);
  EXPECT_EQ(status(gate_.admit(request({{"authorization", "Bearer b"}}))), 401u);
  const auto third = gate_.admit(request({{"authorization", "Bearer c"}}));
  ASSERT_EQ(status(third), 429u);
  // Locked out: even the right token is refused until the lockout ends, with Retry-After.
  const auto locked = gate_.admit(request({{"authorization", "Bearer s3cret-token"}}));
  ASSERT_EQ(status(locked), 429u);
  const auto& headers = std::get<rpc::HttpResponse>(locked).headers;
  EXPECT_NE(std::find(headers.begin(), headers.end(),
                      std::pair<std::string, std::string>{"Retry-After", "300"}),
            headers.end());
  // Another address is not affected.
  EXPECT_EQ(status(gate_.admit(request({{"authorization", "Bearer s3cret-token"}}, "203.0.113.8"))),
            0u);
}

TEST_F(HttpGateTest, NoAuthModeHonoursRequestedScopes) {
  settings_.auth = {config::AuthMode::None, ""};
  const auto narrowed = gate_.admit(request({{"x-openclaw-scopes", "operator.read, bogus.scope"}}));
  ASSERT_EQ(status(narrowed), 0u);
  EXPECT_EQ(std::get<HttpCaller>(narrowed).scopes, std::vector<std::string>{"operator.read"});
  EXPECT_FALSE(std::get<HttpCaller>(narrowed).sharedSecret);
  const auto all = gate_.admit(request({}));
  EXPECT_EQ(std::get<HttpCaller>(all).scopes, protocol::knownOperatorScopes());
}

TEST_F(HttpGateTest, ForeignBrowserOriginIs403AndShutdownIs503) {
  const auto foreign = gate_.admit(request({{"authorization", "Bearer s3cret-token"},
                                            {"origin", "https://evil.example"},
                                            {"host", "gateway.example.com"}}));
  EXPECT_EQ(status(foreign), 403u);
  draining_ = true;
  EXPECT_EQ(status(gate_.admit(request({{"authorization", "Bearer s3cret-token"}}))), 503u);
}

TEST(HttpJsonBody, RefusesWhatIsNotAJsonObject) {
  rpc::HttpRequest r;
  for (const std::string& body :
       {std::string(""), std::string("{"), std::string("[1]"), std::string("\"text\""),
        std::string(200, '[') + std::string(200, ']')}) {
    r.body = body;
    const auto outcome = jsonObjectBody(r);
    ASSERT_TRUE(std::holds_alternative<rpc::HttpResponse>(outcome)) << body;
    const auto& response = std::get<rpc::HttpResponse>(outcome);
    EXPECT_EQ(response.status, 400u);
    EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["type"], "invalid_request_error");
  }
  r.body = R"({"model":"openclaw"})";
  EXPECT_EQ(std::get<nlohmann::json>(jsonObjectBody(r))["model"], "openclaw");
}

}  // namespace
}  // namespace openclaw::httpapi
