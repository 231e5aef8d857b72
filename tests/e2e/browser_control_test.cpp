// Browser control end to end: the real gateway starts Debian's chromium (headless, no sandbox),
// drives a page served by the test through browser.request, the loopback control port and the
// agent's browser tool, keeps the profile's CDP port across a restart, and leaves no browser
// process behind when it stops.
#include <gtest/gtest.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <fstream>
#include <sstream>

#include "curl_request.h"
#include "gateway_process.h"
#include "loopback_http_server.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;
namespace http = boost::beast::http;

constexpr const char* kChromium = "/usr/bin/chromium";

// A page with one button that rewrites the status line when clicked.
constexpr const char* kPage = R"HTML(<!doctype html>
<html><head><title>Browser test page</title></head>
<body>
<button onclick="document.getElementById('status').textContent = 'Clicked ' + (++window.clicks)">Press me</button>
<p id="status">Not clicked yet</p>
<input aria-label="Name">
<script>window.clicks = 0;</script>
</body></html>)HTML";

// Serves kPage for every request.
class TestPage {
 public:
  TestPage()
      : server_(
            [](boost::asio::ip::tcp::socket& socket,
               const testsupport::LoopbackHttpServer::Request&) -> boost::asio::awaitable<void> {
              http::response<http::string_body> response{http::status::ok, 11};
              response.set(http::field::content_type, "text/html; charset=utf-8");
              response.set(http::field::connection, "close");
              response.body() = kPage;
              response.prepare_payload();
              boost::beast::error_code ec;
              co_await http::async_write(
                  socket, response, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
            }) {}
  std::string url() const { return server_.baseUrl() + "/page.html"; }

 private:
  testsupport::LoopbackHttpServer server_;
};

// Gateway config for a headless, sandbox-less browser that may open the test page on loopback.
json browserConfig(json base = json::object()) {
  base["browser"] = {{"headless", true},
                     {"noSandbox", true},
                     {"ssrfPolicy", {{"allowedHostnames", {"127.0.0.1"}}}}};
  return base;
}

// Processes whose command line names `needle` (a browser's --user-data-dir under the test home).
std::vector<int> processesMentioning(const std::string& needle) {
  std::vector<int> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream file(entry.path() / "cmdline", std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    if (text.str().find(needle) != std::string::npos) found.push_back(std::stoi(name));
  }
  return found;
}

json browserRequest(client::GatewayClient& client, const std::string& method,
                    const std::string& path, json body = nullptr, json query = nullptr) {
  json params = {{"method", method}, {"path", path}, {"timeoutMs", 45'000}};
  if (!body.is_null()) params["body"] = std::move(body);
  if (!query.is_null()) params["query"] = std::move(query);
  return client.call("browser.request", params, 60s);
}

#define REQUIRE_CHROMIUM()                                                                   \
  if (!std::filesystem::exists(kChromium)) {                                                 \
    GTEST_SKIP() << "SKIPPED LOUDLY: " << kChromium << " is not installed (apt-get install " \
                 << "chromium); the browser control e2e tests need it";                      \
  }

TEST(BrowserControl, OpensSnapshotsClicksAndScreenshotsThroughBrowserRequest) {
  REQUIRE_CHROMIUM();
  TestPage page;
  GatewayProcess gateway(browserConfig());
  gateway.start();
  auto client = gateway.connect();

  const json stopped = browserRequest(client, "GET", "/");
  EXPECT_EQ(stopped.at("running"), false);
  EXPECT_EQ(stopped.at("profile"), "openclaw");

  const json started = browserRequest(client, "POST", "/start");
  EXPECT_EQ(started.at("running"), true);
  EXPECT_EQ(started.at("cdpPort").get<int>(), gateway.port() + 2 + 9);
  EXPECT_TRUE(started.at("pid").is_number_integer());

  const json tab = browserRequest(client, "POST", "/tabs/open", {{"url", page.url()}});
  const std::string targetId = tab.at("targetId").get<std::string>();
  EXPECT_EQ(tab.at("title"), "Browser test page");

  const json tabs = browserRequest(client, "GET", "/tabs");
  bool listed = false;
  for (const json& each : tabs.at("tabs")) listed = listed || each.at("targetId") == targetId;
  EXPECT_TRUE(listed) << tabs.dump();

  const json before = browserRequest(client, "GET", "/snapshot", nullptr, {{"targetId", targetId}});
  const std::string text = before.at("snapshot").get<std::string>();
  EXPECT_NE(text.find("- button \"Press me\" [ref=e1]"), std::string::npos) << text;
  EXPECT_NE(text.find("Not clicked yet"), std::string::npos) << text;
  EXPECT_EQ(before.at("refs").at("e1").at("role"), "button");

  browserRequest(client, "POST", "/act",
                 {{"kind", "click"}, {"ref", "e1"}, {"targetId", targetId}});
  const json after = browserRequest(client, "GET", "/snapshot", nullptr, {{"targetId", targetId}});
  EXPECT_NE(after.at("snapshot").get<std::string>().find("Clicked 1"), std::string::npos)
      << after.dump();

  browserRequest(client, "POST", "/act",
                 {{"kind", "type"}, {"ref", "e2"}, {"text", "Ada"}, {"targetId", targetId}});
  browserRequest(client, "POST", "/act", {{"kind", "press"}, {"key", "!"}, {"ref", "e2"}});
  const json typed = browserRequest(client, "GET", "/snapshot");
  EXPECT_NE(typed.at("snapshot").get<std::string>().find("- textbox \"Name\" [ref=e2]: Ada!"),
            std::string::npos)
      << typed.dump();

  const json shot = browserRequest(client, "POST", "/screenshot", {{"targetId", targetId}});
  const std::filesystem::path png = shot.at("path").get<std::string>();
  ASSERT_TRUE(std::filesystem::exists(png)) << png;
  EXPECT_EQ(std::filesystem::file_size(png), shot.at("bytes").get<std::size_t>());
  std::ifstream file(png, std::ios::binary);
  char magic[4] = {};
  file.read(magic, 4);
  EXPECT_EQ(std::string(magic + 1, 3), "PNG");

  // Policy: a loopback address not in allowedHostnames is refused before the browser goes there.
  const json refused = client.request(
      "browser.request",
      {{"method", "POST"}, {"path", "/navigate"}, {"body", {{"url", "http://127.0.0.2:9/"}}}}, 30s);
  EXPECT_EQ(refused.at("ok"), false);
  EXPECT_EQ(refused.at("error").at("details").at("reason"), "navigation_blocked") << refused.dump();
  const json fileUrl = client.request(
      "browser.request",
      {{"method", "POST"}, {"path", "/navigate"}, {"body", {{"url", "file:///etc/passwd"}}}}, 30s);
  EXPECT_EQ(fileUrl.at("ok"), false);
  const json unknown = client.request("browser.request", {{"method", "GET"}, {"path", "/nope"}});
  EXPECT_EQ(unknown.at("error").at("details").at("status"), 404);

  // The loopback control port answers the same routes, with the gateway token only.
  const int control = gateway.port() + 2;
  EXPECT_EQ(testsupport::curl(control, {"GET", "/", {}, std::nullopt}).status, 401);
  const auto status =
      testsupport::curl(control, {"GET",
                                  "/tabs",
                                  {std::string("Authorization: Bearer ") + GatewayProcess::kToken},
                                  std::nullopt});
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.parsed().at("running"), true);

  browserRequest(client, "DELETE", "/tabs/" + targetId);
  const json remaining = browserRequest(client, "GET", "/tabs");
  for (const json& each : remaining.at("tabs")) {
    EXPECT_NE(each.at("targetId"), targetId);
  }

  const std::string userDataDir = started.at("userDataDir").get<std::string>();
  EXPECT_FALSE(processesMentioning(userDataDir).empty());
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
  EXPECT_TRUE(processesMentioning(userDataDir).empty())
      << "browser processes left after the gateway stopped";
}

TEST(BrowserControl, KeepsTheProfilesCdpPortAcrossRestartsAndStopsTheBrowserEachTime) {
  REQUIRE_CHROMIUM();
  GatewayProcess gateway(browserConfig({{"gateway", {{"port", freePort()}}}}), {});
  gateway.start();
  int firstPort = 0;
  std::string userDataDir;
  {
    auto client = gateway.connect();
    const json started = browserRequest(client, "POST", "/start");
    firstPort = started.at("cdpPort").get<int>();
    userDataDir = started.at("userDataDir").get<std::string>();
    EXPECT_FALSE(processesMentioning(userDataDir).empty());
  }
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
  EXPECT_TRUE(processesMentioning(userDataDir).empty());
  const auto saved = json::parse(
      std::ifstream(gateway.home().path() / ".openclaw" / "browser" / "cdp-ports.json"));
  EXPECT_EQ(saved.at("openclaw"), firstPort);

  gateway.start();
  auto client = gateway.connect();
  const json status = browserRequest(client, "GET", "/");
  EXPECT_EQ(status.at("cdpPort"), firstPort);
  EXPECT_EQ(status.at("running"), false);
  const json stopped = browserRequest(client, "POST", "/stop");
  EXPECT_EQ(stopped.at("stopped"), false);
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
}

TEST(BrowserControl, ABrowserLeftByAKilledGatewayIsEndedOnTheNextStart) {
  REQUIRE_CHROMIUM();
  GatewayProcess gateway(browserConfig({{"gateway", {{"port", freePort()}}}}), {});
  gateway.start();
  std::string userDataDir;
  {
    auto client = gateway.connect();
    userDataDir = browserRequest(client, "POST", "/start").at("userDataDir").get<std::string>();
  }
  EXPECT_EQ(gateway.stop(SIGKILL), 128 + SIGKILL);
  const std::vector<int> abandoned = processesMentioning(userDataDir);
  ASSERT_FALSE(abandoned.empty()) << "a SIGKILLed gateway cannot stop its browser";
  gateway.start();
  auto client = gateway.connect();
  EXPECT_EQ(browserRequest(client, "POST", "/start").at("running"), true);
  for (int pid : abandoned) {
    EXPECT_FALSE(std::filesystem::exists("/proc/" + std::to_string(pid))) << pid;
  }
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
  EXPECT_TRUE(processesMentioning(userDataDir).empty());
}

TEST(BrowserControl, AnIdleBrowserIsStopped) {
  REQUIRE_CHROMIUM();
  json config = browserConfig();
  config["browser"]["idleTimeoutSeconds"] = 1;
  GatewayProcess gateway(config);
  gateway.start();
  auto client = gateway.connect();
  const std::string userDataDir =
      browserRequest(client, "POST", "/start").at("userDataDir").get<std::string>();
  EXPECT_FALSE(processesMentioning(userDataDir).empty());
  // Nothing asks the browser anything from here on: it goes within a second or so.
  EXPECT_TRUE(gateway.waitForOutput("idle for 1 s; stopping its browser", 15s));
  EXPECT_TRUE(gateway.waitForOutput("stopped the browser of profile openclaw", 15s));
  EXPECT_TRUE(processesMentioning(userDataDir).empty());
  EXPECT_EQ(browserRequest(client, "GET", "/").at("running"), false);
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
}

TEST(BrowserControl, TheAgentOpensAPageAndClicksItsButton) {
  REQUIRE_CHROMIUM();
  TestPage page;
  ScriptedProvider provider;
  GatewayProcess gateway(browserConfig(provider.gatewayConfig()));
  gateway.start();
  const auto call = [&](const std::string& id, const json& arguments) {
    provider.enqueue(ScriptedReply::toolCall(id, "browser", {arguments.dump()}));
  };
  call("b-1", {{"action", "open"}, {"url", page.url()}});
  call("b-2", {{"action", "snapshot"}});
  call("b-3", {{"action", "act"}, {"request", {{"kind", "click"}, {"ref", "e1"}}}});
  call("b-4", {{"action", "snapshot"}});
  provider.enqueue(ScriptedReply::text({"The button says it was clicked."}));
  auto client = gateway.connect();
  client.call("agent",
              {{"message", "press the button"}, {"agentId", "main"}, {"idempotencyKey", "br-1"}},
              90s, true);
  ASSERT_EQ(provider.requests().size(), 5u);

  const json messages = client.call("chat.history", {{"sessionKey", "main"}}).at("messages");
  const std::string transcript = messages.dump();
  EXPECT_NE(transcript.find("Press me"), std::string::npos) << transcript;
  EXPECT_NE(transcript.find("[ref=e1]"), std::string::npos) << transcript;
  EXPECT_NE(transcript.find("Clicked 1"), std::string::npos) << transcript;
  EXPECT_NE(transcript.find("The button says it was clicked."), std::string::npos);
  EXPECT_EQ(gateway.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace openclaw::e2e
