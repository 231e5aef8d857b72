#include "config/config_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "temp_dir.h"

namespace openclaw::config {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with everything in it.
using testsupport::TempDir;

class ConfigFileTest : public ::testing::Test {
 protected:
  // Writes `text` as openclaw.json and loads it.
  ConfigFile load(const std::string& text) {
    file_ = dir_.write("openclaw.json", text);
    return ConfigFile::load(file_);
  }

  // The what() of the ConfigError that `action` throws, or "" (and a failure) when it does not.
  template <typename Action>
  std::string configError(Action action) {
    try {
      action();
    } catch (const ConfigError& error) {
      return error.what();
    }
    ADD_FAILURE() << "no ConfigError thrown";
    return "";
  }

  // "<file>:" for messages about the loaded file.
  std::string prefix() const { return file_.string() + ":"; }

  TempDir dir_;
  fs::path file_;
};

TEST_F(ConfigFileTest, MissingFileIsAnEmptyObject) {
  const fs::path missing = dir_.path() / "nope.json";
  const ConfigFile config = ConfigFile::load(missing);
  EXPECT_FALSE(config.exists);
  EXPECT_EQ(config.path, missing);
  EXPECT_EQ(config.root, nlohmann::json::object());
  EXPECT_EQ(config.string("/gateway/mode"), std::nullopt);
}

TEST_F(ConfigFileTest, LoadsJson5WithPositions) {
  const ConfigFile config = load("// comment\n{\n  gateway: { port: 9000, mode: 'local' },\n}\n");
  EXPECT_TRUE(config.exists);
  EXPECT_EQ(config.root["gateway"]["port"], 9000);
  EXPECT_EQ(config.integer("/gateway/port", 0, 65535), 9000);
  EXPECT_EQ(config.string("/gateway/mode"), "local");
  const auto port = config.positions.find("/gateway/port");
  ASSERT_NE(port, config.positions.end());
  EXPECT_EQ(port->second, std::make_pair(std::size_t{3}, std::size_t{20}));
}

TEST_F(ConfigFileTest, SyntaxErrorNamesFileLineAndColumn) {
  const std::string message = configError([&] { load("{\n  gateway: {\n    port: 18789,,\n}"); });
  EXPECT_EQ(message, prefix() + "3:17: unexpected character ','");
}

// A hostile config nested 200,000 levels deep is refused with a position, not a stack overflow.
TEST_F(ConfigFileTest, DeepNestingIsASyntaxError) {
  const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
  const std::string message = configError([&] { load("{ gateway: " + deep + " }"); });
  EXPECT_EQ(message, prefix() + "1:139: nested deeper than 128 levels");
}

TEST_F(ConfigFileTest, DirectoryIsReportedAsSuch) {
  try {
    ConfigFile::load(dir_.path());
    FAIL() << "loading a directory should fail";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("it is a directory"), std::string::npos)
        << error.what();
  }
}

TEST_F(ConfigFileTest, EmptyFileIsASyntaxError) {
  const std::string message = configError([&] { load(""); });
  EXPECT_EQ(message, prefix() + "1:1: unexpected end of input");
}

TEST_F(ConfigFileTest, TopLevelMustBeAnObject) {
  const std::string message = configError([&] { load("\n  [1, 2]"); });
  EXPECT_EQ(message, prefix() + "2:3: the top level must be an object ({ ... })");
  EXPECT_NE(configError([&] { load("'text'"); }).find("the top level must be an object"),
            std::string::npos);
}

TEST_F(ConfigFileTest, AbsentAndNullKeysAreUnset) {
  const ConfigFile config = load("{gateway: {port: null, auth: {}}}");
  EXPECT_EQ(config.integer("/gateway/port", 0, 65535), std::nullopt);
  EXPECT_EQ(config.string("/gateway/auth/token"), std::nullopt);
  EXPECT_EQ(config.boolean("/gateway/auth/rateLimit/exemptLoopback"), std::nullopt);
  EXPECT_EQ(config.oneOf("/logging/level", {"info"}), std::nullopt);
}

TEST_F(ConfigFileTest, StringRejectsOtherTypes) {
  const ConfigFile config = load("{\n  gateway: {\n    mode: 42,\n  },\n}");
  EXPECT_EQ(configError([&] { config.string("/gateway/mode"); }),
            prefix() + "3:11: gateway.mode: must be a string, got 42");
}

