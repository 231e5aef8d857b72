#include "methods/pairing_methods.h"

#include "core/json_fields.h"
#include "core/text.h"
#include "protocol/scopes.h"

namespace openclaw::methods {
namespace {

using pairing::PairingOutcome;
using pairing::PairingRegistry;
using protocol::GatewayError;
using rpc::MethodCall;
using rpc::Responder;

std::function<void(PairingOutcome)> answerWith(const Responder& respond) {
  return [respond](const PairingOutcome& outcome) { respond.answer(outcome); };
}

const std::vector<std::string>& callerScopes(const MethodCall& call) {
  return call.connection->session().scopes;
}

// The first scope the caller lacks to approve a request for `role` with `scopes`: granting a
// non-operator role takes operator.admin; granting operator scopes takes holding them.
std::optional<std::string> missingApprovalScope(const MethodCall& call, const std::string& role,
                                                const std::vector<std::string>& scopes) {
  if (role != "operator") {
    if (!protocol::scopeSatisfied(callerScopes(call), protocol::scopes::kAdmin)) {
      return protocol::scopes::kAdmin;
    }
    return std::nullopt;
  }
  for (const auto& scope : scopes) {
    if (!protocol::scopeSatisfied(callerScopes(call), scope)) return scope;
  }
  return std::nullopt;
}

// Approves the pending request after checking the caller may grant what it asks for.
void approveChecked(PairingRegistry& pairing, const MethodCall& call, const Responder& respond,
                    const std::string& roleFilter) {
  const std::string requestId = call.params.at("requestId");
  if (const auto* request = pairing.pendingRequest(requestId, roleFilter)) {
    if (auto missing = missingApprovalScope(call, request->role, request->scopes)) {
      return respond.fail(GatewayError::missingScope(*missing));
    }
  }
  pairing.approve(requestId, roleFilter, answerWith(respond));
}

// node.pair.request params (validated against NodePairRequestParams) as a registry request.
pairing::NodePairRequest nodePairRequest(const nlohmann::json& params) {
  pairing::NodePairRequest request;
  request.nodeId = core::trimmed(params.at("nodeId").get<std::string>());
  request.displayName = core::stringField(params, "displayName");
  request.platform = core::stringField(params, "platform");
  request.deviceFamily = core::stringField(params, "deviceFamily");
  request.remoteIp = core::stringField(params, "remoteIp");
  request.facts.version = core::stringField(params, "version");
  request.facts.modelIdentifier = core::stringField(params, "modelIdentifier");
  request.facts.caps = params.value("caps", std::vector<std::string>{});
  request.facts.commands = params.value("commands", std::vector<std::string>{});
  request.facts.silent = params.value("silent", false);
  return request;
}

void addPairingMethod(rpc::MethodRegistry& registry, const char* name, const char* schema,
                      bool sideEffects,
                      std::function<void(const MethodCall&, const Responder&)> handler) {
  registry.add({.name = name,
                .scope = protocol::scopes::kPairing,
                .paramsSchema = schema,
                .sideEffects = sideEffects,
                .handler = std::move(handler)});
}

}  // namespace

void registerPairingMethods(rpc::MethodRegistry& registry, PairingRegistry& pairing) {
  for (const char* event : {"device.pair.requested", "device.pair.resolved", "node.pair.requested",
                            "node.pair.resolved"}) {
    registry.addEvent(event);
  }
  addPairingMethod(registry, "device.pair.list", "DevicePairListParams", false,
                   [&pairing](const MethodCall&, const Responder& respond) {
                     pairing.pruneExpired();
                     respond.ok(pairing.listDevices());
                   });
  addPairingMethod(registry, "device.pair.rename", "DevicePairRenameParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     pairing.renameDevice(call.params.at("deviceId"), call.params.at("label"),
                                          answerWith(respond));
                   });
  addPairingMethod(registry, "device.pair.approve", "DevicePairApproveParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     approveChecked(pairing, call, respond, "");
                   });
  addPairingMethod(registry, "device.pair.reject", "DevicePairRejectParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     pairing.reject(call.params.at("requestId"), "", answerWith(respond));
                   });
  addPairingMethod(registry, "device.pair.remove", "DevicePairRemoveParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     pairing.removeDevice(call.params.at("deviceId"), answerWith(respond));
                   });
  addPairingMethod(registry, "device.token.rotate", "DeviceTokenRotateParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     const std::string deviceId = call.params.at("deviceId");
                     const std::string role = call.params.at("role");
                     std::optional<std::vector<std::string>> scopes;
                     if (call.params.contains("scopes")) scopes = call.params.at("scopes");
                     if (auto missing = missingApprovalScope(
                             call, role, scopes.value_or(std::vector<std::string>{}))) {
                       return respond.fail(GatewayError::missingScope(*missing));
                     }
                     // Only the device itself, rotating its own role's token, gets the bearer back.
                     const auto& session = call.connection->session();
                     const bool inBand = session.deviceId == deviceId && session.role == role;
                     pairing.rotateToken(deviceId, role, scopes, inBand, answerWith(respond));
                   });
  addPairingMethod(registry, "device.token.revoke", "DeviceTokenRevokeParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     const std::string role = call.params.at("role");
                     if (auto missing = missingApprovalScope(call, role, {})) {
                       return respond.fail(GatewayError::missingScope(*missing));
                     }
                     pairing.revokeToken(call.params.at("deviceId"), role, answerWith(respond));
                   });
  addPairingMethod(registry, "node.pair.list", "NodePairListParams", false,
                   [&pairing](const MethodCall&, const Responder& respond) {
                     pairing.pruneExpired();
                     respond.ok(pairing.listNodes());
                   });
  addPairingMethod(registry, "node.pair.request", "NodePairRequestParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     const pairing::NodePairRequest request = nodePairRequest(call.params);
                     if (request.nodeId.empty()) {
                       return respond.fail(GatewayError::invalidRequest("nodeId is blank"));
                     }
                     pairing.requestNode(request, answerWith(respond));
                   });
  addPairingMethod(
      registry, "node.pair.verify", "NodePairVerifyParams", false,
      [&pairing](const MethodCall& call, const Responder& respond) {
        respond.ok(pairing.verifyNode(call.params.at("nodeId"), call.params.at("token")));
      });
  addPairingMethod(registry, "node.pair.approve", "NodePairApproveParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     approveChecked(pairing, call, respond, "node");
                   });
  addPairingMethod(registry, "node.pair.reject", "NodePairRejectParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     pairing.reject(call.params.at("requestId"), "node", answerWith(respond));
                   });
  addPairingMethod(registry, "node.pair.remove", "NodePairRemoveParams", true,
                   [&pairing](const MethodCall& call, const Responder& respond) {
                     pairing.removeNode(call.params.at("nodeId"), answerWith(respond));
                   });
}

}  // namespace openclaw::methods
