// The Slack channel end to end: the real gateway binary, a local fake Slack
// (tests/support/fake_slack: Web API, Socket Mode WebSocket, file hosting) and the scripted
// model server. Messages arrive as Socket Mode envelopes or signed Events API POSTs, replies
// leave through chat.postMessage.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "auth/base64url.h"
#include "channels/slack/slack_signature.h"
#include "curl_request.h"
#include "fake_slack.h"
#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using testsupport::FakeSlack;
using testsupport::ScriptedProvider;
using testsupport::ScriptedReply;
using namespace std::chrono_literals;

constexpr const char* kUser = "U2147483697";
constexpr const char* kDm = "D024BE91L";
constexpr auto kDeadline = 20s;

const json kOpenDms = {{"dmPolicy", "open"}, {"allowFrom", {"*"}}};

json gatewayConfig(const ScriptedProvider& provider, const FakeSlack& slack,
                   const json& extra = json::object()) {
  json block = {{"botToken", FakeSlack::kBotToken},
                {"appToken", FakeSlack::kAppToken},
                {"apiRoot", slack.apiRoot()}};
  block.merge_patch(extra);
  json config = provider.gatewayConfig();
  config["channels"] = {{"slack", block}};
  return config;
}

json httpMode(const json& extra = kOpenDms) {
  json block = {{"mode", "http"}, {"signingSecret", FakeSlack::kSigningSecret}};
  block.merge_patch(extra);
  return block;
}

json slackAccount(client::GatewayClient& client, const std::string& accountId = "default") {
  const json status = client.call("channels.status");
  for (const json& account : status.at("channelAccounts").at("slack")) {
    if (account.at("accountId") == accountId) return account;
  }
  return nullptr;
}

bool postsArrived(const FakeSlack& slack, std::size_t count) {
  return slack.waitForPosted(count, kDeadline).size() >= count;
}

// Waits until the account reports connected (Socket Mode `hello` or auth.test in http mode).
bool linked(GatewayProcess& gateway, const std::string& accountId = "default") {
  auto client = gateway.connect();
  const auto until = std::chrono::steady_clock::now() + kDeadline;
  while (std::chrono::steady_clock::now() < until) {
    const json account = slackAccount(client, accountId);
    if (account.is_object() && account.value("connected", false)) return true;
    waitForEvent(
        client, [](const json& event) { return event.value("event", "") == "health"; }, 2s);
  }
  return false;
}

// A signed Events API POST to the gateway, as Slack sends it; `secret` "" sends no signature,
// `skew` moves the timestamp.
testsupport::CurlReply postEvent(int port, const json& body, const std::string& secret,
                                 std::chrono::seconds skew = 0s,
                                 const std::string& path = "/slack/events") {
  const std::string text = body.dump();
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()) +
                   skew;
  const std::string timestamp = std::to_string(now.count());
  testsupport::CurlRequest request;
  request.method = "POST";
  request.path = path;
  request.body = text;
  request.headers = {"Content-Type: application/json", "X-Slack-Request-Timestamp: " + timestamp};
  if (!secret.empty()) {
    request.headers.push_back("X-Slack-Signature: " +
                              channels::slack::slackSignature(secret, timestamp, text));
  }
  return testsupport::curl(port, request);
}

json callback(const json& event, const std::string& eventId) {
  return {{"type", "event_callback"},
          {"team_id", "T0001"},
          {"event_id", eventId},
          {"event_time", 1700000000},
          {"event", event}};
}

TEST(SlackChannel, SocketModeDirectMessageGetsAReply) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::text({"Hello ", "from the agent"}));
  GatewayProcess gateway(gatewayConfig(provider, slack, kOpenDms));
  gateway.start();
  const std::string envelope = slack.pushEvent(slack.messageEvent(kDm, kUser, "hi bot"));
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();
  const json posted = slack.posted().at(0);
  EXPECT_EQ(posted.at("channel"), kDm);
  EXPECT_EQ(posted.at("text"), "Hello from the agent");
  EXPECT_EQ(posted.at("token"), FakeSlack::kBotToken);
  EXPECT_FALSE(posted.contains("thread_ts"));
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"hi bot"});
  EXPECT_TRUE(slack.waitForAck(envelope, kDeadline));
  EXPECT_EQ(slack.unacknowledged(), 0u);
  EXPECT_EQ(slack.calls("apps.connections.open").at(0).token, FakeSlack::kAppToken);

  auto client = gateway.connect();
  const json account = slackAccount(client);
  EXPECT_EQ(account.at("connected"), true);
  EXPECT_EQ(account.at("mode"), "socket");
  EXPECT_EQ(client.call("health").at("channelLabels").at("slack"), "Slack");
}

