// fleet/: the exact runtime command lines a cell is made with (the security profile), the
// ownership check on inspect output, purge containment and log redaction.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fleet/cell_spec.h"
#include "fleet/cell_storage.h"
#include "fleet/runtime_cli.h"
#include "fleet/token_redactor.h"
#include "temp_dir.h"

namespace openclaw::fleet {
namespace {

namespace fs = std::filesystem;
using Args = std::vector<std::string>;

CellSpec acme(Runtime runtime, NetworkMode network) {
  return CellSpec{.tenant = "acme",
                  .cellId = "c0ffee",
                  .runtime = runtime,
                  .image = "openclaw:latest",
                  .port = 19100,
                  .memory = "2g",
                  .cpus = "2",
                  .disk = std::nullopt,
                  .network = network,
                  .pidsLimit = 512,
                  .dataDir = "/state/fleet/cells/acme",
                  .selinux = false,
                  .user = UserMapping::ImageUser,
                  .hostUid = 0,
                  .hostGid = 0,
                  .envKeys = {}};
}

const Args kProfile{"--label",
                    "openclaw.fleet.tenant=acme",
                    "--label",
                    "openclaw.fleet.cell-id=c0ffee",
                    "--cap-drop=ALL",
                    "--security-opt",
                    "no-new-privileges",
                    "--init",
                    "--pids-limit",
                    "512",
                    "--memory",
                    "2g",
                    "--cpus",
                    "2",
                    "--restart",
                    "unless-stopped",
                    "--network",
                    "openclaw-cell-acme",
                    "--publish",
                    "127.0.0.1:19100:18789",
                    "--volume",
                    "/state/fleet/cells/acme:/data",
                    "--env-file",
                    "/state/fleet/tmp/x.env"};

Args createArgv(const std::string& runtime, const Args& tail) {
  Args argv{runtime, "create", "--name", "openclaw-cell-acme"};
  argv.insert(argv.end(), kProfile.begin(), kProfile.end());
  argv.insert(argv.end(), tail.begin(), tail.end());
  return argv;
}

TEST(FleetArgv, DockerBridgeCell) {
  const CellSpec spec = acme(Runtime::Docker, NetworkMode::Bridge);
  EXPECT_NO_THROW(validateSpec(spec));
  EXPECT_EQ(networkCreateArgv(spec),
            (Args{"docker", "network", "create", "--label", "openclaw.fleet.tenant=acme", "--label",
                  "openclaw.fleet.cell-id=c0ffee", "openclaw-cell-acme"}));
  EXPECT_EQ(containerCreateArgv(spec, "/state/fleet/tmp/x.env"),
            createArgv("docker", {"openclaw:latest"}));
}

TEST(FleetArgv, DockerNonRootUserAndDiskAndSelinux) {
  CellSpec spec = acme(Runtime::Docker, NetworkMode::Bridge);
  spec.user = UserMapping::HostUser;
  spec.hostUid = 1234;
  spec.hostGid = 99;
  spec.disk = "10g";
  spec.selinux = true;
  Args expected =
      createArgv("docker", {"--storage-opt", "size=10g", "--user", "1234:99", "openclaw:latest"});
  *std::find(expected.begin(), expected.end(), "/state/fleet/cells/acme:/data") =
      "/state/fleet/cells/acme:/data:Z";
  EXPECT_EQ(containerCreateArgv(spec, "/state/fleet/tmp/x.env"), expected);
}

TEST(FleetArgv, PodmanInternalCellKeepsId) {
  CellSpec spec = acme(Runtime::Podman, NetworkMode::Internal);
  spec.user = UserMapping::KeepId;
  EXPECT_NO_THROW(validateSpec(spec));
  EXPECT_EQ(networkCreateArgv(spec),
            (Args{"podman", "network", "create", "--label", "openclaw.fleet.tenant=acme", "--label",
                  "openclaw.fleet.cell-id=c0ffee", "--internal", "openclaw-cell-acme"}));
  EXPECT_EQ(containerCreateArgv(spec, "/state/fleet/tmp/x.env"),
            createArgv("podman", {"--userns", "keep-id", "openclaw:latest"}));
}

TEST(FleetArgv, TenantEnvKeysAreLabelledForUpgrades) {
  CellSpec spec = acme(Runtime::Podman, NetworkMode::Bridge);
  spec.envKeys = {"TZ", "FEATURE_X"};
  const Args argv = containerCreateArgv(spec, "/state/fleet/tmp/x.env");
  const auto label = std::find(argv.begin(), argv.end(), "openclaw.fleet.env-keys=TZ,FEATURE_X");
  ASSERT_NE(label, argv.end());
  EXPECT_EQ(*(label - 1), "--label");
  EXPECT_EQ(argv.back(), "openclaw:latest");
}

TEST(FleetArgv, NeverPrivilegedHostNetworkOrRuntimeSocket) {
  for (const Runtime runtime : {Runtime::Docker, Runtime::Podman}) {
    const Args argv = containerCreateArgv(acme(runtime, NetworkMode::Bridge), "/x.env");
    for (const std::string& arg : argv) {
      EXPECT_EQ(arg.find("privileged"), std::string::npos) << arg;
      EXPECT_EQ(arg.find("docker.sock"), std::string::npos) << arg;
      EXPECT_EQ(arg.find("podman.sock"), std::string::npos) << arg;
      EXPECT_NE(arg, "host");
      EXPECT_NE(arg, "--cap-add");
      EXPECT_NE(arg.rfind("0.0.0.0", 0), 0u) << arg;
    }
  }
}

TEST(FleetArgv, DockerInternalNetworkIsRefused) {
  try {
    validateSpec(acme(Runtime::Docker, NetworkMode::Internal));
    FAIL() << "accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("internal"), std::string::npos);
  }
}

RuntimeOutput inspectOutput(const std::string& labels, const std::string& status = "running") {
  return RuntimeOutput{.exitCode = 0,
                       .out = R"([{"Id":"abc123","State":{"Status":")" + status +
                              R"("},"Config":{"Labels":)" + labels + "}}]",
                       .err = ""};
}

