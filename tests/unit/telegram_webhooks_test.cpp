// Webhook routes shared by the Telegram accounts: one path per account at a time.
#include "channels/telegram/telegram_webhooks.h"

#include <gtest/gtest.h>

namespace openclaw::channels::telegram {
namespace {

std::string post(rpc::HttpRouter& router, const std::string& path) {
  rpc::HttpRequest request;
  request.method = "POST";
  request.path = path;
  std::string answer;
  router.dispatch(request, [&answer](rpc::HttpResponse response) {
    answer = std::to_string(response.status) + " " + response.body;
  });
  return answer;
}

TEST(TelegramWebhooks, APathServesOneAccountAndIsFreedWithItsClaim) {
  rpc::HttpRouter router;
  auto routes = std::make_shared<WebhookRoutes>(router);
  std::string holder;
  auto handler = [](const std::string& name) {
    return [name](const rpc::HttpRequest&, rpc::HttpRouter::Respond respond) {
      respond(rpc::HttpResponse::json(200, name));
    };
  };
  auto first = routes->claim("/hook", "default", handler("first"), holder);
  ASSERT_TRUE(first);
  EXPECT_EQ(post(router, "/hook"), "200 first");
  // Another account cannot take the path while the claim is held...
  EXPECT_FALSE(routes->claim("/hook", "work", handler("work"), holder));
  EXPECT_EQ(holder, "default");
  // ...the same account can (a restart of it), and a dropped claim frees the path.
  auto again = routes->claim("/hook", "default", handler("again"), holder);
  ASSERT_TRUE(again);
  EXPECT_EQ(post(router, "/hook"), "200 again");
  first->reset();
  again->reset();
  EXPECT_EQ(post(router, "/hook").substr(0, 3), "503");
  EXPECT_TRUE(routes->claim("/hook", "work", handler("work"), holder));
}

}  // namespace
}  // namespace openclaw::channels::telegram
