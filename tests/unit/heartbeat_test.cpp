// The heartbeat's pure parts: the HEARTBEAT_OK contract, the empty-checklist rule, active hours,
// and which agents run heartbeats on which settings.
#include <gtest/gtest.h>

#include "automation/active_hours.h"
#include "automation/heartbeat_config.h"
#include "automation/heartbeat_reply.h"
#include "config/gateway_settings.h"

namespace openclaw::automation {
namespace {

using nlohmann::json;

struct ReplyCase {
  const char* reply;
  std::size_t ackMaxChars;
  HeartbeatReplyKind kind;
  const char* delivered;  // the Alert's text
};

TEST(HeartbeatReply, TheAcknowledgementContract) {
  using enum HeartbeatReplyKind;
  const std::string budget300(300, 'x');
  const std::string budget301(301, 'x');
  const ReplyCase cases[] = {
      {"", 300, Empty, ""},
      {"  \n ", 300, Empty, ""},
      {"HEARTBEAT_OK", 300, Ack, ""},
      {"  HEARTBEAT_OK  ", 300, Ack, ""},
      {"HEARTBEAT_OK HEARTBEAT_OK", 300, Ack, ""},
      {"HEARTBEAT_OK All quiet.", 300, Ack, ""},   // token first, short rest
      {"All quiet. HEARTBEAT_OK", 300, Ack, ""},   // token last
      {"All quiet HEARTBEAT_OK!!", 300, Ack, ""},  // up to 4 punctuation marks after it
      {"Nothing new HEARTBEAT_OK!!!!!", 300, Alert,
       "Nothing new HEARTBEAT_OK!!!!!"},  // 5: not at the end
      {"Check the deploy, HEARTBEAT_OK was wrong", 300, Alert,
       "Check the deploy, HEARTBEAT_OK was wrong"},  // in the middle: ordinary text
      {"Your build failed on main.", 300, Alert, "Your build failed on main."},
      // Markup around the token, as upstream strips it.
      {"**HEARTBEAT_OK**", 300, Ack, ""},
      {"`HEARTBEAT_OK`", 300, Ack, ""},
      {"<b>HEARTBEAT_OK</b>", 300, Ack, ""},
      {"&nbsp;HEARTBEAT_OK&nbsp;", 300, Ack, ""},
      {"_HEARTBEAT_OK_", 300, Ack, ""},
      // The silent token.
      {"NO_REPLY", 300, Ack, ""},
      {"no_reply.", 300, Ack, ""},
      {"NO_REPLY NO_REPLY", 300, Ack, ""},
      {"NO_REPLY but the disk is full", 300, Alert, "NO_REPLY but the disk is full"},
      // ackMaxChars edges: the text left beside the token counts.
      {"HEARTBEAT_OK", 0, Ack, ""},
      {"HEARTBEAT_OK x", 0, Alert, "x"},
      {"HEARTBEAT_OK abc", 3, Ack, ""},
      {"HEARTBEAT_OK abcd", 3, Alert, "abcd"},
      {"HEARTBEAT_OK héé", 3, Ack, ""},                             // characters, not bytes
      {"Disk   at\n 91%   HEARTBEAT_OK", 8, Alert, "Disk at 91%"},  // blanks collapsed
  };
  for (const ReplyCase& c : cases) {
    const HeartbeatReply reply = classifyHeartbeatReply(c.reply, c.ackMaxChars);
    EXPECT_EQ(reply.kind, c.kind) << c.reply;
    EXPECT_EQ(reply.text, c.delivered) << c.reply;
  }
  EXPECT_EQ(classifyHeartbeatReply("HEARTBEAT_OK " + budget300, 300).kind, Ack);
  const HeartbeatReply over = classifyHeartbeatReply(budget301 + " HEARTBEAT_OK", 300);
  EXPECT_EQ(over.kind, Alert);
  EXPECT_EQ(over.text, budget301);
}

TEST(HeartbeatReply, EffectivelyEmptyChecklists) {
  for (const char* empty : {"", "\n\n  \n", "# Heartbeat checklist\n\n## Later\n",
                            "- \n- [ ]\n* [x]\n+", "<!-- nothing yet -->",
                            "<!--\nmulti\nline\n-->\n# Title", "```\n```markdown\n```", "#\n"}) {
    EXPECT_TRUE(isEffectivelyEmptyChecklist(empty)) << empty;
  }
  for (const char* something :
       {"- check the inbox", "# Title\nLook at the deploy", "#hashtag is text",
        "<!-- c --> but this counts", "- [ ] water the plants", "```js code"}) {
    EXPECT_FALSE(isEffectivelyEmptyChecklist(something)) << something;
  }
}

config::ActiveHoursSettings hours(int start, int end) {
  config::ActiveHoursSettings window;
  window.startMinute = start;
  window.endMinute = end;
  return window;
}

TEST(ActiveHours, DaytimeWindowsIncludeTheStartAndExcludeTheEnd) {
  const auto window = hours(9 * 60, 22 * 60);
  EXPECT_FALSE(withinActiveHours(window, 9 * 60 - 1));
  EXPECT_TRUE(withinActiveHours(window, 9 * 60));
  EXPECT_TRUE(withinActiveHours(window, 22 * 60 - 1));
  EXPECT_FALSE(withinActiveHours(window, 22 * 60));
  EXPECT_TRUE(withinActiveHours(hours(0, 24 * 60), 0));
  EXPECT_TRUE(withinActiveHours(hours(0, 24 * 60), 24 * 60 - 1));
}

TEST(ActiveHours, WindowsCrossingMidnightAndEmptyWindows) {
  const auto night = hours(22 * 60, 6 * 60);
  EXPECT_TRUE(withinActiveHours(night, 23 * 60));
  EXPECT_TRUE(withinActiveHours(night, 0));
  EXPECT_TRUE(withinActiveHours(night, 6 * 60 - 1));
  EXPECT_FALSE(withinActiveHours(night, 6 * 60));
  EXPECT_FALSE(withinActiveHours(night, 12 * 60));
  EXPECT_TRUE(withinActiveHours(night, 22 * 60));
  for (int minute : {0, 8 * 60, 8 * 60 + 1, 23 * 60}) {
    EXPECT_FALSE(withinActiveHours(hours(8 * 60, 8 * 60), minute)) << minute;
  }
}

TEST(ActiveHours, TheMinuteOfTheDayInTheConfiguredZone) {
  // 2026-03-01T23:30:00Z.
  const std::int64_t at = 1'772'407'800'000;
  config::ActiveHoursSettings utc = hours(0, 60);
  utc.timezone = "UTC";
  EXPECT_EQ(minuteOfDayFor(utc, std::nullopt, at), 23 * 60 + 30);
  config::ActiveHoursSettings user = hours(0, 60);
  user.timezone = "user";
  EXPECT_EQ(minuteOfDayFor(user, std::string("Etc/UTC"), at), 23 * 60 + 30);
  // Before the epoch too.
  EXPECT_EQ(minuteOfDayFor(utc, std::nullopt, -60'000), 24 * 60 - 1);
}

config::ConfigFile configOf(json root) {
  config::ConfigFile file;
  file.path = "/test/openclaw.json";
  file.exists = true;
  file.root = std::move(root);
  return file;
}

config::GatewaySettings settingsOf(const json& agents) {
  const config::ConfigFile file = configOf({{"agents", agents}});
  config::GatewaySettings settings;
  settings.agents = config::resolveAgentSettings(file);
  settings.heartbeat = config::resolveHeartbeatSettings(file);
  return settings;
}

std::string resolveError(const json& agents) {
  try {
    settingsOf(agents);
  } catch (const config::ConfigError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(HeartbeatConfig, WithoutConfigTheDefaultAgentBeatsEveryThirtyMinutes) {
  const auto agents = heartbeatAgents(settingsOf(json::object()), "main");
  ASSERT_EQ(agents.size(), 1U);
  EXPECT_EQ(agents[0].agentId, "main");
  EXPECT_EQ(agents[0].every, std::chrono::minutes(30));
  EXPECT_EQ(agents[0].target, "last");
  EXPECT_EQ(agents[0].ackMaxChars, kDefaultAckMaxChars);
  EXPECT_EQ(agents[0].prompt, kDefaultHeartbeatPrompt);
  EXPECT_EQ(agents[0].timeout, std::chrono::minutes(10));  // min(every, 600 s)
  EXPECT_FALSE(agents[0].activeHours);
}

TEST(HeartbeatConfig, DefaultsApplyToEveryAgentAndAgentBlocksMergeOverThem) {
  const json defaults = {{"every", "1h"},
                         {"target", "telegram"},
                         {"to", "42"},
                         {"ackMaxChars", 10},
                         {"activeHours", {{"start", "08:00"}, {"end", "24:00"}}}};
  auto agents = heartbeatAgents(
      settingsOf({{"defaults", {{"heartbeat", defaults}}},
                  {"entries", {{"Work", json::object()}, {"home", json::object()}}}}),
      "work");
  ASSERT_EQ(agents.size(), 2U);
  EXPECT_EQ(agents[0].agentId, "work");
  EXPECT_EQ(agents[1].agentId, "home");
  EXPECT_EQ(agents[1].every, std::chrono::hours(1));
  EXPECT_EQ(agents[1].timeout, std::chrono::minutes(10));
  ASSERT_TRUE(agents[1].activeHours);
  EXPECT_EQ(agents[1].activeHours->endMinute, 24 * 60);

  // One agent with a block of its own: only that one beats, on the merged settings.
  agents = heartbeatAgents(settingsOf({{"defaults", {{"heartbeat", defaults}}},
                                       {"entries",
                                        {{"work", json::object()},
                                         {"ops",
                                          {{"heartbeat",
                                            {{"every", "5m"},
                                             {"prompt", "Check the pager."},
                                             {"timeoutSeconds", 45},
                                             {"target", "owner"}}}}}}}}),
                           "work");
  ASSERT_EQ(agents.size(), 1U);
  EXPECT_EQ(agents[0].agentId, "ops");
  EXPECT_EQ(agents[0].every, std::chrono::minutes(5));
  EXPECT_EQ(agents[0].prompt, "Check the pager.");
  EXPECT_EQ(agents[0].timeout, std::chrono::seconds(45));
  EXPECT_EQ(agents[0].target, "last");  // "owner" reads as "last"
  EXPECT_EQ(agents[0].to, "42");
  EXPECT_EQ(agents[0].ackMaxChars, 10U);
}

TEST(HeartbeatConfig, ZeroTurnsTheCadenceOffAndBareNumbersCountMinutes) {
  auto agents =
      heartbeatAgents(settingsOf({{"defaults", {{"heartbeat", {{"every", "0m"}}}}}}), "main");
  ASSERT_EQ(agents.size(), 1U);
  EXPECT_EQ(agents[0].every.count(), 0);
  agents = heartbeatAgents(settingsOf({{"defaults", {{"heartbeat", {{"every", "5"}}}}}}), "main");
  EXPECT_EQ(agents[0].every, std::chrono::minutes(5));
}

TEST(HeartbeatConfig, BadValuesAreRefusedNamingTheKey) {
  const auto withDefaults = [](json heartbeat) {
    return resolveError({{"defaults", {{"heartbeat", std::move(heartbeat)}}}});
  };
  EXPECT_NE(withDefaults({{"every", "soon"}}).find("every"), std::string::npos);
  EXPECT_NE(withDefaults({{"every", 30}}).find("every: must be a string"), std::string::npos);
  EXPECT_NE(withDefaults({{"ackMaxChars", -1}}).find("ackMaxChars"), std::string::npos);
  EXPECT_NE(withDefaults({{"activeHours", {{"start", "25:00"}}}}).find("start"), std::string::npos);
  EXPECT_NE(withDefaults({{"activeHours", {{"start", "24:00"}}}}).find("start"),
            std::string::npos);  // 24:00 ends a window, never starts one
  EXPECT_NE(withDefaults({{"activeHours", {{"end", "9:00"}}}}).find("end"), std::string::npos);
  EXPECT_NE(withDefaults("30m").find("heartbeat: must be an object"), std::string::npos);
  EXPECT_NE(resolveError({{"entries", {{"ops", {{"heartbeat", {{"target", 5}}}}}}}}).find("target"),
            std::string::npos);
  EXPECT_EQ(withDefaults({{"activeHours", {{"start", "00:00"}, {"end", "24:00"}}}}), "(no error)");
}

}  // namespace
}  // namespace openclaw::automation
