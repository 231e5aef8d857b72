#include <gtest/gtest.h>

#include <chrono>

#include "agent/tools/web_fetch_tool.h"
#include "net/http_client.h"
#include "scripted_provider.h"

namespace openclaw::agent {
namespace {

using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

// The scripted server listens on loopback, which web_fetch reaches only with the opt-in.
WebFetchLimits loopbackAllowed() {
  WebFetchLimits limits;
  limits.allowPrivateNetwork = true;
  return limits;
}

WebFetchLimits cappedAt(std::size_t maxBytes) {
  WebFetchLimits limits = loopbackAllowed();
  limits.maxBytes = maxBytes;
  return limits;
}

WebFetchLimits timingOutAfter(std::chrono::milliseconds timeout) {
  WebFetchLimits limits = loopbackAllowed();
  limits.timeout = timeout;
  return limits;
}

class ProviderWebFetch : public testing::Test {
 protected:
  ToolResult fetch(const json& arguments, WebFetchLimits limits = loopbackAllowed()) {
    return WebFetchTool(limits).run(arguments, context);
  }
  std::string pageUrl() const { return server.baseUrl() + "/page?q=1"; }

  ScriptedProvider server;
  ToolContext context{"/tmp", std::make_shared<std::atomic<bool>>(false), "agent:main:main"};
};

TEST_F(ProviderWebFetch, ReturnsStatusContentTypeAndText) {
  server.enqueue(ScriptedReply::text({"hello ", "web"}));
  const ToolResult result = fetch({{"url", pageUrl()}});
  EXPECT_FALSE(result.isError) << result.output;
  EXPECT_EQ(result.output, "HTTP 200 text/plain; charset=utf-8\n\nhello web");
  EXPECT_EQ(result.details["status"], 200);
  EXPECT_EQ(result.details["truncated"], false);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/page?q=1");
}

TEST_F(ProviderWebFetch, FollowsRedirectsUpToTheLimit) {
  server.enqueue(ScriptedReply::redirect("/moved"));
  server.enqueue(ScriptedReply::redirect(server.baseUrl() + "/final"));
  server.enqueue(ScriptedReply::text({"arrived"}));
  const ToolResult result = fetch({{"url", pageUrl()}});
  EXPECT_FALSE(result.isError) << result.output;
  EXPECT_TRUE(result.output.ends_with("arrived"));
  EXPECT_EQ(result.details["url"], server.baseUrl() + "/final");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].target, "/moved");
  EXPECT_EQ(requests[2].target, "/final");

  WebFetchLimits oneHop = loopbackAllowed();
  oneHop.maxRedirects = 1;
  server.enqueue(ScriptedReply::redirect("/a"));
  server.enqueue(ScriptedReply::redirect("/b"));
  const ToolResult looping = fetch({{"url", pageUrl()}}, oneHop);
  EXPECT_TRUE(looping.isError);
  EXPECT_NE(looping.output.find("too many redirects"), std::string::npos) << looping.output;
}

TEST_F(ProviderWebFetch, CutsTheBodyAtTheCapWithANote) {
  server.enqueue(ScriptedReply::text(std::vector<std::string>(10, std::string(50, 'x'))));
  const ToolResult result = fetch({{"url", pageUrl()}}, cappedAt(120));
  EXPECT_FALSE(result.isError);
  EXPECT_NE(result.output.find(std::string(120, 'x')), std::string::npos);
  EXPECT_EQ(result.output.find(std::string(121, 'x')), std::string::npos);
  EXPECT_NE(result.output.find("[truncated: only the first 120 bytes were fetched]"),
            std::string::npos);
  EXPECT_EQ(result.details["truncated"], true);
}

