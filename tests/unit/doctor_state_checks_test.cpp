// `openclaw doctor`'s state-dir, lock, service-unit and log-dir checks, and its report.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/files.h"
#include "core/state_lock.h"
#include "doctor/log_checks.h"
#include "doctor/report.h"
#include "doctor/service_check.h"
#include "doctor/state_checks.h"
#include "temp_dir.h"

namespace openclaw::doctor {
namespace {

namespace fs = std::filesystem;
using testsupport::TempDir;

TEST(DoctorStateDir, MissingForeignAndOpenDirectories) {
  TempDir dir;
  auto findings = checkStateDir(dir.path() / "absent", ::geteuid());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "state.missing");
  EXPECT_EQ(findings[0].fix, "mkdir -m 700 -p " + (dir.path() / "absent").string());

  fs::permissions(dir.path(), fs::perms::owner_all, fs::perm_options::replace);
  EXPECT_TRUE(checkStateDir(dir.path(), ::geteuid()).empty());

  findings = checkStateDir(dir.path(), ::geteuid() + 1);  // as if someone else owned it
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "state.owner");
  EXPECT_EQ(findings[0].severity, Severity::Error);
}

TEST(DoctorPrivateModes, LoosePathsAreReportedAndFixedIncludingTheConfig) {
  TempDir dir;
  config::InstancePaths paths;
  paths.stateDir = dir.path() / "state";
  paths.configPath = paths.stateDir / "openclaw.json";
  paths.databasePath = paths.stateDir / "openclaw.db";
  const auto mode = [](const fs::path& path) {
    return fs::symlink_status(path).permissions() & fs::perms::all;
  };
  EXPECT_TRUE(checkPrivateModes(paths).empty());  // no state dir yet

  const fs::path config = dir.write("state/openclaw.json", "{}");
  const fs::path key = dir.write("state/identity/node-device.pem", "key");
  const fs::path wal = dir.write("state/openclaw.db-wal", "");
  const fs::path workspaceFile = dir.write("state/workspace/notes.md", "");
  fs::permissions(paths.stateDir, fs::perms(0750), fs::perm_options::replace);
  fs::permissions(paths.stateDir / "identity", fs::perms::owner_all, fs::perm_options::replace);
  for (const fs::path& file : {config, key, wal, workspaceFile}) {
    fs::permissions(file, fs::perms(0644), fs::perm_options::replace);
  }
  fs::permissions(wal, fs::perms(0640), fs::perm_options::replace);

  const std::vector<Finding> findings = checkPrivateModes(paths);
  std::vector<std::string> fixes;
  for (const Finding& finding : findings) {
    EXPECT_EQ(finding.id, "state.permissions");
    EXPECT_EQ(finding.severity, Severity::Warn);
    fixes.push_back(finding.fix);
  }
  // The config is the config checks' (it matters when it holds a secret); the workspace is
  // the user's.
  std::sort(fixes.begin(), fixes.end());
  EXPECT_EQ(fixes,
            (std::vector<std::string>{"chmod 600 " + key.string(), "chmod 600 " + wal.string(),
                                      "chmod 700 " + paths.stateDir.string()}));

  const std::vector<Finding> fixed = fixPrivateModes(paths);
  EXPECT_EQ(fixed.size(), 4u);
  for (const Finding& finding : fixed) EXPECT_EQ(finding.id, "state.permissions_fixed");
  EXPECT_EQ(mode(paths.stateDir), fs::perms::owner_all);
  for (const fs::path& file : {config, key, wal}) {
    EXPECT_EQ(mode(file), fs::perms::owner_read | fs::perms::owner_write) << file;
  }
  EXPECT_EQ(mode(workspaceFile), fs::perms(0644));
  EXPECT_TRUE(checkPrivateModes(paths).empty());
  EXPECT_TRUE(fixPrivateModes(paths).empty());
}

TEST(DoctorDatabase, AbsentIsFineAndADirectoryIsNot) {
  TempDir dir;
  EXPECT_FALSE(checkDatabase(dir.path() / "openclaw.db"));
  dir.write("openclaw.db", "SQLite format 3");
  EXPECT_FALSE(checkDatabase(dir.path() / "openclaw.db"));
  fs::create_directories(dir.path() / "other.db");
  const auto finding = checkDatabase(dir.path() / "other.db");
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->severity, Severity::Error);
}

TEST(DoctorExecApprovals, AMalformedFileIsAnErrorAndAMissingOneIsFine) {
  TempDir dir;
  EXPECT_FALSE(checkExecApprovals(dir.path()));
  dir.write("exec-approvals.json", R"({"version": 1, "allowlist": []})");
  EXPECT_FALSE(checkExecApprovals(dir.path()));
  dir.write("exec-approvals.json", "{broken");
  const auto finding = checkExecApprovals(dir.path());
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->id, "state.exec_approvals");
  EXPECT_EQ(finding->severity, Severity::Error);
}

