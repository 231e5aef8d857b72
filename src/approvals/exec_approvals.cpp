#include "approvals/exec_approvals.h"

#include "core/clock.h"
#include "core/random_ids.h"
#include "protocol/scopes.h"

namespace openclaw::approvals {
namespace {

// Ended approvals kept for late waitDecision / resolve calls.
constexpr std::size_t kEndedKept = 256;

nlohmann::json optionalText(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

const char* statusName(std::optional<ApprovalOutcome> outcome) {
  if (!outcome) return "pending";
  switch (*outcome) {
    case ApprovalOutcome::AllowOnce:
    case ApprovalOutcome::AllowAlways:
      return "allowed";
    case ApprovalOutcome::Deny:
      return "denied";
    case ApprovalOutcome::Expired:
      return "expired";
    case ApprovalOutcome::Cancelled:
      break;
  }
  return "cancelled";
}

}  // namespace

std::optional<std::string> decisionName(ApprovalOutcome outcome) {
  switch (outcome) {
    case ApprovalOutcome::AllowOnce:
      return "allow-once";
    case ApprovalOutcome::AllowAlways:
      return "allow-always";
    case ApprovalOutcome::Deny:
      return "deny";
    case ApprovalOutcome::Expired:
    case ApprovalOutcome::Cancelled:
      break;
  }
  return std::nullopt;
}

std::optional<ApprovalOutcome> parseDecision(const std::string& decision) {
  if (decision == "allow-once") return ApprovalOutcome::AllowOnce;
  if (decision == "allow-always") return ApprovalOutcome::AllowAlways;
  if (decision == "deny") return ApprovalOutcome::Deny;
  return std::nullopt;
}

std::string ApprovalRecord::status() const { return statusName(outcome); }

nlohmann::json ApprovalRecord::toJson() const {
  nlohmann::json request = {{"command", subject.command},
                            {"cwd", optionalText(subject.cwd)},
                            {"host", optionalText(subject.host)},
                            {"nodeId", optionalText(subject.nodeId)},
                            {"agentId", optionalText(subject.agentId)},
                            {"sessionKey", optionalText(subject.sessionKey)},
                            {"security", optionalText(subject.security)},
                            {"ask", optionalText(subject.ask)},
                            {"resolvedPath", optionalText(subject.resolvedPath)},
                            {"warningText", optionalText(subject.warningText)}};
  if (!subject.argv.empty()) request["commandArgv"] = subject.argv;
  nlohmann::json json = {
      {"id", id}, {"request", request}, {"createdAtMs", createdAtMs}, {"expiresAtMs", expiresAtMs}};
  json["status"] = status();
  if (outcome) {
    const auto decision = decisionName(*outcome);
    json["decision"] = decision ? nlohmann::json(*decision) : nlohmann::json(nullptr);
    json["reason"] = reason;
    json["resolvedBy"] = optionalText(resolvedBy);
    json["resolvedAtMs"] = resolvedAtMs;
  }
  return json;
}

protocol::GatewayError unknownApproval(const std::string& id) {
  return protocol::GatewayError::invalidRequest("unknown or expired approval id: " + id,
                                                {{"id", id}});
}

ExecApprovals::ExecApprovals(boost::asio::io_context& io, rpc::EventSink& events)
    : io_(io), events_(events) {}

ExecApprovals::~ExecApprovals() = default;

protocol::Result<const ApprovalRecord*> ExecApprovals::request(ExecApprovalSubject subject,
                                                               std::string id,
                                                               std::chrono::milliseconds timeout,
                                                               std::string requesterConnId) {
  if (id.empty()) id = core::uuidV4();
  if (entries_.count(id) != 0) {
    return protocol::GatewayError::invalidRequest("approval id already in use: " + id,
                                                  {{"id", id}});
  }
  if (entries_.size() - ended_.size() >= kMaxPending) {
    return protocol::GatewayError::unavailable(
        "too many exec approvals are pending (" + std::to_string(kMaxPending) +
            "): resolve or wait for some before asking again",
        std::nullopt);
  }
  Entry& entry = entries_[id];
  entry.requesterConnId = std::move(requesterConnId);
  ApprovalRecord& record = entry.record;
  record.id = id;
  record.subject = std::move(subject);
  record.createdAtMs = core::nowMs();
  record.expiresAtMs = record.createdAtMs + timeout.count();
  entry.expiry = std::make_unique<boost::asio::steady_timer>(io_, timeout);
  entry.expiry->async_wait([this, id](const boost::system::error_code& ec) {
    if (!ec) end(id, ApprovalOutcome::Expired, "timeout", "");
  });
  const nlohmann::json announced = record.toJson();
  events_.broadcastToOperators("exec.approval.requested", announced, protocol::scopes::kApprovals);
  return &record;
}

protocol::Result<void> ExecApprovals::wait(const std::string& id, OnDecided onDecided) {
  auto found = entries_.find(id);
  if (found == entries_.end()) return unknownApproval(id);
  if (found->second.record.outcome) {
    onDecided(found->second.record);
  } else {
    found->second.waiters.push_back(std::move(onDecided));
  }
  return {};
}

protocol::Result<void> ExecApprovals::resolve(const std::string& id, ApprovalOutcome decision,
                                              const std::string& resolvedBy) {
  auto found = entries_.find(id);
  if (found == entries_.end()) return unknownApproval(id);
  if (found->second.record.outcome) {
    const std::string status = found->second.record.status();
    return protocol::GatewayError::invalidRequest(
        "approval " + id + " was already resolved (" + status + ")",
        {{"id", id}, {"status", status}});
  }
  end(id, decision, "user", resolvedBy);
  return {};
}

void ExecApprovals::cancel(const std::string& id, const std::string& reason) {
  auto found = entries_.find(id);
  if (found == entries_.end() || found->second.record.outcome) return;
  end(id, ApprovalOutcome::Cancelled, reason, "");
}

const ApprovalRecord* ExecApprovals::find(const std::string& id) const {
  auto found = entries_.find(id);
  return found == entries_.end() ? nullptr : &found->second.record;
}

std::vector<const ApprovalRecord*> ExecApprovals::pending() const {
  std::vector<const ApprovalRecord*> open;
  for (const auto& [id, entry] : entries_) {
    if (!entry.record.outcome) open.push_back(&entry.record);
  }
  return open;
}

void ExecApprovals::onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) {
  std::vector<std::string> orphaned;
  for (const auto& [id, entry] : entries_) {
    if (!entry.record.outcome && entry.requesterConnId == connection->connId()) {
      orphaned.push_back(id);
    }
  }
  for (const std::string& id : orphaned) cancel(id, "requester-disconnected");
}

void ExecApprovals::end(const std::string& id, ApprovalOutcome outcome, const std::string& reason,
                        const std::string& resolvedBy) {
  auto found = entries_.find(id);
  if (found == entries_.end() || found->second.record.outcome) return;
  Entry& entry = found->second;
  entry.expiry->cancel();
  ApprovalRecord& record = entry.record;
  record.outcome = outcome;
  record.reason = reason;
  record.resolvedBy = resolvedBy;
  record.resolvedAtMs = core::nowMs();
  const auto decision = decisionName(outcome);
  events_.broadcastToOperators(
      "exec.approval.resolved",
      {{"id", id},
       {"decision", decision ? nlohmann::json(*decision) : nlohmann::json(nullptr)},
       {"reason", reason},
       {"resolvedBy", optionalText(resolvedBy)},
       {"ts", record.resolvedAtMs}},
      protocol::scopes::kApprovals);
  // The record is copied: a waiter may open or end other approvals while it runs.
  const ApprovalRecord ended = record;
  for (const OnDecided& waiter : std::exchange(entry.waiters, {})) waiter(ended);
  ended_.push_back(id);
  if (ended_.size() > kEndedKept) {
    entries_.erase(ended_.front());
    ended_.pop_front();
  }
}

}  // namespace openclaw::approvals
