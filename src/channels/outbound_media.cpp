#include "channels/outbound_media.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <system_error>

#include "auth/base64url.h"
#include "channels/media_store.h"
#include "channels/media_types.h"
#include "core/text.h"
#include "net/address_ranges.h"
#include "net/http_client.h"
#include "rpc/storage_await.h"

namespace openclaw::channels {
namespace {

namespace fs = std::filesystem;
using protocol::GatewayError;

constexpr int kMaxRedirects = 3;

GatewayError invalid(const std::string& field, const std::string& reason) {
  return GatewayError::invalidRequest(field + ": " + reason);
}

std::string tooLarge(std::uint64_t maxBytes) {
  constexpr std::uint64_t kMiB = 1024 * 1024;
  return "larger than the limit of " + (maxBytes % kMiB == 0
                                            ? std::to_string(maxBytes / kMiB) + " MiB"
                                            : std::to_string(maxBytes) + " bytes");
}

// The file name for bytes from `path`: its last segment (made safe), else "file" + the type's
// extension.
std::string fileNameFrom(const std::string& path, const std::string& contentType) {
  const std::string last = path.substr(path.find_last_of('/') + 1);
  const std::string decoded = core::percentDecoded(last).value_or(last);
  if (!decoded.empty()) return safeFileName(decoded);
  return "file" + extensionFor(contentType);
}

bool inside(const fs::path& file, const fs::path& root) {
  return std::mismatch(root.begin(), root.end(), file.begin(), file.end()).first == root.end();
}

std::optional<std::string> privateAddressRefusal(const boost::asio::ip::address& address) {
  const auto range = net::specialPurposeRange(address);
  if (!range) return std::nullopt;
  return address.to_string() + " is " + std::string(*range) +
         " (send fetches media only from public addresses)";
}

struct Fetched {
  int status = 0;
  std::string contentType;
  std::string location;
  std::string body;
  bool tooLarge = false;
  std::string error;  // transport failure
};

boost::asio::awaitable<Fetched> fetchOnce(net::HttpClient& client, const std::string& url,
                                          const OutboundMediaPolicy& policy,
                                          std::chrono::steady_clock::time_point deadline) {
  net::HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Accept", "*/*"}};
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  request.connectTimeout = left;
  request.idleTimeout = left;
  if (!policy.allowPrivateNetwork) request.checkAddress = privateAddressRefusal;
  const std::shared_ptr<net::HttpExchange> exchange = client.start(std::move(request));
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, deadline);
  timer.async_wait([exchange](const boost::system::error_code& ec) {
    if (!ec) exchange->cancel();
  });
  Fetched fetched;
  try {
    const net::HttpResponseHead head = co_await exchange->head();
    fetched.status = head.status;
    fetched.contentType = head.header("content-type").value_or("");
    fetched.location = head.header("location").value_or("");
    if (const auto length = head.header("content-length")) {
      if (std::strtoull(length->c_str(), nullptr, 10) > policy.maxBytes) fetched.tooLarge = true;
    }
    while (fetched.status >= 200 && fetched.status < 300 && !fetched.tooLarge) {
      std::string chunk = co_await exchange->readSome();
      if (chunk.empty()) break;
      fetched.body += chunk;
      fetched.tooLarge = fetched.body.size() > policy.maxBytes;
    }
    exchange->cancel();
  } catch (const net::HttpFailure& failure) {
    fetched.error =
        failure.error().kind == net::HttpError::Kind::Cancelled
            ? "no complete answer within " + std::to_string(policy.timeout.count()) + " ms"
            : failure.error().message;
  }
  timer.cancel();
  co_return fetched;
}

// The absolute URL a redirect's Location names, relative to `base` for "/path" forms.
std::string redirectTarget(const std::string& base, const std::string& location) {
  if (location.starts_with("http://") || location.starts_with("https://")) return location;
  const auto url = net::parseHttpUrl(base);
  if (!url || !location.starts_with("/")) return location;
  return std::string(url->tls ? "https://" : "http://") + url->host + ":" + url->port + location;
}

boost::asio::awaitable<protocol::Result<MediaFile>> fetchMedia(rpc::GatewayRuntime& runtime,
                                                               std::string field, std::string url,
                                                               OutboundMediaPolicy policy) {
  net::HttpClient client(runtime.io);
  const auto deadline = std::chrono::steady_clock::now() + policy.timeout;
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    if (!net::parseHttpUrl(url)) co_return invalid(field, "not a valid http(s) URL: " + url);
    Fetched fetched = co_await fetchOnce(client, url, policy, deadline);
    if (!fetched.error.empty())
      co_return invalid(field, "cannot fetch " + url + ": " + fetched.error);
    if (fetched.status >= 300 && fetched.status < 400 && !fetched.location.empty()) {
      url = redirectTarget(url, fetched.location);
      continue;
    }
    if (fetched.status < 200 || fetched.status > 299) {
      co_return invalid(field,
                        "fetching " + url + " failed with HTTP " + std::to_string(fetched.status));
    }
    if (fetched.tooLarge) co_return invalid(field, url + " is " + tooLarge(policy.maxBytes));
    if (fetched.body.empty()) co_return invalid(field, url + " returned no bytes");
    MediaFile file;
    const std::string path = net::parseHttpUrl(url)->target;
    file.contentType =
        mediaContentType(fetched.contentType, path.substr(0, path.find('?')), fetched.body);
    file.fileName = fileNameFrom(path.substr(0, path.find('?')), file.contentType);
    file.bytes = std::move(fetched.body);
    co_return file;
  }
  co_return invalid(field, "more than " + std::to_string(kMaxRedirects) + " redirects");
}

}  // namespace

protocol::Result<MediaFile> readLocalMedia(const std::string& field, const std::string& source,
                                           const OutboundMediaPolicy& policy) {
  std::string text = source.starts_with("file://") ? source.substr(7) : source;
  if (source.starts_with("file://")) text = core::percentDecoded(text).value_or(text);
  if (text.empty()) return invalid(field, "empty path");
  fs::path path(text);
  if (path.is_relative()) {
    if (policy.localRoots.empty()) return invalid(field, "relative path without a workspace");
    path = policy.localRoots.front() / path;
  }
  std::error_code ec;
  const fs::path resolved = fs::canonical(path, ec);
  if (ec) return invalid(field, "cannot read " + text + ": " + ec.message());
  bool allowed = false;
  for (const fs::path& root : policy.localRoots) {
    const fs::path canonicalRoot = fs::canonical(root, ec);
    if (!ec && inside(resolved, canonicalRoot)) allowed = true;
  }
  if (!allowed) {
    return invalid(field, text +
                              " is outside the folders send may read (the agent workspace and "
                              "<stateDir>/media); send the bytes as `buffer` instead");
  }
  if (!fs::is_regular_file(resolved, ec)) return invalid(field, text + " is not a regular file");
  const std::uintmax_t size = fs::file_size(resolved, ec);
  if (ec) return invalid(field, "cannot read " + text + ": " + ec.message());
  if (size > policy.maxBytes) return invalid(field, text + " is " + tooLarge(policy.maxBytes));
  std::ifstream in(resolved, std::ios::binary);
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(size));
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return invalid(field, "cannot read " + text);
  }
  MediaFile file;
  file.contentType = mediaContentType("", resolved.filename().string(), bytes);
  file.fileName = safeFileName(resolved.filename().string());
  file.bytes = std::move(bytes);
  return file;
}

boost::asio::awaitable<protocol::Result<MediaFile>> loadOutboundMedia(rpc::GatewayRuntime& runtime,
                                                                      std::string field,
                                                                      std::string source,
                                                                      OutboundMediaPolicy policy) {
  const std::string scheme = core::asciiLowercase(source.substr(0, source.find("://")));
  if (scheme == "http" || scheme == "https") {
    co_return co_await fetchMedia(runtime, std::move(field), std::move(source), std::move(policy));
  }
  if (source.find("://") != std::string::npos && scheme != "file") {
    co_return invalid(field, "unsupported URL scheme \"" + scheme + "\" (http, https or file)");
  }
  co_return co_await rpc::onPool(runtime.blocking, [&field, &source, &policy] {
    return readLocalMedia(field, source, policy);
  });
}

protocol::Result<MediaFile> mediaFromBuffer(const std::string& base64, const std::string& fileName,
                                            const std::string& contentType,
                                            const OutboundMediaPolicy& policy) {
  // 4 characters carry 3 bytes: refuse an oversized buffer before decoding it.
  if (base64.size() / 4 * 3 > policy.maxBytes + 3) {
    return invalid("buffer", tooLarge(policy.maxBytes));
  }
  std::optional<std::string> bytes = auth::base64UrlDecode(base64);
  if (!bytes) return invalid("buffer", "not valid base64");
  if (bytes->empty()) return invalid("buffer", "empty");
  if (bytes->size() > policy.maxBytes) return invalid("buffer", tooLarge(policy.maxBytes));
  MediaFile file;
  file.contentType = mediaContentType(contentType, fileName, *bytes);
  file.fileName =
      fileName.empty() ? "file" + extensionFor(file.contentType) : safeFileName(fileName);
  file.bytes = std::move(*bytes);
  return file;
}

}  // namespace openclaw::channels
