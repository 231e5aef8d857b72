#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace openclaw::channels::discord {

// What a REST answer said about rate limits (headers, and the JSON body of a 429).
struct RateLimitInfo {
  std::string bucket;                                   // X-RateLimit-Bucket
  std::optional<int> remaining;                         // X-RateLimit-Remaining
  std::optional<std::chrono::milliseconds> resetAfter;  // X-RateLimit-Reset-After (seconds)
  bool global = false;  // X-RateLimit-Global, or `global` in a 429 body
  std::optional<std::chrono::milliseconds> retryAfter;  // a 429 body's retry_after (seconds)
};

// Parses a number of seconds with a fraction ("1.337") as Discord sends them; nullopt for
// anything else, negative values included. Caps at one hour.
std::optional<std::chrono::milliseconds> secondsValue(const std::string& text);

// Discord's per-route rate limits as the client tracks them
// (https://discord.com/developers/docs/topics/rate-limits): each route (method + path with its
// major parameter, e.g. "POST /channels/1/messages") maps to the bucket its answers named; a
// bucket with no requests remaining waits for its reset; a global 429 pauses every route. Pure
// state: the caller passes the time. Bounded: stale buckets are dropped past kMaxBuckets.
class RateLimits {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kMaxBuckets = 1024;

  // The route key for `method` and `path` ("/channels/123/messages/456" ->
  // "POST /channels/123/messages/:id"): ids after the major parameter do not split buckets.
  static std::string routeKey(const std::string& method, const std::string& path);

  // How long a request on `route` must wait before going out (zero: now). A request allowed
  // now takes one of its bucket's remaining requests.
  std::chrono::milliseconds reserve(const std::string& route, Clock::time_point now);

  // Records an answer on `route` (any status; `status` 429 with retryAfter blocks the bucket,
  // or every route when global).
  void update(const std::string& route, int status, const RateLimitInfo& info,
              Clock::time_point now);

 private:
  struct Bucket {
    int remaining = 1;
    Clock::time_point resetAt{};
  };
  Bucket& bucketFor(const std::string& route);
  void prune(Clock::time_point now);

  std::map<std::string, std::string> routeBuckets_;  // route -> bucket hash
  std::map<std::string, Bucket> buckets_;            // bucket hash (or route) + major -> state
  Clock::time_point globalUntil_{};
};

}  // namespace openclaw::channels::discord