TEST_F(ConfigFileTest, OneOfListsTheChoices) {
  const ConfigFile config = load("{gateway: {bind: 'everywhere'}}");
  EXPECT_EQ(config.oneOf("/gateway/bind", {"everywhere", "loopback"}), "everywhere");
  EXPECT_EQ(
      configError([&] {
        config.oneOf("/gateway/bind", {"loopback", "lan"});
      }),
      prefix() + "1:18: gateway.bind: must be one of \"loopback\", \"lan\", got \"everywhere\"");
}

TEST_F(ConfigFileTest, IntegerRejectsWrongTypes) {
  const ConfigFile config = load("{gateway: {port: '18789', tick: 1.5}}");
  EXPECT_EQ(configError([&] { config.integer("/gateway/port", 0, 65535); }),
            prefix() + "1:18: gateway.port: must be an integer, got \"18789\"");
  EXPECT_EQ(configError([&] { config.integer("/gateway/tick", 0, 10); }),
            prefix() + "1:33: gateway.tick: must be an integer, got 1.5");
}

TEST_F(ConfigFileTest, IntegerEnforcesTheRangeInclusively) {
  const ConfigFile config =
      load("{\n\tgateway: {\n\t\tport: 70000,\n\t\tlow: -1,\n\t\tmax: 65535\n\t}\n}");
  EXPECT_EQ(configError([&] { config.integer("/gateway/port", 0, 65535); }),
            prefix() + "3:9: gateway.port: must be between 0 and 65535, got 70000");
  EXPECT_EQ(configError([&] { config.integer("/gateway/low", 0, 65535); }),
            prefix() + "4:8: gateway.low: must be between 0 and 65535, got -1");
  EXPECT_EQ(config.integer("/gateway/max", 0, 65535), 65535);
  EXPECT_EQ(config.integer("/gateway/low", -1, 0), -1);
}

TEST_F(ConfigFileTest, BooleanRejectsOtherTypes) {
  const ConfigFile config = load("{a: {on: true, off: false, text: 'yes'}}");
  EXPECT_EQ(config.boolean("/a/on"), true);
  EXPECT_EQ(config.boolean("/a/off"), false);
  EXPECT_EQ(configError([&] { config.boolean("/a/text"); }),
            prefix() + "1:34: a.text: must be true or false, got \"yes\"");
}

TEST_F(ConfigFileTest, LongValuesAreAbbreviatedInMessages) {
  const ConfigFile config = load("{k: '" + std::string(100, 'x') + "'}");
  EXPECT_EQ(configError([&] { config.integer("/k", 0, 1); }),
            prefix() + "1:5: k: must be an integer, got \"" + std::string(36, 'x') + "...");
}

TEST_F(ConfigFileTest, ParentThatIsNotAnObject) {
  const ConfigFile config = load("{\n  gateway: 'local',\n}");
  EXPECT_EQ(configError([&] { config.integer("/gateway/port", 0, 65535); }),
            prefix() + "2:12: gateway: must be an object, got \"local\"");
  const ConfigFile nested = load("{gateway: {auth: [1]}}");
  EXPECT_EQ(configError([&] { nested.string("/gateway/auth/token"); }),
            prefix() + "1:18: gateway.auth: must be an object, got [1]");
}

TEST(ConfigFileInMemory, ErrorsWithoutPositionsOmitLineAndColumn) {
  ConfigFile config;
  config.path = "/etc/openclaw.json";
  config.exists = true;
  config.root = {{"gateway", {{"port", "x"}}}};
  try {
    config.integer("/gateway/port", 0, 65535);
    FAIL() << "no ConfigError thrown";
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(), "/etc/openclaw.json: gateway.port: must be an integer, got \"x\"");
  }
}

TEST(ConfigErrorTest, FormatsWithAndWithoutPosition) {
  EXPECT_STREQ(ConfigError("/a/b.json", 3, 7, "bad").what(), "/a/b.json:3:7: bad");
  EXPECT_STREQ(ConfigError("/a/b.json", "bad").what(), "/a/b.json: bad");
}

}  // namespace
}  // namespace openclaw::config
