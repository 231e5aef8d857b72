// `openclaw node run` against the real gateway: silent loopback pairing, node.invoke of its
// system commands, reconnecting with its device token after a gateway restart, clean stop.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <regex>

#include "core/files.h"
#include "core/network.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class NodeHost : public ::testing::Test {
 protected:
  void SetUp() override {
    gateway.start();
    nodeHome.write(".openclaw/openclaw.json",
                   json{{"nodeHost", {{"allowCommands", {"echo", "sleep"}}}}}.dump());
    node = std::make_unique<CliProcess>(
        std::vector<std::string>{"node", "run", "--url", gateway.url(), "--token",
                                 GatewayProcess::kToken, "--display-name", "e2e-node"},
        nodeHome.path());
    nodeId = waitForNodeId(*node, 10s);
  }

  json invoke(client::GatewayClient& op, const std::string& command, const json& params,
              std::int64_t timeoutMs = 10'000) {
    return op.request("node.invoke",
                      {{"nodeId", nodeId},
                       {"command", command},
                       {"params", params},
                       {"timeoutMs", timeoutMs},
                       {"idempotencyKey", "k-" + std::to_string(++calls)}},
                      15s);
  }

  // A fixed port: an in-process restart binds the same port again.
  GatewayProcess gateway{json::object(), {"--port", std::to_string(freePort())}};
  TempHome nodeHome;
  std::unique_ptr<CliProcess> node;
  std::string nodeId;
  int calls = 0;
};

TEST_F(NodeHost, PairsSilentlyOnLoopbackAndIsListed) {
  auto op = gateway.connect();
  const json described = op.call("node.describe", {{"nodeId", nodeId}});
  EXPECT_EQ(described.at("paired"), true);
  EXPECT_EQ(described.at("connected"), true);
  EXPECT_EQ(described.at("displayName"), "e2e-node");
  EXPECT_EQ(described.at("commands"), json::array({"system.info", "system.run", "system.which"}));
  // Its private key and device token are owner-only files in its state dir.
  for (const char* file : {"node-device.pem", "node-device-token.json"}) {
    struct stat info {};
    ASSERT_EQ(::stat((nodeHome.path() / ".openclaw/identity" / file).c_str(), &info), 0) << file;
    EXPECT_EQ(info.st_mode & 0777, 0600u) << file;
  }
}

TEST_F(NodeHost, AnswersSystemWhichRunAndInfo) {
  auto op = gateway.connect();
  const json which = invoke(op, "system.which", {{"bins", {"sh", "no-such-binary-xyz"}}});
  ASSERT_EQ(which.at("ok"), true) << which.dump();
  const json bins = which.at("payload").at("payload").at("bins");
  EXPECT_TRUE(bins.contains("sh"));
  EXPECT_FALSE(bins.contains("no-such-binary-xyz"));

  const json run = invoke(op, "system.run", {{"command", {"echo", "hello", "node"}}});
  ASSERT_EQ(run.at("ok"), true) << run.dump();
  EXPECT_EQ(run.at("payload").at("payload").at("stdout"), "hello node\n");
  EXPECT_EQ(run.at("payload").at("payload").at("exitCode"), 0);

  const json info = invoke(op, "system.info", json::object());
  ASSERT_EQ(info.at("ok"), true) << info.dump();
  EXPECT_EQ(info.at("payload").at("payload").at("platform"), "linux");
  EXPECT_FALSE(info.at("payload").at("payload").at("arch").get<std::string>().empty());
}

TEST_F(NodeHost, RefusesProgramsOutsideItsAllowlistAndBadParams) {
  auto op = gateway.connect();
  const json denied = invoke(op, "system.run", {{"command", {"uname", "-a"}}});
  EXPECT_EQ(denied.at("error").at("code"), "UNAVAILABLE");
  EXPECT_EQ(denied.at("error").at("details").at("nodeError").at("code"), "SYSTEM_RUN_DENIED");
  EXPECT_TRUE(contains(denied.at("error").at("message"), "nodeHost.allowCommands"));
  // A path elsewhere with an allowed name is not the allowed program.
  const json byPath = invoke(op, "system.run", {{"command", {"./echo"}}});
  EXPECT_EQ(byPath.at("error").at("details").at("nodeError").at("code"), "NOT_FOUND");
  const json empty = invoke(op, "system.run", {{"command", json::array()}});
  EXPECT_EQ(empty.at("error").at("details").at("nodeError").at("code"), "INVALID_REQUEST");
  const json badBins = invoke(op, "system.which", {{"bins", "sh"}});
  EXPECT_EQ(badBins.at("error").at("details").at("nodeError").at("code"), "INVALID_REQUEST");
}

