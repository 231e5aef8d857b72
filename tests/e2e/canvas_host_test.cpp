// The canvas host of the real binary: files under canvasHost.root on the canvas port and the
// gateway port, the gateway's auth, traversal refused, capability URLs (hello-ok, node.invoke of
// canvas.present, node.pluginSurface.refresh) accepted in scope and refused once expired, and a
// clear start-up error when the canvas port is taken.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <regex>

#include "auth/device_auth.h"
#include "core/clock.h"
#include "gateway_process.h"
#include "http_exchange.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::httpExchange;
using testsupport::HttpReply;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kIndex = "<html><body><h1>canvas index</h1></body></html>";

class CanvasHost : public ::testing::Test {
 protected:
  void SetUp() override {
    gateway.start();
    const std::regex line(
        R"(canvas host on http://127\.0\.0\.1:(\d+)/__openclaw__/canvas/ serving (\S+))");
    std::smatch match;
    const std::string output = gateway.output();
    ASSERT_TRUE(std::regex_search(output, match, line)) << output;
    canvasPort = std::stoi(match[1]);
    root = match[2].str();
    write("index.html", kIndex);
    write("style.css", "h1{color:red}");
    write("docs/page.html", "<p>doc page</p>");
    write("private/secret.html", "<p>private</p>");
  }

  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative) << text;
  }

  static HttpReply get(int port, const std::string& path, bool withToken = true,
                       const std::string& method = "GET") {
    testsupport::HttpHeaders headers;
    if (withToken) {
      headers.emplace_back("Authorization", std::string("Bearer ") + GatewayProcess::kToken);
    }
    return httpExchange(port, method, path, headers);
  }

  // The path and query of a capability URL minted for this test's canvas port.
  std::string pathOf(const std::string& url) const {
    const std::string origin = "http://127.0.0.1:" + std::to_string(canvasPort);
    EXPECT_TRUE(url.starts_with(origin + "/__openclaw__/cap/")) << url;
    return url.substr(origin.size());
  }

  client::GatewayClient connectNode(json& hello) {
    auto options = gateway.nodeClientOptions();
    client::GatewayClient node(options);
    const json challenge = node.open();
    json params = node.buildConnectParams();
    params["commands"] = json::array({"canvas.present", "canvas.navigate"});
    params["device"] = auth::signDeviceProof(device, params, challenge.at("nonce"), core::nowMs());
    hello = node.handshake(params);
    return node;
  }

  GatewayProcess gateway{
      json{{"canvasHost", {{"capabilityTtlSeconds", 3}}},
           {"gateway", {{"nodes", {{"allowCommands", {"canvas.present", "canvas.navigate"}}}}}}}};
  auth::DeviceIdentity device = auth::DeviceIdentity::generate();
  int canvasPort = 0;
  fs::path root;
};

TEST_F(CanvasHost, ServesTheRootOnBothPortsWithTheGatewaysAuth) {
  for (const int port : {canvasPort, gateway.port()}) {
    const HttpReply index = get(port, "/__openclaw__/canvas/");
    ASSERT_EQ(index.status, 200) << port << index.body;
    EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(index.body.find("canvas index"), std::string::npos);
    // Live reload is on by default: the socket of the page's own origin, before </body>.
    const std::size_t script = index.body.find("'/__openclaw__/ws'");
    ASSERT_NE(script, std::string::npos) << index.body;
    EXPECT_LT(script, index.body.find("</body>"));

    const HttpReply css = get(port, "/__openclaw__/canvas/style.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(css.body, "h1{color:red}");
    EXPECT_EQ(get(port, "/__openclaw__/canvas/docs/page.html").status, 200);
    const HttpReply head = get(port, "/__openclaw__/canvas/style.css", true, "HEAD");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());

    EXPECT_EQ(get(port, "/__openclaw__/canvas/", false).status, 401) << port;
    EXPECT_EQ(get(port, "/__openclaw__/canvas/style.css", false).status, 401);
    EXPECT_EQ(get(port, "/__openclaw__/canvas/missing.html").status, 404);
    EXPECT_EQ(get(port, "/__openclaw__/canvas/style.css", true, "POST").status, 404);
  }
}

TEST_F(CanvasHost, RefusesPathsThatLeaveTheRoot) {
  std::ofstream(root.parent_path() / "outside.html") << "outside";
  fs::create_symlink(root.parent_path() / "outside.html", root / "link.html");
  for (const int port : {canvasPort, gateway.port()}) {
    for (const char* path :
         {"/__openclaw__/canvas/../outside.html", "/__openclaw__/canvas/%2e%2e/outside.html",
          "/__openclaw__/canvas/docs/..%2f..%2foutside.html"}) {
      const HttpReply reply = get(port, path);
      EXPECT_EQ(reply.status, 404) << port << " " << path;
      EXPECT_EQ(reply.body.find("outside"), std::string::npos);
    }
    EXPECT_EQ(get(port, "/__openclaw__/canvas/link.html").status, 403);
  }
}

