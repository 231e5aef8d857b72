#include "channels/discord/discord_config.h"

#include "core/text.h"

namespace openclaw::channels::discord {

DiscordConfig DiscordConfig::fromView(const config::ConfigFile& view, const std::string& pointer,
                                      bool isDefaultAccount, const config::EnvLookup& env) {
  DiscordConfig config;
  config.enabled = view.boolean(pointer + "/enabled").value_or(true);
  std::string token = core::trimmed(view.string(pointer + "/token").value_or(""));
  config.tokenSource = "config";
  if (token.empty() && isDefaultAccount) {
    token = core::trimmed(env("DISCORD_BOT_TOKEN").value_or(""));
    config.tokenSource = "env";
  }
  if (token.rfind("Bot ", 0) == 0) token = core::trimmed(token.substr(4));
  if (token.empty()) config.tokenSource = "none";
  config.token = std::move(token);

  if (auto root = view.string(pointer + "/apiRoot")) {
    if (root->rfind("http://", 0) != 0 && root->rfind("https://", 0) != 0) {
      throw view.errorAt(pointer + "/apiRoot",
                         "must be an http:// or https:// URL, got \"" + *root + "\"");
    }
    config.apiRoot = *root;
    while (!config.apiRoot.empty() && config.apiRoot.back() == '/') config.apiRoot.pop_back();
  }
  config.allowBots = view.boolean(pointer + "/allowBots").value_or(false);
  config.textChunkLimit = static_cast<std::size_t>(
      view.integer(pointer + "/textChunkLimit", 1, static_cast<std::int64_t>(kMaxMessageLength))
          .value_or(static_cast<std::int64_t>(kMaxMessageLength)));
  return config;
}

}  // namespace openclaw::channels::discord
