#include "rpc/http_router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace openclaw::rpc {
namespace {

HttpRequest request(const std::string& method, const std::string& path) {
  HttpRequest r;
  r.method = method;
  r.path = path;
  return r;
}

// A handler that answers with which method and path it saw.
HttpRouter::Handler echo(const std::string& name) {
  return [name](const HttpRequest& r) {
    return HttpResponse::json(200, name + " " + r.method + " " + r.path);
  };
}

std::string allowHeader(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Allow") return value;
  }
  return "<none>";
}

class HttpRouterTest : public ::testing::Test {
 protected:
  HttpRouterTest() {
    router_.add("GET", "/health", echo("health"));
    router_.add("GET", "/healthz", echo("healthz"));
    router_.add("POST", "/hooks", echo("hooks"));
    router_.add("PUT", "/hooks", echo("hooks-put"));
  }
  HttpRouter router_;
};

TEST_F(HttpRouterTest, RoutesByExactPath) {
  EXPECT_EQ(router_.route(request("GET", "/health")).body, "health GET /health");
  EXPECT_EQ(router_.route(request("GET", "/healthz")).body, "healthz GET /healthz");
  EXPECT_EQ(router_.route(request("POST", "/hooks")).body, "hooks POST /hooks");
  EXPECT_EQ(router_.route(request("PUT", "/hooks")).body, "hooks-put PUT /hooks");
  // No prefix or trailing-slash matching.
  EXPECT_EQ(router_.route(request("GET", "/health/")).status, 404u);
  EXPECT_EQ(router_.route(request("GET", "/heal")).status, 404u);
  EXPECT_EQ(router_.route(request("GET", "/")).status, 404u);
}

TEST_F(HttpRouterTest, UnknownPathIs404WithAJsonBody) {
  const HttpResponse response = router_.route(request("GET", "/nope"));
  EXPECT_EQ(response.status, 404u);
  EXPECT_EQ(response.contentType, "application/json; charset=utf-8");
  EXPECT_EQ(nlohmann::json::parse(response.body),
            (nlohmann::json{{"ok", false},
                            {"error", {{"message", "not found: /nope"}, {"type", "not_found"}}}}));
}

TEST_F(HttpRouterTest, WrongMethodIs405WithAllow) {
  const HttpResponse response = router_.route(request("DELETE", "/hooks"));
  EXPECT_EQ(response.status, 405u);
  EXPECT_EQ(allowHeader(response), "POST, PUT");
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["message"], "method not allowed: DELETE");
}

TEST_F(HttpRouterTest, AllowIncludesHeadForGetRoutes) {
  const HttpResponse response = router_.route(request("POST", "/health"));
  EXPECT_EQ(response.status, 405u);
  EXPECT_EQ(allowHeader(response), "GET, HEAD");
}

TEST_F(HttpRouterTest, HeadIsAnsweredByTheGetHandler) {
  const HttpResponse response = router_.route(request("HEAD", "/health"));
  EXPECT_EQ(response.status, 200u);
  // The handler sees the original method.
  EXPECT_EQ(response.body, "health HEAD /health");
  // No GET route, no HEAD either.
  EXPECT_EQ(router_.route(request("HEAD", "/hooks")).status, 405u);
}

TEST_F(HttpRouterTest, LaterRegistrationReplacesTheHandler) {
  router_.add("GET", "/health", echo("replaced"));
  EXPECT_EQ(router_.route(request("GET", "/health")).body, "replaced GET /health");
}

HttpRouter::AsyncHandler echoAsync(const std::string& name) {
  return [name](const HttpRequest& r, const HttpRouter::Respond& respond) {
    respond(HttpResponse::json(200, name + " " + r.method + " " + r.path));
  };
}

TEST_F(HttpRouterTest, PrefixRoutesCoverThePrefixAndWhatIsBelowIt) {
  router_.addPrefixAsync("GET", "/ui/", echoAsync("ui"));
  router_.addPrefixAsync("GET", "/ui/deep", echoAsync("deep"));
  EXPECT_EQ(router_.route(request("GET", "/ui")).body, "ui GET /ui");
  EXPECT_EQ(router_.route(request("GET", "/ui/")).body, "ui GET /ui/");
  EXPECT_EQ(router_.route(request("GET", "/ui/a/b")).body, "ui GET /ui/a/b");
  EXPECT_EQ(router_.route(request("HEAD", "/ui/a")).body, "ui HEAD /ui/a");
  // The longer prefix wins; a name that only starts like the prefix is not below it.
  EXPECT_EQ(router_.route(request("GET", "/ui/deep/x")).body, "deep GET /ui/deep/x");
  EXPECT_EQ(router_.route(request("GET", "/ui/deeper")).body, "ui GET /ui/deeper");
  EXPECT_EQ(router_.route(request("GET", "/uix")).status, 404u);
  // Another method under the prefix falls through to 404 rather than 405.
  EXPECT_EQ(router_.route(request("POST", "/ui/a")).status, 404u);
}

TEST_F(HttpRouterTest, ExactRoutesWinOverARootPrefix) {
  router_.addPrefixAsync("GET", "/", echoAsync("root"));
  EXPECT_EQ(router_.route(request("GET", "/health")).body, "health GET /health");
  EXPECT_EQ(router_.route(request("GET", "/")).body, "root GET /");
  EXPECT_EQ(router_.route(request("GET", "/chat/main")).body, "root GET /chat/main");
  // An exact path keeps its 405 for other methods; elsewhere other methods are 404.
  EXPECT_EQ(router_.route(request("POST", "/health")).status, 405u);
  EXPECT_EQ(router_.route(request("POST", "/chat")).status, 404u);
}

// An asynchronous route answers whenever it is ready; dispatch hands that answer on, while
// route() (for synchronous callers) reports that no answer came.
TEST(HttpRouterAsync, AnswersWhenTheHandlerIsReady) {
  HttpRouter router;
  HttpRouter::Respond later;
  router.addAsync("POST", "/webhook", [&later](const HttpRequest&, HttpRouter::Respond respond) {
    later = std::move(respond);
  });
  std::vector<HttpResponse> answers;
  router.dispatch(request("POST", "/webhook"),
                  [&answers](HttpResponse response) { answers.push_back(std::move(response)); });
  EXPECT_TRUE(answers.empty());
  ASSERT_TRUE(later);
  later(HttpResponse::json(200, "stored"));
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].body, "stored");

  EXPECT_EQ(router.route(request("POST", "/webhook")).status, 500u);
  EXPECT_EQ(router.route(request("GET", "/webhook")).status, 405u);
}

}  // namespace
}  // namespace openclaw::rpc
