// The pieces of config writes: redaction, restoring redacted secrets, diffs, array guards, schema.
#include <gtest/gtest.h>

#include "config/config_diff.h"
#include "config/config_redaction.h"
#include "config/config_schema.h"
#include "config/reload_plan.h"

namespace openclaw::config {
namespace {

using nlohmann::json;

const json kStored = {{"gateway", {{"auth", {{"mode", "token"}, {"token", "tok-0123456789"}}}}},
                      {"channels", {{"telegram", {{"botToken", "123:abc"}, {"tokenFile", "/x"}}}}},
                      {"custom", {{"mySecret", "s3cr3t-value"}}}};

TEST(ConfigRedaction, SecretsBySchemaAndByNameAreReplaced) {
  const json redacted = redactConfig(kStored);
  EXPECT_EQ(redacted["gateway"]["auth"]["token"], kRedactedValue);
  EXPECT_EQ(redacted["gateway"]["auth"]["mode"], "token");
  EXPECT_EQ(redacted["channels"]["telegram"]["botToken"], kRedactedValue);
  EXPECT_EQ(redacted["channels"]["telegram"]["tokenFile"], "/x");  // where, not what
  EXPECT_EQ(redacted["custom"]["mySecret"], kRedactedValue);       // unknown key, secret name
}

TEST(ConfigRedaction, RawTextIsRedactedOnlyWhenNothingLeaks) {
  const std::string raw = "{ gateway: { auth: { mode: 'token', token: 'tok-0123456789' } } }";
  const json parsed = {{"gateway", {{"auth", {{"mode", "token"}, {"token", "tok-0123456789"}}}}}};
  const auto text = redactConfigText(raw, parsed);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->find("tok-0123456789"), std::string::npos);
  EXPECT_NE(text->find(kRedactedValue), std::string::npos);
  // The secret repeated in a comment: no safe raw text.
  EXPECT_FALSE(redactConfigText(raw + " // was tok-0123456789", parsed));
}

TEST(ConfigRedaction, RestoreTakesStoredSecretsAndRefusesOrphans) {
  json candidate = redactConfig(kStored);
  candidate["gateway"]["port"] = 1;
  const json restored = restoreRedacted(candidate, kStored);
  EXPECT_EQ(restored["gateway"]["auth"]["token"], "tok-0123456789");
  EXPECT_EQ(restored["channels"]["telegram"]["botToken"], "123:abc");
  candidate["gateway"]["remote"]["token"] = kRedactedValue;
  EXPECT_THROW(restoreRedacted(candidate, kStored), UnrestorableRedaction);
}

TEST(ConfigDiff, ChangedPathsAndArrayRemovals) {
  const json before = {{"a", {{"b", 1}, {"list", {1, 2}}}}, {"gone", true}};
  const json after = {{"a", {{"b", 2}, {"list", {1, 2}}}}, {"new", 1}};
  EXPECT_EQ(changedConfigPaths(before, after), (std::vector<std::string>{"a.b", "gone", "new"}));
  EXPECT_TRUE(changedConfigPaths(before, before).empty());

  EXPECT_EQ(arrayRemovals(before, {{"a", {{"list", {2}}}}}), std::vector<std::string>{"a.list"});
  EXPECT_TRUE(arrayRemovals(before, {{"a", {{"list", {2, 1, 3}}}}}).empty());  // grows only
  EXPECT_EQ(arrayRemovals(before, {{"a", nullptr}}), std::vector<std::string>{"a.list"});
  EXPECT_TRUE(arrayRemovals(before, {{"a", {{"b", nullptr}}}}).empty());
}

TEST(ConfigSchema, LeavesHintsAndSecretPaths) {
  const auto& leaves = configLeafKeys();
  for (const char* key : {"gateway.port", "gateway.auth.token", "models.providers",
                          "agents.defaults.model", "channels.telegram.botToken"}) {
    EXPECT_NE(std::find(leaves.begin(), leaves.end(), key), leaves.end()) << key;
  }
  EXPECT_EQ(configUiHints().at("channels.irc.nickserv.password").at("sensitive"), true);
  EXPECT_TRUE(isSecretConfigPath({"models", "providers", "any", "headers", "Authorization"}));
  EXPECT_FALSE(isSecretConfigPath({"gateway", "auth", "mode"}));
  EXPECT_FALSE(isSecretConfigPath({"channels", "irc", "passwordFile"}));
}

TEST(ReloadAction, ExplicitApplyRestartsWhatWouldStayPending) {
  const ReloadPlan hotOnly{{"logging.level"}, {}};
  const ReloadPlan withRestart{{"logging.level"}, {"gateway.port"}};
  EXPECT_EQ(reloadAction({}, "hybrid", true), ReloadAction::None);
  EXPECT_EQ(reloadAction(hotOnly, "hybrid", false), ReloadAction::Hot);
  EXPECT_EQ(reloadAction(withRestart, "hybrid", false), ReloadAction::Restart);
  EXPECT_EQ(reloadAction(withRestart, "hot", false), ReloadAction::Hot);
  EXPECT_EQ(reloadAction(withRestart, "hot", true), ReloadAction::Restart);
  EXPECT_EQ(reloadAction(hotOnly, "off", false), ReloadAction::None);
  EXPECT_EQ(reloadAction(hotOnly, "off", true), ReloadAction::Restart);
  EXPECT_EQ(reloadAction(hotOnly, "restart", false), ReloadAction::Restart);
}

}  // namespace
}  // namespace openclaw::config