TEST(SlackChannel, UnknownUserIsPairedBeforeGettingATurn) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::text({"welcome aboard"}));
  GatewayProcess gateway(gatewayConfig(provider, slack));
  gateway.start();
  slack.pushEvent(slack.messageEvent(kDm, kUser, "let me in"));
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();
  const std::string codeText = slack.posted().at(0).at("text");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(codeText, match, std::regex("Pairing code: ([A-Z2-9]{8})")))
      << codeText;
  const std::string code = match[1];
  EXPECT_TRUE(provider.requests().empty());
  const CommandResult approved = runCli({"pairing", "approve", "slack", code, "--url",
                                         gateway.url(), "--token", GatewayProcess::kToken},
                                        gateway.home().path());
  ASSERT_EQ(approved.exitCode, 0) << approved.err << approved.out;
  slack.pushEvent(slack.messageEvent(kDm, kUser, "now?"));
  ASSERT_TRUE(postsArrived(slack, 2)) << gateway.output();
  EXPECT_EQ(slack.posted().at(1).at("text"), "welcome aboard");
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"now?"});
}

TEST(SlackChannel, ChannelsAnswerMentionsAndThreadsReplyInTheThread) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::text({"channel answer"}));
  provider.enqueue(ScriptedReply::text({"thread answer"}));
  json config = kOpenDms;
  config["groups"] = {{"C0CHAN", json::object()}};
  GatewayProcess gateway(gatewayConfig(provider, slack, config));
  gateway.start();
  slack.pushEvent(slack.messageEvent("C0CHAN", kUser, "just chatting", "channel"));
  slack.pushEvent(
      slack.messageEvent("C0OTHER", kUser, "<@UBOT> not an allowed channel", "channel"));
  const json mention = slack.messageEvent("C0CHAN", kUser, "<@UBOT> help me", "channel");
  slack.pushEvent(mention);
  // Slack also sends app_mention for the same message: one turn, not two.
  json appMention = mention;
  appMention["type"] = "app_mention";
  appMention.erase("channel_type");
  slack.pushEvent(appMention);
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();
  EXPECT_EQ(slack.posted().at(0).at("channel"), "C0CHAN");
  EXPECT_EQ(slack.posted().at(0).at("text"), "channel answer");
  EXPECT_FALSE(slack.posted().at(0).contains("thread_ts"));

  const std::string root = mention.at("ts");
  slack.pushEvent(
      slack.messageEvent("C0CHAN", kUser, "<@UBOT> and in the thread?", "channel", root));
  ASSERT_TRUE(postsArrived(slack, 2)) << gateway.output();
  EXPECT_EQ(slack.posted().at(1).at("thread_ts"), root);
  EXPECT_EQ(slack.posted().at(1).at("text"), "thread answer");
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"help me", "and in the thread?"}));

  auto client = gateway.connect();
  const json sessions = client.call("sessions.list");
  std::vector<std::string> keys;
  for (const json& session : sessions.at("sessions")) keys.push_back(session.at("key"));
  EXPECT_NE(std::find(keys.begin(), keys.end(), "agent:main:slack:channel:c0chan"), keys.end())
      << sessions.dump();
  EXPECT_NE(std::find(keys.begin(), keys.end(), "agent:main:slack:channel:c0chan:thread:" + root),
            keys.end())
      << sessions.dump();
}

TEST(SlackChannel, RateLimitedPostWaitsForRetryAfter) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::text({"eventually"}));
  slack.rateLimitPosts(1, 1);
  GatewayProcess gateway(gatewayConfig(provider, slack, kOpenDms));
  gateway.start();
  slack.pushEvent(slack.messageEvent(kDm, kUser, "hello"));
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();
  EXPECT_EQ(slack.posted().at(0).at("text"), "eventually");
  EXPECT_EQ(slack.calls("chat.postMessage").size(), 2u);
}

