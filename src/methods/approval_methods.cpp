#include "methods/approval_methods.h"

#include "core/durations.h"
#include "core/json_fields.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

using approvals::ApprovalRecord;
using approvals::ExecApprovals;
using approvals::unknownApproval;
using protocol::GatewayError;

// Longest wait a request may ask for.
constexpr std::chrono::milliseconds kMaxApprovalTimeout = std::chrono::hours(24);

// {id, decision, createdAtMs, expiresAtMs}: decision is null when the approval expired or was
// cancelled.
nlohmann::json decisionAnswer(const ApprovalRecord& record) {
  const auto decision = approvals::decisionName(*record.outcome);
  return {{"id", record.id},
          {"decision", decision ? nlohmann::json(*decision) : nlohmann::json(nullptr)},
          {"reason", record.reason},
          {"createdAtMs", record.createdAtMs},
          {"expiresAtMs", record.expiresAtMs}};
}

approvals::ExecApprovalSubject subjectOf(const rpc::MethodCall& call,
                                         const nodes::NodeRegistry& nodes) {
  const nlohmann::json& params = call.params;
  approvals::ExecApprovalSubject subject;
  if (params.contains("commandArgv")) subject.argv = params["commandArgv"];
  subject.command = core::stringField(params, "command").value_or("");
  if (subject.command.empty()) {
    for (const std::string& arg : subject.argv)
      subject.command += (subject.command.empty() ? "" : " ") + arg;
  }
  subject.cwd = core::stringField(params, "cwd").value_or("");
  subject.agentId = core::stringField(params, "agentId").value_or("");
  subject.sessionKey = core::stringField(params, "sessionKey").value_or("");
  subject.security = core::stringField(params, "security").value_or("");
  subject.ask = core::stringField(params, "ask").value_or("");
  subject.resolvedPath = core::stringField(params, "resolvedPath").value_or("");
  subject.warningText = core::stringField(params, "warningText").value_or("");
  // A node asks for itself: its id comes from its connection, not from what it claims.
  if (call.connection->session().role == "node") {
    subject.host = "node";
    subject.nodeId = nodes.nodeIdForConnection(call.connection->connId()).value_or("");
  } else {
    subject.host = core::stringField(params, "host").value_or("");
    subject.nodeId = core::stringField(params, "nodeId").value_or("");
  }
  return subject;
}

// Nodes ask only for the system.run an operator invoked, which needs a paired node.
bool pairedNode(const rpc::Connection& connection, const pairing::PairingRegistry& pairing) {
  const std::optional<std::string>& deviceId = connection.session().deviceId;
  return deviceId && pairing.isPaired(*deviceId, "node");
}

// Answers with the decision once approval `id` ended, or at once that it is unknown.
void waitDecision(ExecApprovals& approvals, const std::string& id, const rpc::Responder& respond) {
  auto waiting = approvals.wait(
      id, [respond](const ApprovalRecord& ended) { respond.ok(decisionAnswer(ended)); });
  if (!waiting) respond.fail(waiting.error());
}

void request(ExecApprovals& approvals, const nodes::NodeRegistry& nodes,
             const pairing::PairingRegistry& pairing, const config::GatewaySettings& settings,
             const rpc::MethodCall& call, const rpc::Responder& respond) {
  const nlohmann::json& params = call.params;
  if (call.connection->session().role == "node" && !pairedNode(*call.connection, pairing)) {
    respond.fail({protocol::codes::kNotPaired,
                  "node not paired: only paired nodes may ask for exec approvals",
                  {{"code", "PAIRING_REQUIRED"}},
                  std::nullopt,
                  std::nullopt});
    return;
  }
  approvals::ExecApprovalSubject subject = subjectOf(call, nodes);
  if (subject.command.empty()) {
    respond.fail(
        GatewayError::invalidRequest("exec.approval.request needs command or commandArgv"));
    return;
  }
  const std::chrono::milliseconds timeout = core::durationParam(
      params, "timeoutMs", std::chrono::milliseconds(1),
      core::clampedSeconds(settings.tools.exec.approvalTimeoutSec, kMaxApprovalTimeout),
      kMaxApprovalTimeout);
  const std::string id = core::stringField(params, "id").value_or("");
  const bool twoPhase = params.value("twoPhase", false);
  // Without twoPhase the caller waits on this request: its approval ends with its connection.
  const auto opened =
      approvals.request(std::move(subject), id, timeout, twoPhase ? "" : call.connection->connId());
  if (!opened) return respond.fail(opened.error());
  const ApprovalRecord* record = *opened;
  if (twoPhase) {
    respond.ok({{"status", "accepted"},
                {"id", record->id},
                {"createdAtMs", record->createdAtMs},
                {"expiresAtMs", record->expiresAtMs}});
  }
  waitDecision(approvals, record->id, respond);
}