TEST(DoctorLock, HeldLockNamesThePidAndAFreeOneIsStale) {
  TempDir dir;
  EXPECT_FALSE(checkLockFile(dir.path()));
  {
    const core::StateLock lock(dir.path());
    const auto finding = checkLockFile(dir.path());
    ASSERT_TRUE(finding);
    EXPECT_EQ(finding->id, "state.gateway_running");
    EXPECT_EQ(finding->message, "gateway running (pid " + std::to_string(::getpid()) + ")");
    // The probe released its lock: the holder is unaffected and a later probe agrees.
    EXPECT_EQ(checkLockFile(dir.path())->id, "state.gateway_running");
  }
  const auto stale = checkLockFile(dir.path());
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->id, "state.stale_lock");
  EXPECT_EQ(stale->severity, Severity::Info);
  const core::StateLock retaken(dir.path());  // the probe left nothing held
}

TEST(DoctorServiceUnit, ComparesByteForByteAndRewritesOnRequest) {
  TempDir dir;
  const fs::path unit = dir.path() / "openclaw-gateway.service";
  const std::string rendered = "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/openclaw\n";
  EXPECT_FALSE(compareServiceUnit(unit, std::nullopt, rendered, "openclaw"));
  EXPECT_EQ(compareServiceUnit(unit, rendered, rendered, "openclaw")->severity, Severity::Info);

  const std::string old = "[Unit]\nDescription=x\n[Service]\nExecStart=/old/openclaw\n";
  const auto outdated = compareServiceUnit(unit, old, rendered, "openclaw --profile rescue");
  ASSERT_TRUE(outdated);
  EXPECT_EQ(outdated->id, "service.unit_outdated");
  EXPECT_EQ(outdated->severity, Severity::Warn);
  EXPECT_NE(outdated->message.find("(from line 4)"), std::string::npos) << outdated->message;
  EXPECT_EQ(outdated->fix, "openclaw --profile rescue gateway install --force");

  dir.write("openclaw-gateway.service", old);
  const Finding rewritten = rewriteServiceUnit(unit, rendered);
  EXPECT_EQ(rewritten.id, "service.unit_rewritten");
  EXPECT_EQ(core::readFile(unit), rendered);
  EXPECT_EQ(fs::status(unit).permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

TEST(DoctorLogDir, WritableOrCreatableDirectoriesPass) {
  TempDir dir;
  config::InstancePaths paths;
  paths.stateDir = dir.path() / "state";
  paths.configPath = dir.path() / "openclaw.json";
  EXPECT_FALSE(checkLogDir((dir.path() / "logs/openclaw-%Y-%m-%d.log").string(), paths));
  EXPECT_FALSE(checkLogDir((dir.path() / "a/b/c/openclaw.log").string(), paths));

  dir.write("plain-file", "");
  const auto finding = checkLogDir((dir.path() / "plain-file/logs/openclaw.log").string(), paths);
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->severity, Severity::Error);
  EXPECT_EQ(finding->fix, "set logging.file: \"" + (dir.path() / "state/logs").string() +
                              "/openclaw-%Y-%m-%d.log\" in " + paths.configPath.string());
}

TEST(DoctorLogDir, PatternComesFromLoggingFileElseTheProfileDefault) {
  TempDir dir;
  const auto rescue = config::Profile::named("rescue");
  EXPECT_EQ(logFilePattern(std::nullopt, rescue), "/tmp/openclaw/openclaw-rescue-%Y-%m-%d.log");
  const auto file =
      config::ConfigFile::load(dir.write("openclaw.json", "{ logging: { file: '/x/y.log' } }"));
  EXPECT_EQ(logFilePattern(file, rescue), "/x/y.log");
  const auto bad = config::ConfigFile::load(dir.write("bad.json", "{ logging: { file: 3 } }"));
  EXPECT_EQ(logFilePattern(bad, config::Profile{}), "/tmp/openclaw/openclaw-%Y-%m-%d.log");
}

TEST(DoctorReport, TextGroupsBySeverityAndJsonHasOkAndFindings) {
  const std::vector<Finding> findings = {
      {"b.warn", Severity::Warn, "a warning", "do w"},
      {"c.info", Severity::Info, "a note", "nothing"},
      {"a.error", Severity::Error, "an error", "do e"},
  };
  EXPECT_EQ(renderText(findings),
            "openclaw doctor: 1 error, 1 warning, 1 note\n"
            "\nerrors:\n  [a.error] an error\n    fix: do e\n"
            "\nwarnings:\n  [b.warn] a warning\n    fix: do w\n"
            "\ninfo:\n  [c.info] a note\n    fix: nothing\n");
  const nlohmann::json json = renderJson(findings);
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(
      json["findings"][2],
      (nlohmann::json{
          {"id", "a.error"}, {"severity", "error"}, {"message", "an error"}, {"fix", "do e"}}));
  EXPECT_EQ(renderJson({findings[0]})["ok"], true);
}

}  // namespace
}  // namespace openclaw::doctor