TEST(SlackChannel, LongRepliesAreSplitAtTheChunkLimit) {
  ScriptedProvider provider;
  FakeSlack slack;
  std::string longText;
  while (longText.size() < 2500) longText += "word" + std::to_string(longText.size()) + " ";
  provider.enqueue(ScriptedReply::text({longText}));
  json config = kOpenDms;
  config["textChunkLimit"] = 1000;
  GatewayProcess gateway(gatewayConfig(provider, slack, config));
  gateway.start();
  slack.pushEvent(slack.messageEvent(kDm, kUser, "write a lot"));
  ASSERT_TRUE(postsArrived(slack, 3)) << gateway.output();
  std::string joined;
  for (const json& posted : slack.posted()) {
    EXPECT_LE(posted.at("text").get<std::string>().size(), 1000u);
    joined += posted.at("text").get<std::string>();
  }
  EXPECT_EQ(joined, longText);
}

TEST(SlackChannel, DisconnectEnvelopeReconnectsWithoutLosingOrRepeating) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::text({"first"}));
  provider.enqueue(ScriptedReply::text({"second"}));
  provider.enqueue(ScriptedReply::text({"third"}));
  GatewayProcess gateway(gatewayConfig(provider, slack, kOpenDms));
  gateway.start();
  slack.pushEvent(slack.messageEvent(kDm, kUser, "one"));
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();

  slack.sendDisconnect("refresh_requested");
  slack.pushEvent(slack.messageEvent(kDm, kUser, "two"));  // lands on whichever is open
  ASSERT_TRUE(slack.waitForConnections(2, kDeadline)) << gateway.output();
  ASSERT_TRUE(postsArrived(slack, 2)) << gateway.output();

  slack.dropConnections();  // a network failure: reconnect after a backoff
  slack.pushEvent(slack.messageEvent(kDm, kUser, "three"));  // queued until then
  ASSERT_TRUE(slack.waitForConnections(3, kDeadline)) << gateway.output();
  ASSERT_TRUE(postsArrived(slack, 3)) << gateway.output();
  EXPECT_EQ(provider.userPrompts(), (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(slack.posted().size(), 3u);
  EXPECT_EQ(slack.unacknowledged(), 0u);
}

TEST(SlackChannel, CrashAfterAcknowledgingRunsTheTurnOnceAfterRestart) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::hanging());  // the turn is under way when the gateway dies
  GatewayProcess gateway(gatewayConfig(provider, slack, kOpenDms));
  gateway.start();
  const std::string envelope = slack.pushEvent(slack.messageEvent(kDm, kUser, "survive this"));
  ASSERT_TRUE(slack.waitForAck(envelope, kDeadline)) << gateway.output();
  ASSERT_TRUE(provider.waitForRequests(1, kDeadline));
  gateway.stop(SIGKILL);

  provider.enqueue(ScriptedReply::text({"made it"}));
  gateway.start();
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();
  EXPECT_EQ(slack.posted().at(0).at("text"), "made it");
  ASSERT_EQ(gateway.stop(SIGTERM), 0) << gateway.output();
  gateway.start();
  ASSERT_TRUE(slack.waitForConnections(3, kDeadline));
  ASSERT_TRUE(linked(gateway));
  EXPECT_EQ(slack.posted().size(), 1u);
  EXPECT_EQ(provider.userPrompts().size(), 2u);  // the interrupted call and the completed one
}

TEST(SlackChannel, TwoAccountsAndARevokedTokenThatStopsOnlyItsOwn) {
  ScriptedProvider provider;
  FakeSlack slack;
  slack.addApp("xoxb-second-bot", "xapp-second-app", "UBOT2");
  provider.enqueue(ScriptedReply::text({"from the first"}));
  provider.enqueue(ScriptedReply::text({"from the second"}));
  provider.enqueue(ScriptedReply::text({"never sent"}));
  provider.enqueue(ScriptedReply::text({"first still works"}));
  json block = kOpenDms;
  block["accounts"] = {
      {"default", json::object()},
      {"second", {{"botToken", "xoxb-second-bot"}, {"appToken", "xapp-second-app"}}}};
  GatewayProcess gateway(gatewayConfig(provider, slack, block));
  gateway.start();
  ASSERT_TRUE(linked(gateway, "default"));
  ASSERT_TRUE(linked(gateway, "second"));
  slack.pushEvent(slack.messageEvent(kDm, kUser, "to one"));
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();
  slack.pushEvent(slack.messageEvent("D0SECOND", kUser, "to two"), "xapp-second-app");
  ASSERT_TRUE(postsArrived(slack, 2)) << gateway.output();
  EXPECT_EQ(slack.posted().at(0).at("token"), FakeSlack::kBotToken);
  EXPECT_EQ(slack.posted().at(1).at("token"), "xoxb-second-bot");
  EXPECT_EQ(slack.posted().at(1).at("channel"), "D0SECOND");

  slack.revoke("xoxb-second-bot");
  slack.pushEvent(slack.messageEvent("D0SECOND", kUser, "again"), "xapp-second-app");
  ASSERT_TRUE(provider.waitForRequests(3, kDeadline));
  ASSERT_TRUE(gateway.waitForOutput("token_revoked", kDeadline)) << gateway.output();
  auto client = gateway.connect();
  const json second = slackAccount(client, "second");
  EXPECT_EQ(second.at("connected"), false);
  EXPECT_NE(second.at("lastError").get<std::string>().find("token_revoked"), std::string::npos)
      << second.dump();
  const json refused = client.request("send", {{"to", "D0SECOND"},
                                               {"message", "x"},
                                               {"channel", "slack"},
                                               {"accountId", "second"},
                                               {"idempotencyKey", "k-revoked"}});
  EXPECT_EQ(refused.at("error").at("code"), "NOT_LINKED") << refused.dump();

  slack.pushEvent(slack.messageEvent(kDm, kUser, "still there?"));
  ASSERT_TRUE(postsArrived(slack, 3)) << gateway.output();
  EXPECT_EQ(slack.posted().at(2).at("text"), "first still works");
  EXPECT_EQ(slackAccount(client, "default").at("connected"), true);
}

