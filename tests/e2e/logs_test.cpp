// logs.tail over the wire and `openclaw logs` against the gateway's real log file.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class Logs : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  // Polls logs.tail from `cursor` (moving it on) until a line containing `needle` arrived or
  // the deadline passed; appends every line read to `lines`.
  static bool tailUntil(client::GatewayClient& client, json& cursor,
                        std::vector<std::string>& lines, const std::string& needle) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      json params = json::object();
      if (!cursor.is_null()) params["cursor"] = cursor;
      const json tail = client.call("logs.tail", params);
      cursor = tail.at("cursor");
      bool found = false;
      for (const json& line : tail.at("lines")) {
        lines.push_back(line.get<std::string>());
        found = found || contains(lines.back(), needle);
      }
      if (found) return true;
      client.nextEvent(50ms);  // the file sink writes asynchronously
    }
    return false;
  }

  std::vector<std::string> target() const {
    return {"--url", gateway.url(), "--token", GatewayProcess::kToken};
  }

  GatewayProcess gateway;
};

TEST_F(Logs, TailReturnsLoggedLinesAndTheCursorContinuesWithoutRepeats) {
  auto client = gateway.connect();
  json cursor;
  std::vector<std::string> lines;
  ASSERT_TRUE(tailUntil(client, cursor, lines, "listening on"));
  const json first = client.call("logs.tail", {{"limit", 1}});
  EXPECT_EQ(first.at("file"), gateway.logFile().string());
  EXPECT_EQ(first.at("lines").size(), 1u);
  EXPECT_GE(first.at("size"), first.at("cursor"));
  const json record = json::parse(lines.front());
  for (const char* field : {"time", "level", "subsystem", "msg"}) {
    EXPECT_TRUE(record.contains(field)) << field;
  }
  // What upstream's readers (the Control UI's logs view, `openclaw logs`) show.
  const json listening = json::parse(*std::find_if(
      lines.begin(), lines.end(), [](auto& line) { return contains(line, "listening on"); }));
  EXPECT_TRUE(contains(listening.at("message"), "listening on"));
  EXPECT_EQ(listening.at("message"), listening.at("msg"));
  EXPECT_EQ(listening.at("_meta").at("logLevelName"), "INFO");
  EXPECT_EQ(listening.at("_meta").at("date"), listening.at("time"));

  auto options = gateway.clientOptions();
  options.client.version = "tail-marker";
  client::GatewayClient other(options);
  other.connect();
  ASSERT_TRUE(tailUntil(client, cursor, lines, "vtail-marker"));
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& line) { return contains(line, "listening on"); }),
            1);
  const json again = client.call("logs.tail", {{"cursor", cursor}});
  EXPECT_EQ(again.at("reset"), false);
  for (const json& line : again.at("lines")) {
    EXPECT_FALSE(contains(line.get<std::string>(), "vtail-marker")) << line;
  }
}

TEST_F(Logs, TheLogFileIsReadableByItsOwnerOnly) {
  auto client = gateway.connect();
  json cursor;
  std::vector<std::string> lines;
  ASSERT_TRUE(tailUntil(client, cursor, lines, "listening on"));
  const auto permissions = std::filesystem::status(gateway.logFile()).permissions();
  EXPECT_EQ(permissions & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_F(Logs, CursorBeyondTheFileResets) {
  auto client = gateway.connect();
  const json tail = client.call("logs.tail", {{"cursor", 1'000'000'000}});
  EXPECT_EQ(tail.at("reset"), true);
  EXPECT_LE(tail.at("cursor"), tail.at("size"));
}

TEST_F(Logs, BadParamsAreInvalidRequest) {
  auto client = gateway.connect();
  for (const json& params : {json{{"limit", 0}}, json{{"limit", 5001}}, json{{"maxBytes", 0}},
                             json{{"maxBytes", 1'000'001}}, json{{"cursor", -1}},
                             json{{"cursor", "10"}}, json{{"follow", true}}}) {
    const json response = client.request("logs.tail", params);
    EXPECT_EQ(response.at("ok"), false) << params;
    EXPECT_EQ(response.at("error").at("code"), "INVALID_REQUEST") << params;
  }
}

TEST_F(Logs, ReadScopeIsEnough) {
  auto options = gateway.clientOptions();
  options.scopes = {"operator.read"};
  client::GatewayClient reader(options);
  reader.connect();
  EXPECT_TRUE(reader.call("logs.tail").at("lines").is_array());

  options.scopes = {};
  client::GatewayClient nobody(options);
  nobody.connect();
  EXPECT_EQ(nobody.request("logs.tail").at("error").at("code"), "FORBIDDEN");
}

TEST_F(Logs, CliPrintsRecordsAsJsonOrHumanLines) {
  auto args = target();
  args.insert(args.begin(), {"logs", "--json"});
  auto result = runCli(args, gateway.home().path());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  std::istringstream out(result.out);
  bool sawListening = false;
  for (std::string line; std::getline(out, line);) {
    const json record = json::parse(line);
    EXPECT_TRUE(record.is_object()) << line;
    sawListening = sawListening || contains(record.value("msg", ""), "listening on");
  }
  EXPECT_TRUE(sawListening) << result.out;

  args.erase(args.begin() + 1);  // no --json
  result = runCli(args, gateway.home().path());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(contains(result.out, " info [gateway] listening on ws://")) << result.out;
}

TEST_F(Logs, FollowPrintsLinesLoggedAfterItStarted) {
  auto args = target();
  args.insert(args.begin(), {"logs", "--follow", "--interval", "50"});
  CliProcess follow(args, gateway.home().path());
  ASSERT_TRUE(follow.waitForOutput("listening on", 10s)) << follow.output();

  auto options = gateway.clientOptions();
  options.client.version = "follow-marker";
  client::GatewayClient other(options);
  other.connect();
  EXPECT_TRUE(follow.waitForOutput("vfollow-marker", 10s)) << follow.output();
}

}  // namespace
}  // namespace openclaw::e2e
