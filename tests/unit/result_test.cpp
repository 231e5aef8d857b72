#include "protocol/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace openclaw::protocol {
namespace {

Result<int> parsePort(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return GatewayError::invalidRequest("not a port: " + text, {{"text", text}});
  }
  return std::stoi(text);
}

TEST(Result, HoldsTheValueItWasGiven) {
  Result<int> port = parsePort("8080");
  ASSERT_TRUE(port);
  EXPECT_TRUE(port.ok());
  EXPECT_EQ(port.value(), 8080);
  EXPECT_EQ(*port, 8080);
}

TEST(Result, HoldsTheErrorWithItsWireShape) {
  Result<int> port = parsePort("eighty");
  ASSERT_FALSE(port);
  EXPECT_EQ(port.error().code, codes::kInvalidRequest);
  EXPECT_EQ(port.error().toJson(), (nlohmann::json{{"code", "INVALID_REQUEST"},
                                                   {"message", "not a port: eighty"},
                                                   {"details", {{"text", "eighty"}}}}));
}

TEST(Result, ReadingTheWrongSideIsAProgrammingError) {
  Result<int> failed = parsePort("");
  EXPECT_THROW((void)failed.value(), std::logic_error);
  Result<int> succeeded = parsePort("1");
  EXPECT_THROW((void)succeeded.error(), std::logic_error);
}

TEST(Result, AJsonValueIsNotMistakenForAnError) {
  Result<nlohmann::json> payload = nlohmann::json{{"ok", true}};
  ASSERT_TRUE(payload);
  EXPECT_EQ(payload->at("ok"), true);
  Result<nlohmann::json> failed = GatewayError::unavailable("store down", 1000);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().retryAfterMs, 1000);
}

TEST(Result, MovesAMoveOnlyValueOut) {
  Result<std::unique_ptr<int>> held = std::make_unique<int>(7);
  std::unique_ptr<int> taken = std::move(held).value();
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(*taken, 7);
}

TEST(ResultVoid, DefaultIsSuccessAndAnErrorIsKept) {
  Result<void> done;
  EXPECT_TRUE(done);
  EXPECT_THROW((void)done.error(), std::logic_error);
  Result<void> refused = GatewayError::missingScope("operator.write");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, codes::kForbidden);
  EXPECT_EQ(refused.error().details.at("missingScope"), "operator.write");
}

}  // namespace
}  // namespace openclaw::protocol
