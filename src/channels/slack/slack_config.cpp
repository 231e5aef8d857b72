#include "channels/slack/slack_config.h"

#include "channels/account_blocks.h"
#include "config/config_file.h"
#include "core/text.h"

namespace openclaw::channels::slack {
namespace {

// A token from the block, else (default account only) from the environment variable.
std::string token(const config::ConfigFile& view, const std::string& pointer, bool isDefault,
                  const config::EnvLookup& env, const char* variable) {
  std::string value = core::trimmed(view.string(pointer).value_or(""));
  if (value.empty() && isDefault) {
    if (auto fromEnv = env(variable)) value = core::trimmed(*fromEnv);
  }
  return value;
}

}  // namespace

std::string SlackConfig::missingCredential() const {
  if (botToken.empty()) return "no bot token (botToken or SLACK_BOT_TOKEN)";
  if (socketMode() && appToken.empty()) {
    return "no app-level token for Socket Mode (appToken or SLACK_APP_TOKEN)";
  }
  return "";
}

SlackConfig SlackConfig::fromBlock(const std::string& pointer, const nlohmann::json& block,
                                   bool isDefault, const config::EnvLookup& env) {
  const config::ConfigFile view = accountConfigView(pointer, block);
  SlackConfig config;
  config.mode = view.oneOf(pointer + "/mode", {"socket", "http"}).value_or("socket");

  config.botToken = token(view, pointer + "/botToken", isDefault, env, "SLACK_BOT_TOKEN");
  if (!config.botToken.empty() && !config.botToken.starts_with("xoxb-") &&
      !config.botToken.starts_with("xoxp-")) {
    throw view.errorAt(pointer + "/botToken",
                       "must be a bot token (xoxb-...); an app-level token (xapp-...) belongs in "
                       "appToken");
  }
  if (config.socketMode()) {
    config.appToken = token(view, pointer + "/appToken", isDefault, env, "SLACK_APP_TOKEN");
    if (!config.appToken.empty() && !config.appToken.starts_with("xapp-")) {
      throw view.errorAt(pointer + "/appToken",
                         "must be an app-level token (xapp-...) with connections:write");
    }
  }
  config.signingSecret = core::trimmed(view.string(pointer + "/signingSecret").value_or(""));
  if (!config.socketMode() && config.signingSecret.empty()) {
    throw view.errorAt(pointer + "/signingSecret",
                       "is required when mode is \"http\": Slack signs every request with it");
  }
  if (auto path = view.string(pointer + "/webhookPath")) {
    if (!path->starts_with("/")) {
      throw view.errorAt(pointer + "/webhookPath", "must start with '/', got \"" + *path + "\"");
    }
    config.webhookPath = *path;
  }
  if (auto root = view.string(pointer + "/apiRoot")) {
    if (!root->starts_with("http://") && !root->starts_with("https://")) {
      throw view.errorAt(pointer + "/apiRoot",
                         "must be an http:// or https:// URL, got \"" + *root + "\"");
    }
    config.apiRoot = *root;
    while (!config.apiRoot.empty() && config.apiRoot.back() == '/') config.apiRoot.pop_back();
  }
  config.textChunkLimit = static_cast<std::size_t>(
      view.integer(pointer + "/textChunkLimit", 1, static_cast<std::int64_t>(kMaxTextChunkLimit))
          .value_or(static_cast<std::int64_t>(kDefaultTextChunkLimit)));
  config.mediaMaxBytes =
      static_cast<std::uint64_t>(
          view.integer(pointer + "/mediaMaxMb", 1, 1024).value_or(kDefaultMediaMaxMb)) *
      1024 * 1024;
  return config;
}

}  // namespace openclaw::channels::slack
