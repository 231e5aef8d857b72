// Regression tests for inputs found by the libFuzzer targets in fuzz/ (see fuzz/README.md).
// Each test replays a fuzz/corpus/<target>/regress-* input through the same API the target
// calls, so the g++ ASan/UBSan build keeps checking it.
#include <gtest/gtest.h>

#include <string>

#include "gateway/http_router.h"
#include "gateway/probe_routes.h"

namespace openclaw::gateway {
namespace {

HttpRouter probeRouter() {
  HttpRouter router;
  addProbeRoutes(router, [] { return false; });
  return router;
}

// fuzz/corpus/fuzz_http_router/regress-404-invalid-utf8-path: a path that is not valid UTF-8
// made route() throw nlohmann::json type_error 316 while building the 404 body.
TEST(FuzzRegressions, HttpRouter404WithInvalidUtf8Path) {
  HttpRequest request;
  request.method = "";
  request.path = "\xff";
  request.remoteAddress = "127.0.0.1";
  HttpResponse response;
  EXPECT_NO_THROW(response = probeRouter().route(request));
  EXPECT_EQ(response.status, 404u);
}

// fuzz/corpus/fuzz_http_router/regress-405-invalid-utf8-method: the same for the 405 body,
// which echoes the method.
TEST(FuzzRegressions, HttpRouter405WithInvalidUtf8Method) {
  HttpRequest request;
  request.method = "\xff";
  request.path = "/health";
  request.remoteAddress = "127.0.0.1";
  HttpResponse response;
  EXPECT_NO_THROW(response = probeRouter().route(request));
  EXPECT_EQ(response.status, 405u);
}

}  // namespace
}  // namespace openclaw::gateway
