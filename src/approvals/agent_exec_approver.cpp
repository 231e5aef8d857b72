#include "approvals/agent_exec_approver.h"

#include <boost/asio/post.hpp>
#include <functional>

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

void save(rpc::GatewayRuntime& runtime, const ExecAllowlist& allowlist) {
  boost::asio::post(runtime.storage, [path = allowlist.path(), text = allowlist.serialize()] {
    try {
      core::writeFileAtomic(path, text);
    } catch (const std::exception& error) {
      core::logger("gateway")->error("cannot save exec approvals to {}: {}", path.string(),
                                     error.what());
    }
  });
}

// Event-loop side: answers from the allowlist, or opens an approval and answers when it ends
// (the run's end cancels it).
void ask(rpc::GatewayRuntime& runtime, ExecApprovals& approvals, ExecAllowlist& allowlist,
         const ExecApprovalRequest& request, const std::vector<ResolvedProgram>& programs,
         const std::function<void(ExecApproval)>& answer) {
  if (request.cancelCallbacks && request.cancelCallbacks->cancelled()) {
    answer(ExecApproval::Cancelled);
    return;
  }
  if (!request.askEveryTime && allowlist.covers(programs)) {
    answer(ExecApproval::Approve);
    return;
  }
  const auto timeout = std::chrono::seconds(runtime.settings.tools.exec.approvalTimeoutSec);
  // A fresh id is never in use, and the approval it names is known to wait on.
  const std::string id = approvals.request(subjectOf(request, programs), "", timeout).value()->id;
  (void)approvals.wait(id, [&runtime, &allowlist, programs, answer,
                            command = request.command](const ApprovalRecord& ended) {
    if (ended.outcome == ApprovalOutcome::AllowAlways &&
        allowlist.add(programs, command, core::nowMs())) {
      save(runtime, allowlist);
    }
    answer(approvalFor(*ended.outcome));
  });
  if (request.cancelCallbacks) {
    request.cancelCallbacks->add([&approvals, id] { approvals.cancel(id, "run-aborted"); });
  }
}

}  // namespace

agent::tools::ExecApprover agentExecApprover(rpc::GatewayRuntime& runtime, ExecApprovals& approvals,
                                             ExecAllowlist& allowlist) {
  return [&runtime, &approvals, &allowlist](ExecApprovalRequest request,
                                            agent::tools::ExecDecided decided) {
    // Resolving touches the file system: done here, on the worker thread.
    std::vector<ResolvedProgram> programs;
    for (const std::string& program : agent::tools::programsInCommand(request.command).programs) {
      programs.push_back(resolveProgram(program, request.workdir, core::processPath()));
    }
    // The answer goes back to the blocking pool, where the approved command runs.
    auto answer = [&runtime, decided = std::move(decided)](ExecApproval approval) {
      boost::asio::post(runtime.blocking, [decided, approval] { decided(approval); });
    };
    boost::asio::post(runtime.io, [&runtime, &approvals, &allowlist, request = std::move(request),
                                   programs = std::move(programs), answer = std::move(answer)] {
      ask(runtime, approvals, allowlist, request, programs, answer);
    });
  };
}

}  // namespace openclaw::approvals