// Who resolved: the operator's device, else its client id.
std::string resolverOf(const rpc::Connection& connection) {
  const rpc::ClientSession& session = connection.session();
  return session.deviceId.value_or(session.clientId);
}

void resolve(ExecApprovals& approvals, const rpc::MethodCall& call, const rpc::Responder& respond) {
  const std::string id = call.params.at("id");
  const std::string decisionText = call.params.at("decision");
  const auto decision = approvals::parseDecision(decisionText);
  if (!decision) {
    respond.fail(GatewayError::invalidRequest("invalid decision \"" + decisionText +
                                              "\": expected allow-once, allow-always or deny"));
    return;
  }
  auto resolved = approvals.resolve(id, *decision, resolverOf(*call.connection));
  if (!resolved) return respond.fail(resolved.error());
  respond.ok({{"ok", true}, {"id", id}, {"decision", decisionText}});
}

void list(const ExecApprovals& approvals, const rpc::Responder& respond) {
  nlohmann::json pending = nlohmann::json::array();
  for (const ApprovalRecord* record : approvals.pending()) pending.push_back(record->toJson());
  respond.ok({{"approvals", pending}});
}

void get(const ExecApprovals& approvals, const rpc::MethodCall& call,
         const rpc::Responder& respond) {
  const std::string id = call.params.at("id");
  const ApprovalRecord* record = approvals.find(id);
  if (record == nullptr) {
    respond.fail(unknownApproval(id));
    return;
  }
  respond.ok(record->toJson());
}

}  // namespace

void registerApprovalMethods(rpc::MethodRegistry& registry, approvals::ExecApprovals& approvals,
                             const nodes::NodeRegistry& nodes,
                             const pairing::PairingRegistry& pairing,
                             const config::GatewaySettings& settings) {
  using rpc::MethodCall;
  using rpc::Responder;
  const std::string scope = protocol::scopes::kApprovals;
  registry.addEvent("exec.approval.requested");
  registry.addEvent("exec.approval.resolved");
  registry.add({.name = "exec.approval.request",
                .scope = scope,
                .paramsSchema = "ExecApprovalRequestParams",
                .nodeMayCall = true,
                .handler = [&approvals, &nodes, &pairing, &settings](const MethodCall& call,
                                                                     const Responder& respond) {
                  request(approvals, nodes, pairing, settings, call, respond);
                }});
  registry.add({.name = "exec.approval.waitDecision",
                .scope = scope,
                .paramsSchema = "ExecApprovalWaitDecisionParams",
                .nodeMayCall = true,
                .handler = [&approvals](const MethodCall& call, const Responder& respond) {
                  waitDecision(approvals, call.params.at("id").get<std::string>(), respond);
                }});
  registry.add({.name = "exec.approval.resolve",
                .scope = scope,
                .paramsSchema = "ExecApprovalResolveParams",
                .handler = [&approvals](const MethodCall& call, const Responder& respond) {
                  resolve(approvals, call, respond);
                }});
  registry.add({.name = "exec.approval.list",
                .scope = scope,
                .paramsSchema = "ExecApprovalListParams",
                .handler = [&approvals](const MethodCall&, const Responder& respond) {
                  list(approvals, respond);
                }});
  registry.add({.name = "exec.approval.get",
                .scope = scope,
                .paramsSchema = "ExecApprovalGetParams",
                .handler = [&approvals](const MethodCall& call, const Responder& respond) {
                  get(approvals, call, respond);
                }});
}

}  // namespace openclaw::methods
