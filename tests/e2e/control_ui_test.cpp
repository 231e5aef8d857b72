// The Control UI on the gateway port, against the real binary and a small fake UI directory
// (the real UI comes from npm; see scripts/install-control-ui.sh and docs/control-ui.md).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "auth/device_identity.h"
#include "curl_request.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kIndex =
    "<!doctype html><html lang=\"en\"><head><title>Fake Control UI</title>"
    "<script>globalThis.fake = 1;</script>"
    "<script type=\"module\" crossorigin src=\"./assets/app-abc.js\"></script>"
    "<link rel=\"icon\" href=\"./favicon.svg\"></head><body><openclaw-app></openclaw-app>"
    "</body></html>";
constexpr const char* kSecret = "SECRET-OUTSIDE-THE-ROOT";

// A fake built UI: <dir>/ui holds the files, <dir>/secret.txt sits next to it (outside the root).
struct FakeUi {
  FakeUi() {
    dir.write("ui/index.html", kIndex);
    dir.write("ui/assets/app-abc.js", "console.log('plain');");
    dir.write("ui/assets/app-abc.js.br", "BROTLI-BYTES");
    dir.write("ui/assets/app-abc.js.gz", "GZIP-BYTES");
    dir.write("ui/favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    dir.write("ui/data.json", "{}");
    dir.write("secret.txt", kSecret);
    fs::create_symlink(dir.path() / "secret.txt", root() / "linked-secret.txt");
  }
  fs::path root() const { return dir.path() / "ui"; }
  TempHome dir;
};

using Http = testsupport::CurlReply;

// `curl` sends the path exactly as given (--path-as-is) with `headers`; HEAD with `head`.
Http fetch(int port, const std::string& path, const std::vector<std::string>& headers = {},
           bool head = false) {
  return testsupport::curl(port, {head ? "HEAD" : "GET", path, headers, std::nullopt}, 10);
}

json uiConfig(const json& controlUi) { return {{"gateway", {{"controlUi", controlUi}}}}; }

TEST(ControlUi, ServesTheAppShellAssetsAndHeadersNextToProbesAndTheWebSocket) {
  const FakeUi ui;
  GatewayProcess gateway(uiConfig({{"root", ui.root().string()}}));
  gateway.start();

  const Http index = fetch(gateway.port(), "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<html data-openclaw-control-ui-base-path=\"\""), std::string::npos);
  EXPECT_NE(index.body.find("src=\"/assets/app-abc.js\""), std::string::npos);
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  EXPECT_EQ(index.header("x-frame-options"), "DENY");
  EXPECT_EQ(index.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(index.header("referrer-policy"), "no-referrer");
  const std::string csp = index.header("content-security-policy");
  EXPECT_TRUE(contains(csp, "frame-ancestors 'none'")) << csp;
  EXPECT_TRUE(contains(csp, "connect-src 'self' ws: wss:")) << csp;
  EXPECT_TRUE(contains(csp, "script-src 'self' 'sha256-")) << csp;

  // The Accept rule: page navigations get the shell, other requests a 404.
  EXPECT_EQ(fetch(gateway.port(), "/chat/main", {"Accept: text/html,*/*;q=0.8"}).body, index.body);
  EXPECT_EQ(fetch(gateway.port(), "/chat/main").status, 200);  // curl sends */*
  EXPECT_EQ(fetch(gateway.port(), "/chat/main", {"Accept: application/json"}).status, 404);
  EXPECT_EQ(fetch(gateway.port(), "/chat/main", {"Accept: text/html;q=0, */*"}).status, 404);
  EXPECT_EQ(fetch(gateway.port(), "/missing.js", {"Accept: text/html"}).status, 404);

  // A deep link's relative asset URL, precompressed variants, validators.
  const Http br =
      fetch(gateway.port(), "/chat/main/assets/app-abc.js", {"Accept-Encoding: gzip, br"});
  EXPECT_EQ(br.body, "BROTLI-BYTES");
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_EQ(br.header("vary"), "Accept-Encoding");
  EXPECT_EQ(br.header("content-type"), "application/javascript; charset=utf-8");
  EXPECT_EQ(br.header("cache-control"), "public, max-age=31536000, immutable");
  const Http gz = fetch(gateway.port(), "/assets/app-abc.js", {"Accept-Encoding: gzip"});
  EXPECT_EQ(gz.body, "GZIP-BYTES");
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  const Http plain = fetch(gateway.port(), "/assets/app-abc.js");
  EXPECT_EQ(plain.body, "console.log('plain');");
  EXPECT_EQ(plain.header("content-encoding"), "<none>");
  const Http again =
      fetch(gateway.port(), "/assets/app-abc.js", {"If-None-Match: " + plain.header("etag")});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(fetch(gateway.port(), "/favicon.svg").header("content-type"), "image/svg+xml");
  EXPECT_EQ(fetch(gateway.port(), "/favicon.svg").header("cache-control"), "no-cache");

  // HEAD: the GET's headers without a body.
  const Http head = fetch(gateway.port(), "/assets/app-abc.js", {}, true);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(plain.body.size()));
  EXPECT_EQ(head.header("etag"), plain.header("etag"));
  EXPECT_FALSE(contains(head.body, "console.log"));  // curl -I writes the headers there