TEST(SlackChannel, HttpModeVerifiesSignaturesAndAnswersOnceJournaled) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::text({"via events api"}));
  GatewayProcess gateway(gatewayConfig(provider, slack, httpMode()));
  gateway.start();
  ASSERT_TRUE(linked(gateway));

  const auto challenge =
      postEvent(gateway.port(), {{"type", "url_verification"}, {"challenge", "3eZbrw1aB"}},
                FakeSlack::kSigningSecret);
  EXPECT_EQ(challenge.status, 200);
  EXPECT_EQ(challenge.parsed().at("challenge"), "3eZbrw1aB");

  const json body = callback(slack.messageEvent(kDm, kUser, "pushed to you"), "Ev1");
  EXPECT_EQ(postEvent(gateway.port(), body, "").status, 401);
  EXPECT_EQ(postEvent(gateway.port(), body, "wrong-secret").status, 401);
  EXPECT_EQ(postEvent(gateway.port(), body, FakeSlack::kSigningSecret, -400s).status, 401);
  EXPECT_EQ(postEvent(gateway.port(), body, FakeSlack::kSigningSecret, 400s).status, 401);
  EXPECT_TRUE(provider.requests().empty());

  EXPECT_EQ(postEvent(gateway.port(), body, FakeSlack::kSigningSecret).status, 200);
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();
  EXPECT_EQ(slack.posted().at(0).at("text"), "via events api");
  // Slack retrying the same event (or replaying it) is acknowledged but not processed again.
  EXPECT_EQ(postEvent(gateway.port(), body, FakeSlack::kSigningSecret).status, 200);
  EXPECT_EQ(postEvent(gateway.port(), callback(body.at("event"), "Ev2"), FakeSlack::kSigningSecret)
                .status,
            200);
  EXPECT_EQ(provider.userPrompts(), std::vector<std::string>{"pushed to you"});
  EXPECT_TRUE(slack.calls("apps.connections.open").empty());

  testsupport::CurlRequest garbage;
  garbage.method = "POST";
  garbage.path = "/slack/events";
  garbage.body = std::string(2 * 1024 * 1024, '[');
  EXPECT_EQ(testsupport::curl(gateway.port(), garbage).status, 413);

  auto client = gateway.connect();
  EXPECT_EQ(slackAccount(client).at("mode"), "http");
}

