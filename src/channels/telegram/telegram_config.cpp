#include "channels/telegram/telegram_config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace openclaw::channels::telegram {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string readTokenFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("channels.telegram.tokenFile: cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return trimmed(text.str());
}

}  // namespace

TelegramConfig TelegramConfig::fromJson(const nlohmann::json& block) {
  TelegramConfig config;
  if (!block.is_object()) return config;
  config.enabled = block.value("enabled", true);
  if (const std::string token = trimmed(block.value("botToken", "")); !token.empty()) {
    config.token = token;
    config.tokenSource = "config";
  } else if (block.contains("tokenFile")) {
    config.token = readTokenFile(block.at("tokenFile").get<std::string>());
    config.tokenSource = "tokenFile";
  } else if (const char* env = std::getenv("TELEGRAM_BOT_TOKEN"); env && *env) {
    config.token = trimmed(env);
    config.tokenSource = "env";
  } else {
    config.tokenSource = "none";
  }
  config.apiRoot = block.value("apiRoot", config.apiRoot);
  config.pollTimeout = std::chrono::seconds(block.value("pollTimeoutSeconds", 30));
  config.webhookUrl = block.value("webhookUrl", "");
  config.webhookPath = block.value("webhookPath", config.webhookPath);
  config.webhookSecret = block.value("webhookSecret", "");
  return config;
}

}  // namespace openclaw::channels::telegram
