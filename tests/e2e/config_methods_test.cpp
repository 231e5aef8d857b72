// config.get / config.schema / config.set / config.patch / config.apply against the real binary:
// redaction, optimistic concurrency, validation before the write, and what applies live.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/digest.h"
#include "core/files.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kRedacted = "__OPENCLAW_REDACTED__";
constexpr const char* kApiKey = "sk-e2e-provider-key-0123456789";
constexpr const char* kRemoteToken = "remote-e2e-token-0123456789";

class ConfigMethods : public ::testing::Test {
 protected:
  void start(const json& patch = json::object()) {
    json config = {{"gateway", {{"port", freePort()}, {"remote", {{"token", kRemoteToken}}}}},
                   {"models", {{"providers", {{"acme", {{"apiKey", kApiKey}}}}}}}};
    config.merge_patch(patch);
    gateway_ = std::make_unique<GatewayProcess>(config, std::vector<std::string>{});
    gateway_->start();
    client_ = std::make_unique<client::GatewayClient>(gateway_->connect());
  }

  std::filesystem::path configPath() const {
    return gateway_->home().path() / ".openclaw" / "openclaw.json";
  }
  std::string fileText() const { return core::readFile(configPath()).value_or(""); }
  json fileJson() const { return json::parse(fileText()); }
  std::string currentHash() { return client_->call("config.get").at("hash"); }

  // The error of a request that must fail.
  json failure(const std::string& method, const json& params) {
    const json frame = client_->request(method, params);
    EXPECT_EQ(frame.at("ok"), false) << frame.dump();
    return frame.value("error", json::object());
  }

  std::unique_ptr<GatewayProcess> gateway_;
  std::unique_ptr<client::GatewayClient> client_;
};

TEST_F(ConfigMethods, GetRedactsSecretsAndHashesTheFile) {
  start();
  const json snapshot = client_->call("config.get");
  const std::string text = fileText();
  EXPECT_EQ(snapshot.at("path"), configPath().string());
  EXPECT_EQ(snapshot.at("exists"), true);
  EXPECT_EQ(snapshot.at("valid"), true);
  EXPECT_EQ(snapshot.at("issues"), json::array());
  EXPECT_EQ(snapshot.at("hash"), core::sha256Hex(text));
  EXPECT_EQ(snapshot.at("appliedConfigHash"), snapshot.at("hash"));  // running this very file

  const std::string raw = snapshot.at("raw");
  for (const std::string secret : {GatewayProcess::kToken, kApiKey, kRemoteToken}) {
    EXPECT_FALSE(contains(snapshot.dump(), secret)) << secret;
  }
  EXPECT_EQ(json::parse(raw), snapshot.at("config"));
  const json& config = snapshot.at("config");
  EXPECT_EQ(config.at("gateway").at("auth").at("token"), kRedacted);
  EXPECT_EQ(config.at("gateway").at("remote").at("token"), kRedacted);
  EXPECT_EQ(config.at("models").at("providers").at("acme").at("apiKey"), kRedacted);
  EXPECT_EQ(config.at("gateway").at("auth").at("mode"), "token");  // not a secret
  EXPECT_EQ(snapshot.at("sourceConfig"), config);
}

TEST_F(ConfigMethods, SchemaDescribesTheKeysWithSecretsMarked) {
  start();
  const json schema = client_->call("config.schema");
  EXPECT_EQ(schema.at("schema").at("type"), "object");
  EXPECT_TRUE(schema.at("schema").at("properties").at("gateway").at("properties").contains("port"));
  EXPECT_EQ(schema.at("uiHints").at("gateway.auth.token").at("sensitive"), true);
  EXPECT_EQ(schema.at("uiHints").at("models.providers.*.apiKey").at("sensitive"), true);
  EXPECT_FALSE(schema.at("version").get<std::string>().empty());
  EXPECT_FALSE(schema.at("generatedAt").get<std::string>().empty());
  EXPECT_FALSE(contains(schema.dump(), "$ref"));  // inlined for the Control UI's form renderer
}

TEST_F(ConfigMethods, StaleOrMissingBaseHashIsRefusedAndTheFileUntouched) {
  start();
  const std::string before = fileText();
  const json stale = failure("config.set", {{"raw", "{ gateway: { mode: 'local' } }"},
                                            {"baseHash", std::string(64, '0')}});
  EXPECT_EQ(stale.at("code"), "INVALID_REQUEST");
  EXPECT_TRUE(contains(stale.at("message"), "config changed since last load")) << stale.dump();
  const json missing = failure("config.patch", {{"raw", "{ logging: { level: 'debug' } }"}});
  EXPECT_TRUE(contains(missing.at("message"), "base hash required")) << missing.dump();
  EXPECT_EQ(fileText(), before);
}

