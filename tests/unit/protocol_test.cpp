#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "protocol/gateway_error.h"
#include "protocol/protocol_schema.h"
#include "protocol/protocol_version.h"
#include "protocol/scopes.h"
#include "rpc/frames.h"

namespace openclaw::protocol {
namespace {

using nlohmann::json;

// --- negotiateProtocol -----------------------------------------------------------------------

TEST(NegotiateProtocol, OperatorsNeedTheCurrentVersion) {
  EXPECT_EQ(negotiateProtocol(4, 4, "operator", "cli"), 4);
  EXPECT_EQ(negotiateProtocol(3, 4, "operator", "cli"), 4);
  EXPECT_EQ(negotiateProtocol(1, 10, "operator", "ui"), 4);
  EXPECT_EQ(negotiateProtocol(3, 3, "operator", "cli"), std::nullopt);
  EXPECT_EQ(minAcceptedProtocol("operator", "cli"), 4);
}

TEST(NegotiateProtocol, NodesMayUseThePreviousVersion) {
  EXPECT_EQ(negotiateProtocol(3, 3, "node", "node"), 3);
  EXPECT_EQ(negotiateProtocol(3, 4, "node", "node"), 4);
  // Both the role and the client mode must say node.
  EXPECT_EQ(negotiateProtocol(3, 3, "node", "cli"), std::nullopt);
  EXPECT_EQ(negotiateProtocol(3, 3, "operator", "node"), std::nullopt);
  EXPECT_EQ(negotiateProtocol(2, 2, "node", "node"), std::nullopt);
}

TEST(NegotiateProtocol, ProbesMayUseThePreviousVersion) {
  EXPECT_EQ(negotiateProtocol(3, 3, "operator", "probe"), 3);
  EXPECT_EQ(negotiateProtocol(3, 3, "", "probe"), 3);
  EXPECT_EQ(minAcceptedProtocol("operator", "probe"), 3);
}

TEST(NegotiateProtocol, NoOverlapFails) {
  EXPECT_EQ(negotiateProtocol(5, 6, "operator", "cli"), std::nullopt);
  EXPECT_EQ(negotiateProtocol(5, 6, "node", "node"), std::nullopt);
  EXPECT_EQ(negotiateProtocol(4, 3, "operator", "cli"), std::nullopt);  // inverted range
}

// --- scopes ----------------------------------------------------------------------------------

using Held = std::vector<std::string>;

TEST(ScopeSatisfied, ExactMatch) {
  EXPECT_TRUE(scopeSatisfied({scopes::kPairing}, scopes::kPairing));
  EXPECT_TRUE(scopeSatisfied({"node.invoke"}, "node.invoke"));
  EXPECT_FALSE(scopeSatisfied({}, scopes::kRead));
}

TEST(ScopeSatisfied, AdminSatisfiesEveryOperatorScope) {
  const Held admin = {scopes::kAdmin};
  for (const std::string& scope : knownOperatorScopes()) {
    EXPECT_TRUE(scopeSatisfied(admin, scope)) << scope;
  }
  EXPECT_TRUE(scopeSatisfied(admin, "operator.future-thing"));
  // ... but nothing outside operator.*.
  EXPECT_FALSE(scopeSatisfied(admin, "node.invoke"));
}

TEST(ScopeSatisfied, WriteImpliesReadAndTalkOnly) {
  const Held write = {scopes::kWrite};
  EXPECT_TRUE(scopeSatisfied(write, scopes::kWrite));
  EXPECT_TRUE(scopeSatisfied(write, scopes::kRead));
  EXPECT_TRUE(scopeSatisfied(write, scopes::kTalk));
  EXPECT_FALSE(scopeSatisfied(write, scopes::kAdmin));
  EXPECT_FALSE(scopeSatisfied(write, scopes::kPairing));
  EXPECT_FALSE(scopeSatisfied(write, scopes::kApprovals));
  EXPECT_FALSE(scopeSatisfied(write, scopes::kTalkSecrets));
}

TEST(ScopeSatisfied, ReadImpliesNothingElse) {
  const Held read = {scopes::kRead};
  EXPECT_FALSE(scopeSatisfied(read, scopes::kWrite));
  EXPECT_FALSE(scopeSatisfied(read, scopes::kTalk));
  EXPECT_FALSE(scopeSatisfied(read, scopes::kAdmin));
}

TEST(ScopeSatisfied, UnknownOperatorScopesNeedExactMatchOrAdmin) {
  EXPECT_FALSE(scopeSatisfied({scopes::kWrite, scopes::kRead}, "operator.custom"));
  EXPECT_TRUE(scopeSatisfied({scopes::kRead, "operator.custom"}, "operator.custom"));
  EXPECT_TRUE(scopeSatisfied({scopes::kRead, scopes::kAdmin}, "operator.custom"));
  // A prefix is not a match.
  EXPECT_FALSE(scopeSatisfied({"operator.talk"}, scopes::kTalkSecrets));
}

TEST(ScopeSatisfied, KnownScopesAreTheClosedSet) {
  const Held expected = {"operator.read",      "operator.write",       "operator.admin",
                         "operator.approvals", "operator.questions",   "operator.pairing",
                         "operator.talk",      "operator.talk.secrets"};
  EXPECT_EQ(knownOperatorScopes(), expected);
}

// --- ProtocolSchema --------------------------------------------------------------------------

const ProtocolSchema& schema() { return ProtocolSchema::instance(); }

std::optional<std::string> check(const std::string& definition, const json& value,
                                 const std::string& rootPath = "params") {
  return schema().validate(definition, value, rootPath);
}

// A failure message that must start with `path`; prints the whole message for reference.
::testing::AssertionResult failsAt(const std::optional<std::string>& result,
                                   const std::string& path) {
  if (!result) return ::testing::AssertionFailure() << "accepted";
  if (result->rfind(path + ": ", 0) != 0) {
    return ::testing::AssertionFailure() << "message \"" << *result << "\" is not about " << path;
  }
  return ::testing::AssertionSuccess() << *result;
}

json goodConnect() {
  return {{"minProtocol", 4},
          {"maxProtocol", 4},
          {"client", {{"id", "cli"}, {"version", "1.0.0"}, {"platform", "linux"}, {"mode", "cli"}}},
          {"role", "operator"},
          {"scopes", {"operator.read"}},
          {"auth", {{"token", "t"}}}};
}

TEST(ProtocolSchema, EveryDefinitionCompiles) {
  const json document = json::parse(ProtocolSchema::text());
  ASSERT_TRUE(document.contains("definitions"));
  ASSERT_FALSE(document["definitions"].empty());
  for (const auto& [name, definition] : document["definitions"].items()) {
    EXPECT_TRUE(schema().hasDefinition(name)) << name;
    EXPECT_NO_THROW(check(name, json::object())) << name;
  }
  for (const char* name : {"RequestFrame", "ConnectParams", "HealthParams", "SystemEventParams"}) {
    EXPECT_TRUE(schema().hasDefinition(name)) << name;
  }
}

TEST(ProtocolSchema, UnknownDefinitionIsAProgrammingError) {
  EXPECT_FALSE(schema().hasDefinition("NoSuchParams"));
  EXPECT_THROW(check("NoSuchParams", json::object()), std::out_of_range);
}

TEST(ProtocolSchema, RequestFrame) {
  const json frame = {{"type", "req"}, {"id", "1"}, {"method", "health"}, {"params", {{"x", 1}}}};
  EXPECT_EQ(check("RequestFrame", frame, "frame"), std::nullopt);

  json extra = frame;
  extra["extra"] = true;
  EXPECT_TRUE(check("RequestFrame", extra, "frame").has_value());

  json wrongType = frame;
  wrongType["type"] = "event";
  EXPECT_TRUE(failsAt(check("RequestFrame", wrongType, "frame"), "frame.type"));

  json emptyId = frame;
  emptyId["id"] = "";
  EXPECT_TRUE(failsAt(check("RequestFrame", emptyId, "frame"), "frame.id"));

  json noMethod = frame;
  noMethod.erase("method");
  EXPECT_TRUE(check("RequestFrame", noMethod, "frame").has_value());
}

TEST(ProtocolSchema, ConnectParams) {
  EXPECT_EQ(check("ConnectParams", goodConnect()), std::nullopt);

  json badMode = goodConnect();
  badMode["client"]["mode"] = "toaster";
  EXPECT_TRUE(failsAt(check("ConnectParams", badMode), "params.client.mode"));

  json badScope = goodConnect();
  badScope["scopes"] = {"operator.read", ""};
  EXPECT_TRUE(failsAt(check("ConnectParams", badScope), "params.scopes[1]"));

  json stringProtocol = goodConnect();
  stringProtocol["minProtocol"] = "4";
  EXPECT_TRUE(failsAt(check("ConnectParams", stringProtocol), "params.minProtocol"));

  json extraClientField = goodConnect();
  extraClientField["client"]["nickname"] = "x";
  EXPECT_TRUE(failsAt(check("ConnectParams", extraClientField), "params.client"));

  json noClient = goodConnect();
  noClient.erase("client");
  EXPECT_TRUE(check("ConnectParams", noClient).has_value());
}

TEST(ProtocolSchema, SystemEventParamsRequireText) {
  EXPECT_EQ(check("SystemEventParams", {{"text", "hello"}, {"host", "box"}}), std::nullopt);
  EXPECT_TRUE(check("SystemEventParams", {{"host", "box"}}).has_value());
  EXPECT_TRUE(failsAt(check("SystemEventParams", {{"text", ""}}), "params.text"));
  EXPECT_TRUE(failsAt(check("SystemEventParams", {{"text", "hi"}, {"lastInputSeconds", -1}}),
                      "params.lastInputSeconds"));
}

TEST(ProtocolSchema, HealthParams) {
  EXPECT_EQ(check("HealthParams", json::object()), std::nullopt);
  EXPECT_EQ(check("HealthParams", {{"probe", true}}), std::nullopt);
  EXPECT_TRUE(failsAt(check("HealthParams", {{"probe", "yes"}}), "params.probe"));
  EXPECT_TRUE(check("HealthParams", {{"deep", true}}).has_value());
}

// --- GatewayError ----------------------------------------------------------------------------

TEST(GatewayError, MissingScopeShape) {
  const json expected = {{"code", "FORBIDDEN"},
                         {"message", "missing scope: operator.read"},
                         {"details",
                          {{"code", "MISSING_SCOPE"},
                           {"missingScope", "operator.read"},
                           {"requiredScopes", {"operator.read"}}}}};
  EXPECT_EQ(GatewayError::missingScope(scopes::kRead).toJson(), expected);
}

TEST(GatewayError, OptionalFieldsAreOmitted) {
  EXPECT_EQ(GatewayError::invalidRequest("bad").toJson(),
            (json{{"code", "INVALID_REQUEST"}, {"message", "bad"}}));
  EXPECT_EQ(GatewayError::unavailable("shutting down", std::nullopt).toJson(),
            (json{{"code", "UNAVAILABLE"}, {"message", "shutting down"}, {"retryable", true}}));
}

TEST(GatewayError, FromJsonReadsBackTheWireShape) {
  const json sent = {{"code", "INVALID_REQUEST"},
                     {"message", "too many attempts"},
                     {"details", {{"code", "AUTH_RATE_LIMITED"}}},
                     {"retryable", true},
                     {"retryAfterMs", 30000}};
  const GatewayError parsed = GatewayError::fromJson(sent);
  EXPECT_EQ(parsed.code, "INVALID_REQUEST");
  EXPECT_EQ(parsed.retryAfterMs, 30000);
  EXPECT_EQ(parsed.toJson(), sent);
}

TEST(GatewayError, FromJsonLeavesMalformedFieldsEmpty) {
  const GatewayError parsed = GatewayError::fromJson(
      {{"code", 7}, {"message", "lost"}, {"retryable", "yes"}, {"retryAfterMs", 1.5}});
  EXPECT_EQ(parsed.code, "");
  EXPECT_EQ(parsed.message, "lost");
  EXPECT_TRUE(parsed.details.is_null());
  EXPECT_FALSE(parsed.retryable);
  EXPECT_FALSE(parsed.retryAfterMs);
  EXPECT_EQ(GatewayError::fromJson("not an object").toJson(),
            (json{{"code", ""}, {"message", ""}}));
}

// --- frames ----------------------------------------------------------------------------------

TEST(Frames, EventWithoutSeqOrStateVersion) {
  const json frame = json::parse(rpc::frames::event("tick", {{"ts", 5}}));
  EXPECT_EQ(frame, (json{{"type", "event"}, {"event", "tick"}, {"payload", {{"ts", 5}}}}));
}

TEST(Frames, EventWithSeqAndStateVersion) {
  const json frame = json::parse(rpc::frames::event("presence", json::array(), std::uint64_t{7},
                                                    rpc::frames::StateVersion{3, 11}));
  EXPECT_EQ(frame["seq"], 7);
  EXPECT_EQ(frame["stateVersion"], (json{{"presence", 3}, {"health", 11}}));
  EXPECT_EQ(frame["payload"], json::array());
  const json seqOnly = json::parse(rpc::frames::event("tick", nullptr, std::uint64_t{0}));
  EXPECT_EQ(seqOnly["seq"], 0);
  EXPECT_FALSE(seqOnly.contains("stateVersion"));
}

TEST(Frames, BroadcastEventMatchesEventByteForByte) {
  const json payload = {{"presence", {{{"host", "h"}, {"ts", 1}, {"text", "é \" \\"}}}}};
  const rpc::frames::BroadcastEvent withVersion("presence", payload,
                                                rpc::frames::StateVersion{4, 2});
  EXPECT_EQ(
      withVersion.frameFor(9).flatten(),
      rpc::frames::event("presence", payload, std::uint64_t{9}, rpc::frames::StateVersion{4, 2}));
  const rpc::frames::BroadcastEvent tick("tick", {{"ts", 3}}, std::nullopt);
  EXPECT_EQ(tick.frameFor(0).flatten(), rpc::frames::event("tick", {{"ts", 3}}, std::uint64_t{0}));
  EXPECT_NE(tick.frameFor(1).flatten(), tick.frameFor(2).flatten());
}

TEST(Frames, BroadcastEventFramesShareThePayload) {
  const rpc::frames::BroadcastEvent presence("presence", {{"presence", json::array()}},
                                             rpc::frames::StateVersion{1, 0});
  const rpc::OutboundText first = presence.frameFor(1);
  const rpc::OutboundText second = presence.frameFor(2);
  EXPECT_EQ(first.head, second.head);  // the same serialized payload, not a copy
  EXPECT_EQ(first.tail, second.tail);
  EXPECT_EQ(first.own, "1");
  EXPECT_EQ(second.size(), second.flatten().size());
  EXPECT_NE(first.head->find(R"("payload":{"presence":[]})"), std::string::npos);
  // Upstream's EventFrame (the embedded schema holds inbound frames only): exactly these keys.
  EXPECT_EQ(json::parse(second.flatten()),
            (json{{"type", "event"},
                  {"event", "presence"},
                  {"payload", {{"presence", json::array()}}},
                  {"seq", 2},
                  {"stateVersion", {{"presence", 1}, {"health", 0}}}}));
}

TEST(Frames, OkResponse) {
  EXPECT_EQ(json::parse(rpc::frames::okResponse("r1", {{"ok", 1}})),
            (json{{"type", "res"}, {"id", "r1"}, {"ok", true}, {"payload", {{"ok", 1}}}}));
}

TEST(Frames, ErrorResponseWithRetryHints) {
  const json frame =
      json::parse(rpc::frames::errorResponse("r2", GatewayError::unavailable("draining", 1500)));
  const json expected = {{"type", "res"},
                         {"id", "r2"},
                         {"ok", false},
                         {"error",
                          {{"code", "UNAVAILABLE"},
                           {"message", "draining"},
                           {"retryable", true},
                           {"retryAfterMs", 1500}}}};
  EXPECT_EQ(frame, expected);
}

TEST(Frames, InvalidUtf8IsReplacedNotThrown) {
  std::string text;
  ASSERT_NO_THROW(
      text = rpc::frames::errorResponse("r3", GatewayError::invalidRequest("bad byte \xff here")));
  EXPECT_EQ(json::parse(text)["error"]["message"], "bad byte \xEF\xBF\xBD here");
}

}  // namespace
}  // namespace openclaw::protocol
