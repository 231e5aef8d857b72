// `openclaw nodes canvas …` against the real gateway, with the test playing the node: what the
// CLI sends reaches the node as canvas.* params, and what the node answers is printed or saved.
#include <gtest/gtest.h>

#include <future>

#include "auth/base64url.h"
#include "auth/device_auth.h"
#include "core/clock.h"
#include "core/files.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class CliNodesCanvas : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  // A paired node (loopback pairs silently) named "Studio Mac" on `platform`, offering `commands`,
  // known by `identity`'s device id.
  client::GatewayClient connectNode(const std::vector<std::string>& commands,
                                    const std::string& platform = "macos",
                                    const auth::DeviceIdentity* identity = nullptr) {
    auto options = gateway.nodeClientOptions();
    options.client.displayName = "Studio Mac";
    options.client.platform = platform;
    client::GatewayClient node(options);
    const json challenge = node.open();
    json params = node.buildConnectParams();
    params["commands"] = commands;
    params["caps"] = json::array({"canvas"});
    params["device"] = auth::signDeviceProof(identity ? *identity : device, params,
                                             challenge.at("nonce"), core::nowMs());
    node.handshake(params);
    return node;
  }

  // `openclaw <args> --url … --token …`, running while the test plays the node.
  std::future<CommandResult> cli(std::vector<std::string> args) {
    args.insert(args.end(), {"--url", gateway.url(), "--token", GatewayProcess::kToken});
    return std::async(std::launch::async,
                      [args, home = home.path()] { return runCli(args, home); });
  }

  // Waits for the node's next invoke request, answers it with `payload` and returns the request
  // with its params parsed.
  json answerInvoke(client::GatewayClient& node, const json& payload) {
    json request = node.waitEvent("node.invoke.request", 10s).at("payload");
    node.call("node.invoke.result", {{"id", request.at("id")},
                                     {"nodeId", nodeId},
                                     {"ok", true},
                                     {"payloadJSON", payload.dump()}});
    request["params"] = json::parse(request.value("paramsJSON", std::string("null")));
    return request;
  }

  GatewayProcess gateway;
  TempHome home;
  auth::DeviceIdentity device = auth::DeviceIdentity::generate();
  const std::string nodeId = device.deviceId();
};

TEST_F(CliNodesCanvas, PresentNavigateAndHideAreForwardedWithTheirParams) {
  auto node = connectNode({"canvas.present", "canvas.navigate", "canvas.hide"});

  // By display name, ignoring case.
  auto present = cli({"nodes", "canvas", "present", "--node", "studio mac", "--target",
                      "https://example.com/a", "--x", "10", "--width", "300"});
  const json presented = answerInvoke(node, {{"ok", true}});
  EXPECT_EQ(presented.at("nodeId"), nodeId);
  EXPECT_EQ(presented.at("command"), "canvas.present");
  EXPECT_EQ(presented.at("params"), json({{"url", "https://example.com/a"},
                                          {"placement", {{"x", 10.0}, {"width", 300.0}}}}));
  const CommandResult presentDone = present.get();
  EXPECT_EQ(presentDone.exitCode, 0) << presentDone.err;
  EXPECT_EQ(presentDone.out, "canvas present ok\n");

  // By an id prefix.
  auto navigate =
      cli({"nodes", "canvas", "navigate", "https://example.com/b", "--node", nodeId.substr(0, 8)});
  const json navigated = answerInvoke(node, {{"ok", true}});
  EXPECT_EQ(navigated.at("command"), "canvas.navigate");
  EXPECT_EQ(navigated.at("params"), json({{"url", "https://example.com/b"}}));
  EXPECT_EQ(navigate.get().exitCode, 0);

  auto hide = cli({"nodes", "canvas", "hide", "--node", nodeId, "--json"});
  const json hidden = answerInvoke(node, {{"ok", true}});
  EXPECT_EQ(hidden.at("command"), "canvas.hide");
  EXPECT_EQ(hidden.at("params"), json::object());
  const CommandResult hideDone = hide.get();
  ASSERT_EQ(hideDone.exitCode, 0) << hideDone.err;
  EXPECT_EQ(json::parse(hideDone.out).at("command"), "canvas.hide");
}

