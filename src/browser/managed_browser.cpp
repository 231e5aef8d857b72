#include "browser/managed_browser.h"

#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <cctype>
#include <fstream>

#include "browser/browser_request.h"
#include "browser/devtools_http.h"
#include "browser/page_snapshot.h"
#include "core/clock.h"
#include "core/files.h"
#include "core/ip_range.h"
#include "core/logging.h"
#include "core/random_ids.h"

namespace openclaw::browser {

namespace asio = boost::asio;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

// How long a page may take to finish loading before an open or navigate answers anyway.
constexpr milliseconds kSettleLimit{15'000};
constexpr milliseconds kPollInterval{100};
constexpr int kMaxScreenshotHeight = 16'384;
// The session id of browser-level commands (Target.*, Browser.*): none. A named string, not a
// literal: g++ 12 cannot keep a string literal operand of co_await in the coroutine frame.
const std::string kBrowserLevel;
// Set on a document navigate() leaves, so settle() can tell it from the one that replaces it.
constexpr const char* kLeftMarker = "Symbol.for('openclaw.navigation.left')";

milliseconds left(Deadline deadline) {
  const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
  if (remaining.count() <= 0) throw RouteError(504, "the browser request timed out");
  return remaining;
}

asio::awaitable<void> pause(asio::io_context& io, milliseconds duration) {
  asio::steady_timer timer(io);
  timer.expires_after(duration);
  co_await timer.async_wait(asio::use_awaitable);
}

std::string stringOr(const json& object, const char* key, const std::string& fallback = "") {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

json tabView(const json& info) {
  return {{"targetId", stringOr(info, "targetId")},
          {"title", stringOr(info, "title")},
          {"url", stringOr(info, "url")},
          {"type", stringOr(info, "type", "page")}};
}

// What Input.dispatchKeyEvent needs for a key name such as "Enter" or a single character.
struct KeySpec {
  std::string key;
  std::string code;
  int keyCode = 0;
  std::string text;
};

KeySpec keySpec(const std::string& key) {
  static const std::map<std::string, KeySpec> named = {
      {"Enter", {"Enter", "Enter", 13, "\r"}},
      {"Tab", {"Tab", "Tab", 9, ""}},
      {"Escape", {"Escape", "Escape", 27, ""}},
      {"Backspace", {"Backspace", "Backspace", 8, ""}},
      {"Delete", {"Delete", "Delete", 46, ""}},
      {"ArrowLeft", {"ArrowLeft", "ArrowLeft", 37, ""}},
      {"ArrowUp", {"ArrowUp", "ArrowUp", 38, ""}},
      {"ArrowRight", {"ArrowRight", "ArrowRight", 39, ""}},
      {"ArrowDown", {"ArrowDown", "ArrowDown", 40, ""}},
      {"Home", {"Home", "Home", 36, ""}},
      {"End", {"End", "End", 35, ""}},
      {"PageUp", {"PageUp", "PageUp", 33, ""}},
      {"PageDown", {"PageDown", "PageDown", 34, ""}},
      {"Space", {" ", "Space", 32, " "}},
  };
  if (const auto found = named.find(key); found != named.end()) return found->second;
  if (key.size() == 1) {
    const char c = key[0];
    const int upper = std::toupper(static_cast<unsigned char>(c));
    return {key, "", std::isalnum(static_cast<unsigned char>(c)) ? upper : 0, key};
  }
  throw RouteError(400, "unknown key \"" + key +
                            "\": use a single character or Enter, Tab, Escape, Backspace, Delete, "
                            "Space, Home, End, PageUp, PageDown or an Arrow key");
}

}  // namespace

ManagedBrowser::ManagedBrowser(asio::io_context& io, ProfileSetup setup,
                               const NavigationPolicy& policy)
    : io_(io), setup_(std::move(setup)), policy_(policy) {}

ManagedBrowser::~ManagedBrowser() { stop(); }

bool ManagedBrowser::running() {
  return process_ && process_->running() && cdp_ && !cdp_->closed();
}

json ManagedBrowser::status() {
  const bool live = running();
  json status = {{"enabled", true},
                 {"profile", setup_.name},
                 {"running", live},
                 {"cdpReady", live},
                 {"pid", live ? json(process_->pid()) : json(nullptr)},
                 {"cdpPort", setup_.cdpPort},
                 {"cdpUrl", "http://127.0.0.1:" + std::to_string(setup_.cdpPort)},
                 {"userDataDir", (setup_.profileDir / "user-data").string()},
                 {"headless", launchHeadless(setup_.settings)},
                 {"color", setup_.color}};
  const auto executable = findBrowserExecutable(setup_.settings);
  status["executablePath"] = executable ? json(executable->string()) : json(nullptr);
  return status;
}

asio::awaitable<void> ManagedBrowser::start(Deadline deadline) {
  if (running()) co_return;
  stop();
  executable_ = findBrowserExecutable(setup_.settings);
  if (!executable_) {
    throw RouteError(503,
                     setup_.settings.executablePath.empty()
                         ? "no Chromium-family browser found (chromium, google-chrome, ...); set "
                           "browser.executablePath"
                         : "browser.executablePath " + setup_.settings.executablePath +
                               " is not an executable file");
  }
  const int port = setup_.cdpPort;
  if (endAbandonedBrowser(setup_.profileDir / "user-data")) {
    core::logger("browser")->warn(
        "ended the browser a previous gateway left running for profile {}", setup_.name);
  }
  if (co_await devtoolsVersion(io_, port, milliseconds(500))) {
    throw RouteError(409, "port " + std::to_string(port) +
                              " already serves a DevTools endpoint this gateway did not start; "
                              "stop that browser or give the profile another cdpPort");
  }
  LaunchOptions options;
  options.executable = *executable_;
  options.cdpPort = port;
  options.userDataDir = setup_.profileDir / "user-data";
  options.downloadDir = setup_.downloadDir;
  options.headless = launchHeadless(setup_.settings);
  options.noSandbox = setup_.settings.noSandbox || ::geteuid() == 0;
  core::ensurePrivateDir(options.userDataDir);  // the state stays owner-only
  core::ensurePrivateDir(setup_.downloadDir);
  const std::filesystem::path log = setup_.profileDir / "chromium.log";
  try {
    process_ = std::make_unique<BrowserProcess>(options, log);
  } catch (const std::exception& error) {
    throw RouteError(500, std::string("cannot start the browser: ") + error.what());
  }
  core::logger("browser")->info("started {} for profile {} (pid {}, CDP port {})",
                                executable_->string(), setup_.name, process_->pid(), port);
  std::optional<json> version;
  while (!version && Clock::now() < deadline) {
    if (!process_->running()) {
      stop();
      throw RouteError(500, "the browser exited during start-up; see " + log.string());
    }
    version = co_await devtoolsVersion(io_, port, milliseconds(1000));
    if (!version) co_await pause(io_, kPollInterval);
  }
  // The browser names its endpoint after the Host it was asked with; only the path is taken,
  // the connection always goes to the loopback port this gateway started it on.
  const std::string advertised = version ? stringOr(*version, "webSocketDebuggerUrl") : "";
  const std::size_t path = advertised.find("/devtools/browser/");
  if (path == std::string::npos) {
    stop();
    throw RouteError(504, version ? "the browser's DevTools endpoint has no browser WebSocket"
                                  : "the browser did not open DevTools on port " +
                                        std::to_string(port) + " in time; see " + log.string());
  }
  const std::string webSocketUrl =
      "ws://127.0.0.1:" + std::to_string(port) + advertised.substr(path);
  try {
    cdp_ = co_await CdpConnection::open(io_, webSocketUrl, left(deadline));
  } catch (const CdpError& error) {
    stop();
    throw RouteError(500, error.what());
  }
  cdpUrl_ = "http://127.0.0.1:" + std::to_string(port);
  json downloads = {{"behavior", "allow"}, {"downloadPath", setup_.downloadDir.string()}};
  co_await call("Browser.setDownloadBehavior", std::move(downloads), kBrowserLevel, deadline);
}

bool ManagedBrowser::stop() {
  const bool wasRunning = process_ != nullptr;
  if (cdp_) cdp_->close();
  cdp_.reset();
  if (process_) {
    process_->stop();
    core::logger("browser")->info("stopped the browser of profile {}", setup_.name);
  }
  process_.reset();
  tabs_.clear();
  current_.clear();
  return wasRunning;
}

asio::awaitable<void> ManagedBrowser::requireRunning() {
  if (!running()) {
    throw RouteError(409, "the browser of profile " + setup_.name +
                              " is not running (POST /start, or open a tab)");
  }
  co_return;
}

asio::awaitable<json> ManagedBrowser::call(const std::string& method, json params,
                                           const std::string& sessionId, Deadline deadline) {
  if (!cdp_) throw RouteError(409, "the browser of profile " + setup_.name + " is not running");
  try {
    co_return co_await cdp_->call(method, std::move(params), sessionId, left(deadline));
  } catch (const CdpError& error) {
    throw RouteError(500, error.what());
  }
}

asio::awaitable<json> ManagedBrowser::pageTargets(Deadline deadline) {
  const json result = co_await call("Target.getTargets", json::object(), kBrowserLevel, deadline);
  json pages = json::array();
  std::map<std::string, Tab> kept;
  for (const json& info : result.value("targetInfos", json::array())) {
    if (stringOr(info, "type") != "page") continue;
    pages.push_back(tabView(info));
    const std::string id = stringOr(info, "targetId");
    if (auto found = tabs_.find(id); found != tabs_.end()) kept[id] = std::move(found->second);
  }
  tabs_ = std::move(kept);
  co_return pages;
}

asio::awaitable<std::string> ManagedBrowser::resolveTarget(const std::string& targetId, bool create,
                                                           Deadline deadline) {
  const json pages = co_await pageTargets(deadline);
  std::string chosen;
  if (!targetId.empty()) {
    int matches = 0;
    for (const json& page : pages) {
      const std::string id = page["targetId"].get<std::string>();
      if (id == targetId) {
        chosen = id;
        matches = 1;
        break;
      }
      if (id.starts_with(targetId)) {
        chosen = id;
        ++matches;
      }
    }
    if (matches != 1) {
      throw RouteError(404, matches == 0 ? "no tab " + targetId + " (GET /tabs lists them)"
                                         : "tab id prefix " + targetId + " is ambiguous");
    }
  } else {
    for (const json& page : pages) {
      if (page["targetId"] == current_) chosen = current_;
    }
    if (chosen.empty() && !pages.empty()) chosen = pages.front()["targetId"].get<std::string>();
    if (chosen.empty() && create) {
      json blank = {{"url", "about:blank"}};
      const json created =
          co_await call("Target.createTarget", std::move(blank), kBrowserLevel, deadline);
      chosen = stringOr(created, "targetId");
    }
    if (chosen.empty()) throw RouteError(404, "no tab is open (POST /tabs/open opens one)");
  }
  current_ = chosen;
  co_return chosen;
}

asio::awaitable<std::string> ManagedBrowser::session(const std::string& targetId,
                                                     Deadline deadline) {
  Tab& tab = tabs_[targetId];
  if (tab.sessionId.empty()) {
    json attach = {{"targetId", targetId}, {"flatten", true}};
    const json attached =
        co_await call("Target.attachToTarget", std::move(attach), kBrowserLevel, deadline);
    tabs_[targetId].sessionId = stringOr(attached, "sessionId");
  }
  co_return tabs_[targetId].sessionId;
}

asio::awaitable<json> ManagedBrowser::evaluate(const std::string& targetId,
                                               const std::string& expression, Deadline deadline) {
  const std::string sessionId = co_await session(targetId, deadline);
  json script = {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}};
  const json result = co_await call("Runtime.evaluate", std::move(script), sessionId, deadline);
  if (const auto failed = result.find("exceptionDetails"); failed != result.end()) {
    const json exception = failed->value("exception", json::object());
    throw RouteError(500, "page script failed: " +
                              stringOr(exception, "description", stringOr(*failed, "text")));
  }
  co_return result.value("result", json::object()).value("value", json(nullptr));
}

asio::awaitable<void> ManagedBrowser::checkNavigation(const std::string& url, Deadline deadline) {
  std::string host;
  try {
    host = policy_.checkUrl(url);
    if (host.empty() || core::parseIpLiteral(host)) co_return;
  } catch (const NavigationBlocked& blocked) {
    throw RouteError(403, std::string("navigation blocked: ") + blocked.what(),
                     "navigation_blocked");
  }
  asio::ip::tcp::resolver resolver(io_);
  asio::steady_timer guard(io_);
  guard.expires_at(std::min(deadline, Clock::now() + milliseconds(5000)));
  guard.async_wait([&resolver](const boost::system::error_code& ec) {
    if (!ec) resolver.cancel();
  });
  boost::system::error_code ec;
  const auto results =
      co_await resolver.async_resolve(host, "80", asio::redirect_error(asio::use_awaitable, ec));
  guard.cancel();
  if (ec) {
    throw RouteError(403, "navigation blocked: cannot resolve " + host + ": " + ec.message(),
                     "navigation_check_failed");
  }
  try {
    for (const auto& entry : results) policy_.checkAddress(host, entry.endpoint().address());
  } catch (const NavigationBlocked& blocked) {
    throw RouteError(403, std::string("navigation blocked: ") + blocked.what(),
                     "navigation_blocked");
  }
}

asio::awaitable<json> ManagedBrowser::settle(const std::string& targetId, bool blankWanted,
                                             Deadline deadline) {
  const Deadline settleBy = std::min(deadline - milliseconds(1000), Clock::now() + kSettleLimit);
  const std::string probe = std::string("({state: document.readyState, url: location.href, ") +
                            "title: document.title, left: !!window[" + kLeftMarker + "]})";
  json page;
  while (true) {
    // While a document is being replaced, evaluating may fail (its context went away): the
    // next round asks the new one.
    std::optional<std::string> failure;
    try {
      page = co_await evaluate(targetId, probe, deadline);
    } catch (const RouteError& error) {
      if (error.status() == 504) throw;
      failure = error.what();
      page = nullptr;
    }
    const bool arrived = page.is_object() && stringOr(page, "state") == "complete" &&
                         page.value("left", false) == false &&
                         (blankWanted || stringOr(page, "url") != "about:blank");
    if (arrived || Clock::now() >= settleBy) {
      if (failure) throw RouteError(500, *failure);
      break;
    }
    co_await pause(io_, kPollInterval);
  }
  const std::string url = page.is_object() ? stringOr(page, "url") : "";
  if (url.starts_with("chrome-error:")) throw RouteError(502, "the page could not be loaded");
  std::optional<RouteError> refused;
  try {
    co_await checkNavigation(url, deadline);
  } catch (const RouteError& error) {
    refused = error;
  }
  if (refused) {  // redirected somewhere it may not go: leave the page
    const std::string sessionId = co_await session(targetId, deadline);
    json blank = {{"url", "about:blank"}};
    co_await call("Page.navigate", std::move(blank), sessionId, deadline);
    throw *refused;
  }
  co_return json{{"targetId", targetId},
                 {"url", url},
                 {"title", page.is_object() ? stringOr(page, "title") : ""},
                 {"loaded", page.is_object() && stringOr(page, "state") == "complete"}};
}

asio::awaitable<json> ManagedBrowser::tabs(Deadline deadline) {
  if (!running()) co_return json{{"running", false}, {"tabs", json::array()}};
  json pages = co_await pageTargets(deadline);
  co_return json{{"running", true}, {"tabs", std::move(pages)}};
}

asio::awaitable<json> ManagedBrowser::open(const std::string& url, Deadline deadline) {
  co_await checkNavigation(url, deadline);
  co_await start(deadline);
  json target = {{"url", url}};
  const json created =
      co_await call("Target.createTarget", std::move(target), kBrowserLevel, deadline);
  const std::string targetId = stringOr(created, "targetId");
  current_ = targetId;
  json tab = co_await settle(targetId, url == "about:blank", deadline);
  tab["type"] = "page";
  co_return tab;
}

asio::awaitable<void> ManagedBrowser::focus(const std::string& targetId, Deadline deadline) {
  co_await requireRunning();
  const std::string id = co_await resolveTarget(targetId, false, deadline);
  json target = {{"targetId", id}};
  co_await call("Target.activateTarget", std::move(target), kBrowserLevel, deadline);
}

asio::awaitable<void> ManagedBrowser::close(const std::string& targetId, Deadline deadline) {
  co_await requireRunning();
  const std::string id = co_await resolveTarget(targetId, false, deadline);
  json target = {{"targetId", id}};
  co_await call("Target.closeTarget", std::move(target), kBrowserLevel, deadline);
  tabs_.erase(id);
  if (current_ == id) current_.clear();
}

asio::awaitable<json> ManagedBrowser::navigate(const std::string& url, const std::string& targetId,
                                               Deadline deadline) {
  co_await checkNavigation(url, deadline);
  co_await start(deadline);
  const std::string id = co_await resolveTarget(targetId, true, deadline);
  const std::string sessionId = co_await session(id, deadline);
  co_await evaluate(id, std::string("window[") + kLeftMarker + "] = true", deadline);
  json destination = {{"url", url}};
  const json navigated =
      co_await call("Page.navigate", std::move(destination), sessionId, deadline);
  if (const std::string failure = stringOr(navigated, "errorText"); !failure.empty()) {
    throw RouteError(502, "navigation to " + url + " failed: " + failure);
  }
  if (!navigated.contains("loaderId")) {  // same document (a fragment): nothing gets replaced
    co_await evaluate(id, std::string("delete window[") + kLeftMarker + "]", deadline);
  }
  tabs_[id].refs.clear();
  json page = co_await settle(id, url == "about:blank", deadline);
  page["ok"] = true;
  co_return page;
}

asio::awaitable<json> ManagedBrowser::snapshot(const std::string& targetId, std::size_t maxChars,
                                               Deadline deadline) {
  co_await requireRunning();
  const std::string id = co_await resolveTarget(targetId, false, deadline);
  const json tree = co_await evaluate(id, kSnapshotScript, deadline);
  const json url = co_await evaluate(id, "location.href", deadline);
  PageSnapshot snapshot = buildSnapshot(tree, maxChars);
  tabs_[id].refs = snapshot.elements;
  co_return json{{"ok", true},
                 {"format", "ai"},
                 {"targetId", id},
                 {"url", url.is_string() ? url : json("")},
                 {"title", tree.is_object() ? stringOr(tree, "name") : ""},
                 {"snapshot", snapshot.text},
                 {"refs", snapshot.refs},
                 {"stats", {{"nodes", snapshot.nodes}, {"refs", snapshot.elements.size()}}},
                 {"truncated", snapshot.truncated}};
}

asio::awaitable<json> ManagedBrowser::screenshot(const std::string& targetId, bool fullPage,
                                                 Deadline deadline) {
  co_await requireRunning();
  const std::string id = co_await resolveTarget(targetId, false, deadline);
  const std::string sessionId = co_await session(id, deadline);
  // A tab in the background is not painted: it could not be captured.
  co_await call("Page.bringToFront", json::object(), sessionId, deadline);
  json params = {{"format", "png"}};
  if (fullPage) {
    const json metrics =
        co_await call("Page.getLayoutMetrics", json::object(), sessionId, deadline);
    const json size = metrics.value("cssContentSize", metrics.value("contentSize", json::object()));
    params["captureBeyondViewport"] = true;
    params["clip"] = {{"x", 0},
                      {"y", 0},
                      {"width", size.value("width", 800.0)},
                      {"height", std::min(size.value("height", 600.0),
                                          static_cast<double>(kMaxScreenshotHeight))},
                      {"scale", 1}};
  }
  const json shot = co_await call("Page.captureScreenshot", params, sessionId, deadline);
  const std::string data = stringOr(shot, "data");
  std::string png(boost::beast::detail::base64::decoded_size(data.size()), '\0');
  png.resize(boost::beast::detail::base64::decode(png.data(), data.data(), data.size()).first);
  if (png.empty()) throw RouteError(500, "the browser returned an empty screenshot");
  core::ensurePrivateDir(setup_.mediaDir);
  const std::filesystem::path path =
      setup_.mediaDir / (setup_.name + "-" + std::to_string(core::nowMs()) + "-" +
                         core::uuidV4().substr(0, 8) + ".png");
  std::ofstream out(path, std::ios::binary);
  out.write(png.data(), static_cast<std::streamsize>(png.size()));
  out.close();
  if (!out) throw RouteError(500, "cannot write " + path.string());
  const json url = co_await evaluate(id, "location.href", deadline);
  co_return json{{"ok", true},          {"path", path.string()},
                 {"targetId", id},      {"url", url.is_string() ? url : json("")},
                 {"bytes", png.size()}, {"fullPage", fullPage}};
}

asio::awaitable<int> ManagedBrowser::elementFor(const std::string& targetId, const json& body) {
  std::string ref = stringOr(body, "ref");
  if (ref.empty()) throw RouteError(400, "this action needs a \"ref\" from a snapshot (e.g. e3)");
  if (ref.front() != 'e') ref = "e" + ref;
  const auto& refs = tabs_[targetId].refs;
  const auto found = refs.find(ref);
  if (found == refs.end()) {
    throw RouteError(400, "unknown ref " + ref + " for this tab; take a new snapshot");
  }
  co_return found->second;
}

asio::awaitable<json> ManagedBrowser::act(const json& body, Deadline deadline) {
  const std::string kind = stringOr(body, "kind");
  if (kind != "click" && kind != "type" && kind != "press") {
    throw RouteError(400, "act needs \"kind\": click, type or press");
  }
  co_await requireRunning();
  const std::string id = co_await resolveTarget(stringOr(body, "targetId"), false, deadline);
  const std::string sessionId = co_await session(id, deadline);
  // Input events go to the page in front.
  co_await call("Page.bringToFront", json::object(), sessionId, deadline);
  const auto gone = [&body] {
    return RouteError(
        409, "ref " + stringOr(body, "ref") + " is no longer on the page; take a new snapshot");
  };
  if (kind == "click") {
    const int element = co_await elementFor(id, body);
    const json point = co_await evaluate(
        id,
        elementScript(element,
                      "el.scrollIntoView({block: 'center', inline: 'center'}); "
                      "const r = el.getBoundingClientRect(); "
                      "return {x: r.left + r.width / 2, y: r.top + r.height / 2};"),
        deadline);
    if (!point.is_object()) throw gone();
    const double x = point.value("x", 0.0);
    const double y = point.value("y", 0.0);
    json move = {{"type", "mouseMoved"}, {"x", x}, {"y", y}};
    co_await call("Input.dispatchMouseEvent", std::move(move), sessionId, deadline);
    for (const char* type : {"mousePressed", "mouseReleased"}) {
      json button = {{"type", type}, {"x", x}, {"y", y}, {"button", "left"}, {"clickCount", 1}};
      co_await call("Input.dispatchMouseEvent", std::move(button), sessionId, deadline);
    }
  } else {
    if (kind == "type" || body.contains("ref")) {
      const int element = co_await elementFor(id, body);
      const json focused =
          co_await evaluate(id, elementScript(element, "el.focus(); return true;"), deadline);
      if (focused != true) throw gone();
    }
    if (kind == "type") {
      const auto text = body.find("text");
      if (text == body.end() || !text->is_string()) {
        throw RouteError(400, "type needs a \"text\" string");
      }
      json insert = {{"text", *text}};
      co_await call("Input.insertText", std::move(insert), sessionId, deadline);
    } else {
      const KeySpec key = keySpec(stringOr(body, "key"));
      json down = {{"type", key.text.empty() ? "rawKeyDown" : "keyDown"},
                   {"key", key.key},
                   {"code", key.code},
                   {"windowsVirtualKeyCode", key.keyCode}};
      if (!key.text.empty()) down["text"] = key.text;
      co_await call("Input.dispatchKeyEvent", down, sessionId, deadline);
      json up = {{"type", "keyUp"},
                 {"key", key.key},
                 {"code", key.code},
                 {"windowsVirtualKeyCode", key.keyCode}};
      co_await call("Input.dispatchKeyEvent", std::move(up), sessionId, deadline);
    }
  }
  co_return json{{"ok", true}, {"targetId", id}, {"kind", kind}};
}

}  // namespace openclaw::browser
