// fleet/cell_audit: `fleet doctor`'s rules on inspect output shaped like docker's and podman's.
#include <gtest/gtest.h>

#include "fleet/cell_audit.h"

namespace openclaw::fleet {
namespace {

using nlohmann::json;

CellRecord acmeRecord() {
  return CellRecord{.tenant = "acme",
                    .cellId = "c0ffee",
                    .runtime = Runtime::Podman,
                    .image = "openclaw:latest",
                    .port = 19100,
                    .memory = "2g",
                    .cpus = "2",
                    .disk = std::nullopt,
                    .network = NetworkMode::Bridge,
                    .pidsLimit = 512,
                    .createdAtMs = 1};
}

// A hardened, running cell container as docker reports it.
json dockerCell() {
  return json::parse(R"({
    "Id": "abc",
    "State": {"Status": "running"},
    "Config": {"Env": ["OPENCLAW_GATEWAY_TOKEN=0123456789abcdef"],
               "Labels": {"openclaw.fleet.tenant": "acme", "openclaw.fleet.cell-id": "c0ffee"}},
    "HostConfig": {"CapDrop": ["ALL"], "SecurityOpt": ["no-new-privileges"], "Privileged": false,
                   "Memory": 2147483648, "PidsLimit": 512,
                   "PortBindings": {"18789/tcp": [{"HostIp": "127.0.0.1", "HostPort": "19100"}]}},
    "NetworkSettings": {"Networks": {"openclaw-cell-acme": {}}}
  })");
}

Inspection owned(const json& raw) {
  return Inspection{.kind = Inspection::Kind::Owned,
                    .id = "abc",
                    .state = raw.at("/State/Status"_json_pointer),
                    .raw = raw,
                    .error = ""};
}

const CellFacts kHealthy{.health = "ok", .dataDirProblem = ""};

std::vector<std::string> failedChecks(const std::vector<Finding>& findings) {
  std::vector<std::string> checks;
  for (const Finding& finding : findings) {
    if (finding.level == Finding::Level::Fail) checks.push_back(finding.check);
  }
  return checks;
}

TEST(FleetAudit, HardenedDockerCellPasses) {
  const auto findings = auditCell(acmeRecord(), owned(dockerCell()), kHealthy);
  EXPECT_TRUE(failedChecks(findings).empty());
  EXPECT_GE(findings.size(), 11u);
}

TEST(FleetAudit, PodmanReportsDroppedCapabilitiesAsEffectiveCaps) {
  json podman = dockerCell();
  podman["HostConfig"]["CapDrop"] = {"CAP_CHOWN", "CAP_SETUID"};
  podman["EffectiveCaps"] = nullptr;
  EXPECT_TRUE(failedChecks(auditCell(acmeRecord(), owned(podman), kHealthy)).empty());
  podman["EffectiveCaps"] = {"CAP_NET_BIND_SERVICE"};
  EXPECT_EQ(failedChecks(auditCell(acmeRecord(), owned(podman), kHealthy)),
            std::vector<std::string>{"capabilities"});
}

TEST(FleetAudit, WeakenedProfileFails) {
  json weak = dockerCell();
  weak["HostConfig"]["CapDrop"] = json::array();
  weak["HostConfig"]["SecurityOpt"] = json::array();
  weak["HostConfig"]["Privileged"] = true;
  weak["HostConfig"]["Memory"] = 0;
  weak["HostConfig"]["PidsLimit"] = 0;
  weak["HostConfig"]["PortBindings"]["18789/tcp"][0]["HostIp"] = "0.0.0.0";
  weak["NetworkSettings"]["Networks"]["bridge"] = json::object();
  weak["Config"]["Env"] = json::array();
  EXPECT_EQ(failedChecks(auditCell(acmeRecord(), owned(weak),
                                   CellFacts{.health = "failed", .dataDirProblem = "mode 755"})),
            (std::vector<std::string>{"data dir", "health", "capabilities", "no-new-privileges",
                                      "privileged", "network", "memory limit", "pids limit", "port",
                                      "token"}));
}

TEST(FleetAudit, StoppedCellWarnsWithoutHealthCheck) {
  json stopped = dockerCell();
  stopped["State"]["Status"] = "exited";
  const auto findings =
      auditCell(acmeRecord(), owned(stopped), CellFacts{.health = "skipped", .dataDirProblem = ""});
  EXPECT_TRUE(failedChecks(findings).empty());
  EXPECT_TRUE(std::any_of(findings.begin(), findings.end(), [](const Finding& finding) {
    return finding.check == "state" && finding.level == Finding::Level::Warn;
  }));
}

TEST(FleetAudit, ForeignMissingOrUnreachableContainersFail) {
  for (const auto kind :
       {Inspection::Kind::Foreign, Inspection::Kind::Missing, Inspection::Kind::Unavailable}) {
    const Inspection inspection{
        .kind = kind, .id = "", .state = "unknown", .raw = json(), .error = "no engine"};
    const auto failed = failedChecks(auditCell(acmeRecord(), inspection, kHealthy));
    ASSERT_EQ(failed.size(), 1u);
  }
}

}  // namespace
}  // namespace openclaw::fleet
