// `openclaw doctor`'s config checks on real files in a temp dir.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "doctor/config_checks.h"
#include "doctor/known_keys.h"
#include "temp_dir.h"

namespace openclaw::doctor {
namespace {

namespace fs = std::filesystem;

class DoctorConfigTest : public ::testing::Test {
 protected:
  // A check context for the default profile with its state dir in the temp dir.
  CheckContext context(std::map<std::string, std::string> env = {}) const {
    CheckContext check;
    check.paths.stateDir = dir_.path();
    check.paths.configPath = dir_.path() / "openclaw.json";
    check.paths.databasePath = dir_.path() / "openclaw.db";
    check.env = [env](const std::string& name) -> std::optional<std::string> {
      auto found = env.find(name);
      return found == env.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
    check.cli = cliPrefix(check.paths.profile);
    return check;
  }

  // Writes `text` as the config (mode 0600) and loads it.
  config::ConfigFile write(const std::string& text) {
    const fs::path file = dir_.write("openclaw.json", text);
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    return config::ConfigFile::load(file);
  }

  // The ids of `findings`, in order.
  static std::vector<std::string> ids(const std::vector<Finding>& findings) {
    std::vector<std::string> list;
    for (const Finding& finding : findings) list.push_back(finding.id);
    return list;
  }

  testsupport::TempDir dir_;
};

TEST_F(DoctorConfigTest, SetupStyleConfigHasNoFindings) {
  const auto file = write(
      R"({ gateway: { mode: "local", port: 18789, bind: "loopback",
           auth: { mode: "token", token: "0123456789abcdef0123" } },
         logging: { level: "debug" }, agents: { defaults: {} } })");
  EXPECT_TRUE(checkConfig(file, context()).empty());
}

TEST_F(DoctorConfigTest, MissingAndUnparsableFilesAreErrors) {
  std::vector<Finding> findings;
  EXPECT_FALSE(loadConfig(context(), findings));
  ASSERT_EQ(ids(findings), std::vector<std::string>{"config.missing"});
  EXPECT_EQ(findings[0].severity, Severity::Error);
  EXPECT_EQ(findings[0].fix, "openclaw setup");

  findings.clear();
  dir_.write("openclaw.json", "{\n  gateway: { mode: \"local\",, }\n}");
  EXPECT_FALSE(loadConfig(context(), findings));
  ASSERT_EQ(ids(findings), std::vector<std::string>{"config.parse"});
  EXPECT_EQ(findings[0].message.rfind((dir_.path() / "openclaw.json").string() + ":2:", 0), 0u)
      << findings[0].message;
}

TEST_F(DoctorConfigTest, WrongTypesAreReportedAtTheirPosition) {
  const auto file = write("{ gateway: { mode: \"local\",\n  port: \"x\" } }");
  const auto findings = checkConfig(file, context());
  ASSERT_EQ(ids(findings), std::vector<std::string>{"config.invalid"});
  EXPECT_NE(findings[0].message.find("openclaw.json:2:9: gateway.port"), std::string::npos)
      << findings[0].message;
}

TEST_F(DoctorConfigTest, GatewayModeUnsetIsAnErrorAndRemoteANote) {
  auto finding = checkGatewayMode(write("{ gateway: { port: 1 } }"));
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->id, "config.mode_unset");
  EXPECT_EQ(finding->severity, Severity::Error);
  finding = checkGatewayMode(write("{ gateway: { mode: 'remote' } }"));
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->severity, Severity::Info);
  EXPECT_FALSE(checkGatewayMode(write("{ gateway: { mode: 'local' } }")));
}

