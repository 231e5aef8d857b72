#include "channels/slack/slack_sender.h"

#include <boost/asio/steady_timer.hpp>

#include "channels/text_chunks.h"
#include "core/json_fields.h"
#include "core/logging.h"
#include "net/multipart_form.h"

namespace openclaw::channels::slack {
namespace {

using namespace std::chrono_literals;

constexpr auto kCallWait = 30s;
constexpr auto kUploadWait = 120s;
constexpr int kMaxRetryAfterSeconds = 120;

auto log() { return core::logger("slack"); }

std::string stripPrefix(const std::string& text, const std::string& prefix) {
  return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
}

}  // namespace

struct SlackSender::Job {
  OutboundMessage message;
  std::function<void(SendResult)> done;
  std::string channel;  // the conversation id it goes to
  std::vector<std::string> chunks;
  std::size_t nextChunk = 0;
  std::size_t nextFile = 0;
  int rateLimited = 0;
  std::vector<std::string> ids;  // message ts per chunk, then file id per file
};

std::string slackTarget(const std::string& to) {
  std::string target = stripPrefix(to, "slack:");
  if (target.starts_with("<@") && target.ends_with(">"))
    target = target.substr(2, target.size() - 3);
  target = stripPrefix(target, "channel:");
  return stripPrefix(target, "user:");
}

SlackSender::SlackSender(boost::asio::io_context& io, std::shared_ptr<WebApi> api,
                         std::string botToken, std::size_t chunkLimit,
                         std::function<void(const std::string&)> onAuthFailed)
    : io_(io),
      api_(std::move(api)),
      token_(std::move(botToken)),
      chunkLimit_(chunkLimit),
      onAuthFailed_(std::move(onAuthFailed)) {}

void SlackSender::send(const OutboundMessage& message, std::function<void(SendResult)> done) {
  if (!closed_.empty()) {
    done(notLinked(closed_));
    return;
  }
  if (queue_.size() >= kMaxQueuedSends) {
    done(sendFailed("slack: " + std::to_string(kMaxQueuedSends) + " sends already queued"));
    return;
  }
  auto job = std::make_shared<Job>();
  job->message = message;
  job->done = std::move(done);
  job->channel = slackTarget(message.to);
  job->chunks = chunkText(message.text, chunkLimit_);
  queue_.push_back(std::move(job));
  if (!busy_) next();
}

void SlackSender::close(const std::string& reason) {
  closed_ = reason;
  onAuthFailed_ = nullptr;
  auto queued = std::move(queue_);
  queue_.clear();
  for (const auto& job : queued) job->done(notLinked(reason));
}

void SlackSender::next() {
  busy_ = !queue_.empty();
  if (!busy_) return;
  auto job = queue_.front();
  queue_.pop_front();
  if (!closed_.empty()) {
    finish(job, notLinked(closed_));
    return;
  }
  resolveTarget(job);
}

// Files need a conversation id: a user id becomes the DM with that user (conversations.open).
void SlackSender::resolveTarget(const std::shared_ptr<Job>& job) {
  const bool userId = job->channel.starts_with("U") || job->channel.starts_with("W");
  if (job->message.media.empty() || !userId) {
    postChunk(job);
    return;
  }
  api_->call("conversations.open", token_, {{"users", job->channel}}, kCallWait,
             [self = shared_from_this(), job](ApiResult result) {
               if (!self->closed_.empty()) return self->finish(job, notLinked(self->closed_));
               if (!result.ok) {
                 if (self->retryRateLimited(job, result, &SlackSender::resolveTarget)) return;
                 return self->fail(job, "conversations.open", result);
               }
               const auto channel = result.body.find("channel");
               if (channel == result.body.end() || !channel->is_object() ||
                   !(*channel)["id"].is_string()) {
                 return self->finish(job, sendFailed("conversations.open: no channel id"));
               }
               job->channel = (*channel)["id"].get<std::string>();
               self->postChunk(job);
             });
}

void SlackSender::postChunk(const std::shared_ptr<Job>& job) {
  if (job->nextChunk == job->chunks.size()) {
    uploadFile(job);
    return;
  }
  FormFields fields = {
      {"channel", job->channel}, {"text", job->chunks[job->nextChunk]}, {"unfurl_links", "false"}};
  if (!job->message.threadId.empty()) fields.emplace_back("thread_ts", job->message.threadId);
  api_->call("chat.postMessage", token_, fields, kCallWait,
             [self = shared_from_this(), job](ApiResult result) {
               if (!self->closed_.empty()) return self->finish(job, notLinked(self->closed_));
               if (!result.ok) {
                 if (self->retryRateLimited(job, result, &SlackSender::postChunk)) return;
                 return self->fail(job, "chat.postMessage", result);
               }
               job->rateLimited = 0;
               job->ids.push_back(core::stringField(result.body, "ts").value_or(""));
               ++job->nextChunk;
               self->postChunk(job);
             });
}

void SlackSender::uploadFile(const std::shared_ptr<Job>& job) {
  if (job->nextFile == job->message.media.size()) {
    finish(job, std::move(job->ids));
    return;
  }
  const MediaFile& file = job->message.media[job->nextFile];
  const FormFields fields = {{"filename", file.fileName},
                             {"length", std::to_string(file.bytes.size())}};
  api_->call("files.getUploadURLExternal", token_, fields, kCallWait,
             [self = shared_from_this(), job](ApiResult result) {
               if (!self->closed_.empty()) return self->finish(job, notLinked(self->closed_));
               if (!result.ok) {
                 if (self->retryRateLimited(job, result, &SlackSender::uploadFile)) return;
                 return self->fail(job, "files.getUploadURLExternal", result);
               }
               const std::string url = core::stringField(result.body, "upload_url").value_or("");
               const std::string fileId = core::stringField(result.body, "file_id").value_or("");
               if (url.empty() || fileId.empty()) {
                 return self->finish(job, sendFailed("files.getUploadURLExternal: no upload_url"));
               }
               const MediaFile& media = job->message.media[job->nextFile];
               net::MultipartForm form;
               form.file("file", media.fileName, media.contentType, media.bytes);
               self->api_->upload(
                   url, form.body(), form.contentType(), kUploadWait,
                   [self, job, fileId](int status, const std::string& error) {
                     if (!self->closed_.empty()) {
                       return self->finish(job, notLinked(self->closed_));
                     }
                     if (status != 200) {
                       return self->finish(
                           job,
                           sendFailed("slack file upload failed: " +
                                      (error.empty() ? "HTTP " + std::to_string(status) : error)));
                     }
                     self->completeUpload(job, fileId);
                   });
             });
}

void SlackSender::completeUpload(const std::shared_ptr<Job>& job, const std::string& fileId) {
  const MediaFile& media = job->message.media[job->nextFile];
  FormFields fields = {
      {"files", nlohmann::json::array({{{"id", fileId}, {"title", media.fileName}}}).dump()},
      {"channel_id", job->channel}};
  if (!job->message.threadId.empty()) fields.emplace_back("thread_ts", job->message.threadId);
  api_->call("files.completeUploadExternal", token_, fields, kCallWait,
             [self = shared_from_this(), job, fileId](ApiResult result) {
               if (!self->closed_.empty()) return self->finish(job, notLinked(self->closed_));
               if (!result.ok) {
                 if (result.rateLimited() && job->rateLimited < kMaxRateLimitRetries) {
                   ++job->rateLimited;
                   auto timer = std::make_shared<boost::asio::steady_timer>(
                       self->io_, std::chrono::seconds(result.retryAfter.value_or(1)));
                   timer->async_wait([self, job, fileId, timer](const boost::system::error_code&) {
                     self->completeUpload(job, fileId);
                   });
                   return;
                 }
                 return self->fail(job, "files.completeUploadExternal", result);
               }
               job->rateLimited = 0;
               job->ids.push_back(fileId);
               ++job->nextFile;
               self->uploadFile(job);
             });
}

bool SlackSender::retryRateLimited(const std::shared_ptr<Job>& job, const ApiResult& result,
                                   void (SlackSender::*step)(const std::shared_ptr<Job>&)) {
  if (!result.rateLimited() || job->rateLimited >= kMaxRateLimitRetries) return false;
  ++job->rateLimited;
  const int seconds = std::min(result.retryAfter.value_or(1), kMaxRetryAfterSeconds);
  log()->info("slack rate limited; retrying in {} s", seconds);
  auto timer = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::seconds(seconds));
  timer->async_wait(
      [self = shared_from_this(), job, step, timer](const boost::system::error_code&) {
        if (!self->closed_.empty()) return self->finish(job, notLinked(self->closed_));
        ((*self).*step)(job);
      });
  return true;
}

void SlackSender::fail(const std::shared_ptr<Job>& job, const std::string& what,
                       const ApiResult& result) {
  std::string reason = what + " failed: " + result.error;
  if (result.authFailed()) {
    if (auto onAuthFailed = onAuthFailed_) onAuthFailed(result.error);
    finish(job, notLinked(std::move(reason)));
    return;
  }
  finish(job, result.status == 0 ? notLinked(std::move(reason)) : sendFailed(std::move(reason)));
}

void SlackSender::finish(const std::shared_ptr<Job>& job, SendResult result) {
  if (auto done = std::exchange(job->done, nullptr)) done(std::move(result));
  next();
}

}  // namespace openclaw::channels::slack
