// The browser layer's parts that need no browser: refs from a snapshot tree, CDP port allocation
// and its persistence, the navigation policy, the browser command line, the tool's requests.
#include <gtest/gtest.h>

#include <algorithm>

#include "browser/browser_method.h"
#include "browser/browser_service.h"
#include "browser/browser_tool.h"
#include "browser/cdp_ports.h"
#include "browser/chromium_process.h"
#include "browser/navigation_policy.h"
#include "browser/page_snapshot.h"
#include "core/files.h"
#include "temp_dir.h"

namespace openclaw::browser {
namespace {

using nlohmann::json;

json node(const std::string& role, const std::string& name, int element,
          json children = json::array()) {
  return {{"role", role}, {"name", name}, {"element", element}, {"children", children}};
}

TEST(BrowserSnapshot, NumbersInteractiveNodesInDocumentOrder) {
  const json tree =
      node("document", "Test page", -1,
           {node("heading", "Welcome", 0),
            node("form", "", 1, {node("textbox", "Name", 2), node("button", "Send", 3)}),
            node("text", "Not yet", -1), node("link", "More", 4), node("button", "Detached", -1)});
  const PageSnapshot snapshot = buildSnapshot(tree, 10'000);
  EXPECT_EQ(snapshot.elements, (std::map<std::string, int>{{"e1", 2}, {"e2", 3}, {"e3", 4}}));
  EXPECT_EQ(snapshot.refs["e2"], (json{{"role", "button"}, {"name", "Send"}}));
  EXPECT_EQ(snapshot.text,
            "- heading \"Welcome\"\n"
            "- form\n"
            "  - textbox \"Name\" [ref=e1]\n"
            "  - button \"Send\" [ref=e2]\n"
            "- text: Not yet\n"
            "- link \"More\" [ref=e3]\n"
            "- button \"Detached\"\n");
  EXPECT_FALSE(snapshot.truncated);
}

TEST(BrowserSnapshot, ShowsLevelsStatesAndValuesAndCutsAtTheLimit) {
  json heading = node("heading", "Title", 0);
  heading["level"] = 2;
  json box = node("checkbox", "Agree", 1);
  box["checked"] = true;
  json input = node("textbox", "Query", 2);
  input["value"] = "cats";
  const json tree = node("document", "", -1, {heading, box, input});
  const PageSnapshot full = buildSnapshot(tree, 10'000);
  EXPECT_EQ(full.text,
            "- heading \"Title\" [level=2]\n"
            "- checkbox \"Agree\" [checked] [ref=e1]\n"
            "- textbox \"Query\" [ref=e2]: cats\n");
  const PageSnapshot cut = buildSnapshot(tree, 40);
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(cut.text, "- heading \"Title\" [level=2]\n");
  EXPECT_TRUE(cut.elements.empty());
}

TEST(BrowserSnapshot, IgnoresMalformedNodes) {
  const json tree = {{"role", "document"},
                     {"children", {42, "x", {{"role", "button"}, {"element", "7"}}}}};
  const PageSnapshot snapshot = buildSnapshot(tree, 1000);
  EXPECT_EQ(snapshot.text, "- button\n");
  EXPECT_TRUE(snapshot.elements.empty());
}

TEST(BrowserCdpPorts, RangeFollowsTheControlPort) {
  EXPECT_EQ(cdpPortRange(18791).first, 18800);
  EXPECT_EQ(cdpPortRange(18791).last, 18899);
}

TEST(BrowserCdpPorts, AllocatesFreePortsAndRemembersThemAcrossRestarts) {
  testsupport::TempDir dir;
  const auto file = dir.path() / "browser" / "cdp-ports.json";
  std::map<std::string, config::BrowserProfileSettings> configured;
  configured["pinned"].cdpPort = 18800;
  configured["work"] = {};
  {
    CdpPortBook book(file, {18800, 18802});
    EXPECT_EQ(book.portFor("openclaw", configured), 18801);  // 18800 is pinned
    EXPECT_EQ(book.portFor("pinned", configured), 18800);
    EXPECT_EQ(book.portFor("work", configured), 18802);
    EXPECT_EQ(book.portFor("openclaw", configured), 18801);
    EXPECT_THROW(book.portFor("extra", configured), std::runtime_error);
  }
  // A new gateway (here with another range) keeps the ports it handed out.
  CdpPortBook again(file, {19000, 19099});
  EXPECT_EQ(again.portFor("work", configured), 18802);
  EXPECT_EQ(again.portFor("openclaw", configured), 18801);
  EXPECT_EQ(again.portFor("new", configured), 19000);
  const json saved = json::parse(*core::readFile(file));
  EXPECT_EQ(saved, (json{{"openclaw", 18801}, {"work", 18802}, {"new", 19000}}));
}

TEST(BrowserCdpPorts, AnUnreadableFileStartsEmpty) {
  testsupport::TempDir dir;
  const auto file = dir.write("ports.json", "{not json");
  CdpPortBook book(file, {18800, 18899});
  EXPECT_EQ(book.portFor("openclaw", {}), 18800);
}

void expectBlocked(const NavigationPolicy& policy, const std::string& url,
                   const std::string& because) {
  try {
    policy.checkUrl(url);
    ADD_FAILURE() << url << " was allowed";
  } catch (const NavigationBlocked& blocked) {
    EXPECT_NE(std::string(blocked.what()).find(because), std::string::npos) << blocked.what();
  }
}

TEST(BrowserNavigationPolicy, AllowsWebUrlsAndRefusesOtherSchemes) {
  const NavigationPolicy policy{config::BrowserSettings{}};
  EXPECT_EQ(policy.checkUrl("https://Example.com/path?q=1"), "example.com");
  EXPECT_EQ(policy.checkUrl("about:blank"), "");
  expectBlocked(policy, "file:///etc/passwd", "browser.allowFileUrls");
  expectBlocked(policy, "javascript:alert(1)", "only http:// and https://");
  expectBlocked(policy, "chrome://settings", "only http:// and https://");
  expectBlocked(policy, "http://", "not an absolute");
  config::BrowserSettings files;
  files.allowFileUrls = true;
  EXPECT_EQ(NavigationPolicy(files).checkUrl("file:///tmp/page.html"), "");
}

TEST(BrowserNavigationPolicy, RefusesPrivateAddressesUnlessAllowed) {
  const NavigationPolicy strict{config::BrowserSettings{}};
  expectBlocked(strict, "http://127.0.0.1:8080/", "loopback");
  expectBlocked(strict, "http://[::1]/", "loopback");
  expectBlocked(strict, "http://10.1.2.3/", "private");
  expectBlocked(strict, "http://169.254.169.254/latest", "link-local");
  EXPECT_THROW(strict.checkAddress("intranet.test", boost::asio::ip::make_address("192.168.0.5")),
               NavigationBlocked);
  EXPECT_NO_THROW(
      strict.checkAddress("example.com", boost::asio::ip::make_address("93.184.215.14")));

  config::BrowserSettings named;
  named.allowedHostnames = {"127.0.0.1", "Intranet.Test"};
  const NavigationPolicy allowed{named};
  EXPECT_EQ(allowed.checkUrl("http://127.0.0.1:8080/"), "127.0.0.1");
  EXPECT_NO_THROW(
      allowed.checkAddress("intranet.test", boost::asio::ip::make_address("192.168.0.5")));
  expectBlocked(allowed, "http://127.0.0.2/", "loopback");

  config::BrowserSettings open;
  open.allowPrivateNetwork = true;
  EXPECT_EQ(NavigationPolicy(open).checkUrl("http://10.1.2.3/"), "10.1.2.3");
}

TEST(BrowserNavigationPolicy, AppliesHostAllowAndDenyLists) {
  config::BrowserSettings settings;
  settings.hostnameAllowlist = {"example.com", "*.docs.test"};
  settings.hostnameDenylist = {"private.docs.test"};
  const NavigationPolicy policy{settings};
  EXPECT_EQ(policy.checkUrl("https://example.com/"), "example.com");
  EXPECT_EQ(policy.checkUrl("https://api.docs.test/"), "api.docs.test");
  expectBlocked(policy, "https://docs.test/", "hostnameAllowlist");
  expectBlocked(policy, "https://www.example.com/", "hostnameAllowlist");
  expectBlocked(policy, "https://PRIVATE.docs.test/", "hostnameDenylist");
  EXPECT_TRUE(hostMatches("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(hostMatches("*.example.com", "badexample.com"));
}

TEST(BrowserLaunch, CommandLineKeepsDevToolsOnLoopbackAndTheProfileApart) {
  LaunchOptions options;
  options.executable = "/usr/bin/chromium";
  options.cdpPort = 18800;
  options.userDataDir = "/state/browser/openclaw/user-data";
  options.headless = true;
  options.noSandbox = true;
  const auto args = browserArguments(options);
  const auto has = [&](const std::string& arg) {
    return std::find(args.begin(), args.end(), arg) != args.end();
  };
  EXPECT_EQ(args.front(), "/usr/bin/chromium");
  EXPECT_TRUE(has("--remote-debugging-port=18800"));
  EXPECT_TRUE(has("--remote-debugging-address=127.0.0.1"));
  EXPECT_TRUE(has("--user-data-dir=/state/browser/openclaw/user-data"));
  EXPECT_TRUE(has("--no-first-run"));
  EXPECT_TRUE(has("--headless=new"));
  EXPECT_TRUE(has("--no-sandbox"));
  options.headless = false;
  options.noSandbox = false;
  const auto headed = browserArguments(options);
  EXPECT_EQ(std::count(headed.begin(), headed.end(), "--headless=new"), 0);
  EXPECT_EQ(std::count(headed.begin(), headed.end(), "--no-sandbox"), 0);
}

TEST(BrowserLaunch, AConfiguredExecutableMustExist) {
  config::BrowserSettings settings;
  settings.executablePath = "/nonexistent/chrome";
  EXPECT_FALSE(findBrowserExecutable(settings));
  settings.headless = false;
  EXPECT_FALSE(launchHeadless(settings));
}

TEST(BrowserTool, ActionsBecomeRouteRequests) {
  const BrowserRequest open =
      browserToolRequest({{"action", "open"}, {"url", "https://example.com"}, {"profile", "work"}});
  EXPECT_EQ(open.method, "POST");
  EXPECT_EQ(open.path, "/tabs/open");
  EXPECT_EQ(open.body, (json{{"url", "https://example.com"}}));
  EXPECT_EQ(open.query.at("profile"), "work");

  const BrowserRequest snapshot =
      browserToolRequest({{"action", "snapshot"}, {"targetId", "T1"}, {"maxChars", 500}});
  EXPECT_EQ(snapshot.path, "/snapshot");
  EXPECT_EQ(snapshot.query.at("targetId"), "T1");
  EXPECT_EQ(snapshot.query.at("maxChars"), "500");

  const BrowserRequest act = browserToolRequest(
      {{"action", "act"}, {"targetId", "T1"}, {"request", {{"kind", "click"}, {"ref", "e2"}}}});
  EXPECT_EQ(act.body, (json{{"kind", "click"}, {"ref", "e2"}, {"targetId", "T1"}}));

  const BrowserRequest close = browserToolRequest({{"action", "close"}, {"targetId", "T9"}});
  EXPECT_EQ(close.method, "DELETE");
  EXPECT_EQ(close.path, "/tabs/T9");

  EXPECT_THROW(browserToolRequest({{"action", "open"}}), std::invalid_argument);
  EXPECT_THROW(browserToolRequest({{"action", "fly"}}), std::invalid_argument);
}

TEST(BrowserMethod, ParamsBecomeARouteRequest) {
  const BrowserRequest request = browserRequestFromParams(
      {{"method", "GET"},
       {"path", "/snapshot?ignored=1"},
       {"query", {{"profile", "openclaw"}, {"maxChars", 300}, {"x", true}}},
       {"timeoutMs", 5000}});
  EXPECT_EQ(request.path, "/snapshot");
  EXPECT_EQ(request.query.at("profile"), "openclaw");
  EXPECT_EQ(request.query.at("maxChars"), "300");
  EXPECT_EQ(request.query.at("x"), "true");
  EXPECT_EQ(request.timeout, std::chrono::milliseconds(5000));
  EXPECT_TRUE(request.body.is_object());
}

// The service's routes that need no running browser, with a browser that cannot be found.
class BrowserServiceWithoutBrowser : public ::testing::Test {
 protected:
  BrowserServiceWithoutBrowser() {
    BrowserServiceOptions options;
    options.settings.executablePath = "/nonexistent/chromium";
    options.settings.profiles["work"].color = "#00f";
    options.stateDir = dir_.path() / "state";
    options.workspace = dir_.path() / "workspace";
    options.gatewayPort = [] { return 18789; };
    service_ = std::make_unique<BrowserService>(std::move(options));
  }
  BrowserResponse request(const std::string& method, const std::string& path, json body = {},
                          std::map<std::string, std::string> query = {}) {
    BrowserRequest call;
    call.method = method;
    call.path = path;
    call.body = body.is_null() ? json::object() : body;
    call.query = std::move(query);
    call.timeout = std::chrono::seconds(10);
    return service_->handleAndWait(std::move(call));
  }

  testsupport::TempDir dir_;
  std::unique_ptr<BrowserService> service_;
};

TEST_F(BrowserServiceWithoutBrowser, ReportsStatusProfilesAndErrors) {
  const BrowserResponse status = request("GET", "/");
  EXPECT_EQ(status.status, 200);
  EXPECT_EQ(status.body.at("running"), false);
  EXPECT_EQ(status.body.at("profile"), "openclaw");
  EXPECT_EQ(status.body.at("cdpPort"), 18800);
  EXPECT_EQ(status.body.at("executablePath"), nullptr);

  const BrowserResponse work = request("GET", "/", {}, {{"profile", "work"}});
  EXPECT_EQ(work.body.at("cdpPort"), 18801);
  EXPECT_EQ(work.body.at("color"), "#00f");

  const BrowserResponse profiles = request("GET", "/profiles");
  ASSERT_EQ(profiles.body.at("profiles").size(), 2u) << profiles.body.dump();
  EXPECT_EQ(profiles.body.at("profiles").at(0).at("name"), "openclaw");
  EXPECT_EQ(profiles.body.at("profiles").at(0).at("isDefault"), true);

  EXPECT_EQ(request("POST", "/start").status, 503);
  EXPECT_EQ(request("GET", "/tabs").body, (json{{"running", false}, {"tabs", json::array()}}));
  EXPECT_EQ(request("GET", "/snapshot").status, 409);
  EXPECT_EQ(request("POST", "/stop").body.at("stopped"), false);
  EXPECT_EQ(request("GET", "/", {}, {{"profile", "nobody"}}).status, 404);
  EXPECT_EQ(request("GET", "/cookies").status, 404);
  EXPECT_EQ(request("POST", "/tabs/open").status, 400);
  const BrowserResponse blocked = request("POST", "/navigate", {{"url", "http://10.0.0.1/"}});
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.body.at("reason"), "navigation_blocked");
  EXPECT_EQ(request("POST", "/act", {{"kind", "hover"}}).status, 400);
}

}  // namespace
}  // namespace openclaw::browser