TEST_F(ConfigMethods, InvalidConfigIsRefusedWithItsIssuesAndTheFileUntouched) {
  start();
  const std::string before = fileText();
  const std::string hash = currentHash();
  json bad = fileJson();
  bad["gateway"]["port"] = "eighty";
  const json error = failure("config.set", {{"raw", bad.dump()}, {"baseHash", hash}});
  EXPECT_EQ(error.at("code"), "INVALID_REQUEST");
  const json& issues = error.at("details").at("issues");
  ASSERT_EQ(issues.size(), 1u) << error.dump();
  EXPECT_EQ(issues[0].at("path"), "gateway.port");
  EXPECT_TRUE(contains(issues[0].at("message"), "must be an integer")) << error.dump();

  // What the gateway would refuse at start-up is refused here too.
  const json remote =
      failure("config.patch", {{"raw", "{ gateway: { mode: 'remote' } }"}, {"baseHash", hash}});
  EXPECT_TRUE(contains(remote.at("message"), "refusing to start")) << remote.dump();
  const json syntax = failure("config.apply", {{"raw", "{ gateway: "}, {"baseHash", hash}});
  EXPECT_TRUE(contains(syntax.at("message"), "not valid JSON5")) << syntax.dump();
  EXPECT_EQ(fileText(), before);
  EXPECT_EQ(client_->call("health").at("ok"), true);
}

TEST_F(ConfigMethods, PatchMergesAndAHotKeyAppliesLiveWithoutRestart) {
  start();
  const json result =
      client_->call("config.patch",
                    {{"raw", "{ gateway: { tickIntervalMs: 150 } }"}, {"baseHash", currentHash()}});
  EXPECT_EQ(result.at("ok"), true);
  EXPECT_EQ(result.at("noop"), false);
  EXPECT_EQ(result.at("changedPaths"), json({"gateway.tickIntervalMs"}));
  EXPECT_EQ(result.at("hotApplied"), json({"gateway.tickIntervalMs"}));
  EXPECT_EQ(result.at("restart").at("required"), false);
  EXPECT_EQ(result.at("restart").at("scheduled"), false);
  EXPECT_EQ(result.at("config").at("gateway").at("auth").at("token"), kRedacted);

  const json file = fileJson();  // merged: the rest is still there, secrets included
  EXPECT_EQ(file.at("gateway").at("tickIntervalMs"), 150);
  EXPECT_EQ(file.at("gateway").at("auth").at("token"), GatewayProcess::kToken);
  EXPECT_EQ(file.at("models").at("providers").at("acme").at("apiKey"), kApiKey);
  EXPECT_EQ(result.at("hash"), core::sha256Hex(fileText()));

  // Applied before the answer's connection saw anything else: same connection, faster ticks.
  const json first = client_->waitEvent("tick", 5s);
  const json second = client_->waitEvent("tick", 5s);
  EXPECT_LT(second.at("payload").at("ts").get<std::int64_t>() -
                first.at("payload").at("ts").get<std::int64_t>(),
            5000);
  const json snapshot = client_->call("config.get");
  EXPECT_EQ(snapshot.at("appliedConfigHash"), result.at("hash"));
  EXPECT_EQ(client_->call("status").at("gateway").at("configReload").at("status"), "applied");
  EXPECT_FALSE(contains(gateway_->output(), "restarting in-process"));

  // The same patch again changes nothing and leaves the file alone.
  const json again = client_->call("config.patch", {{"raw", "{ gateway: { tickIntervalMs: 150 } }"},
                                                    {"baseHash", result.at("hash")}});
  EXPECT_EQ(again.at("noop"), true);
  EXPECT_EQ(again.at("hash"), result.at("hash"));
}

TEST_F(ConfigMethods, RedactedPlaceholdersKeepTheStoredSecrets) {
  start();
  const json snapshot = client_->call("config.get");
  json edited = snapshot.at("config");  // what a client that only ever saw the redacted form has
  edited["logging"]["level"] = "debug";
  const json result =
      client_->call("config.set", {{"raw", edited.dump(2)}, {"baseHash", snapshot.at("hash")}});
  EXPECT_EQ(result.at("changedPaths"), json({"logging.level"}));
  const json file = fileJson();
  EXPECT_EQ(file.at("gateway").at("auth").at("token"), GatewayProcess::kToken);
  EXPECT_EQ(file.at("gateway").at("remote").at("token"), kRemoteToken);
  EXPECT_EQ(file.at("models").at("providers").at("acme").at("apiKey"), kApiKey);
  EXPECT_FALSE(contains(fileText(), kRedacted));
  EXPECT_EQ(gateway_->connect().call("health").at("ok"), true);  // the token still works

  // A placeholder with no stored secret behind it cannot be saved.
  json orphan = edited;
  orphan["channels"]["irc"]["password"] = kRedacted;
  const json error =
      failure("config.set", {{"raw", orphan.dump()}, {"baseHash", result.at("hash")}});
  EXPECT_TRUE(contains(error.at("message"), "channels.irc.password")) << error.dump();
}