TEST_F(CanvasHost, CapabilityUrlsStandInForTheTokenUntilTheyExpire) {
  json hello;
  auto node = connectNode(hello);
  const std::string base = hello.at("pluginSurfaceUrls").at("canvas");
  const std::string basePath = pathOf(base);
  ASSERT_TRUE(basePath.ends_with("/__openclaw__/canvas/")) << base;
  EXPECT_EQ(get(canvasPort, basePath, false).status, 200);
  EXPECT_EQ(get(canvasPort, basePath + "style.css", false).status, 200);
  // Its live-reload socket goes through the same capability.
  const HttpReply page = get(canvasPort, basePath, false);
  const std::string token = basePath.substr(
      std::string("/__openclaw__/cap/").size(),
      basePath.find("/__openclaw__/canvas/") - std::string("/__openclaw__/cap/").size());
  EXPECT_NE(page.body.find("/__openclaw__/cap/" + token + "/__openclaw__/ws"), std::string::npos);

  // canvas.present of a hosted path reaches the node as a capability URL scoped to its
  // directory.
  auto op = gateway.connect();
  op.sendText(json{{"type", "req"},
                   {"id", "present-1"},
                   {"method", "node.invoke"},
                   {"params",
                    {{"nodeId", device.deviceId()},
                     {"command", "canvas.present"},
                     {"params", {{"url", "/__openclaw__/canvas/docs/page.html"}}},
                     {"idempotencyKey", "present-1"}}}}
                  .dump());
  const json request = node.waitEvent("node.invoke.request", 5s).at("payload");
  const json forwarded = json::parse(request.at("paramsJSON").get<std::string>());
  const std::string docPath = pathOf(forwarded.at("url"));
  EXPECT_TRUE(docPath.ends_with("/__openclaw__/canvas/docs/page.html")) << docPath;
  const HttpReply doc = get(canvasPort, docPath, false);
  EXPECT_EQ(doc.status, 200);
  EXPECT_NE(doc.body.find("doc page"), std::string::npos);
  const std::string docBase = docPath.substr(0, docPath.size() - std::string("page.html").size());
  EXPECT_EQ(get(canvasPort, docBase + "../private/secret.html", false).status, 401);
  EXPECT_EQ(get(canvasPort, docBase + "../index.html", false).status, 401);
  node.call("node.invoke.result",
            {{"id", request.at("id")}, {"nodeId", device.deviceId()}, {"ok", true}});

  // A fresh one on request.
  const json refreshed = node.call("node.pluginSurface.refresh", {{"surface", "canvas"}});
  EXPECT_EQ(refreshed.at("surface"), "canvas");
  EXPECT_GT(refreshed.at("expiresAtMs").get<std::int64_t>(), core::nowMs());
  EXPECT_EQ(get(canvasPort, pathOf(refreshed.at("url")), false).status, 200);
  EXPECT_EQ(
      node.request("node.pluginSurface.refresh", {{"surface", "browser"}}).at("error").at("code"),
      "INVALID_REQUEST");

  // Foreign tokens never work; ours stop working once their 3 s are over.
  EXPECT_EQ(get(canvasPort, "/__openclaw__/cap/AAAAAAAAAAAAAAAAAAAAAA/__openclaw__/canvas/", false)
                .status,
            401);
  // The document's capability was minted after the hello-ok one: once it expired, both have.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  int status = 200;
  while (status == 200 && std::chrono::steady_clock::now() < deadline) {
    status = get(canvasPort, docPath, false).status;
  }
  EXPECT_EQ(status, 401);
  EXPECT_EQ(get(canvasPort, basePath, false).status, 401);
}

TEST(CanvasHostStartUp, ATakenPortIsAClearError) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(fd, 1), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const int taken = ntohs(address.sin_port);
  GatewayProcess gateway(json{{"canvasHost", {{"port", taken}}}});
  gateway.launch();
  const auto code = gateway.waitExit(20s);
  close(fd);
  ASSERT_TRUE(code) << gateway.output();
  EXPECT_EQ(*code, 1);
  const std::string output = gateway.output();
  EXPECT_NE(output.find("port " + std::to_string(taken)), std::string::npos) << output;
  EXPECT_NE(output.find("canvasHost.port"), std::string::npos) << output;
}

TEST(CanvasHostStartUp, SkipEnvironmentTurnsItOff) {
  testsupport::TempDir root;
  root.write("page.txt", "canvas file");
  GatewayProcess gateway(json{{"canvasHost", {{"root", root.path().string()}}}}, {"--port", "0"},
                         {{"OPENCLAW_SKIP_CANVAS_HOST", "1"}});
  gateway.start();
  EXPECT_EQ(gateway.output().find("canvas host on"), std::string::npos);
  const HttpReply reply =
      httpExchange(gateway.port(), "GET", "/__openclaw__/canvas/page.txt",
                   {{"Authorization", std::string("Bearer ") + GatewayProcess::kToken}});
  EXPECT_NE(reply.status, 200);
  EXPECT_EQ(reply.body.find("canvas file"), std::string::npos);
}

}  // namespace
}  // namespace openclaw::e2e
