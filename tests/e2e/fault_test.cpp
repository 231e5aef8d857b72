// Bounded load and fault tests on loopback: floods of silent or oversized connections, bursts of
// bad tokens, and SIGKILL at arbitrary moments. Each stops by itself; the gateway must keep
// serving everyone else and come back with a consistent state directory.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <functional>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "auth/device_identity.h"
#include "gateway_process.h"
#include "scripted_provider.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TEST(Fault, SilentConnectionFloodIsShedAtTheHandshakeDeadline) {
  GatewayProcess gateway(json{{"gateway", {{"limits", {{"handshakeTimeoutMs", 1000}}}}}});
  gateway.start();
  std::vector<client::GatewayClient> silent;
  for (int i = 0; i < 200; ++i) {
    silent.emplace_back(gateway.clientOptions());
    silent.back().open();  // upgraded, challenge received, then nothing
  }
  // Everyone else is still served while the flood holds its sockets open.
  auto client = gateway.connect();
  EXPECT_EQ(client.call("health").at("ok"), true);
  // And every silent socket is closed by the deadline, not left to pile up.
  for (auto& socket : silent) EXPECT_EQ(socket.waitClosed(10s).reason, "handshake timeout");
  EXPECT_EQ(client.call("health").at("ok"), true);
}

TEST(Fault, OversizedFrameFloodClosesOnlyTheOffenders) {
  GatewayProcess gateway;
  gateway.start();
  auto bystander = gateway.connect();
  std::vector<client::GatewayClient> offenders;
  for (int i = 0; i < 20; ++i) {
    offenders.emplace_back(gateway.clientOptions());
    offenders.back().open();
    offenders.back().sendText(std::string(200 * 1024, 'x'));
  }
  for (auto& offender : offenders) EXPECT_EQ(offender.waitClosed(10s).code, 1009);
  EXPECT_EQ(bystander.call("health").at("ok"), true);
}

TEST(Fault, BadTokenBurstHitsTheRateLimitAndStaysLimited) {
  GatewayProcess gateway(json{{"gateway",
                               {{"auth",
                                 {{"rateLimit",
                                   {{"maxAttempts", 5},
                                    {"windowMs", 60000},
                                    {"lockoutMs", 60000},
                                    {"exemptLoopback", false}}}}}}}});
  gateway.start();
  auto wrong = gateway.clientOptions();
  wrong.token = "guess";
  int mismatches = 0;
  int limited = 0;
  for (int attempt = 0; attempt < 50; ++attempt) {
    client::GatewayClient client(wrong);
    try {
      client.connect();
    } catch (const client::RequestRejected& error) {
      const std::string code = error.error().details.at("code");
      mismatches += code == "AUTH_TOKEN_MISMATCH";
      limited += code == "AUTH_RATE_LIMITED";
    }
  }
  EXPECT_EQ(mismatches, 5);  // the guesses compared before the lockout
  EXPECT_EQ(limited, 45);    // everything after it is refused without comparing
  client::GatewayClient right(gateway.clientOptions());
  EXPECT_THROW(right.connect(), client::RequestRejected);  // the right token too, while locked
}

// Writes a token-auth config (merge-patched with `extra`) into `home`'s default state dir;
// returns the environment that makes the gateway use it (restarts reuse the same state).
std::map<std::string, std::string> homeWithTokenConfig(const TempHome& home,
                                                       const json& extra = json::object()) {
  json config = {
      {"gateway",
       {{"mode", "local"}, {"auth", {{"mode", "token"}, {"token", GatewayProcess::kToken}}}}},
      {"logging", {{"file", (home.path() / "gateway.log").string()}}}};
  config.merge_patch(extra);
  home.write(".openclaw/openclaw.json", config.dump());
  return {{"HOME", home.path().string()}};
}

// Runs PRAGMA integrity_check on the database and returns its answer ("ok" when consistent).
std::string integrityOf(const std::filesystem::path& database) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open";
  }
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr);
  std::string answer = sqlite3_step(statement) == SQLITE_ROW
                           ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))
                           : "no answer";
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return answer;
}

TEST(Fault, SigkillAtAnyMomentLeavesAStateDirTheNextStartAccepts) {
  TempHome home;
  const auto env = homeWithTokenConfig(home);
  std::mt19937 random(20261121);
  for (int round = 0; round < 12; ++round) {
    GatewayProcess gateway(nullptr, {"--port", "0"}, env);
    // Half the rounds die before the gateway even reports listening (lock, database open,
    // migrations), the other half while serving.
    if (round % 2 == 0) {
      gateway.start();
      auto client = gateway.connect();
      client.call("system-event", {{"text", "round " + std::to_string(round)}});
    } else {
      gateway.launch();
      // Fault injection, not synchronisation: kill at a random moment of start-up.
      std::this_thread::sleep_for(std::chrono::milliseconds(random() % 40));
    }
    EXPECT_EQ(gateway.stop(SIGKILL), 128 + SIGKILL);
  }
  GatewayProcess survivor(nullptr, {"--port", "0"}, env);
  survivor.start();  // the lock is free again and the database opens and migrates
  auto client = survivor.connect();
  EXPECT_EQ(client.call("health").at("ok"), true);
  EXPECT_EQ(integrityOf(home.path() / ".openclaw" / "openclaw.db"), "ok");
}