TEST(FleetInspect, OwnedOnlyWhenBothLabelsMatch) {
  const Inspection owned = interpretInspect(
      inspectOutput(R"({"openclaw.fleet.tenant":"acme","openclaw.fleet.cell-id":"c0ffee"})"),
      "acme", "c0ffee");
  EXPECT_EQ(owned.kind, Inspection::Kind::Owned);
  EXPECT_EQ(owned.id, "abc123");
  EXPECT_EQ(owned.state, "running");

  for (const std::string labels :
       {R"({"openclaw.fleet.tenant":"acme","openclaw.fleet.cell-id":"other"})",
        R"({"openclaw.fleet.tenant":"beta","openclaw.fleet.cell-id":"c0ffee"})", R"(null)",
        R"({})"}) {
    const Inspection foreign = interpretInspect(inspectOutput(labels), "acme", "c0ffee");
    EXPECT_EQ(foreign.kind, Inspection::Kind::Foreign) << labels;
    EXPECT_EQ(foreign.state, "unknown");
    EXPECT_TRUE(foreign.id.empty());
  }
}

TEST(FleetInspect, MissingAndUnavailableRuntimes) {
  EXPECT_EQ(interpretInspect(RuntimeOutput{.exitCode = 125,
                                           .out = "",
                                           .err = "Error: no such container openclaw-cell-acme"},
                             "acme", "c0ffee")
                .kind,
            Inspection::Kind::Missing);
  const Inspection down = interpretInspect(
      RuntimeOutput{.exitCode = 1,
                    .out = "",
                    .err = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock"},
      "acme", "c0ffee");
  EXPECT_EQ(down.kind, Inspection::Kind::Unavailable);
  EXPECT_EQ(down.state, "unknown");
  EXPECT_NE(down.error.find("Cannot connect"), std::string::npos);
  EXPECT_EQ((RuntimeOutput{.exitCode = 125,
                           .out = "",
                           .err = "Trying to pull x...\nError: initializing source: refused\n"})
                .reason(),
            "Error: initializing source: refused");
}

class FleetPurge : public ::testing::Test {
 protected:
  testsupport::TempDir dir;
  FleetPaths paths = fleetPaths(dir.path() / "state");
};

TEST_F(FleetPurge, TargetIsTheTenantsOwnDirectory) {
  fs::create_directories(paths.cellDir("acme") / "sub");
  EXPECT_EQ(purgeTarget(paths, "acme"), fs::canonical(paths.cellDir("acme")));
}

TEST_F(FleetPurge, AlreadyGoneIsRetryable) {
  EXPECT_EQ(purgeTarget(paths, "acme"), std::nullopt);  // no cells root at all
  fs::create_directories(paths.cells);
  EXPECT_EQ(purgeTarget(paths, "acme"), std::nullopt);
}

TEST_F(FleetPurge, SymlinkedTenantDirIsRefused) {
  fs::create_directories(paths.cells);
  fs::create_directories(dir.path() / "elsewhere");
  fs::create_directory_symlink(dir.path() / "elsewhere", paths.cellDir("acme"));
  EXPECT_THROW(purgeTarget(paths, "acme"), std::runtime_error);
  EXPECT_TRUE(fs::exists(dir.path() / "elsewhere"));
}

TEST_F(FleetPurge, WrongLeafIsRefused) {
  fs::create_directories(paths.cells);
  std::ofstream(paths.cellDir("acme")) << "a file, not a cell";
  EXPECT_THROW(purgeTarget(paths, "acme"), std::runtime_error);
  fs::create_directories(paths.cellDir("beta"));
  // A tenant that would resolve to another directory never reaches the filesystem.
  EXPECT_THROW(purgeTarget(paths, "../beta"), std::invalid_argument);
}

TEST(FleetCellConfig, WritesLocalTokenAuthOnLanWithLoopbackOrigin) {
  testsupport::TempDir dir;
  const fs::path cell = dir.path() / "acme";
  prepareCellDir(cell, 19107);
  const auto config = nlohmann::json::parse(std::ifstream(cell / "openclaw.json"), nullptr, true);
  EXPECT_EQ(config.at("/gateway/mode"_json_pointer), "local");
  EXPECT_EQ(config.at("/gateway/bind"_json_pointer), "lan");
  EXPECT_EQ(config.at("/gateway/port"_json_pointer), 18789);
  EXPECT_EQ(config.at("/gateway/auth"_json_pointer), (nlohmann::json{{"mode", "token"}}));
  EXPECT_EQ(config.at("/gateway/controlUi/allowedOrigins/0"_json_pointer),
            "http://127.0.0.1:19107");
  EXPECT_EQ(fs::status(cell).permissions() & fs::perms::all, fs::perms::owner_all);
}

TEST(FleetLogRedaction, ReplacesTheTokenAlsoAcrossChunks) {
  const std::string token = "0123456789abcdef0123456789abcdef";
  TokenRedactor whole(token);
  std::string redacted = whole.feed("auth " + token + " ok\nagain " + token + "\n");
  redacted += whole.finish();
  EXPECT_EQ(redacted, "auth <redacted> ok\nagain <redacted>\n");

  const std::string stream = "line one\nconnect token=" + token + " from 10.0.0.2\n";
  for (std::size_t split = 1; split < stream.size(); ++split) {
    TokenRedactor redactor(token);
    std::string out = redactor.feed(stream.substr(0, split));
    out += redactor.feed(stream.substr(split));
    out += redactor.finish();
    EXPECT_EQ(out, "line one\nconnect token=<redacted> from 10.0.0.2\n") << split;
  }
  TokenRedactor bytewise(token);
  std::string out;
  for (const char c : stream) out += bytewise.feed(std::string(1, c));
  out += bytewise.finish();
  EXPECT_EQ(out, "line one\nconnect token=<redacted> from 10.0.0.2\n");
}

}  // namespace
}  // namespace openclaw::fleet
