// fleet/: what `openclaw fleet create` accepts before it touches the runtime: tenant ids, --env
// assignments, image references and sizes, ports, remote runtimes.
#include <gtest/gtest.h>

#include <stdexcept>

#include "env_lookup.h"
#include "fleet/cell_env.h"
#include "fleet/cell_registry.h"
#include "fleet/cell_spec.h"
#include "fleet/runtime_cli.h"
#include "fleet/tenant.h"
#include "temp_dir.h"

namespace openclaw::fleet {
namespace {

using testsupport::environmentOf;

TEST(FleetTenantId, AcceptsLowercaseDigitsAndInnerHyphens) {
  for (const std::string& tenant :
       std::vector<std::string>{"a", "acme", "acme-corp-2", "0", std::string(40, 'x')}) {
    EXPECT_NO_THROW(validateTenantId(tenant)) << tenant;
  }
  EXPECT_EQ(cellName("acme"), "openclaw-cell-acme");
}

TEST(FleetTenantId, RefusesTraversalCaseLengthAndEdgeHyphens) {
  for (const std::string& tenant :
       std::vector<std::string>{"", "../acme", "acme/x", "Acme", "ACME", std::string(41, 'x'),
                                "-acme", "acme-", "ac_me", "ac.me", "ac me", "acme\n", "."}) {
    EXPECT_THROW(validateTenantId(tenant), std::invalid_argument) << tenant;
  }
}

TEST(FleetEnv, ParsesKeyValue) {
  const EnvEntry entry = parseEnvAssignment("TZ=Europe/Berlin=x");
  EXPECT_EQ(entry.key, "TZ");
  EXPECT_EQ(entry.value, "Europe/Berlin=x");
  EXPECT_EQ(parseEnvAssignment("_A1=").value, "");
}

TEST(FleetEnv, RefusesBadKeysMultilineValuesAndManagedKeys) {
  for (const std::string text :
       {"NOEQUALS", "=x", "1A=x", "A-B=x", "A B=x", "A=one\ntwo", "A=one\rtwo",
        "OPENCLAW_STATE_DIR=/tmp", "OPENCLAW_GATEWAY_TOKEN=abc", "OPENCLAW_CONFIG_PATH=/x",
        "HOME=/root", "OPENCLAW_GATEWAY_PASSWORD=x"}) {
    EXPECT_THROW(parseEnvAssignment(text), std::invalid_argument) << text;
  }
  try {
    parseEnvAssignment("OPENCLAW_GATEWAY_TOKEN=abc");
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("cannot be overridden"), std::string::npos);
  }
}

TEST(FleetEnv, FindsValuesInInspectEnvironment) {
  const std::vector<std::string> environment{"PATH=/bin", "OPENCLAW_GATEWAY_TOKEN=abc=d"};
  EXPECT_EQ(envValue(environment, "OPENCLAW_GATEWAY_TOKEN"), "abc=d");
  EXPECT_EQ(envValue(environment, "OPENCLAW_GATEWAY"), "");
}

TEST(FleetSpec, RefusesOptionLikeAndEmptyImages) {
  EXPECT_THROW(validateImageRef(""), std::invalid_argument);
  EXPECT_THROW(validateImageRef("--privileged"), std::invalid_argument);
  EXPECT_THROW(validateImageRef("a b"), std::invalid_argument);
  EXPECT_NO_THROW(validateImageRef("ghcr.io/openclaw/openclaw@sha256:0123abcd"));
}

TEST(FleetSpec, ChecksSizesCpusAndTokens) {
  EXPECT_NO_THROW(validateSize("--memory", "2g"));
  EXPECT_NO_THROW(validateSize("--memory", "268435456"));
  for (const std::string bad : {"", "0", "0g", "2gb", "-1g", "g", "1.5g"}) {
    EXPECT_THROW(validateSize("--memory", bad), std::invalid_argument) << bad;
  }
  EXPECT_NO_THROW(validateCpus("0.5"));
  EXPECT_NO_THROW(validateCpus("2"));
  for (const std::string bad : {"", "0", "0.0", ".5", "1.", "-1", "1e3"}) {
    EXPECT_THROW(validateCpus(bad), std::invalid_argument) << bad;
  }
  EXPECT_THROW(validateGatewayToken("short"), std::invalid_argument);
  EXPECT_THROW(validateGatewayToken("0123456789abcdef 0123"), std::invalid_argument);
  EXPECT_NO_THROW(validateGatewayToken("0123456789abcdef0123"));
}

TEST(FleetPorts, FirstFreePortFrom19100SkipsCellsAndBusyPorts) {
  const auto allFree = [](int) { return true; };
  EXPECT_EQ(allocatePort({}, std::nullopt, allFree), 19100);
  EXPECT_EQ(allocatePort({19100, 19101, 19103}, std::nullopt, allFree), 19102);
  EXPECT_EQ(allocatePort({19100}, std::nullopt, [](int port) { return port != 19101; }), 19102);
}

TEST(FleetPorts, ExplicitPortOfAnotherCellIsRefused) {
  const auto allFree = [](int) { return true; };
  EXPECT_EQ(allocatePort({19100}, 19125, allFree), 19125);
  EXPECT_THROW(allocatePort({19100, 19125}, 19125, allFree), std::invalid_argument);
  EXPECT_THROW(allocatePort({}, 0, allFree), std::invalid_argument);
  EXPECT_THROW(allocatePort({}, 70000, allFree), std::invalid_argument);
}

TEST(FleetRemoteRuntime, LocalEndpointsPass) {
  EXPECT_FALSE(remoteRuntimeReason(Runtime::Docker, environmentOf({}), std::nullopt));
  EXPECT_FALSE(remoteRuntimeReason(
      Runtime::Docker, environmentOf({{"DOCKER_HOST", "unix:///run/docker.sock"}}), std::nullopt));
  EXPECT_FALSE(remoteRuntimeReason(Runtime::Docker, environmentOf({}),
                                   std::string("unix:///var/run/docker.sock")));
  EXPECT_FALSE(remoteRuntimeReason(
      Runtime::Podman, environmentOf({{"DOCKER_HOST", "tcp://10.0.0.1:2375"}}), std::nullopt));
}

TEST(FleetRemoteRuntime, RemoteEndpointsAreRefused) {
  EXPECT_TRUE(remoteRuntimeReason(
      Runtime::Docker, environmentOf({{"DOCKER_HOST", "tcp://10.0.0.1:2375"}}), std::nullopt));
  EXPECT_TRUE(remoteRuntimeReason(
      Runtime::Docker, environmentOf({{"DOCKER_HOST", "ssh://user@host"}}), std::nullopt));
  EXPECT_TRUE(remoteRuntimeReason(Runtime::Docker, environmentOf({}),
                                  std::string("tcp://build.example:2376")));
  EXPECT_TRUE(remoteRuntimeReason(Runtime::Docker, environmentOf({{"DOCKER_CONTEXT", "remote"}}),
                                  std::nullopt));
  EXPECT_TRUE(remoteRuntimeReason(
      Runtime::Podman, environmentOf({{"CONTAINER_HOST", "ssh://core@host/run"}}), std::nullopt));
  EXPECT_TRUE(remoteRuntimeReason(
      Runtime::Podman, environmentOf({{"CONTAINER_CONNECTION", "remote"}}), std::nullopt));
}

TEST(FleetRegistry, KeepsCellsInTenantOrderAndRefusesDuplicates) {
  testsupport::TempDir dir;
  CellRegistry registry(dir.path() / "fleet.sqlite");
  const auto record = [](const std::string& tenant, int port) {
    return CellRecord{.tenant = tenant,
                      .cellId = "id-" + tenant,
                      .runtime = Runtime::Podman,
                      .image = "openclaw:latest",
                      .port = port,
                      .memory = "2g",
                      .cpus = "2",
                      .disk = std::nullopt,
                      .network = NetworkMode::Internal,
                      .pidsLimit = 512,
                      .createdAtMs = 1};
  };
  registry.insert(record("beta", 19101));
  registry.insert(record("acme", 19100));
  EXPECT_THROW(registry.insert(record("acme", 19102)), std::invalid_argument);
  EXPECT_THROW(registry.insert(record("gamma", 19101)), std::invalid_argument);
  const std::vector<CellRecord> all = registry.all();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].tenant, "acme");
  EXPECT_EQ(all[1].network, NetworkMode::Internal);
  EXPECT_EQ(registry.usedPorts(), (std::set<int>{19100, 19101}));
  registry.remove("acme");
  EXPECT_FALSE(registry.find("acme"));
  EXPECT_EQ(registry.find("beta")->cellId, "id-beta");
}

}  // namespace
}  // namespace openclaw::fleet