  // The probes and the WebSocket share the port.
  EXPECT_EQ(fetch(gateway.port(), "/health").body, R"({"ok":true,"status":"live"})");
  auto client = gateway.connect();
  EXPECT_EQ(client.call("health").at("ok"), true);
}

TEST(ControlUi, OtherMethodsAreNotServed) {
  const FakeUi ui;
  GatewayProcess gateway(uiConfig({{"root", ui.root().string()}}));
  gateway.start();
  for (const char* method : {"POST", "PUT", "DELETE"}) {
    const std::string command = std::string("curl -s -o /dev/null -w '%{http_code}' -X ") + method +
                                " http://127.0.0.1:" + std::to_string(gateway.port()) + "/";
    FILE* pipe = popen(command.c_str(), "r");
    char code[8] = {};
    const std::size_t n = fread(code, 1, sizeof code - 1, pipe);
    pclose(pipe);
    EXPECT_EQ(std::string(code, n), "404") << method;
  }
}

TEST(ControlUi, NoPathLeavesTheRoot) {
  const FakeUi ui;
  GatewayProcess gateway(uiConfig({{"root", ui.root().string()}}));
  gateway.start();
  for (const std::string& path : std::vector<std::string>{
           "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
           "/%2E%2E%2Fsecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
           "/%252e%252e/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/secret.txt%00.js",
           "/./../secret.txt", "//secret.txt", "/linked-secret.txt",
           "/assets/..%2f..%2fsecret.txt"}) {
    for (const char* accept : {"Accept: */*", "Accept: application/json"}) {
      const Http response = fetch(gateway.port(), path, {accept});
      EXPECT_TRUE(response.status == 404 || response.status == 400)
          << path << " " << accept << " -> " << response.status;
      EXPECT_FALSE(contains(response.body, kSecret)) << path;
    }
  }
  EXPECT_EQ(fetch(gateway.port(), "/assets/", {"Accept: application/json"}).status, 404);
}