TEST_F(CliNodesCanvas, SnapshotIsSavedToAFileWithTheNodesBytes) {
  auto node = connectNode({"canvas.snapshot"});
  const std::string image("\x89PNG\r\n\x1a\n\0\xff\xfe binary", 18);
  std::string standardBase64 = auth::base64UrlEncode(image);  // then made standard and padded
  std::replace(standardBase64.begin(), standardBase64.end(), '-', '+');
  std::replace(standardBase64.begin(), standardBase64.end(), '_', '/');
  while (standardBase64.size() % 4 != 0) standardBase64 += '=';
  const auto out = home.path() / "shots" / "canvas.png";

  auto snapshot = cli({"nodes", "canvas", "snapshot", "--node", nodeId, "--format", "png",
                       "--max-width", "800", "--out", out.string()});
  const json request = answerInvoke(node, {{"format", "png"}, {"base64", standardBase64}});
  EXPECT_EQ(request.at("command"), "canvas.snapshot");
  EXPECT_EQ(request.at("params"), json({{"format", "png"}, {"maxWidth", 800}}));
  EXPECT_EQ(request.at("timeoutMs"), 20000);  // the snapshot's default invoke timeout
  const CommandResult saved = snapshot.get();
  ASSERT_EQ(saved.exitCode, 0) << saved.err;
  EXPECT_EQ(saved.out, out.string() + "\n");
  EXPECT_EQ(core::readFile(out), image);

  // Nodes that answer in `data` work too; --json describes the file.
  const auto jpeg = home.path() / "canvas.jpg";
  auto second =
      cli({"nodes", "canvas", "snapshot", "--node", nodeId, "--out", jpeg.string(), "--json"});
  const json jpegRequest = answerInvoke(node, {{"data", auth::base64UrlEncode("jpeg bytes")}});
  EXPECT_EQ(jpegRequest.at("params"), json({{"format", "jpeg"}}));
  const CommandResult described = second.get();
  ASSERT_EQ(described.exitCode, 0) << described.err;
  EXPECT_EQ(json::parse(described.out).at("file"),
            json({{"path", jpeg.string()}, {"format", "jpeg"}, {"bytes", 10}}));
  EXPECT_EQ(core::readFile(jpeg), "jpeg bytes");

  // An answer without an image fails and writes nothing.
  const auto none = home.path() / "none.png";
  auto empty = cli({"nodes", "canvas", "snapshot", "--node", nodeId, "--out", none.string()});
  answerInvoke(node, {{"format", "png"}});
  const CommandResult failed = empty.get();
  EXPECT_EQ(failed.exitCode, 1);
  EXPECT_TRUE(contains(failed.err, "without an image")) << failed.err;
  EXPECT_FALSE(std::filesystem::exists(none));
}

TEST_F(CliNodesCanvas, EvalPrintsTheResultAndA2uiPushSendsJsonl) {
  auto node = connectNode({"canvas.eval", "canvas.a2ui.pushJSONL", "canvas.a2ui.reset"});
  auto eval = cli({"nodes", "canvas", "eval", "6 * 7", "--node", nodeId});
  const json evaluated = answerInvoke(node, {{"result", "42"}});
  EXPECT_EQ(evaluated.at("command"), "canvas.eval");
  EXPECT_EQ(evaluated.at("params"), json({{"javaScript", "6 * 7"}}));
  const CommandResult printed = eval.get();
  EXPECT_EQ(printed.exitCode, 0) << printed.err;
  EXPECT_EQ(printed.out, "42\n");

  const CommandResult both =
      cli({"nodes", "canvas", "eval", "1", "--js", "2", "--node", nodeId}).get();
  EXPECT_EQ(both.exitCode, 2);

  auto push = cli({"nodes", "canvas", "a2ui", "push", "--text", "hello", "--node", nodeId});
  const json pushed = answerInvoke(node, {{"ok", true}});
  EXPECT_EQ(pushed.at("command"), "canvas.a2ui.pushJSONL");
  const std::string jsonl = pushed.at("params").at("jsonl");
  EXPECT_TRUE(contains(jsonl, R"("literalString":"hello")")) << jsonl;
  EXPECT_TRUE(contains(jsonl, "\n{\"beginRendering\"")) << jsonl;
  const CommandResult pushDone = push.get();
  EXPECT_EQ(pushDone.exitCode, 0) << pushDone.err;
  EXPECT_EQ(pushDone.out, "canvas a2ui push ok (2 messages)\n");

  const auto v09 = home.write("v09.jsonl", R"({"createSurface":{"surfaceId":"s"}})");
  const CommandResult refused =
      cli({"nodes", "canvas", "a2ui", "push", "--jsonl", v09.string(), "--node", nodeId}).get();
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_TRUE(contains(refused.err, "v0.9")) << refused.err;

  auto reset = cli({"nodes", "canvas", "a2ui", "reset", "--node", nodeId});
  EXPECT_EQ(answerInvoke(node, {{"ok", true}}).at("command"), "canvas.a2ui.reset");
  EXPECT_EQ(reset.get().out, "canvas a2ui reset ok\n");
}

TEST_F(CliNodesCanvas, RefusalsAndUnknownNodesExitNonZero) {
  // The gateway's policy: canvas commands are not in the linux defaults.
  const auth::DeviceIdentity linuxDevice = auth::DeviceIdentity::generate();
  auto linuxNode = connectNode({"canvas.present"}, "linux", &linuxDevice);
  const CommandResult policy =
      cli({"nodes", "canvas", "present", "--node", linuxDevice.deviceId()}).get();
  EXPECT_EQ(policy.exitCode, 1);
  EXPECT_TRUE(contains(policy.err, "gateway.nodes.allowCommands")) << policy.err;

  // Allowed for the platform, but not declared by the node.
  auto mac = connectNode({"canvas.present"});
  const CommandResult undeclared = cli({"nodes", "canvas", "hide", "--node", nodeId}).get();
  EXPECT_EQ(undeclared.exitCode, 1);
  EXPECT_TRUE(contains(undeclared.err, "does not support")) << undeclared.err;

  const CommandResult unknown = cli({"nodes", "canvas", "hide", "--node", "ghost"}).get();
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_TRUE(contains(unknown.err, "unknown node \"ghost\"")) << unknown.err;
  const CommandResult unknownJson =
      cli({"nodes", "canvas", "hide", "--node", "ghost", "--json"}).get();
  EXPECT_EQ(json::parse(unknownJson.out).at("error").at("type"), "unknown_node");
  const CommandResult missingNode = cli({"nodes", "canvas", "hide"}).get();
  EXPECT_EQ(missingNode.exitCode, 2);
}

}  // namespace
}  // namespace openclaw::e2e
