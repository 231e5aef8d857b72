#include "protocol/scopes.h"

#include <algorithm>

namespace openclaw::protocol {

const std::vector<std::string>& knownOperatorScopes() {
  static const std::vector<std::string> known = {
      scopes::kRead,      scopes::kWrite,   scopes::kAdmin, scopes::kApprovals,
      scopes::kQuestions, scopes::kPairing, scopes::kTalk,  scopes::kTalkSecrets};
  return known;
}

bool scopeSatisfied(const std::vector<std::string>& held, const std::string& required) {
  const auto holds = [&held](const std::string& scope) {
    return std::find(held.begin(), held.end(), scope) != held.end();
  };
  if (holds(required)) return true;
  const bool isOperatorScope = required.rfind("operator.", 0) == 0;
  if (isOperatorScope && holds(scopes::kAdmin)) return true;
  if ((required == scopes::kRead || required == scopes::kTalk) && holds(scopes::kWrite)) {
    return true;
  }
  return false;
}

}  // namespace openclaw::protocol
