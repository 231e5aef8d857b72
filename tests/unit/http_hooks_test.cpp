// Webhooks without sockets: hooks.* resolution and its refusals, upstream's {{...}} templates,
// mapping selection and validation, the payload checks of /wake and /agent, the session and agent
// policy, and the bounded system-event queue the wakes feed.
#include <gtest/gtest.h>

#include "config/hook_settings.h"
#include "httpapi/hook_actions.h"
#include "httpapi/hook_mapping.h"
#include "httpapi/hook_policy.h"
#include "httpapi/hook_template.h"
#include "httpapi/query_string.h"
#include "runs/system_events.h"

namespace openclaw::httpapi {
namespace {

using config::ConfigError;
using config::ConfigFile;
using config::HookMappingSettings;
using config::HookSettings;
using nlohmann::json;

ConfigFile configOf(json hooks) {
  ConfigFile config;
  config.path = "/test/openclaw.json";
  config.exists = true;
  config.root = {{"hooks", std::move(hooks)}};
  return config;
}

std::string resolveError(json hooks) {
  try {
    config::resolveHookSettings(configOf(std::move(hooks)));
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

HookTemplateContext context() {
  HookTemplateContext context;
  context.payload = {{"source", "ci"},
                     {"count", 3},
                     {"ratio", 2.0},
                     {"ok", true},
                     {"nothing", nullptr},
                     {"repo", {{"name", "gw"}, {"tags", {"a", "b"}}}},
                     {"messages", {{{"id", "m1"}, {"subject", "Hi"}}}}};
  context.headers = {{"x-event", "push"}};
  context.query = {{"kind", "nightly"}};
  context.path = "github";
  context.now = "2026-01-02T03:04:05.000Z";
  return context;
}

template <typename T>
const T& valueOf(const HookChecked<T>& checked) {
  if (const auto* error = std::get_if<HookError>(&checked)) {
    ADD_FAILURE() << error->message;
  }
  return std::get<T>(checked);
}

template <typename T>
std::string errorOf(const HookChecked<T>& checked) {
  const auto* error = std::get_if<HookError>(&checked);
  return error ? error->message : "<no error>";
}

TEST(HookSettings, DefaultsAndNormalization) {
  const HookSettings defaults = config::resolveHookSettings(configOf(json::object()));
  EXPECT_FALSE(defaults.enabled);
  EXPECT_EQ(defaults.path, "/hooks");
  EXPECT_FALSE(defaults.allowedAgentIds);

  const HookSettings hooks = config::resolveHookSettings(
      configOf({{"enabled", true},
                {"token", " t0k "},
                {"path", "webhooks//"},
                {"allowedAgentIds", {"Main", "work"}},
                {"allowedSessionKeyPrefixes", {"Hook:", "hook:", "  "}},
                {"mappings", {{{"match", {{"path", "/gmail/"}}}, {"action", "wake"}}}}}));
  EXPECT_EQ(hooks.token, "t0k");
  EXPECT_EQ(hooks.path, "/webhooks");
  EXPECT_EQ(*hooks.allowedAgentIds, (std::vector<std::string>{"main", "work"}));
  EXPECT_EQ(*hooks.allowedSessionKeyPrefixes, (std::vector<std::string>{"hook:"}));
  ASSERT_EQ(hooks.mappings.size(), 1u);
  EXPECT_EQ(hooks.mappings[0].id, "mapping-1");
  EXPECT_EQ(hooks.mappings[0].matchPath, "gmail");
  EXPECT_TRUE(hooks.mappings[0].wake);

  EXPECT_FALSE(
      config::resolveHookSettings(configOf({{"allowedAgentIds", {"a", "*"}}})).allowedAgentIds);
}

TEST(HookSettings, RefusesWhatUpstreamRefuses) {
  EXPECT_NE(resolveError({{"enabled", true}}).find("hooks.enabled requires hooks.token"),
            std::string::npos);
  EXPECT_NE(resolveError({{"enabled", true}, {"token", "t"}, {"path", "///"}})
                .find("hooks.path may not be '/'"),
            std::string::npos);
  EXPECT_NE(resolveError({{"enabled", true},
                          {"token", "t"},
                          {"defaultSessionKey", "other:x"},
                          {"allowedSessionKeyPrefixes", {"hook:"}}})
                .find("must match hooks.allowedSessionKeyPrefixes"),
            std::string::npos);
  EXPECT_NE(resolveError({{"enabled", true}, {"token", "t"}, {"allowedSessionKeyPrefixes", {"x:"}}})
                .find("must include 'hook:'"),
            std::string::npos);
  EXPECT_NE(
      resolveError(
          {{"enabled", true}, {"token", "t"}, {"mappings", {{{"sessionKey", "hook:{{id}}"}}}}})
          .find("allowedSessionKeyPrefixes is required"),
      std::string::npos);
  // A templated key shadowed by an earlier catch-all mapping never applies.
  EXPECT_EQ(resolveError({{"enabled", true},
                          {"token", "t"},
                          {"mappings", {json::object(), {{"sessionKey", "hook:{{id}}"}}}}}),
            "");
  EXPECT_NE(resolveError({{"mappings", {{{"action", "run"}}}}}).find("action"), std::string::npos);
  EXPECT_NE(resolveError({{"mappings", json::array({1})}}).find("must be an object"),
            std::string::npos);
  EXPECT_NE(resolveError({{"mappings", json(std::vector<json>(300, json::object()))}})
                .find("more than 256"),
            std::string::npos);
  // Disabled hooks are not checked for consistency, as upstream.
  EXPECT_EQ(resolveError({{"enabled", false}}), "");
}

TEST(HookTemplate, RendersUpstreamsExpressions) {
  const HookTemplateContext ctx = context();
  EXPECT_EQ(renderHookTemplate("{{source}}/{{payload.repo.name}}/{{ repo.tags[1] }}", ctx),
            "ci/gw/b");
  EXPECT_EQ(renderHookTemplate("{{messages[0].subject}} {{messages[5].subject}}!", ctx), "Hi !");
  EXPECT_EQ(renderHookTemplate("{{headers.x-event}} {{query.kind}} {{path}} {{now}}", ctx),
            "push nightly github 2026-01-02T03:04:05.000Z");
  EXPECT_EQ(renderHookTemplate("{{count}} {{ratio}} {{ok}} [{{nothing}}] [{{missing.deep}}]", ctx),
            "3 2 true [] []");
  EXPECT_EQ(renderHookTemplate("{{repo.tags}}", ctx), R"(["a","b"])");
  EXPECT_EQ(renderHookTemplate("{{__proto__}}{{repo.constructor}}", ctx), "");
  EXPECT_EQ(renderHookTemplate("no templates, {single} braces", ctx),
            "no templates, {single} braces");
  EXPECT_EQ(renderHookTemplate("{{unclosed", ctx), "{{unclosed");
  EXPECT_EQ(renderHookTemplate("{{messages[99999999999999].id}}", ctx), "");
}

TEST(HookMapping, FirstMatchWinsAndRendersItsAction) {
  HookMappingSettings other;
  other.id = "other";
  other.matchPath = "gitlab";
  other.messageTemplate = "gitlab";
  HookMappingSettings wrongSource;
  wrongSource.matchPath = "github";
  wrongSource.matchSource = "cron";
  wrongSource.messageTemplate = "cron";
  HookMappingSettings github;
  github.id = "gh";
  github.matchPath = "github";
  github.matchSource = "ci";
  github.name = " {{source}} run ";
  github.messageTemplate = "Repo {{repo.name}}";
  github.sessionKey = "hook:{{messages[0].id}}";
  github.to = "  ";
  const auto outcome = applyHookMappings({other, wrongSource, github}, context());
  ASSERT_TRUE(outcome);
  const HookMapped& mapped = valueOf(*outcome);
  EXPECT_EQ(mapped.mappingId, "gh");
  EXPECT_EQ(mapped.keySource, HookKeySource::MappingTemplated);
  const HookAgent& agent = std::get<HookAgent>(mapped.action);
  EXPECT_EQ(agent.message, "Repo gw");
  EXPECT_EQ(agent.name, "ci run");
  EXPECT_EQ(agent.sessionKey, "hook:m1");
  EXPECT_EQ(agent.to, "");
  EXPECT_TRUE(agent.deliver);
  EXPECT_EQ(agent.channel, "last");

  HookTemplateContext elsewhere = context();
  elsewhere.path = "/unknown/";
  EXPECT_FALSE(applyHookMappings({other, github}, elsewhere));
  HookMappingSettings catchAll;
  catchAll.wake = true;
  catchAll.wakeNow = false;
  catchAll.textTemplate = "at {{path}}";
  const auto woke = applyHookMappings({other, catchAll}, elsewhere);
  ASSERT_TRUE(woke);
  const HookWake& wake = std::get<HookWake>(valueOf(*woke).action);
  EXPECT_EQ(wake.text, "at /unknown/");
  EXPECT_FALSE(wake.now);
  EXPECT_FALSE(valueOf(*woke).keySource);
}

TEST(HookMapping, RefusesUnusableRenderedActions) {
  HookMappingSettings agent;
  agent.messageTemplate = "{{missing}}  ";
  EXPECT_EQ(errorOf(*applyHookMappings({agent}, context())), "hook mapping requires message");
  HookMappingSettings wake;
  wake.wake = true;
  wake.textTemplate = "";
  EXPECT_EQ(errorOf(*applyHookMappings({wake}, context())), "hook mapping requires text");
  wake.textTemplate = "x";
  wake.wakeNow = false;
  wake.sessionKey = "hook:fixed";
  EXPECT_EQ(errorOf(*applyHookMappings({wake}, context())),
            "hook mapping sessionKey requires wakeMode=now");
  agent.messageTemplate = "m";
  agent.sessionKey = "hook:{{missing}}";  // renders "hook:", which is not empty
  EXPECT_EQ(std::get<HookAgent>(valueOf(*applyHookMappings({agent}, context())).action).sessionKey,
            "hook:");
  agent.sessionKey = " {{missing}} ";
  EXPECT_EQ(errorOf(*applyHookMappings({agent}, context())),
            "hook mapping sessionKey template rendered empty");
}

TEST(HookPayloads, WakeAndAgentBodiesAreCheckedAsUpstream) {
  EXPECT_EQ(errorOf(wakeFromPayload({{"text", "  "}})), "text required");
  EXPECT_EQ(errorOf(wakeFromPayload({{"text", 5}})), "text required");
  EXPECT_EQ(errorOf(wakeFromPayload({{"text", "x"}, {"agentId", ""}})),
            "agentId must be a non-empty string");
  EXPECT_EQ(
      errorOf(wakeFromPayload({{"text", "x"}, {"mode", "next-heartbeat"}, {"sessionKey", "k"}})),
      "sessionKey requires mode=now");
  const HookWake wake = valueOf(wakeFromPayload({{"text", " hi "}, {"mode", "whatever"}}));
  EXPECT_EQ(wake.text, "hi");
  EXPECT_TRUE(wake.now);

  const std::vector<std::string> channels = {"telegram", "irc"};
  EXPECT_EQ(errorOf(agentFromPayload(json::object(), channels)), "message required");
  EXPECT_EQ(errorOf(agentFromPayload({{"message", "m"}, {"sessionMode", "forever"}}, channels)),
            "sessionMode must be isolated or persistent");
  EXPECT_EQ(errorOf(agentFromPayload({{"message", "m"}, {"channel", "fax"}}, channels)),
            "channel must be last|telegram|irc");
  EXPECT_EQ(errorOf(agentFromPayload({{"message", "m"}, {"to", "x"}}, channels)),
            "channel and to must be set together for hook delivery");
  EXPECT_EQ(
      errorOf(agentFromPayload({{"message", "m"}, {"channel", "last"}, {"to", "x"}}, channels)),
      "channel must name a concrete channel for hook delivery");
  EXPECT_EQ(errorOf(agentFromPayload({{"message", "m"}, {"accountId", "a"}}, channels)),
            "accountId requires channel and to for hook delivery");
  EXPECT_EQ(errorOf(agentFromPayload({{"message", "m"}, {"model", ""}}, channels)),
            "model required");
  const HookAgent agent = valueOf(agentFromPayload({{"message", "m"},
                                                    {"channel", "IRC"},
                                                    {"to", "#ops"},
                                                    {"timeoutSeconds", 12.9},
                                                    {"wakeMode", "next-heartbeat"}},
                                                   channels));
  EXPECT_EQ(agent.name, "Hook");
  EXPECT_EQ(agent.channel, "irc");
  EXPECT_EQ(agent.to, "#ops");
  EXPECT_EQ(agent.timeoutSeconds, 12);
  EXPECT_FALSE(agent.wakeNow);
  // deliver:false ignores the destination fields.
  const HookAgent quiet =
      valueOf(agentFromPayload({{"message", "m"}, {"deliver", false}, {"to", ""}}, channels));
  EXPECT_FALSE(quiet.deliver);
  EXPECT_FALSE(valueOf(agentFromPayload({{"message", "m"}, {"timeoutSeconds", -1}}, channels))
                   .timeoutSeconds);
}

TEST(HookPolicy, AgentsAndSessionKeys) {
  HookSettings hooks;
  config::AgentSettings agents;
  agents.list = {{"main", {}, {}, false, {}}, {"work", {}, {}, true, {}}};
  EXPECT_EQ(valueOf(hookTargetAgent(hooks, agents, "", true)), "work");
  EXPECT_EQ(valueOf(hookTargetAgent(hooks, agents, "Main", true)), "main");
  EXPECT_EQ(errorOf(hookTargetAgent(hooks, agents, "ghost", true)), "unknown agentId \"ghost\"");
  EXPECT_EQ(valueOf(hookTargetAgent(hooks, agents, "ghost", false)), "work");
  hooks.allowedAgentIds = std::vector<std::string>{"main"};
  EXPECT_EQ(errorOf(hookTargetAgent(hooks, agents, "", true)),
            "agentId is not allowed by hooks.allowedAgentIds");

  EXPECT_EQ(valueOf(hookSessionKey(hooks, "", HookKeySource::Request)).rfind("hook:", 0), 0u);
  EXPECT_NE(errorOf(hookSessionKey(hooks, "hook:x", HookKeySource::Request))
                .find("hooks.allowRequestSessionKey=true"),
            std::string::npos);
  EXPECT_EQ(valueOf(hookSessionKey(hooks, "fixed:x", HookKeySource::MappingStatic)), "fixed:x");
  hooks.allowRequestSessionKey = true;
  hooks.allowedSessionKeyPrefixes = std::vector<std::string>{"hook:"};
  EXPECT_EQ(valueOf(hookSessionKey(hooks, "HOOK:x", HookKeySource::Request)), "HOOK:x");
  EXPECT_EQ(errorOf(hookSessionKey(hooks, "other", HookKeySource::MappingTemplated)),
            "sessionKey must start with one of: hook:");
  hooks.defaultSessionKey = "hook:default";
  EXPECT_EQ(valueOf(hookSessionKey(hooks, "", HookKeySource::Request)), "hook:default");

  EXPECT_EQ(valueOf(hookDispatchKey(hooks, "hook:a", "work")), "hook:a");
  hooks.allowedSessionKeyPrefixes = std::vector<std::string>{"agent:work:hook:"};
  EXPECT_EQ(valueOf(hookDispatchKey(hooks, "agent:main:hook:a", "work")), "agent:work:hook:a");
  EXPECT_EQ(errorOf(hookDispatchKey(hooks, "hook:a", "work")),
            "sessionKey must start with one of: agent:work:hook:");
}

TEST(HookQuery, DecodesParameters) {
  const auto query = queryParameters("kind=a%20b+c&flag&kind=second&bad=%zz&=v");
  EXPECT_EQ(query.at("kind"), "a b c");
  EXPECT_EQ(query.at("flag"), "");
  EXPECT_EQ(query.at("bad"), "%zz");
  EXPECT_EQ(queryParameters("").size(), 0u);
}

TEST(SystemEvents, BoundedCoalescedAndDrainedOnce) {
  runs::SystemEventQueue queue;
  EXPECT_TRUE(queue.enqueue("s", " first ", 1000));
  EXPECT_FALSE(queue.enqueue("s", "first", 2000));  // the same as the latest: coalesced
  EXPECT_FALSE(queue.enqueue("s", "   ", 2000));
  EXPECT_TRUE(queue.enqueue("s", "second\nline two", 0));
  const auto events = queue.drain("s");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].text, "first");
  EXPECT_TRUE(queue.drain("s").empty());
  EXPECT_EQ(runs::withSystemEvents(events, "question"),
            "System: [1970-01-01 00:00:01 UTC] first\n"
            "System: [1970-01-01 00:00:00 UTC] second\n"
            "System: line two\n"
            "\n"
            "question");
  EXPECT_EQ(runs::withSystemEvents({}, "question"), "question");
  EXPECT_EQ(runs::withSystemEvents(events, ""),
            "System: [1970-01-01 00:00:01 UTC] first\n"
            "System: [1970-01-01 00:00:00 UTC] second\n"
            "System: line two");

  for (int i = 0; i < 100; ++i) queue.enqueue("s", "event " + std::to_string(i), i);
  EXPECT_EQ(queue.size("s"), runs::SystemEventQueue::kMaxPerSession);
  EXPECT_EQ(queue.drain("s").front().text, "event 80");  // the oldest went first

  for (std::size_t i = 0; i <= runs::SystemEventQueue::kMaxSessions; ++i) {
    queue.enqueue("session-" + std::to_string(i), "x", 0);
  }
  EXPECT_EQ(queue.size("session-0"), 0u);  // the least recently queued session was dropped
  EXPECT_EQ(queue.size("session-1"), 1u);
  EXPECT_TRUE(queue.enqueue("big", std::string(100'000, 'x'), 0));
  EXPECT_LE(queue.drain("big").front().text.size(), runs::SystemEventQueue::kMaxTextChars);
}

}  // namespace
}  // namespace openclaw::httpapi