TEST_F(NodeHost, SystemRunStopsAProgramAtItsTimeout) {
  auto op = gateway.connect();
  const auto started = std::chrono::steady_clock::now();
  const json run = invoke(op, "system.run", {{"command", {"sleep", "30"}}, {"timeoutMs", 300}});
  ASSERT_EQ(run.at("ok"), true) << run.dump();
  EXPECT_EQ(run.at("payload").at("payload").at("timedOut"), true);
  EXPECT_EQ(run.at("payload").at("payload").at("success"), false);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

TEST_F(NodeHost, ReconnectsWithItsDeviceTokenAfterAGatewayRestart) {
  // Rotate the gateway's shared token (applied live), then restart the gateway in-process: the
  // node's --token is now wrong, so only its stored device token can get it back in.
  const auto configPath = gateway.home().path() / ".openclaw/openclaw.json";
  json config = json::parse(core::readFile(configPath).value());
  config["gateway"]["auth"]["token"] = "rotated-shared-token-0123456789";
  gateway.home().write(".openclaw/openclaw.json", config.dump(2));
  ASSERT_TRUE(gateway.waitForOutput("config reloaded", 10s)) << gateway.output();
  ::kill(gateway.pid(), SIGUSR1);
  ASSERT_TRUE(node->waitForOutput("(with device token)", 20s)) << node->output();

  auto options = gateway.clientOptions();
  options.token = "rotated-shared-token-0123456789";
  client::GatewayClient op(options);
  op.connect();
  EXPECT_EQ(op.call("node.describe", {{"nodeId", nodeId}}).at("connected"), true);
  const json run = invoke(op, "system.run", {{"command", {"echo", "back"}}});
  ASSERT_EQ(run.at("ok"), true) << run.dump();
  EXPECT_EQ(run.at("payload").at("payload").at("stdout"), "back\n");
}

TEST_F(NodeHost, StopsCleanlyOnSigtermEvenWithAProgramRunning) {
  auto op = gateway.connect();
  op.sendText(json{{"type", "req"},
                   {"id", "long-run"},
                   {"method", "node.invoke"},
                   {"params",
                    {{"nodeId", nodeId},
                     {"command", "system.run"},
                     {"params", {{"command", {"sleep", "60"}}, {"timeoutMs", 60'000}}},
                     {"timeoutMs", 60'000},
                     {"idempotencyKey", "long-run"}}}}
                  .dump());
  ASSERT_TRUE(node->waitForOutput("invoke system.run", 10s)) << node->output();
  const auto started = std::chrono::steady_clock::now();
  ::kill(node->pid(), SIGTERM);
  EXPECT_TRUE(node->waitForOutput("node host: stopped", 10s)) << node->output();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  // The gateway fails the pending invoke as soon as the node is gone.
  for (auto frame = op.readText(10s); frame; frame = op.readText(10s)) {
    const json parsed = json::parse(*frame);
    if (parsed.value("id", "") != "long-run") continue;
    EXPECT_EQ(parsed.at("error").at("details").at("nodeError").at("code"), "NODE_DISCONNECTED");
    return;
  }
  ADD_FAILURE() << "no answer to the pending invoke";
}

TEST_F(NodeHost, NodesCliListsDescribesAndInvokes) {
  const std::vector<std::string> target = {"--url", gateway.url(), "--token",
                                           GatewayProcess::kToken};
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.end(), target.begin(), target.end());
    return runCli(args, nodeHome.path());
  };
  const CommandResult list = cli({"nodes", "list", "--json"});
  ASSERT_EQ(list.exitCode, 0) << list.err;
  EXPECT_EQ(json::parse(list.out).at("nodes").at(0).at("nodeId"), nodeId);
  const CommandResult human = cli({"nodes", "list"});
  EXPECT_TRUE(contains(human.out, "connected, paired")) << human.out;

  const CommandResult pending = cli({"nodes", "pending"});
  EXPECT_EQ(pending.exitCode, 0) << pending.err;
  EXPECT_TRUE(contains(pending.out, "No pending node requests.")) << pending.out;  // loopback

  const CommandResult described = cli({"nodes", "describe", nodeId});
  EXPECT_EQ(described.exitCode, 0) << described.err;
  EXPECT_TRUE(contains(described.out, "system.run")) << described.out;

  const CommandResult ran = cli({"nodes", "invoke", nodeId, "system.run", "--params",
                                 R"({"command":["echo","from cli"]})", "--json"});
  ASSERT_EQ(ran.exitCode, 0) << ran.err;
  EXPECT_EQ(json::parse(ran.out).at("payload").at("stdout"), "from cli\n");

  const CommandResult unknown = cli({"nodes", "describe", "no-such-node"});
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_TRUE(contains(unknown.err, "unknown nodeId")) << unknown.err;
  const CommandResult badParams = cli({"nodes", "invoke", nodeId, "system.run", "--params", "[1]"});
  EXPECT_EQ(badParams.exitCode, 2);
  // Allowed by the gateway's linux defaults, but the node host does not offer it.
  const CommandResult undeclared = cli({"nodes", "invoke", nodeId, "system.notify"});
  EXPECT_EQ(undeclared.exitCode, 1);
  EXPECT_TRUE(contains(undeclared.err, "does not support")) << undeclared.err;
  const CommandResult badRequest = cli({"nodes", "approve", "no-such-request"});
  EXPECT_EQ(badRequest.exitCode, 1);
  EXPECT_TRUE(contains(badRequest.err, "unknown requestId")) << badRequest.err;
}

TEST_F(NodeHost, NodeRunRejectsAMalformedAllowlist) {
  TempHome home;
  home.write(".openclaw/openclaw.json", R"({"nodeHost": {"allowCommands": "echo"}})");
  const CommandResult result = runCli({"node", "run", "--url", gateway.url()}, home.path());
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_TRUE(contains(result.err, "nodeHost.allowCommands must be an array")) << result.err;
}

TEST_F(NodeHost, FindsTheGatewayThroughEnvironmentVariables) {
  TempHome home;
  CliProcess envNode({"node", "run"}, home.path(),
                     {{"OPENCLAW_GATEWAY_URL", gateway.url()},
                      {"OPENCLAW_GATEWAY_TOKEN", GatewayProcess::kToken}});
  EXPECT_TRUE(envNode.waitForOutput("connected to " + gateway.url(), 10s)) << envNode.output();
}

// A node host reaching the gateway through the host's non-loopback address is remote: it waits
// for an operator's approval, then comes online by itself.
TEST(NodeHostRemote, WaitsForApprovalThenComesOnline) {
  const auto address = core::primaryIPv4Address();
  if (!address) GTEST_SKIP() << "SKIPPED LOUDLY: this host has no non-loopback IPv4 address";
  GatewayProcess gateway{json{{"gateway", {{"bind", "lan"}}}}};
  gateway.start();
  TempHome home;
  CliProcess node(
      {"node", "run", "--url", "ws://" + *address + ":" + std::to_string(gateway.port()), "--token",
       GatewayProcess::kToken},
      home.path());
  ASSERT_TRUE(node.waitForOutput("`openclaw nodes approve ", 10s)) << node.output();
  std::smatch match;
  static const std::regex approve("openclaw nodes approve ([^`]+)`");
  ASSERT_TRUE(std::regex_search(node.output(), match, approve)) << node.output();
  const std::string requestId = match[1];

  const std::vector<std::string> local = {"--url", gateway.url(), "--token",
                                          GatewayProcess::kToken};
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.end(), local.begin(), local.end());
    return runCli(args, home.path());
  };
  const CommandResult pending = cli({"nodes", "pending"});
  EXPECT_TRUE(contains(pending.out, requestId)) << pending.out << pending.err;
  const CommandResult approved = cli({"nodes", "approve", requestId});
  ASSERT_EQ(approved.exitCode, 0) << approved.err;
  ASSERT_TRUE(node.waitForOutput("connected to", 30s)) << node.output();

  auto op = gateway.connect();
  const json nodes = op.call("node.list").at("nodes");
  ASSERT_EQ(nodes.size(), 1u) << nodes.dump();
  EXPECT_EQ(nodes.at(0).at("paired"), true);
  EXPECT_EQ(nodes.at(0).at("connected"), true);
  EXPECT_EQ(nodes.at(0).at("remoteIp"), *address);
}

}  // namespace
}  // namespace openclaw::e2e
