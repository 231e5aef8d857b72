#include "approvals/agent_exec_approver.h"

#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>

#include "agent/tools/exec_policy.h"
#include "core/clock.h"
#include "core/executable_lookup.h"
#include "core/files.h"
#include "core/logging.h"
#include "sessions/session_keys.h"

namespace openclaw::approvals {
namespace {

using agent::tools::ExecApproval;
using agent::tools::ExecApprovalRequest;

// How often a waiting worker looks at the run's cancel flag.
constexpr std::chrono::milliseconds kCancelPoll{50};

// One worker's wait for an answer, shared with the event loop.
struct PendingAnswer {
  std::mutex mutex;
  std::condition_variable answered;
  std::optional<ExecApproval> answer;
  // Event-loop thread only: the approval opened for the worker, or whether it gave up first.
  std::string approvalId;
  bool abandoned = false;

  void settle(ExecApproval value) {
    {
      std::lock_guard lock(mutex);
      answer = value;
    }
    answered.notify_all();
  }
};

ExecApproval approvalFor(ApprovalOutcome outcome) {
  switch (outcome) {
    case ApprovalOutcome::AllowOnce:
    case ApprovalOutcome::AllowAlways:
      return ExecApproval::Approve;
    case ApprovalOutcome::Deny:
      return ExecApproval::Deny;
    case ApprovalOutcome::Expired:
      return ExecApproval::Expired;
    case ApprovalOutcome::Cancelled:
      break;
  }
  return ExecApproval::Cancelled;
}

ExecApprovalSubject subjectOf(const ExecApprovalRequest& request,
                              const std::vector<ResolvedProgram>& programs) {
  ExecApprovalSubject subject;
  subject.command = request.command;
  subject.cwd = request.workdir;
  subject.host = "gateway";
  subject.agentId = sessions::agentIdOfSessionKey(request.sessionKey).value_or("");
  subject.sessionKey = request.sessionKey;
  subject.security = request.security;
  subject.ask = request.ask;
  if (!programs.empty() && programs.front().executable) {
    subject.resolvedPath = *programs.front().executable;
  }
  subject.warningText = request.reason;
  return subject;
}

void save(gateway::GatewayRuntime& runtime, const ExecAllowlist& allowlist) {
  boost::asio::post(runtime.storage, [path = allowlist.path(), text = allowlist.serialize()] {
    try {
      core::writeFileAtomic(path, text);
    } catch (const std::exception& error) {
      core::logger("gateway")->error("cannot save exec approvals to {}: {}", path.string(),
                                     error.what());
    }
  });
}

// Event-loop side: answers from the allowlist or opens an approval and settles `pending` when
// it ends.
void ask(gateway::GatewayRuntime& runtime, ExecApprovals& approvals, ExecAllowlist& allowlist,
         const ExecApprovalRequest& request, const std::vector<ResolvedProgram>& programs,
         const std::shared_ptr<PendingAnswer>& pending) {
  if (pending->abandoned) return;
  if (!request.askEveryTime && allowlist.covers(programs)) {
    pending->settle(ExecApproval::Approve);
    return;
  }
  const auto timeout = std::chrono::seconds(runtime.settings.tools.exec.approvalTimeoutSec);
  const ApprovalRecord* record = approvals.request(subjectOf(request, programs), "", timeout);
  pending->approvalId = record->id;
  approvals.wait(record->id, [&runtime, &allowlist, programs, pending,
                              command = request.command](const ApprovalRecord& ended) {
    if (ended.outcome == ApprovalOutcome::AllowAlways &&
        allowlist.add(programs, command, core::nowMs())) {
      save(runtime, allowlist);
    }
    pending->settle(approvalFor(*ended.outcome));
  });
}

}  // namespace

agent::tools::ExecApprover agentExecApprover(gateway::GatewayRuntime& runtime,
                                             ExecApprovals& approvals, ExecAllowlist& allowlist) {
  return [&runtime, &approvals, &allowlist](const ExecApprovalRequest& request) {
    // Resolving touches the file system: done here, on the worker thread.
    std::vector<ResolvedProgram> programs;
    for (const std::string& program : agent::tools::programsInCommand(request.command).programs) {
      programs.push_back(resolveProgram(program, request.workdir, core::processPath()));
    }
    auto pending = std::make_shared<PendingAnswer>();
    boost::asio::post(runtime.io, [&runtime, &approvals, &allowlist, request, programs, pending] {
      ask(runtime, approvals, allowlist, request, programs, pending);
    });
    std::unique_lock lock(pending->mutex);
    while (!pending->answer) {
      if (request.cancelled && request.cancelled->load()) {
        lock.unlock();
        boost::asio::post(runtime.io, [&approvals, pending] {
          pending->abandoned = true;
          if (!pending->approvalId.empty()) approvals.cancel(pending->approvalId, "run-aborted");
        });
        return ExecApproval::Cancelled;
      }
      pending->answered.wait_for(lock, kCancelPoll);
    }
    return *pending->answer;
  };
}

}  // namespace openclaw::approvals
