#include "methods/absent_features_methods.h"

#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

using nlohmann::json;

// One absent feature's method: its upstream scope and params, and the empty answer (which may
// echo paging params).
struct AbsentMethod {
  const char* name;
  const char* scope;
  const char* paramsSchema;
  json (*answer)(const json& params);
};

json noProviders() { return {{"providers", json::array()}}; }

const AbsentMethod kAbsentMethods[] = {
    {"question.list", protocol::scopes::kQuestions, "QuestionListParams",
     [](const json&) {
       return json{{"questions", json::array()}};
     }},
    {"tasks.list", protocol::scopes::kRead, "TasksListParams",
     [](const json&) {
       return json{{"tasks", json::array()}};
     }},
    {"talk.catalog", protocol::scopes::kRead, "TalkCatalogParams",
     [](const json&) {
       return json{{"modes", json::array()},         {"transports", json::array()},
                   {"brains", json::array()},        {"speech", noProviders()},
                   {"transcription", noProviders()}, {"realtime", noProviders()}};
     }},
    {"progressCard.get", protocol::scopes::kRead, "ProgressCardGetParams",
     [](const json&) {
       return json{{"card", nullptr}};
     }},
    {"sessions.branches.list", protocol::scopes::kRead, "SessionsBranchesListParams",
     [](const json&) {
       return json{{"branches", json::array()}};
     }},
    {"sessions.companion.state", protocol::scopes::kRead, "SessionsCompanionStateParams",
     [](const json&) {
       return json{{"exchanges", json::array()}};
     }},
    // There is no observer to show or hide; the setting is acknowledged as upstream does.
    {"sessions.observer.visibility", protocol::scopes::kRead, "SessionsObserverVisibilityParams",
     [](const json&) {
       return json{{"ok", true}};
     }},
    {"plugin.approval.list", protocol::scopes::kApprovals, "PluginApprovalListParams",
     [](const json&) { return json::array(); }},
    {"openclaw.approval.list", protocol::scopes::kApprovals, "OpenclawApprovalListParams",
     [](const json&) { return json::array(); }},
    {"sessions.groups.list", protocol::scopes::kRead, "SessionsGroupsListParams",
     [](const json&) {
       return json{{"groups", json::array()}};
     }},
    // No plugins are loaded, and none can be installed from the control plane.
    {"plugins.list", protocol::scopes::kRead, "PluginsListParams",
     [](const json&) {
       return json{
           {"plugins", json::array()}, {"diagnostics", json::array()}, {"mutationAllowed", false}};
     }},
    // No chat commands (slash commands) exist here.
    {"commands.list", protocol::scopes::kRead, "CommandsListParams",
     [](const json&) {
       return json{{"commands", json::array()}};
     }},
    // Decided approvals are not recorded as history (exec.approval.get still finds the last 256
    // ended exec approvals).
    {"approval.history", protocol::scopes::kApprovals, "ApprovalHistoryParams",
     [](const json&) {
       return json{{"items", json::array()}};
     }},
    // What upstream answers a client without an authenticated user profile.
    {"users.prefs.get", protocol::scopes::kRead, "UsersPrefsGetParams",
     [](const json&) {
       return json{{"status", "no_durable_identity"}};
     }},
};

}  // namespace

void registerAbsentFeatureMethods(rpc::MethodRegistry& registry) {
  for (const AbsentMethod& method : kAbsentMethods) {
    registry.add({.name = method.name,
                  .scope = method.scope,
                  .paramsSchema = method.paramsSchema,
                  .handler = [answer = method.answer](const rpc::MethodCall& call,
                                                      const rpc::Responder& respond) {
                    respond.ok(answer(call.params));
                  }});
  }
}

}  // namespace openclaw::methods
