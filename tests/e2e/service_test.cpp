// `openclaw gateway install|uninstall|start|stop|restart` against the real binary.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/files.h"
#include "gateway_process.h"
#include "service/systemd.h"

namespace openclaw::e2e {
namespace {

namespace fs = std::filesystem;

constexpr const char* kConfig =
    R"({ gateway: { mode: "local", port: 18899, auth: { mode: "token", token: "tok en%1" } } })";

// XDG_CONFIG_HOME pinned inside the temp home, so the unit path does not depend on the caller.
std::map<std::string, std::string> envFor(const TempHome& home) {
  return {{"XDG_CONFIG_HOME", (home.path() / ".config").string()}};
}

TEST(ServiceCli, PrintShowsTheUserUnitForTheConfiguredPortAndToken) {
  TempHome home;
  home.write(".openclaw-rescue/openclaw.json", kConfig);
  const auto result =
      runCli({"--profile", "rescue", "gateway", "install", "--print"}, home.path(), envFor(home));
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const std::string binary = fs::canonical(binaryPath()).string();
  EXPECT_EQ(result.out,
            "[Unit]\n"
            "Description=OpenClaw Gateway (profile: rescue, v" OPENCLAW_VERSION
            ")\n"
            "After=network-online.target\n"
            "Wants=network-online.target\n"
            "\n[Service]\n"
            "ExecStart=" +
                binary +
                " --profile rescue gateway --port 18899\n"
                "Restart=always\n"
                "RestartSec=5\n"
                "Environment=\"OPENCLAW_GATEWAY_TOKEN=tok en%%1\"\n"
                "Environment=OPENCLAW_SERVICE_MARKER=openclaw\n"
                "Environment=OPENCLAW_SERVICE_KIND=gateway\n"
                "Environment=OPENCLAW_SERVICE_VERSION=" OPENCLAW_VERSION
                "\n"
                "WorkingDirectory=" +
                home.path().string() +
                "\n"
                "\n[Install]\n"
                "WantedBy=default.target\n");
  EXPECT_FALSE(fs::exists(home.path() / ".config")) << "--print must not write anything";
}

TEST(ServiceCli, PrintHonoursPortFlagEnvironmentOverridesAndOtherPlatforms) {
  TempHome home;
  const fs::path state = home.path() / "state dir";
  const auto env = std::map<std::string, std::string>{{"OPENCLAW_STATE_DIR", state.string()},
                                                      {"OPENCLAW_GATEWAY_TOKEN", "env-token"}};
  auto result = runCli({"gateway", "install", "--print", "--port", "4242"}, home.path(), env);
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, " gateway --port 4242\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "Environment=OPENCLAW_GATEWAY_TOKEN=env-token\n"));
  EXPECT_TRUE(contains(result.out, "Environment=\"OPENCLAW_STATE_DIR=" + state.string() + "\"\n"));
  EXPECT_FALSE(contains(result.out, "OPENCLAW_CONFIG_PATH"));

  result = runCli({"gateway", "install", "--print", "--platform", "macos"}, home.path(), env);
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "<string>bot.molt.gateway</string>")) << result.out;
  EXPECT_TRUE(contains(result.out, "<string>" + state.string() + "/logs/gateway.log</string>"));

  result = runCli({"--dev", "gateway", "install", "--print", "--platform", "windows"}, home.path());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "<URI>\\OpenClaw Gateway (dev)</URI>")) << result.out;
  EXPECT_TRUE(contains(result.out, "<Arguments>--dev gateway --port 19001</Arguments>"));

  result = runCli({"gateway", "install", "--platform", "macos"}, home.path());
  EXPECT_EQ(result.exitCode, 2) << "--platform needs --print";
}

TEST(ServiceCli, HelpDescribesTheServiceCommands) {
  TempHome home;
  auto result = runCli({"gateway", "--help"}, home.path());
  for (const char* word : {"install", "uninstall", "start", "stop", "restart"}) {
    EXPECT_TRUE(contains(result.out, word)) << word;
  }
  result = runCli({"gateway", "install", "--help"}, home.path());
  EXPECT_EQ(result.exitCode, 0);
  for (const char* word : {"--force", "--system", "--port", "--print", "--platform"}) {
    EXPECT_TRUE(contains(result.out, word)) << word;
  }
}

