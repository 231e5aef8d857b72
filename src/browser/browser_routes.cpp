#include "browser/browser_routes.h"

#include "core/logging.h"

namespace openclaw::browser {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

constexpr std::size_t kDefaultSnapshotChars = 20'000;
constexpr std::size_t kMaxSnapshotChars = 200'000;

std::string bodyString(const BrowserRequest& request, const char* key, bool required) {
  const auto found = request.body.find(key);
  if (found != request.body.end() && found->is_string() && !found->get<std::string>().empty()) {
    return found->get<std::string>();
  }
  if (required) throw RouteError(400, std::string("needs \"") + key + "\" (a string)");
  return "";
}

std::string queryValue(const BrowserRequest& request, const char* key) {
  const auto found = request.query.find(key);
  return found == request.query.end() ? "" : found->second;
}

std::size_t snapshotChars(const BrowserRequest& request) {
  const std::string text = queryValue(request, "maxChars");
  if (text.empty()) return kDefaultSnapshotChars;
  try {
    const long long value = std::stoll(text);
    if (value > 0) return std::min<std::size_t>(static_cast<std::size_t>(value), kMaxSnapshotChars);
  } catch (const std::exception&) {
  }
  throw RouteError(400, "maxChars must be a positive integer");
}

asio::awaitable<json> dispatch(BrowserProfiles& profiles, const BrowserRequest& request,
                               Deadline deadline) {
  const std::string& method = request.method;
  const std::string& path = request.path;
  const std::string profileName = queryValue(request, "profile");
  if (method == "GET" && path == "/profiles") co_return json{{"profiles", profiles.list()}};
  ManagedBrowser& browser = profiles.get(profileName);
  if (method == "GET" && path == "/") co_return browser.status();
  if (method == "POST" && path == "/start") {
    co_await browser.start(deadline);
    co_return browser.status();
  }
  if (method == "POST" && path == "/stop") {
    const bool stopped = browser.stop();
    co_return json{{"ok", true}, {"stopped", stopped}, {"profile", browser.setup().name}};
  }
  if (method == "GET" && path == "/tabs") co_return co_await browser.tabs(deadline);
  if (method == "POST" && path == "/tabs/open") {
    co_return co_await browser.open(bodyString(request, "url", true), deadline);
  }
  if (method == "POST" && path == "/tabs/focus") {
    co_await browser.focus(bodyString(request, "targetId", true), deadline);
    co_return json{{"ok", true}};
  }
  if (method == "DELETE" && path.starts_with("/tabs/") && path.size() > 6) {
    co_await browser.close(path.substr(6), deadline);
    co_return json{{"ok", true}};
  }
  if (method == "POST" && path == "/navigate") {
    const std::string url = bodyString(request, "url", true);
    co_return co_await browser.navigate(url, bodyString(request, "targetId", false), deadline);
  }
  if (method == "GET" && path == "/snapshot") {
    co_return co_await browser.snapshot(queryValue(request, "targetId"), snapshotChars(request),
                                        deadline);
  }
  if (method == "POST" && path == "/screenshot") {
    const auto fullPage = request.body.find("fullPage");
    co_return co_await browser.screenshot(
        bodyString(request, "targetId", false),
        fullPage != request.body.end() && fullPage->is_boolean() && fullPage->get<bool>(),
        deadline);
  }
  if (method == "POST" && path == "/act") co_return co_await browser.act(request.body, deadline);
  throw RouteError(404, "no browser route " + method + " " + path);
}

}  // namespace

asio::awaitable<BrowserResponse> runRoute(BrowserProfiles& profiles,
                                          const BrowserRequest& request) {
  if (!profiles.settings().enabled) {
    co_return BrowserResponse{503, {{"error", "browser control is disabled (browser.enabled)"}}};
  }
  if (!request.body.is_object()) {
    co_return BrowserResponse{400, {{"error", "the request body must be a JSON object"}}};
  }
  const Deadline deadline = std::chrono::steady_clock::now() + request.timeout;
  BrowserResponse response;
  try {
    response.body = co_await dispatch(profiles, request, deadline);
  } catch (const RouteError& error) {
    response.status = error.status();
    response.body = {{"error", error.what()}};
    if (!error.reason().empty()) response.body["reason"] = error.reason();
  } catch (const std::exception& error) {
    core::logger("browser")->warn("{} {} failed: {}", request.method, request.path, error.what());
    response.status = 500;
    response.body = {{"error", error.what()}};
  }
  const auto profile = request.query.find("profile");
  if (response.status != 404) {
    profiles.touch(profile == request.query.end() ? "" : profile->second);
  }
  co_return response;
}

}  // namespace openclaw::browser
