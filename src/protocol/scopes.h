#pragma once

#include <string>
#include <vector>

namespace openclaw::protocol {

namespace scopes {
inline constexpr const char* kRead = "operator.read";
inline constexpr const char* kWrite = "operator.write";
inline constexpr const char* kAdmin = "operator.admin";
inline constexpr const char* kApprovals = "operator.approvals";
inline constexpr const char* kQuestions = "operator.questions";
inline constexpr const char* kPairing = "operator.pairing";
inline constexpr const char* kTalk = "operator.talk";
inline constexpr const char* kTalkSecrets = "operator.talk.secrets";
}  // namespace scopes

// The closed set of operator scopes this gateway knows.
const std::vector<std::string>& knownOperatorScopes();

// Whether holding `held` satisfies `required`: operator.admin satisfies every operator.* scope,
// operator.write also satisfies operator.read and operator.talk, anything else needs an exact
// match.
bool scopeSatisfied(const std::vector<std::string>& held, const std::string& required);

}  // namespace openclaw::protocol
