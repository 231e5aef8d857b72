// `openclaw doctor` against the real binary in a private HOME.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/files.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path configPath(const TempHome& home) { return home.path() / ".openclaw/openclaw.json"; }

// Writes the default instance's config with owner-only permissions.
void writeConfig(const TempHome& home, const std::string& text) {
  home.write(".openclaw/openclaw.json", text);
  fs::permissions(configPath(home), fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
}

// `openclaw doctor --json` parsed; the exit code goes to `exitCode`.
json doctorJson(const TempHome& home, int& exitCode,
                const std::map<std::string, std::string>& env = {},
                const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"doctor", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const CommandResult result = runCli(args, home.path(), env);
  exitCode = result.exitCode;
  return json::parse(result.out);
}

// The first finding with `id`, or null.
json findingWithId(const json& report, const std::string& id) {
  for (const json& finding : report["findings"]) {
    if (finding["id"] == id) return finding;
  }
  return nullptr;
}

TEST(DoctorCli, CleanSetupConfigHasNoErrors) {
  TempHome home;
  ASSERT_EQ(runCli({"setup"}, home.path()).exitCode, 0);
  const CommandResult result = runCli({"doctor"}, home.path());
  EXPECT_EQ(result.exitCode, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "openclaw doctor: 0 errors")) << result.out;
}

TEST(DoctorCli, JsonHasOkAndFindingsWithIdSeverityMessageAndFix) {
  TempHome home;
  int exitCode = -1;
  const json report = doctorJson(home, exitCode);  // no config at all: an error
  EXPECT_EQ(exitCode, 1);
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report.size(), 2u);
  EXPECT_EQ(report["ok"], false);
  ASSERT_TRUE(report["findings"].is_array());
  ASSERT_FALSE(report["findings"].empty());
  for (const json& finding : report["findings"]) {
    EXPECT_EQ(finding.size(), 4u) << finding;
    for (const char* key : {"id", "severity", "message", "fix"}) {
      EXPECT_TRUE(finding[key].is_string()) << finding;
    }
    EXPECT_TRUE(finding["severity"] == "error" || finding["severity"] == "warn" ||
                finding["severity"] == "info")
        << finding;
  }
  EXPECT_EQ(findingWithId(report, "config.missing")["fix"], "openclaw setup");
}

TEST(DoctorCli, UnknownKeyIsAWarningWithItsPosition) {
  TempHome home;
  writeConfig(home,
              "{ gateway: { mode: 'local', auth: { token: '0123456789abcdef0123' },\n"
              "  bindd: 'lan' } }");
  int exitCode = -1;
  const json report = doctorJson(home, exitCode);
  EXPECT_EQ(exitCode, 0) << report;
  EXPECT_EQ(report["ok"], true);
  const json finding = findingWithId(report, "config.unknown_key");
  ASSERT_FALSE(finding.is_null()) << report;
  EXPECT_EQ(finding["severity"], "warn");
  EXPECT_EQ(finding["message"], "unknown key gateway.bindd (2:10): this gateway ignores it");
  EXPECT_EQ(finding["fix"], "remove gateway.bindd from " + configPath(home).string() +
                                " (or correct its spelling)");
}

TEST(DoctorCli, BindBeyondLoopbackWithoutAuthIsAnError) {
  TempHome home;
  writeConfig(home, "{ gateway: { mode: 'local', bind: 'lan' } }");
  int exitCode = -1;
  const json report = doctorJson(home, exitCode);
  EXPECT_EQ(exitCode, 1);
  const json finding = findingWithId(report, "gateway.bind_without_auth");
  ASSERT_FALSE(finding.is_null()) << report;
  EXPECT_EQ(finding["severity"], "error");
  EXPECT_EQ(finding["fix"],
            "set gateway.auth: { mode: \"token\", token: \"<16+ random "
            "characters>\" } in " +
                configPath(home).string() + ", or set gateway.bind: \"loopback\"");
}

TEST(DoctorCli, WorldReadableConfigWithATokenIsAnError) {
  TempHome home;
  ASSERT_EQ(runCli({"setup"}, home.path()).exitCode, 0);
  fs::permissions(configPath(home), fs::perms::group_read | fs::perms::others_read,
                  fs::perm_options::add);
  const CommandResult result = runCli({"doctor"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.out, "errors:\n  [config.secret_readable] " +
                                       configPath(home).string() +
                                       " stores gateway.auth.token but group/others can read it "
                                       "(mode 644)\n    fix: chmod 600 " +
                                       configPath(home).string() + "\n"))
      << result.out;
}

TEST(DoctorCli, SyntaxErrorIsReportedWithFileLineAndColumn) {
  TempHome home;
  writeConfig(home, "{\n  gateway: { mode: 'local',, }\n}\n");
  const CommandResult result = runCli({"doctor"}, home.path());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.out, "[config.parse] " + configPath(home).string() +
                                       ":2:28: unexpected character ','\n"))
      << result.out;
}

