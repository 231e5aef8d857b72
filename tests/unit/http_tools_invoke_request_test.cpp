#include <gtest/gtest.h>

#include "httpapi/http_tool_exposure.h"
#include "httpapi/tools_invoke_request.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;

ToolsInvokeRequest accepted(const json& body) {
  auto parsed = parseToolsInvokeRequest(body);
  if (auto* refused = std::get_if<rpc::HttpResponse>(&parsed)) {
    ADD_FAILURE() << body.dump() << " -> " << refused->body;
    return {};
  }
  return std::get<ToolsInvokeRequest>(parsed);
}

std::string refusal(const json& body) {
  auto parsed = parseToolsInvokeRequest(body);
  const auto* refused = std::get_if<rpc::HttpResponse>(&parsed);
  if (refused == nullptr) {
    ADD_FAILURE() << body.dump() << " was accepted";
    return "";
  }
  EXPECT_EQ(refused->status, 400u);
  const json answer = json::parse(refused->body);
  EXPECT_EQ(answer.at("ok"), false);
  EXPECT_EQ(answer.at("error").at("type"), "invalid_request");
  return answer.at("error").at("message");
}

TEST(HttpToolsInvokeRequest, ReadsTheFieldsAndResolvesTheSession) {
  const ToolsInvokeRequest call =
      accepted({{"tool", " read "}, {"action", "json"}, {"args", {{"path", "a"}}}, {"extra", 1}});
  EXPECT_EQ(call.tool, "read");
  EXPECT_EQ(call.action, "json");
  EXPECT_EQ(call.args, json({{"path", "a"}}));
  EXPECT_EQ(call.sessionKey, "agent:main:main");
  EXPECT_EQ(call.agentId, "main");

  EXPECT_EQ(accepted({{"name", "exec"}, {"tool", "read"}}).tool, "exec");
  EXPECT_EQ(accepted({{"name", ""}, {"tool", "read"}}).tool, "read");
  EXPECT_EQ(accepted({{"tool", "read"}, {"args", nullptr}}).args, json::object());
  EXPECT_EQ(accepted({{"tool", "read"}, {"sessionKey", "work"}}).sessionKey, "agent:main:work");
  const ToolsInvokeRequest ops = accepted({{"tool", "read"}, {"agentId", "Ops"}});
  EXPECT_EQ(ops.sessionKey, "agent:ops:main");
  EXPECT_EQ(ops.agentId, "ops");
  const ToolsInvokeRequest byKey = accepted({{"tool", "read"}, {"sessionKey", "agent:ops:x"}});
  EXPECT_EQ(byKey.agentId, "ops");
}

TEST(HttpToolsInvokeRequest, RefusesMissingNamesWrongTypesAndConflictingAgents) {
  EXPECT_EQ(refusal(json::object()), "tools.invoke requires name");
  EXPECT_EQ(refusal({{"tool", "  "}}), "tools.invoke requires name");
  EXPECT_EQ(refusal({{"tool", 1}}), "tool must be a string");
  EXPECT_EQ(refusal({{"tool", "read"}, {"args", "x"}}), "args must be an object");
  EXPECT_EQ(refusal({{"tool", "read"}, {"dryRun", 1}}), "dryRun must be a boolean");
  EXPECT_EQ(refusal({{"tool", "read"}, {"action", json::array()}}), "action must be a string");
  EXPECT_EQ(refusal({{"tool", "read"}, {"sessionKey", "agent:"}}), "invalid sessionKey \"agent:\"");
  EXPECT_EQ(refusal({{"tool", "read"}, {"agentId", "ops"}, {"sessionKey", "agent:main:main"}}),
            "agent id \"ops\" does not match session agent \"main\"");
}

TEST(HttpToolExposure, DeniesDangerousToolsUnlessGatewayToolsAllowThem) {
  config::HttpToolSettings settings;
  EXPECT_TRUE(toolExposedOverHttp(settings, "read"));
  EXPECT_FALSE(toolExposedOverHttp(settings, "exec"));
  EXPECT_FALSE(toolExposedOverHttp(settings, "Exec"));
  settings.allow = {"EXEC"};
  EXPECT_TRUE(toolExposedOverHttp(settings, "exec"));
  settings.deny = {"read", "exec"};
  EXPECT_FALSE(toolExposedOverHttp(settings, "read"));
  EXPECT_FALSE(toolExposedOverHttp(settings, "exec"));  // deny wins
}

}  // namespace
}  // namespace openclaw::httpapi
