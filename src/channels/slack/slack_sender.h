#pragma once

#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "channels/channel.h"
#include "channels/slack/slack_web_api.h"

namespace openclaw::channels::slack {

// At most this many sends wait behind the one in progress; more fail at once.
inline constexpr std::size_t kMaxQueuedSends = 64;
// A chunk or upload call rate limited (429) more often than this fails the send.
inline constexpr int kMaxRateLimitRetries = 5;

// Delivers one account's outbound messages in order, one at a time: text through
// chat.postMessage in chunks of `chunkLimit` characters (thread_ts for threads), then each file
// through files.getUploadURLExternal, a POST of its bytes to the upload URL and
// files.completeUploadExternal. A 429 waits its Retry-After (bounded retries). A token Slack
// refuses (ApiResult::authFailed) calls `onAuthFailed` and fails this and every later send
// NOT_LINKED. Event-loop thread only; the owner keeps it alive while calls are in flight (each
// holds `self`, a shared_ptr to it).
class SlackSender : public std::enable_shared_from_this<SlackSender> {
 public:
  SlackSender(boost::asio::io_context& io, std::shared_ptr<WebApi> api, std::string botToken,
              std::size_t chunkLimit, std::function<void(const std::string&)> onAuthFailed);

  void send(const OutboundMessage& message, std::function<void(SendResult)> done);
  // Fails what is queued (NOT_LINKED, `reason`) and every later send; drops the callbacks of
  // calls in flight.
  void close(const std::string& reason);

 private:
  struct Job;

  void next();
  void resolveTarget(const std::shared_ptr<Job>& job);
  void postChunk(const std::shared_ptr<Job>& job);
  void uploadFile(const std::shared_ptr<Job>& job);
  void completeUpload(const std::shared_ptr<Job>& job, const std::string& fileId);
  // Retries `step` after a 429 (true), or finishes the job with the failure (false).
  bool retryRateLimited(const std::shared_ptr<Job>& job, const ApiResult& result,
                        void (SlackSender::*step)(const std::shared_ptr<Job>&));
  void fail(const std::shared_ptr<Job>& job, const std::string& what, const ApiResult& result);
  void finish(const std::shared_ptr<Job>& job, SendResult result);

  boost::asio::io_context& io_;
  std::shared_ptr<WebApi> api_;
  std::string token_;
  std::size_t chunkLimit_;
  std::function<void(const std::string&)> onAuthFailed_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool busy_ = false;
  std::string closed_;  // why sends fail now; "" while open
};

// A send's `to` as a Slack conversation or user id: "channel:C1", "user:U1", "slack:C1" and
// "<@U1>" lose their decoration.
std::string slackTarget(const std::string& to);

}  // namespace openclaw::channels::slack
