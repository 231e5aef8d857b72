#include "channels/discord/discord_sender.h"

#include "channels/discord/discord_messages.h"
#include "channels/text_chunks.h"
#include "core/json_fields.h"
#include "net/multipart_form.h"

namespace openclaw::channels::discord {
namespace {

using namespace std::chrono_literals;
constexpr auto kSendTimeout = 30s;
constexpr auto kUploadTimeout = 120s;

// A failed call as a send error: the account is not linked when Discord refused the token or
// could not be reached.
protocol::GatewayError sendError(const std::string& what, const RestResult& result) {
  std::string reason = what + " failed: " + result.error;
  if (result.unauthorized() || result.status == 0) return notLinked(std::move(reason));
  return sendFailed(std::move(reason));
}

}  // namespace

struct DiscordSender::Job {
  OutboundMessage message;
  std::string channelId;
  std::vector<std::string> chunks;
  std::size_t index = 0;
  std::vector<std::string> messageIds;
  std::function<void(SendResult)> done;
};

std::optional<SendTarget> parseSendTarget(const std::string& to) {
  SendTarget target;
  std::string id = to;
  for (const char* prefix : {"user:", "discord:"}) {
    if (to.rfind(prefix, 0) == 0) {
      id = to.substr(std::string(prefix).size());
      target.user = true;
    }
  }
  if (to.rfind("channel:", 0) == 0) id = to.substr(8);
  if (!isSnowflake(id)) return std::nullopt;
  target.id = id;
  return target;
}

void DiscordSender::send(const OutboundMessage& message, std::function<void(SendResult)> done) {
  const auto target = parseSendTarget(message.to);
  if (!target) {
    done(sendFailed("not a Discord target: \"" + message.to +
                    "\" (a channel id, channel:<id> or user:<id>)"));
    return;
  }
  if (!message.threadId.empty() && !isSnowflake(message.threadId)) {
    done(sendFailed("not a Discord thread id: \"" + message.threadId + "\""));
    return;
  }
  if (message.media.size() > kMaxFilesPerMessage) {
    done(sendFailed("Discord takes at most " + std::to_string(kMaxFilesPerMessage) +
                    " files per message"));
    return;
  }
  std::size_t uploadBytes = 0;
  for (const auto& file : message.media) uploadBytes += file.bytes.size();
  if (uploadBytes > kMaxUploadBytes) {
    done(sendFailed("the files exceed Discord's upload limit of 25 MB per message"));
    return;
  }
  if (pending_ >= kMaxPendingSends) {
    done(sendFailed("too many Discord sends waiting (" + std::to_string(kMaxPendingSends) + ")"));
    return;
  }
  ++pending_;
  auto job = std::make_shared<Job>();
  job->message = message;
  job->chunks = chunkText(message.text, chunkLimit_);
  if (job->chunks.empty() && !message.media.empty()) job->chunks.emplace_back();
  job->done = std::move(done);
  if (job->chunks.empty()) {
    finish(job, sendFailed("nothing to send: no text and no files"));
    return;
  }
  if (!message.threadId.empty()) {
    job->channelId = message.threadId;  // a thread is a channel of its own
  } else if (!target->user) {
    job->channelId = target->id;
  } else if (auto known = dmChannels_.find(target->id); known != dmChannels_.end()) {
    job->channelId = known->second;
  } else {
    const std::string userId = target->id;
    RestRequest open{"POST", "/users/@me/channels", nlohmann::json{{"recipient_id", userId}}.dump(),
                     "application/json"};
    rest_.call(std::move(open), kSendTimeout, [this, job, userId](RestResult result) {
      const std::string channelId = core::stringField(result.body, "id").value_or("");
      if (!result.ok() || !isSnowflake(channelId)) {
        finish(job, sendError("opening the DM channel", result));
        return;
      }
      if (dmChannels_.size() >= kMaxDmChannels) dmChannels_.clear();
      dmChannels_[userId] = channelId;
      job->channelId = channelId;
      next(job);
    });
    return;
  }
  next(job);
}

void DiscordSender::next(const std::shared_ptr<Job>& job) {
  if (job->index == job->chunks.size()) {
    finish(job, std::move(job->messageIds));
    return;
  }
  nlohmann::json payload = {{"content", job->chunks[job->index]},
                            {"allowed_mentions", {{"parse", {"users"}}}}};
  if (job->index == 0 && isSnowflake(job->message.replyToId)) {
    payload["message_reference"] = {{"message_id", job->message.replyToId},
                                    {"fail_if_not_exists", false}};
  }
  RestRequest request{"POST", "/channels/" + job->channelId + "/messages", "", "application/json"};
  const bool withFiles = job->index == 0 && !job->message.media.empty();
  if (withFiles) {
    net::MultipartForm form;
    payload["attachments"] = nlohmann::json::array();
    for (std::size_t i = 0; i < job->message.media.size(); ++i) {
      const MediaFile& file = job->message.media[i];
      payload["attachments"].push_back({{"id", i}, {"filename", file.fileName}});
      form.file("files[" + std::to_string(i) + "]", file.fileName, file.contentType, file.bytes);
    }
    form.field("payload_json", core::compactJson(payload));
    request.body = form.body();
    request.contentType = form.contentType();
  } else {
    request.body = core::compactJson(payload);
  }
  rest_.call(std::move(request), withFiles ? kUploadTimeout : kSendTimeout,
             [this, job](RestResult result) {
               if (!result.ok()) {
                 finish(job, sendError("POST /channels/" + job->channelId + "/messages", result));
                 return;
               }
               job->messageIds.push_back(core::stringField(result.body, "id").value_or(""));
               ++job->index;
               next(job);
             });
}

void DiscordSender::finish(const std::shared_ptr<Job>& job, SendResult result) {
  --pending_;
  if (job->done) job->done(std::move(result));
  if (pending_ == 0 && idle_) std::exchange(idle_, nullptr)();
}

void DiscordSender::whenIdle(std::function<void()> idle) {
  if (pending_ == 0) return idle();
  idle_ = std::move(idle);
}

void DiscordSender::typing(const std::string& channelId) {
  if (!isSnowflake(channelId)) return;
  rest_.call({"POST", "/channels/" + channelId + "/typing", "", ""}, kSendTimeout,
             [](const RestResult&) {});
}

}  // namespace openclaw::channels::discord