// A config edit switches the running app between transports; an edit that cannot work is not
// applied and shows as lastError while the account keeps running.
TEST(SlackChannel, ConfigEditsSwitchTransportsOrAreRefused) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::text({"over socket mode"}));
  provider.enqueue(ScriptedReply::text({"over http"}));
  GatewayProcess gateway(gatewayConfig(provider, slack, kOpenDms));
  gateway.start();
  ASSERT_TRUE(linked(gateway));
  auto client = gateway.connect();

  gateway.editConfig({{"channels", {{"slack", {{"mode", "http"}}}}}});
  const std::string error =
      "config: channels.slack.signingSecret: is required when mode is \"http\": Slack signs "
      "every request with it";
  ASSERT_TRUE(gateway.waitForOutput(error, kDeadline)) << gateway.output();
  EXPECT_EQ(slackAccount(client).at("lastError"), error);
  EXPECT_EQ(slackAccount(client).at("mode"), "socket");
  slack.pushEvent(slack.messageEvent(kDm, kUser, "still socket?"));
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();

  gateway.editConfig(
      {{"channels",
        {{"slack", {{"mode", "http"}, {"signingSecret", FakeSlack::kSigningSecret}}}}}});
  ASSERT_TRUE(gateway.waitForOutput("config reloaded: applied channels", kDeadline, 2))
      << gateway.output();
  ASSERT_TRUE(linked(gateway));
  EXPECT_EQ(slackAccount(client).at("mode"), "http");
  const json body = callback(slack.messageEvent(kDm, kUser, "now over http"), "Ev9");
  EXPECT_EQ(postEvent(gateway.port(), body, FakeSlack::kSigningSecret).status, 200);
  ASSERT_TRUE(postsArrived(slack, 2)) << gateway.output();
  EXPECT_EQ(slack.posted().at(1).at("text"), "over http");
}

TEST(SlackChannel, InboundFilesAreSavedOrNamedInTheTurn) {
  ScriptedProvider provider;
  FakeSlack slack;
  provider.enqueue(ScriptedReply::text({"nice picture"}));
  slack.addFile("photo.png", "\x89PNG fake image bytes");
  GatewayProcess gateway(gatewayConfig(provider, slack, kOpenDms));
  gateway.start();
  json event = slack.messageEvent(kDm, kUser, "look at this");
  event["subtype"] = "file_share";
  event["files"] = {
      {{"id", "F1"},
       {"name", "photo.png"},
       {"mimetype", "image/png"},
       {"size", 22},
       {"url_private", slack.fileUrl("photo.png")}},
      {{"id", "F2"},
       {"name", "gone.pdf"},
       {"mimetype", "application/pdf"},
       {"url_private", slack.fileUrl("gone.pdf")}},
      {{"id", "F3"}, {"name", "elsewhere.txt"}, {"url_private", "https://attacker.example/steal"}}};
  slack.pushEvent(event);
  ASSERT_TRUE(postsArrived(slack, 1)) << gateway.output();
  // The image was saved under the workspace's media folder.
  bool saved = false;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(gateway.home().path())) {
    if (!entry.is_regular_file() ||
        entry.path().filename().string().find("photo") == std::string::npos) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    saved = saved || bytes.str() == "\x89PNG fake image bytes";
  }
  EXPECT_TRUE(saved);
  const std::string prompt = provider.userPrompts().at(0);
  EXPECT_TRUE(contains(prompt, "look at this")) << prompt;
  EXPECT_TRUE(contains(prompt, "gone.pdf not available")) << prompt;
  EXPECT_TRUE(contains(prompt, "elsewhere.txt not available: not a Slack file URL")) << prompt;
}

// `send` with media uploads the file through Slack's external upload, into the DM it opens for
// a user id (the text goes first, as a message).
TEST(SlackChannel, SendUploadsFiles) {
  ScriptedProvider provider;
  FakeSlack slack;
  GatewayProcess gateway(gatewayConfig(provider, slack, kOpenDms));
  gateway.start();
  ASSERT_TRUE(linked(gateway));
  auto client = gateway.connect();
  const json sent = client.call("send", {{"to", "user:" + std::string(kUser)},
                                         {"message", "here you go"},
                                         {"channel", "slack"},
                                         {"buffer", auth::base64UrlEncode("quarterly numbers")},
                                         {"filename", "report.txt"},
                                         {"idempotencyKey", "media-1"}});
  EXPECT_EQ(sent.at("channel"), "slack");
  ASSERT_EQ(slack.calls("files.completeUploadExternal").size(), 1u);
  const auto complete = slack.calls("files.completeUploadExternal").at(0);
  EXPECT_EQ(complete.params.at("channel_id"), "D" + std::string(kUser));
  EXPECT_EQ(slack.calls("files.getUploadURLExternal").at(0).params.at("filename"), "report.txt");
  ASSERT_EQ(slack.uploads().size(), 1u);
  EXPECT_TRUE(contains(slack.uploads().at(0), "quarterly numbers"));
  EXPECT_EQ(slack.posted().back().at("text"), "here you go");
  EXPECT_EQ(slack.posted().back().at("channel"), "D" + std::string(kUser));
}

}  // namespace
}  // namespace openclaw::e2e
