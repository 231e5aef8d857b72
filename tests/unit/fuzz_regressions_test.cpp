// Regression tests for inputs found by the libFuzzer targets in fuzz/ (see fuzz/README.md).
// Each test replays a fuzz/corpus/<target>/regress-* input through the same API the target
// calls, so the g++ ASan/UBSan build keeps checking it.
#include <gtest/gtest.h>

#include <string>

#include "core/bounded_json.h"
#include "daemon/probe_routes.h"
#include "protocol/protocol_schema.h"
#include "rpc/http_router.h"

namespace openclaw::daemon {
namespace {

rpc::HttpRouter probeRouter() {
  rpc::HttpRouter router;
  addProbeRoutes(router, [] { return false; });
  return router;
}

// The status the probe router answers `method path` with; fails the test if route() throws.
unsigned statusFor(const std::string& method, const std::string& path) {
  rpc::HttpRequest request;
  request.method = method;
  request.path = path;
  request.remoteAddress = "127.0.0.1";
  rpc::HttpResponse response;
  EXPECT_NO_THROW(response = probeRouter().route(request));
  return response.status;
}

// fuzz/corpus/fuzz_http_router/regress-404-invalid-utf8-path: a path that is not valid UTF-8
// made route() throw nlohmann::json type_error 316 while building the 404 body.
TEST(FuzzRegressions, HttpRouter404WithInvalidUtf8Path) { EXPECT_EQ(statusFor("", "\xff"), 404u); }

// fuzz/corpus/fuzz_http_router/regress-405-invalid-utf8-method: the same for the 405 body,
// which echoes the method.
TEST(FuzzRegressions, HttpRouter405WithInvalidUtf8Method) {
  EXPECT_EQ(statusFor("\xff", "/health"), 405u);
}

// fuzz/corpus/fuzz_frame/regress-deep-params (issue 15, found by probing, not by the fuzzer):
// params nested 30,000 arrays deep overflowed the stack when they were copied out of the frame.
// Parsing now stops at core::kMaxJsonDepth; the part read before it still goes through the
// schema checks the way fuzz_frame feeds it.
TEST(FuzzRegressions, FrameNestedPastTheDepthLimit) {
  const std::string frame = R"({"type":"req","id":"1","method":"health","params":)" +
                            std::string(30'000, '[') + std::string(30'000, ']') + "}";
  const core::BoundedJson parsed = core::parseBoundedJson(frame);
  ASSERT_EQ(parsed.status, core::JsonParseStatus::kTooDeep);
  const auto& schema = protocol::ProtocolSchema::instance();
  EXPECT_EQ(schema.validate("RequestFrame", parsed.value, ""), std::nullopt);
  const nlohmann::json params = parsed.value.value("params", nlohmann::json::object());
  EXPECT_NE(schema.validate("SystemEventParams", params, "params"), std::nullopt);
}

}  // namespace
}  // namespace openclaw::daemon