TEST(DoctorCli, OutdatedServiceUnitIsAWarningAndFixRewritesOnlyIt) {
  TempHome home;
  const std::map<std::string, std::string> env = {
      {"XDG_CONFIG_HOME", (home.path() / ".config").string()}};
  ASSERT_EQ(runCli({"--profile", "rescue", "setup"}, home.path(), env).exitCode, 0);
  const fs::path config = home.path() / ".openclaw-rescue/openclaw.json";
  const std::optional<std::string> configBefore = core::readFile(config);
  const fs::path unit = home.path() / ".config/systemd/user/openclaw-gateway-rescue.service";
  home.write(".config/systemd/user/openclaw-gateway-rescue.service", "[Unit]\nDescription=old\n");

  const CommandResult check = runCli({"--profile", "rescue", "doctor"}, home.path(), env);
  EXPECT_EQ(check.exitCode, 0) << check.out;
  EXPECT_TRUE(contains(check.out, "[service.unit_outdated] service unit " + unit.string()))
      << check.out;
  EXPECT_TRUE(contains(check.out, "fix: openclaw --profile rescue gateway install --force\n"));
  EXPECT_EQ(core::readFile(unit), "[Unit]\nDescription=old\n") << "no --fix, no change";

  const CommandResult fixed = runCli({"--profile", "rescue", "doctor", "--fix"}, home.path(), env);
  EXPECT_EQ(fixed.exitCode, 0) << fixed.out;
  EXPECT_TRUE(contains(fixed.out, "[service.unit_rewritten] rewrote " + unit.string()));
  const CommandResult print =
      runCli({"--profile", "rescue", "gateway", "install", "--print"}, home.path(), env);
  EXPECT_EQ(core::readFile(unit), print.out);
  EXPECT_EQ(core::readFile(config), configBefore) << "--fix never touches the config";

  const CommandResult again = runCli({"--profile", "rescue", "doctor"}, home.path(), env);
  EXPECT_TRUE(contains(again.out, "[service.unit_current]")) << again.out;
}

// The mode bits of `path` ("600").
std::string modeOf(const fs::path& path) {
  char text[8];
  std::snprintf(text, sizeof(text), "%03o",
                static_cast<unsigned>(fs::symlink_status(path).permissions() & fs::perms::mask));
  return text;
}

TEST(StateFileModes, AGatewayKeepsItsStateOwnerOnlyInAnOpenStateDir) {
  GatewayProcess gateway;
  const fs::path state = gateway.home().path() / ".openclaw";
  fs::create_directories(state);
  fs::permissions(state, fs::perms(0755), fs::perm_options::replace);
  gateway.start();

  EXPECT_EQ(modeOf(state), "700");
  for (const char* name : {"openclaw.db", "openclaw.db-wal", "openclaw.db-shm", "gateway.lock"}) {
    ASSERT_TRUE(fs::exists(state / name)) << name;
  }
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(state)) {
    if (entry.path().filename() == "openclaw.json") continue;  // the test wrote it, not the gateway
    EXPECT_EQ(modeOf(entry.path()), entry.is_directory() ? "700" : "600") << entry.path();
  }
}

TEST(StateFileModes, DoctorReportsLooseModesAndFixMakesThemOwnerOnly) {
  TempHome home;
  ASSERT_EQ(runCli({"setup"}, home.path()).exitCode, 0);
  const fs::path state = home.path() / ".openclaw";
  const fs::path database = home.write(".openclaw/openclaw.db", "");
  fs::permissions(database, fs::perms(0644), fs::perm_options::replace);
  fs::permissions(state, fs::perms(0755), fs::perm_options::replace);

  int exitCode = -1;
  json report = doctorJson(home, exitCode);
  std::vector<json> loose;
  for (const json& finding : report["findings"]) {
    if (finding["id"] == "state.permissions") loose.push_back(finding);
  }
  ASSERT_EQ(loose.size(), 2u) << report.dump(2);
  EXPECT_EQ(loose[0]["severity"], "warn");
  EXPECT_EQ(loose[0]["fix"], "chmod 700 " + state.string());
  EXPECT_TRUE(contains(loose[1]["message"].get<std::string>(),
                       database.string() + " is open to group/others (mode 644)"))
      << loose[1];
  EXPECT_EQ(loose[1]["fix"], "chmod 600 " + database.string());

  report = doctorJson(home, exitCode, {}, {"--fix"});
  EXPECT_EQ(exitCode, 0) << report.dump(2);
  EXPECT_FALSE(findingWithId(report, "state.permissions_fixed").is_null()) << report.dump(2);
  EXPECT_TRUE(findingWithId(report, "state.permissions").is_null()) << report.dump(2);
  EXPECT_EQ(modeOf(state), "700");
  EXPECT_EQ(modeOf(database), "600");
}

TEST(DoctorCli, RunningGatewayIsReportedWithItsPid) {
  GatewayProcess gateway;
  gateway.start();
  int exitCode = -1;
  const json report = doctorJson(gateway.home(), exitCode);
  const json finding = findingWithId(report, "state.gateway_running");
  ASSERT_FALSE(finding.is_null()) << report;
  EXPECT_EQ(finding["message"], "gateway running (pid " + std::to_string(gateway.pid()) + ")");
}

}  // namespace
}  // namespace openclaw::e2e