TEST(ControlUi, ServesBelowABasePath) {
  const FakeUi ui;
  GatewayProcess gateway(uiConfig({{"root", ui.root().string()}, {"basePath", "openclaw/"}}));
  gateway.start();
  const Http redirect = fetch(gateway.port(), "/openclaw?x=1");
  EXPECT_EQ(redirect.status, 302);
  EXPECT_EQ(redirect.header("location"), "/openclaw/?x=1");
  const Http index = fetch(gateway.port(), "/openclaw/chat/main");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("data-openclaw-control-ui-base-path=\"/openclaw\""), std::string::npos);
  EXPECT_NE(index.body.find("src=\"/openclaw/assets/app-abc.js\""), std::string::npos);
  EXPECT_NE(index.body.find("href=\"/openclaw/favicon.svg\""), std::string::npos);
  EXPECT_EQ(fetch(gateway.port(), "/openclaw/assets/app-abc.js").body, "console.log('plain');");
  EXPECT_EQ(fetch(gateway.port(), "/").status, 404);  // nothing outside the base path
  EXPECT_EQ(fetch(gateway.port(), "/openclawx/").status, 404);
  EXPECT_EQ(fetch(gateway.port(), "/health").status, 200);

  // The UI's bootstrap config: for holders of the gateway token only.
  EXPECT_EQ(fetch(gateway.port(), "/openclaw/control-ui-config.json").status, 401);
  EXPECT_EQ(fetch(gateway.port(), "/openclaw/control-ui-config.json",
                  {"Authorization: Bearer wrong-token"})
                .status,
            401);
  const Http config = fetch(gateway.port(), "/openclaw/control-ui-config.json",
                            {std::string("Authorization: Bearer ") + GatewayProcess::kToken});
  EXPECT_EQ(config.status, 200);
  EXPECT_EQ(config.header("cache-control"), "no-cache");
  const json bootstrap = json::parse(config.body);
  EXPECT_EQ(bootstrap.at("basePath"), "/openclaw");
  EXPECT_EQ(bootstrap.at("terminalEnabled"), false);

  // The UI connects its WebSocket to ws://<host><basePath>.
  client::ConnectOptions options = gateway.clientOptions();
  options.url = gateway.url() + "/openclaw";
  client::GatewayClient client(options);
  EXPECT_EQ(client.connect().at("type"), "hello-ok");
}

// A paired browser asks for its bootstrap config with its device token first (the Control UI
// does, before it falls back to the shared token): that token is accepted, a revoked one is not.
TEST(ControlUi, TheBootstrapConfigAcceptsAPairedDevicesOperatorToken) {
  FakeUi ui;
  GatewayProcess gateway(uiConfig({{"root", ui.root().string()}}));
  gateway.start();
  client::ConnectOptions options = gateway.clientOptions();
  options.client.id = "openclaw-control-ui";
  options.client.mode = "webchat";
  options.device = std::make_shared<const auth::DeviceIdentity>(auth::DeviceIdentity::generate());
  client::GatewayClient browser(options);
  const std::string deviceToken = browser.connect().at("auth").at("deviceToken");
  const auto bootstrapWith = [&](const std::string& token) {
    return fetch(gateway.port(), "/control-ui-config.json", {"Authorization: Bearer " + token})
        .status;
  };
  EXPECT_EQ(bootstrapWith(deviceToken), 200);
  EXPECT_EQ(bootstrapWith(deviceToken + "x"), 401);

  // Revoking closes the browser's connection; an admin revokes it.
  gateway.connect().call("device.token.revoke",
                         {{"deviceId", options.device->deviceId()}, {"role", "operator"}});
  EXPECT_EQ(bootstrapWith(deviceToken), 401);
}

TEST(ControlUi, ABasePathOfSlashServesAtTheRootAndKeepsTheProbes) {
  const FakeUi ui;
  GatewayProcess gateway(uiConfig({{"root", ui.root().string()}, {"basePath", "/"}}));
  gateway.start();
  EXPECT_TRUE(contains(fetch(gateway.port(), "/").body, "Fake Control UI"));
  EXPECT_EQ(fetch(gateway.port(), "/readyz").body, R"({"ready":true})");
}