TEST(ServiceCli, InstallWithoutAUserManagerFailsClearlyAndWritesNothing) {
  if (!service::managerProblem(service::SystemdScope::User)) {
    GTEST_SKIP() << "a systemd user manager is reachable here; installing would register a real "
                    "service for this user";
  }
  TempHome home;
  home.write(".openclaw/openclaw.json", kConfig);
  for (const std::string verb : {"install", "uninstall", "start", "stop", "restart"}) {
    const auto result = runCli({"gateway", verb}, home.path(), envFor(home));
    EXPECT_EQ(result.exitCode, 1) << verb;
    EXPECT_TRUE(contains(result.err, "openclaw gateway " + verb +
                                         ": no systemd user manager is running for this user"))
        << result.err;
    EXPECT_TRUE(contains(result.err, "openclaw gateway install --system")) << result.err;
  }
  EXPECT_FALSE(fs::exists(home.path() / ".config")) << "no unit file, not even a partial one";
}

// A stand-in `systemctl` on PATH that records its arguments and succeeds, so the install flow
// can be followed without touching the machine's real service manager.
std::map<std::string, std::string> fakeSystemctlEnv(const TempHome& home) {
  const fs::path script = home.write("bin/systemctl", "#!/bin/sh\necho \"$*\" >> \"$0.log\"\n");
  fs::permissions(script, fs::perms::owner_all);
  auto env = envFor(home);
  env["PATH"] = script.parent_path().string() + ":/usr/bin:/bin";
  return env;
}

std::string systemctlLog(const TempHome& home) {
  return core::readFile(home.path() / "bin/systemctl.log").value_or("");
}

TEST(ServiceCli, InstallWritesTheUnitEnablesItAndIsIdempotent) {
  TempHome home;
  home.write(".openclaw-rescue/openclaw.json", kConfig);
  const auto env = fakeSystemctlEnv(home);
  const std::vector<std::string> install{"--profile", "rescue", "gateway", "install"};
  const fs::path unit = home.path() / ".config/systemd/user/openclaw-gateway-rescue.service";

  auto result = runCli(install, home.path(), env);
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "wrote " + unit.string())) << result.out;
  EXPECT_TRUE(contains(result.out, "loginctl enable-linger")) << result.out;
  const auto printed =
      runCli({"--profile", "rescue", "gateway", "install", "--print"}, home.path(), env);
  EXPECT_EQ(core::readFile(unit).value_or(""), printed.out);
  EXPECT_EQ(fs::status(unit).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(systemctlLog(home),
            "--user show-environment\n--user daemon-reload\n"
            "--user enable --now openclaw-gateway-rescue.service\n");

  result = runCli(install, home.path(), env);
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "already installed")) << result.out;

  fs::remove(home.path() / "bin/systemctl.log");
  result = runCli({"--profile", "rescue", "gateway", "install", "--force"}, home.path(), env);
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(systemctlLog(home), "--user restart openclaw-gateway-rescue.service\n"));

  fs::remove(home.path() / "bin/systemctl.log");
  result = runCli({"--profile", "rescue", "gateway", "restart"}, home.path(), env);
  ASSERT_EQ(result.exitCode, 0) << result.err;
  result = runCli({"--profile", "rescue", "gateway", "uninstall"}, home.path(), env);
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_FALSE(fs::exists(unit));
  EXPECT_EQ(systemctlLog(home),
            "--user show-environment\n--user restart openclaw-gateway-rescue.service\n"
            "--user show-environment\n--user disable --now openclaw-gateway-rescue.service\n"
            "--user daemon-reload\n");

  result = runCli({"--profile", "rescue", "gateway", "start"}, home.path(), env);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "not installed")) << result.err;
  result = runCli({"--profile", "rescue", "gateway", "stop"}, home.path(), env);
  EXPECT_EQ(result.exitCode, 0) << "stopping an absent service is a no-op";
}

TEST(ServiceCli, InstallRefusesAnUnconfiguredGateway) {
  TempHome home;
  const auto result = runCli({"gateway", "install"}, home.path(), envFor(home));
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.err, "openclaw gateway install: ")) << result.err;
  EXPECT_FALSE(fs::exists(home.path() / ".config"));
}

}  // namespace
}  // namespace openclaw::e2e
