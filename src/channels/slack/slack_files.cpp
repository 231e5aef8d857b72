#include "channels/slack/slack_files.h"

#include <algorithm>

#include "core/logging.h"

namespace openclaw::channels::slack {
namespace {

using namespace std::chrono_literals;

constexpr auto kDownloadWait = 60s;

struct Collection {
  ChannelHost& host;
  std::shared_ptr<WebApi> api;
  std::string token;
  std::uint64_t maxBytes;
  SlackMessage message;
  std::function<bool()> alive;
  std::function<void(std::optional<InboundMessage>)> done;
  std::size_t next = 0;
};

void unavailable(Collection& collection, const SlackFile& file, const std::string& reason) {
  core::logger("slack")->warn("slack: attachment {} not available: {}", file.name, reason);
  std::string& text = collection.message.inbound.text;
  if (!text.empty()) text += "\n";
  text += "[attachment " + file.name + " not available: " + reason + "]";
}

void step(const std::shared_ptr<Collection>& collection) {
  if (!collection->alive()) return collection->done(std::nullopt);
  if (collection->next == collection->message.files.size()) {
    collection->done(std::move(collection->message.inbound));
    return;
  }
  const SlackFile& file = collection->message.files[collection->next++];
  if (file.size > collection->maxBytes) {
    unavailable(*collection, file, "larger than the size limit");
    return step(collection);
  }
  if (!trustedFileUrl(file.url, collection->api->apiRoot())) {
    unavailable(*collection, file, "not a Slack file URL");
    return step(collection);
  }
  collection->api->fetch(file.url, collection->token, collection->maxBytes, kDownloadWait,
                         [collection, file](FetchResult fetched) {
                           if (!fetched.ok) {
                             unavailable(*collection, file, fetched.error);
                             return step(collection);
                           }
                           MediaFile media{file.name, file.mimetype, std::move(fetched.bytes)};
                           const std::string accountId = collection->message.inbound.accountId;
                           collection->host.saveMedia(
                               accountId, std::move(media),
                               [collection, file](std::optional<InboundMedia> saved) {
                                 if (saved) {
                                   collection->message.inbound.media.push_back(*saved);
                                 } else {
                                   unavailable(*collection, file, "could not be saved");
                                 }
                                 step(collection);
                               });
                         });
}

}  // namespace

void collectFiles(ChannelHost& host, std::shared_ptr<WebApi> api, std::string botToken,
                  std::uint64_t maxBytes, SlackMessage message, std::function<bool()> alive,
                  std::function<void(std::optional<InboundMessage>)> done) {
  auto collection = std::make_shared<Collection>(
      Collection{host, std::move(api), std::move(botToken),
                 std::min<std::uint64_t>(maxBytes, kMaxInboundMediaBytes), std::move(message),
                 std::move(alive), std::move(done)});
  step(collection);
}

}  // namespace openclaw::channels::slack