TEST_F(ProviderWebFetch, TimesOutOnAServerThatNeverAnswers) {
  server.enqueue(ScriptedReply::hanging());
  const auto started = std::chrono::steady_clock::now();
  const ToolResult result = fetch({{"url", pageUrl()}}, timingOutAfter(300ms));
  EXPECT_TRUE(result.isError);
  EXPECT_NE(result.output.find("failed"), std::string::npos) << result.output;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST_F(ProviderWebFetch, StopsWhenTheRunIsCancelled) {
  server.enqueue(ScriptedReply::hanging());
  context.cancelled->store(true);
  const ToolResult result = fetch({{"url", pageUrl()}});
  EXPECT_TRUE(result.isError);
  EXPECT_NE(result.output.find("cancelled"), std::string::npos) << result.output;
}

TEST_F(ProviderWebFetch, HttpErrorsAndBinaryBodiesAreReportedNotShown) {
  server.enqueue(ScriptedReply::httpError(404, "gone"));
  const ToolResult missing = fetch({{"url", pageUrl()}});
  EXPECT_TRUE(missing.isError);
  EXPECT_TRUE(missing.output.starts_with("HTTP 404 application/json")) << missing.output;

  ScriptedReply image = ScriptedReply::text({"\x89PNG\r\n"});
  image.contentType = "image/png";
  server.enqueue(image);
  const ToolResult binary = fetch({{"url", pageUrl()}});
  EXPECT_FALSE(binary.isError);
  EXPECT_NE(binary.output.find("[binary content (image/png) not shown]"), std::string::npos);
}

TEST_F(ProviderWebFetch, InvalidUtf8IsReplacedSoTheOutputIsValidJson) {
  server.enqueue(ScriptedReply::text({"caf\xE9 ok \xC0\xAF"}));  // Latin-1, then an overlong "/"
  const ToolResult result = fetch({{"url", pageUrl()}});
  EXPECT_NE(result.output.find("caf\xEF\xBF\xBD ok \xEF\xBF\xBD\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NO_THROW(json(result.output).dump());
}

TEST_F(ProviderWebFetch, RejectsBadArguments) {
  EXPECT_TRUE(fetch(json::object()).isError);
  EXPECT_TRUE(fetch({{"url", 5}}).isError);
  const ToolResult ftp = fetch({{"url", "ftp://example.com/x"}});
  EXPECT_TRUE(ftp.isError);
  EXPECT_NE(ftp.output.find("http://"), std::string::npos);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(ProviderWebFetch, RefusesInternalAddressesByDefault) {
  const std::string port = net::parseHttpUrl(server.baseUrl())->port;
  for (const std::string host : {"127.0.0.1", "localhost", "2130706433", "0x7f.1", "0.0.0.0",
                                 "[::1]", "[::ffff:127.0.0.1]"}) {
    const std::string url = "http://" + host + ":" + port + "/page";
    const ToolResult result = fetch({{"url", url}}, WebFetchLimits{});
    EXPECT_TRUE(result.isError) << url;
    EXPECT_NE(result.output.find("refusing to connect to"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("tools.web.fetch.ssrfPolicy.dangerouslyAllowPrivateNetwork"),
              std::string::npos)
        << result.output;
  }
  // Refused before connecting: no request reaches anything, not even a metadata service.
  const ToolResult metadata =
      fetch({{"url", "http://169.254.169.254/latest/meta-data/"}}, WebFetchLimits{});
  EXPECT_TRUE(metadata.isError);
  EXPECT_NE(metadata.output.find("169.254.169.254 is link-local"), std::string::npos)
      << metadata.output;
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(ProviderWebFetch, ReachesLoopbackWithThePrivateNetworkOptIn) {
  server.enqueue(ScriptedReply::text({"local"}));
  const std::string port = net::parseHttpUrl(server.baseUrl())->port;
  const ToolResult result = fetch({{"url", "http://localhost:" + port + "/"}}, loopbackAllowed());
  EXPECT_FALSE(result.isError) << result.output;
  EXPECT_TRUE(result.output.ends_with("local"));
}

TEST(ProviderHttpUrl, ParsesOnlyUsableHttpUrls) {
  const auto plain = net::parseHttpUrl("http://example.com");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->tls);
  EXPECT_EQ(plain->host, "example.com");
  EXPECT_EQ(plain->port, "80");
  EXPECT_EQ(plain->target, "/");

  const auto full = net::parseHttpUrl("https://[::1]:8443/v1/chat?x=1#frag");
  ASSERT_TRUE(full);
  EXPECT_TRUE(full->tls);
  EXPECT_EQ(full->host, "::1");
  EXPECT_EQ(full->port, "8443");
  EXPECT_EQ(full->target, "/v1/chat?x=1");

  EXPECT_EQ(net::parseHttpUrl("https://h?q")->target, "/?q");
  for (const char* bad : {"", "ftp://h", "http://", "http://:80", "http://h:0", "http://h:99999",
                          "http://h:8x", "http://u@h/", "http://[::1/", "http://[::1]x/"}) {
    EXPECT_FALSE(net::parseHttpUrl(bad)) << bad;
  }
}

}  // namespace
}  // namespace openclaw::agent