TEST_F(DoctorConfigTest, UnknownKeysUnderGatewayAndLoggingWithPositions) {
  const auto file = write(
      "{ gateway: { mode: 'local',\n    foo: 1, auth: { rateLimit: { maxAttemps: 3 } } },\n"
      "  logging: { level: 'info', colour: true }, channels: { anything: 1 } }");
  const auto findings = checkUnknownKeys(file);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].message,
            "unknown key gateway.auth.rateLimit.maxAttemps (2:46): this "
            "gateway ignores it");
  EXPECT_EQ(findings[1].message, "unknown key gateway.foo (2:10): this gateway ignores it");
  EXPECT_EQ(findings[2].message, "unknown key logging.colour (3:37): this gateway ignores it");
  EXPECT_EQ(findings[1].severity, Severity::Warn);
  EXPECT_EQ(findings[1].fix,
            "remove gateway.foo from " + file.path.string() + " (or correct its spelling)");
}

TEST_F(DoctorConfigTest, EveryKnownKeyIsAccepted) {
  nlohmann::json root = nlohmann::json::object();
  for (const std::string& key : knownConfigKeys()) {
    std::string pointer = "/" + key;
    for (char& c : pointer) {
      if (c == '.') c = '/';
    }
    root[nlohmann::json::json_pointer(pointer)] = 1;
  }
  EXPECT_TRUE(checkUnknownKeys(write(root.dump())).empty());
}

TEST_F(DoctorConfigTest, BindBeyondLoopbackWithoutAuthIsAnError) {
  for (const char* bind : {"lan", "custom", "tailnet", "auto"}) {
    const auto findings = checkAuthExposure(
        write(std::string("{ gateway: { bind: '") + bind + "' } }"), context().env);
    ASSERT_EQ(ids(findings), std::vector<std::string>{"gateway.bind_without_auth"}) << bind;
    EXPECT_EQ(findings[0].severity, Severity::Error);
    EXPECT_NE(findings[0].fix.find("gateway.bind: \"loopback\""), std::string::npos);
  }
  // A token from the environment counts, as it does for the gateway.
  const auto file = write("{ gateway: { bind: 'lan' } }");
  EXPECT_TRUE(checkAuthExposure(file, context({{"OPENCLAW_GATEWAY_TOKEN", "0123456789abcdef"}}).env)
                  .empty());
}

TEST_F(DoctorConfigTest, AuthNoneMissingSecretAndShortToken) {
  const auto env = context().env;
  auto findings = checkAuthExposure(write("{ gateway: { auth: { mode: 'none' } } }"), env);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"gateway.auth_none"});
  EXPECT_EQ(findings[0].severity, Severity::Warn);

  findings = checkAuthExposure(write("{ gateway: { auth: { mode: 'password' } } }"), env);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"gateway.auth_secret_missing"});
  EXPECT_EQ(findings[0].severity, Severity::Error);

  findings = checkAuthExposure(write("{ gateway: { auth: { token: 'short' } } }"), env);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"gateway.short_token"});
  EXPECT_EQ(findings[0].message, "the gateway token is 5 characters long; use at least 16");
}

TEST_F(DoctorConfigTest, SecretInAGroupOrWorldReadableFileIsAnError) {
  const auto file = write("{ gateway: { auth: { token: '0123456789abcdef' } } }");
  EXPECT_FALSE(checkSecretPermissions(file));
  fs::permissions(file.path, fs::perms::others_read, fs::perm_options::add);
  const auto finding = checkSecretPermissions(file);
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->severity, Severity::Error);
  EXPECT_EQ(finding->message, file.path.string() +
                                  " stores gateway.auth.token but group/others can read it "
                                  "(mode 604)");
  EXPECT_EQ(finding->fix, "chmod 600 " + file.path.string());

  // Readable but without secrets: nothing to protect.
  const auto plain = write("{ gateway: { mode: 'local' } }");
  fs::permissions(plain.path, fs::perms::group_read | fs::perms::others_read,
                  fs::perm_options::add);
  EXPECT_FALSE(checkSecretPermissions(plain));
}

TEST(DoctorCliPrefix, NamesTheInstance) {
  EXPECT_EQ(cliPrefix(config::Profile{}), "openclaw");
  EXPECT_EQ(cliPrefix(config::Profile::devProfile()), "openclaw --dev");
  EXPECT_EQ(cliPrefix(config::Profile::named("rescue")), "openclaw --profile rescue");
}

}  // namespace
}  // namespace openclaw::doctor