// A device whose pairing the gateway acknowledged (hello-ok carried its token).
struct AcknowledgedDevice {
  std::shared_ptr<const auth::DeviceIdentity> identity;
  std::string token;
};

// `rounds` lives of a gateway on `env`: each one starts, `write` works through it, and a
// SIGKILL at a random moment of that work ends it (fault injection, not synchronisation: the
// delay only spreads where the kill lands). `write` stops once its calls start failing.
void killDuringWrites(const std::map<std::string, std::string>& env, int rounds, std::uint32_t seed,
                      std::uint32_t maxDelayMs, const std::function<void(GatewayProcess&)>& write) {
  std::mt19937 random(seed);
  for (int round = 0; round < rounds; ++round) {
    GatewayProcess gateway(nullptr, {"--port", "0"}, env);
    gateway.start();
    const pid_t pid = gateway.pid();
    {
      // Joined on every way out of this block, a failing `write` included.
      const std::jthread killer(
          [pid, delay = std::chrono::milliseconds(20 + random() % maxDelayMs)] {
            std::this_thread::sleep_for(delay);
            ::kill(pid, SIGKILL);
          });
      write(gateway);
    }
    EXPECT_EQ(gateway.waitExit(10s), 128 + SIGKILL);
  }
}

TEST(Fault, SigkillDuringPairingWritesLosesNoAcknowledgedDevice) {
  TempHome home;
  const auto env = homeWithTokenConfig(home);
  std::vector<AcknowledgedDevice> acknowledged;
  killDuringWrites(env, 8, 20261122, 200, [&](GatewayProcess& gateway) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      auto options = gateway.clientOptions();
      options.client.id = "openclaw-macos";
      options.client.mode = "ui";
      options.scopes = {"operator.read"};
      options.device =
          std::make_shared<const auth::DeviceIdentity>(auth::DeviceIdentity::generate());
      try {
        client::GatewayClient client(options);
        const json hello = client.connect();
        acknowledged.push_back({options.device, hello.at("auth").at("deviceToken")});
      } catch (const std::exception&) {
        break;  // killed mid-pairing: this one was never acknowledged
      }
    }
  });
  ASSERT_FALSE(acknowledged.empty());
  GatewayProcess survivor(nullptr, {"--port", "0"}, env);
  survivor.start();
  EXPECT_EQ(integrityOf(home.path() / ".openclaw" / "openclaw.db"), "ok");
  // Every device that got a token before a kill is still paired and its token still works.
  for (const AcknowledgedDevice& device : acknowledged) {
    auto options = survivor.clientOptions();
    options.client.id = "openclaw-macos";
    options.client.mode = "ui";
    options.scopes = {"operator.read"};
    options.token.reset();
    options.device = device.identity;
    options.deviceToken = device.token;
    client::GatewayClient client(options);
    EXPECT_EQ(client.connect().at("auth").at("role"), "operator");
  }
}

TEST(Fault, SigkillDuringAgentRunsLosesNoAcknowledgedMessage) {
  testsupport::ScriptedProvider provider;
  TempHome home;
  const auto env = homeWithTokenConfig(home, provider.gatewayConfig());
  // Each run streams for about 2 s, so every kill below lands while one is running.
  testsupport::ScriptedReply slow =
      testsupport::ScriptedReply::text(std::vector<std::string>(100, "word "));
  slow.chunkDelay = 20ms;
  std::vector<std::string> acknowledged;
  int round = 0;
  killDuringWrites(env, 6, 20261123, 250, [&](GatewayProcess& gateway) {
    for (int i = 0; i < 3; ++i) provider.enqueue(slow);
    std::optional<client::GatewayClient> client;
    try {
      client.emplace(gateway.connect());
    } catch (const std::exception&) {
      ++round;
      return;  // killed before the handshake finished: nothing was sent
    }
    for (int send = 0; send < 15; ++send) {
      const std::string text =
          "round " + std::to_string(round) + " message " + std::to_string(send);
      try {
        const json ack = client->call(
            "chat.send",
            {{"sessionKey", "main"},
             {"message", text},
             {"idempotencyKey", "r" + std::to_string(round) + "-" + std::to_string(send)}});
        if (ack.value("status", "") == "started") acknowledged.push_back(text);
      } catch (const std::exception&) {
        break;  // killed: this one was never acknowledged
      }
    }
    ++round;
  });
  ASSERT_FALSE(acknowledged.empty());
  GatewayProcess survivor(nullptr, {"--port", "0"}, env);
  survivor.start();
  EXPECT_EQ(integrityOf(home.path() / ".openclaw" / "openclaw.db"), "ok");
  auto client = survivor.connect();
  const json messages =
      client.call("chat.history", {{"sessionKey", "main"}, {"limit", 1000}}).at("messages");
  std::vector<std::string> userTexts;
  for (const json& message : messages) {
    if (message.at("role") == "user") userTexts.push_back(message.at("content").at(0).at("text"));
  }
  for (const std::string& text : acknowledged) {
    EXPECT_NE(std::find(userTexts.begin(), userTexts.end(), text), userTexts.end())
        << "acknowledged but lost: " << text;
  }
}

}  // namespace
}  // namespace openclaw::e2e
