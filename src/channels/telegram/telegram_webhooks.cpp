#include "channels/telegram/telegram_webhooks.h"

namespace openclaw::channels::telegram {

std::optional<WebhookRoutes::Claim> WebhookRoutes::claim(const std::string& path,
                                                         const std::string& accountId,
                                                         Handler handler, std::string& holder) {
  auto found = paths_.find(path);
  if (found != paths_.end() && found->second.accountId != accountId &&
      !found->second.handler.expired()) {
    holder = found->second.accountId;
    return std::nullopt;
  }
  if (found == paths_.end()) {
    router_.addAsync("POST", path,
                     [self = shared_from_this()](const rpc::HttpRequest& request,
                                                 rpc::HttpRouter::Respond respond) {
                       self->dispatch(request, std::move(respond));
                     });
  }
  auto claimed = std::make_shared<Handler>(std::move(handler));
  paths_[path] = Entry{accountId, claimed};
  return claimed;
}

void WebhookRoutes::dispatch(const rpc::HttpRequest& request, rpc::HttpRouter::Respond respond) {
  auto found = paths_.find(request.path);
  std::shared_ptr<Handler> handler = found == paths_.end() ? nullptr : found->second.handler.lock();
  if (!handler) {
    respond(rpc::HttpResponse::json(
        503, R"({"ok":false,"description":"telegram webhook mode is not active"})"));
    return;
  }
  (*handler)(request, std::move(respond));
}

}  // namespace openclaw::channels::telegram
