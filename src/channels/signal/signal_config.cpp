#include "channels/signal/signal_config.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "net/http_client.h"

namespace openclaw::channels::signal {
namespace {

// "+" and 7 to 15 digits, the first not 0 (E.164).
bool isE164(const std::string& number) {
  return number.size() >= 8 && number.size() <= 16 && number[0] == '+' && number[1] != '0' &&
         std::all_of(number.begin() + 1, number.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string httpUrlAt(const config::ConfigFile& view, const std::string& pointer) {
  std::string url = core::trimmed(view.string(pointer).value_or(""));
  if (url.empty()) return url;
  const auto parsed = net::parseHttpUrl(url);
  if (!parsed || url.find('@') != std::string::npos) {
    throw view.errorAt(
        pointer, "must be an http:// or https:// URL without credentials, got \"" + url + "\"");
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

SignalConfig SignalConfig::fromView(const config::ConfigFile& view, const std::string& pointer) {
  SignalConfig config;
  config.enabled = view.boolean(pointer + "/enabled").value_or(true);
  config.account = core::trimmed(view.string(pointer + "/account").value_or(""));
  if (!config.account.empty() && !isE164(config.account)) {
    throw view.errorAt(pointer + "/account",
                       "must be the bot's phone number in E.164 form (+15551234567), got \"" +
                           config.account + "\"");
  }
  config.accountUuid = core::trimmed(view.string(pointer + "/accountUuid").value_or(""));
  config.ignoreAttachments = view.boolean(pointer + "/ignoreAttachments").value_or(false);
  config.sendReadReceipts = view.boolean(pointer + "/sendReadReceipts").value_or(false);
  config.textChunkLimit = static_cast<std::size_t>(
      view.integer(pointer + "/textChunkLimit", 1, 100'000).value_or(kDefaultTextChunkLimit));
  config.mediaMaxBytes =
      static_cast<std::uint64_t>(
          view.integer(pointer + "/mediaMaxMb", 1, 100).value_or(kDefaultMediaMaxMb)) *
      1024 * 1024;

  const std::string transport = pointer + "/transport";
  // Upstream's older flat key (and `channels add --http-url`): a daemon already running there.
  if (const std::string legacyUrl = httpUrlAt(view, pointer + "/httpUrl"); !legacyUrl.empty()) {
    if (view.root.contains(nlohmann::json::json_pointer(transport))) {
      throw view.errorAt(pointer + "/httpUrl",
                         "cannot be combined with transport; use transport.url instead");
    }
    config.kind = "external-native";
    config.url = legacyUrl;
    return config;
  }
  config.kind = view.oneOf(transport + "/kind", {"managed-native", "external-native", "container"})
                    .value_or("managed-native");
  if (config.kind == "container") {
    throw view.errorAt(transport + "/kind",
                       "\"container\" (bbernhard/signal-cli-rest-api) is not supported by this "
                       "gateway; run signal-cli's native daemon (managed-native or "
                       "external-native)");
  }
  if (view.string(transport + "/socketPath")) {
    throw view.errorAt(transport + "/socketPath",
                       "is not supported by this gateway; use the daemon's HTTP endpoint");
  }
  config.url = httpUrlAt(view, transport + "/url");
  if (!config.managed()) {
    if (config.url.empty()) {
      throw view.errorAt(transport + "/url", "is required with kind \"external-native\"");
    }
    return config;
  }
  config.httpHost = core::trimmed(view.string(transport + "/httpHost").value_or(config.httpHost));
  if (config.httpHost.empty()) throw view.errorAt(transport + "/httpHost", "must not be empty");
  config.httpPort =
      static_cast<int>(view.integer(transport + "/httpPort", 1, 65535).value_or(config.httpPort));
  config.cliPath = core::trimmed(view.string(transport + "/cliPath").value_or(config.cliPath));
  if (config.cliPath.empty()) throw view.errorAt(transport + "/cliPath", "must not be empty");
  config.configPath = view.string(transport + "/configPath").value_or("");
  config.startupTimeout = std::chrono::milliseconds(
      view.integer(transport + "/startupTimeoutMs", 1000, 120'000).value_or(30'000));
  config.receiveMode = view.oneOf(transport + "/receiveMode", {"on-start", "manual"}).value_or("");
  config.ignoreStories = view.boolean(transport + "/ignoreStories").value_or(false);
  if (config.url.empty()) {
    const bool ipv6 = config.httpHost.find(':') != std::string::npos;
    config.url = "http://" + (ipv6 ? "[" + config.httpHost + "]" : config.httpHost) + ":" +
                 std::to_string(config.httpPort);
  }
  return config;
}

}  // namespace openclaw::channels::signal
