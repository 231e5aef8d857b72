#include "channels/telegram/telegram_config.h"

#include <algorithm>
#include <cctype>

#include "channels/channel_config.h"
#include "config/config_file.h"
#include "core/text.h"

namespace openclaw::channels::telegram {
namespace {

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// Telegram's rule for secret_token: 1-256 characters, A-Z, a-z, 0-9, _ and -.
bool validWebhookSecret(const std::string& secret) {
  return !secret.empty() && secret.size() <= 256 &&
         std::all_of(secret.begin(), secret.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '_' || c == '-'; });
}

}  // namespace

TelegramConfig TelegramConfig::fromJson(const nlohmann::json& block, const config::EnvLookup& env) {
  return fromView(channelConfigView("telegram", block), channelPointer("telegram"), "default", env);
}

TelegramConfig TelegramConfig::fromView(const config::ConfigFile& view, const std::string& base,
                                        const std::string& accountId,
                                        const config::EnvLookup& env) {
  TelegramConfig config;
  if (accountId != "default") config.webhookPath += "/" + accountId;
  config.enabled = view.boolean(base + "/enabled").value_or(true);
  const std::string botToken = core::trimmed(view.string(base + "/botToken").value_or(""));
  if (!botToken.empty()) {
    config.token = botToken;
    config.tokenSource = "config";
  } else if (auto file = view.string(base + "/tokenFile")) {
    config.token = core::trimmed(readSecretFile(view, base + "/tokenFile", *file));
    if (config.token.empty()) throw view.errorAt(base + "/tokenFile", "'" + *file + "' is empty");
    config.tokenSource = "tokenFile";
  } else if (auto token = env("TELEGRAM_BOT_TOKEN"); token && !core::trimmed(*token).empty()) {
    config.token = core::trimmed(*token);
    config.tokenSource = "env";
  } else {
    config.tokenSource = "none";
  }

  if (auto root = view.string(base + "/apiRoot")) {
    if (!startsWith(*root, "http://") && !startsWith(*root, "https://")) {
      throw view.errorAt(base + "/apiRoot",
                         "must be an http:// or https:// URL, got \"" + *root + "\"");
    }
    config.apiRoot = *root;
  }
  config.pollTimeout = std::chrono::seconds(
      view.integer(base + "/pollTimeoutSeconds", 0, kMaxPollTimeoutSeconds).value_or(30));
  if (auto url = view.string(base + "/webhookUrl"); url && !url->empty()) {
    // Telegram delivers webhooks over HTTPS only.
    if (!startsWith(*url, "https://")) {
      throw view.errorAt(base + "/webhookUrl", "must be an https:// URL, got \"" + *url + "\"");
    }
    config.webhookUrl = *url;
  }
  if (auto path = view.string(base + "/webhookPath")) {
    if (!startsWith(*path, "/")) {
      throw view.errorAt(base + "/webhookPath", "must start with '/', got \"" + *path + "\"");
    }
    config.webhookPath = *path;
  }
  if (auto secret = view.string(base + "/webhookSecret"); secret && !secret->empty()) {
    if (!validWebhookSecret(*secret)) {
      throw view.errorAt(base + "/webhookSecret",
                         "must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)");
    }
    config.webhookSecret = *secret;
  }
  // Upstream requires the pair: without a secret anyone who can reach the gateway's port could
  // post forged updates.
  if (config.webhook() && config.webhookSecret.empty()) {
    throw view.errorAt(base + "/webhookSecret",
                       "is required when webhookUrl is set (webhook mode); Telegram sends it "
                       "with every update");
  }
  return config;
}

}  // namespace openclaw::channels::telegram