TEST_F(ConfigMethods, WritesReplaceTheFileOwnerOnly) {
  start();
  std::filesystem::permissions(configPath(), std::filesystem::perms(0644));
  client_->call("config.patch",
                {{"raw", "{ logging: { level: 'warn' } }"}, {"baseHash", currentHash()}});
  struct stat info {};
  ASSERT_EQ(stat(configPath().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(ConfigMethods, PatchThatDropsArrayEntriesNeedsReplacePaths) {
  start({{"gateway", {{"controlUi", {{"allowedOrigins", {"http://a.test", "http://b.test"}}}}}}});
  const std::string hash = currentHash();
  const json raw = {{"gateway", {{"controlUi", {{"allowedOrigins", {"http://a.test"}}}}}}};
  const json error = failure("config.patch", {{"raw", raw.dump()}, {"baseHash", hash}});
  EXPECT_EQ(error.at("details").at("paths"), json({"gateway.controlUi.allowedOrigins"}));
  const json result =
      client_->call("config.patch", {{"raw", raw.dump()},
                                     {"baseHash", hash},
                                     {"replacePaths", {"gateway.controlUi.allowedOrigins"}}});
  EXPECT_EQ(fileJson().at("gateway").at("controlUi").at("allowedOrigins"), json({"http://a.test"}));
  EXPECT_EQ(result.at("hotApplied"), json({"gateway.controlUi.allowedOrigins"}));
}

TEST_F(ConfigMethods, RestartOnlyChangeIsScheduledAfterTheAnswer) {
  start();
  const int newPort = freePort();
  const json raw = {{"gateway", {{"port", newPort}}}};
  const json result =
      client_->call("config.patch", {{"raw", raw.dump()}, {"baseHash", currentHash()}});
  EXPECT_EQ(result.at("restart"),
            json({{"required", true}, {"scheduled", true}, {"keys", {"gateway.port"}}}));
  EXPECT_EQ(client_->waitClosed(10s).code, 1012);
  ASSERT_TRUE(gateway_->waitForOutput("listening on ws://127.0.0.1:" + std::to_string(newPort) +
                                          " (PID " + std::to_string(gateway_->pid()) + ")",
                                      10s))
      << gateway_->output();
}

TEST_F(ConfigMethods, ApplyRestartsWhatTheReloadModeWouldLeavePending) {
  start({{"gateway", {{"reload", {{"mode", "off"}}}}}});
  const std::string hash = currentHash();
  const json set = client_->call(
      "config.set", {{"raw", fileJson().dump()}, {"baseHash", hash}});  // unchanged content
  EXPECT_EQ(set.at("restart").at("required"), false);
  json edited = fileJson();
  edited["gateway"]["tickIntervalMs"] = 1000;
  const json applied =
      client_->call("config.apply", {{"raw", edited.dump()}, {"baseHash", set.at("hash")}});
  EXPECT_EQ(applied.at("restart").at("scheduled"), true);
  EXPECT_EQ(client_->waitClosed(10s).code, 1012);
  ASSERT_TRUE(
      gateway_->waitForOutput("restarting in-process: config change: gateway.tickIntervalMs", 10s))
      << gateway_->output();
}

TEST_F(ConfigMethods, OversizedRawAndWrongParamsAreRefused) {
  start();
  const std::string before = fileText();
  const std::string hash = currentHash();
  const std::string huge = "{ logging: { file: '" + std::string(1024 * 1024, 'x') + "' } }";
  const json oversized = failure("config.set", {{"raw", huge}, {"baseHash", hash}});
  EXPECT_EQ(oversized.at("code"), "INVALID_REQUEST");
  EXPECT_TRUE(contains(oversized.at("message"), "at most 1048576")) << oversized.dump();
  EXPECT_EQ(failure("config.set", {{"baseHash", hash}}).at("code"), "INVALID_REQUEST");
  EXPECT_EQ(failure("config.set", {{"raw", "{}"}, {"extra", 1}}).at("code"), "INVALID_REQUEST");
  EXPECT_EQ(failure("config.get", {{"path", "/etc/passwd"}}).at("code"), "INVALID_REQUEST");
  const json list = failure("config.patch", {{"raw", "[1]"}, {"baseHash", hash}});
  EXPECT_TRUE(contains(list.at("message"), "must be an object")) << list.dump();
  EXPECT_EQ(fileText(), before);
}

TEST_F(ConfigMethods, ReadScopeMayReadButNotWrite) {
  start();
  auto options = gateway_->clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient reader(options);
  reader.connect();
  EXPECT_EQ(reader.call("config.get").at("exists"), true);
  const json frame = reader.request(
      "config.set", {{"raw", "{}"}, {"baseHash", reader.call("config.get").at("hash")}});
  EXPECT_EQ(frame.at("error").at("code"), "FORBIDDEN");
}

}  // namespace
}  // namespace openclaw::e2e
