#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/result.h"
#include "rpc/event_sink.h"
#include "rpc/session_listener.h"

namespace openclaw::approvals {

// What an operator is asked to approve: one command, on the gateway (an agent's exec tool) or
// on a node (its system.run).
struct ExecApprovalSubject {
  std::string command;            // the command text shown to the operator
  std::vector<std::string> argv;  // when the command is an argv (node system.run)
  std::string cwd;
  std::string host;  // "gateway" or "node"
  std::string nodeId;
  std::string agentId;
  std::string sessionKey;
  std::string security;      // the policy that asked: tools.exec.security / nodeHost.execSecurity
  std::string ask;           // ... and its ask mode
  std::string resolvedPath;  // the executable argv[0] / the first program resolved to
  std::string warningText;   // why the policy asks
};

// How an approval ended.
enum class ApprovalOutcome { AllowOnce, AllowAlways, Deny, Expired, Cancelled };

// "allow-once", "allow-always" or "deny"; nullopt for Expired and Cancelled (no decision).
std::optional<std::string> decisionName(ApprovalOutcome outcome);
// The outcome a resolve decision names; nullopt for anything else.
std::optional<ApprovalOutcome> parseDecision(const std::string& decision);

struct ApprovalRecord {
  std::string id;
  ExecApprovalSubject subject;
  std::int64_t createdAtMs = 0;
  std::int64_t expiresAtMs = 0;
  std::optional<ApprovalOutcome> outcome;  // set once decided
  std::string reason;                      // "user", "timeout", "run-aborted", ...
  std::string resolvedBy;
  std::int64_t resolvedAtMs = 0;

  // "pending", "allowed", "denied", "expired" or "cancelled".
  std::string status() const;

  // {id, request: {command, commandArgv?, cwd, host, nodeId, agentId, sessionKey, security,
  // ask, resolvedPath, warningText}, createdAtMs, expiresAtMs} plus, once decided, {status,
  // decision, reason, resolvedBy, resolvedAtMs}.
  nlohmann::json toJson() const;
};

// INVALID_REQUEST "unknown or expired approval id" with details {id}.
protocol::GatewayError unknownApproval(const std::string& id);

// The gateway's pending exec approvals. Event-loop thread only. A request is announced to
// operators holding operator.approvals (exec.approval.requested), ends when an operator
// resolves it, when it expires, or when its requester cancels it (exec.approval.resolved), and
// is then kept a while so late waiters and resolvers get a precise answer. An approval opened
// for a connection that waits on it is cancelled ("requester-disconnected") when that
// connection closes: nobody would act on the decision.
class ExecApprovals : public rpc::SessionListener {
 public:
  using OnDecided = std::function<void(const ApprovalRecord&)>;

  // Approvals waiting for a decision at once; request() refuses more (UNAVAILABLE).
  static constexpr std::size_t kMaxPending = 1000;

  ExecApprovals(boost::asio::io_context& io, rpc::EventSink& events);
  ~ExecApprovals() override;
  ExecApprovals(const ExecApprovals&) = delete;
  ExecApprovals& operator=(const ExecApprovals&) = delete;

  // Opens an approval under `id` (a fresh one when empty) that expires after `timeout`. When
  // `requesterConnId` is given, the approval is cancelled if that connection closes first.
  // INVALID_REQUEST when `id` is already in use, UNAVAILABLE when kMaxPending are pending.
  protocol::Result<const ApprovalRecord*> request(ExecApprovalSubject subject, std::string id,
                                                  std::chrono::milliseconds timeout,
                                                  std::string requesterConnId = "");
  // Calls `onDecided` once approval `id` has ended (at once when it already has).
  // INVALID_REQUEST when no such approval is known.
  protocol::Result<void> wait(const std::string& id, OnDecided onDecided);
  // Decides a pending approval; INVALID_REQUEST when it is unknown or already ended.
  protocol::Result<void> resolve(const std::string& id, ApprovalOutcome decision,
                                 const std::string& resolvedBy);
  // Ends a pending approval without a decision (its requester gave up); a no-op otherwise.
  void cancel(const std::string& id, const std::string& reason);

  const ApprovalRecord* find(const std::string& id) const;
  std::vector<const ApprovalRecord*> pending() const;

  void onSessionStarted(const std::shared_ptr<rpc::Connection>&) override {}
  void onSessionEnded(const std::shared_ptr<rpc::Connection>& connection) override;

 private:
  struct Entry {
    ApprovalRecord record;
    std::unique_ptr<boost::asio::steady_timer> expiry;
    std::vector<OnDecided> waiters;
    std::string requesterConnId;  // empty: not tied to a connection
  };
  void end(const std::string& id, ApprovalOutcome outcome, const std::string& reason,
           const std::string& resolvedBy);

  boost::asio::io_context& io_;
  rpc::EventSink& events_;
  std::map<std::string, Entry> entries_;  // pending and recently ended
  std::deque<std::string> ended_;         // ended ids, oldest first (bounded)
};

}  // namespace openclaw::approvals