TEST(ControlUi, EnabledTogglesLiveThroughTheConfigFile) {
  const FakeUi ui;
  GatewayProcess gateway(uiConfig({{"root", ui.root().string()}}));
  gateway.start();
  ASSERT_EQ(fetch(gateway.port(), "/").status, 200);
  gateway.editConfig(uiConfig({{"enabled", false}}));
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied gateway.controlUi.enabled", 10s))
      << gateway.output();
  EXPECT_EQ(fetch(gateway.port(), "/").status, 404);
  EXPECT_EQ(fetch(gateway.port(), "/assets/app-abc.js").status, 404);
  EXPECT_EQ(fetch(gateway.port(), "/health").status, 200);
  gateway.editConfig(uiConfig({{"enabled", true}}));
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied gateway.controlUi.enabled", 10s, 2))
      << gateway.output();
  EXPECT_EQ(fetch(gateway.port(), "/").status, 200);
  EXPECT_FALSE(contains(gateway.output(), "restarting in-process"));
}

TEST(ControlUi, WithoutAnInstalledUiTheBuiltInPageSaysHowToInstallIt) {
  const TempHome place;
  const fs::path root = place.path() / "control-ui";
  GatewayProcess gateway(uiConfig({{"root", root.string()}}));
  gateway.start();
  const Http page = fetch(gateway.port(), "/");
  EXPECT_EQ(page.status, 503);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(contains(page.body, "scripts/install-control-ui.sh"));
  EXPECT_TRUE(contains(page.body, root.string()));
  EXPECT_TRUE(contains(page.body, "fetch(\"/health\""));
  EXPECT_EQ(fetch(gateway.port(), "/", {}, true).status, 503);
  EXPECT_EQ(fetch(gateway.port(), "/assets/app.js").status, 404);

  // Installing the UI needs no restart.
  fs::create_directories(root);
  std::ofstream(root / "index.html") << kIndex;
  EXPECT_TRUE(contains(fetch(gateway.port(), "/").body, "Fake Control UI"));
}

TEST(ControlUi, DisabledServesNothing) {
  const FakeUi ui;
  GatewayProcess gateway(uiConfig({{"root", ui.root().string()}, {"enabled", false}}));
  gateway.start();
  EXPECT_EQ(fetch(gateway.port(), "/").status, 404);
  EXPECT_EQ(fetch(gateway.port(), "/chat/main").status, 404);
  EXPECT_EQ(fetch(gateway.port(), "/health").status, 200);
}

// `openclaw dashboard` prints the URL of the configured gateway with the token in the fragment.
TEST(DashboardCommand, PrintsTheUrlWithTheTokenInTheFragment) {
  TempHome home;
  const auto writeConfig = [&](const json& config) {
    fs::create_directories(home.path() / ".openclaw");
    std::ofstream(home.path() / ".openclaw" / "openclaw.json") << config.dump();
  };
  writeConfig({{"gateway",
                {{"mode", "local"},
                 {"port", 18555},
                 {"auth", {{"token", "tok/en+1"}}},
                 {"controlUi", {{"basePath", "/openclaw/"}}}}}});
  const CommandResult printed = runCli({"dashboard", "--no-open"}, home.path());
  EXPECT_EQ(printed.exitCode, 0) << printed.err;
  EXPECT_EQ(printed.out, "Dashboard URL: http://127.0.0.1:18555/openclaw/#token=tok%2Fen%2B1\n");

  // Without a desktop it says so instead of trying to open a browser.
  const CommandResult headless =
      runCli({"dashboard"}, home.path(), {{"DISPLAY", ""}, {"WAYLAND_DISPLAY", ""}});
  EXPECT_EQ(headless.exitCode, 0) << headless.err;
  EXPECT_TRUE(contains(headless.out, "No desktop browser here")) << headless.out;
  EXPECT_TRUE(contains(headless.out, "ssh -N -L 18789:127.0.0.1:18789")) << headless.out;

  writeConfig({{"gateway", {{"mode", "local"}, {"controlUi", {{"enabled", false}}}}}});
  const CommandResult disabled = runCli({"dashboard", "--no-open"}, home.path());
  EXPECT_EQ(disabled.exitCode, 1);
  EXPECT_TRUE(contains(disabled.err, "gateway.controlUi.enabled is false")) << disabled.err;
}

}  // namespace
}  // namespace openclaw::e2e
