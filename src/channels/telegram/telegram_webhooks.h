#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "rpc/http_router.h"

namespace openclaw::channels::telegram {

// The webhook routes of every Telegram account on the gateway port. A route stays registered
// for the gateway's lifetime (the router has no removal); it reaches whichever account claims
// its path now, and answers 503 while none does. Event-loop thread only.
class WebhookRoutes : public std::enable_shared_from_this<WebhookRoutes> {
 public:
  using Handler = std::function<void(const rpc::HttpRequest&, rpc::HttpRouter::Respond)>;
  // Kept by the account while it receives webhooks: dropping it releases the path.
  using Claim = std::shared_ptr<Handler>;

  explicit WebhookRoutes(rpc::HttpRouter& router) : router_(router) {}

  // Routes POSTs to `path` to `handler` until the returned claim is dropped; nullopt (and
  // `holder` names the account) when another account's claim holds the path.
  std::optional<Claim> claim(const std::string& path, const std::string& accountId, Handler handler,
                             std::string& holder);

 private:
  struct Entry {
    std::string accountId;
    std::weak_ptr<Handler> handler;
  };
  void dispatch(const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond);

  rpc::HttpRouter& router_;
  std::map<std::string, Entry> paths_;
};

}  // namespace openclaw::channels::telegram
