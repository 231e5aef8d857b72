#include "channels/discord/discord_rate_limits.h"

#include <cmath>
#include <cstdlib>

#include "channels/discord/discord_messages.h"
#include "core/text.h"

namespace openclaw::channels::discord {
namespace {

using std::chrono::milliseconds;

// Ids after these path segments are "major parameters": each value has its own limits.
bool isMajor(const std::string& segment) {
  return segment == "channels" || segment == "guilds" || segment == "webhooks";
}

// The major parameter of a route key ("POST /channels/1/messages" -> "1"), or "".
std::string majorOf(const std::string& route) {
  const auto pieces = core::splitOn(route, '/');
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    if (isMajor(pieces[i - 1]) && isSnowflake(pieces[i])) return pieces[i];
  }
  return "";
}

milliseconds until(RateLimits::Clock::time_point then, RateLimits::Clock::time_point now) {
  const auto left = std::chrono::ceil<milliseconds>(then - now);
  return left.count() > 0 ? left : milliseconds(0);
}

}  // namespace

std::optional<milliseconds> secondsValue(const std::string& text) {
  const std::string trimmedText = core::trimmed(text);
  if (trimmedText.empty() || trimmedText.size() > 32) return std::nullopt;
  char* end = nullptr;
  const double seconds = std::strtod(trimmedText.c_str(), &end);
  if (end != trimmedText.c_str() + trimmedText.size() || !std::isfinite(seconds) || seconds < 0) {
    return std::nullopt;
  }
  return milliseconds(static_cast<std::int64_t>(std::ceil(std::min(seconds, 3600.0) * 1000)));
}

std::string RateLimits::routeKey(const std::string& method, const std::string& path) {
  const auto pieces = core::splitOn(path.substr(0, path.find('?')), '/');
  std::string key = method + " ";
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) key += '/';
    const bool minorId = isSnowflake(pieces[i]) && !(i > 0 && isMajor(pieces[i - 1]));
    key += minorId ? ":id" : pieces[i];
  }
  return key;
}

RateLimits::Bucket& RateLimits::bucketFor(const std::string& route) {
  const auto hash = routeBuckets_.find(route);
  return buckets_[hash == routeBuckets_.end() ? route : hash->second + "|" + majorOf(route)];
}

milliseconds RateLimits::reserve(const std::string& route, Clock::time_point now) {
  if (now < globalUntil_) return until(globalUntil_, now);
  Bucket& bucket = bucketFor(route);
  if (bucket.resetAt <= now) {
    // The window passed (or was never seen): go, and learn the limit from the answer.
    bucket.remaining = std::max(bucket.remaining, 1);
  } else if (bucket.remaining <= 0) {
    return until(bucket.resetAt, now);
  }
  --bucket.remaining;
  return milliseconds(0);
}

void RateLimits::update(const std::string& route, int status, const RateLimitInfo& info,
                        Clock::time_point now) {
  if (!info.bucket.empty() && info.bucket.size() <= 64) routeBuckets_[route] = info.bucket;
  Bucket& bucket = bucketFor(route);
  if (info.remaining) bucket.remaining = *info.remaining;
  if (info.resetAfter) bucket.resetAt = now + *info.resetAfter;
  if (status == 429) {
    const milliseconds wait =
        info.retryAfter.value_or(info.resetAfter.value_or(milliseconds(1000)));
    if (info.global) {
      globalUntil_ = std::max(globalUntil_, now + wait);
    } else {
      bucket.remaining = 0;
      bucket.resetAt = now + wait;
    }
  }
  prune(now);
}

void RateLimits::prune(Clock::time_point now) {
  if (buckets_.size() > kMaxBuckets) {
    std::erase_if(buckets_, [now](const auto& entry) { return entry.second.resetAt <= now; });
    if (buckets_.size() > kMaxBuckets) buckets_.clear();
  }
  if (routeBuckets_.size() > kMaxBuckets) routeBuckets_.clear();
}

}  // namespace openclaw::channels::discord
