#include "channels/irc/irc_settings.h"

#include <sstream>

#include "channels/channel_config.h"
#include "config/config_file.h"

namespace openclaw::channels::irc {
namespace {

std::vector<std::string> splitCommaList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    const auto first = item.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    items.push_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
  }
  return items;
}

bool envFlag(const std::string& value) {
  return value == "1" || value == "true" || value == "yes" || value == "on";
}

std::string firstOf(std::optional<std::string> configured, const config::EnvLookup& env,
                    const std::string& variable, std::string fallback) {
  if (configured) return *configured;
  if (auto value = env(variable)) return *value;
  return fallback;
}

// `<object>/password`, else the file `<object>/passwordFile` names, else the variable.
std::string secret(const config::ConfigFile& view, const std::string& object,
                   const config::EnvLookup& env, const std::string& variable) {
  if (auto inline_ = view.string(object + "/password")) return *inline_;
  if (auto file = view.string(object + "/passwordFile")) {
    return readSecretFile(view, object + "/passwordFile", *file);
  }
  return env(variable).value_or("");
}

}  // namespace

bool IrcSettings::sameConnection(const IrcSettings& other) const {
  return enabled == other.enabled && host == other.host && port == other.port && tls == other.tls &&
         tlsCaFile == other.tlsCaFile && nick == other.nick && username == other.username &&
         realname == other.realname && password == other.password &&
         nickservEnabled == other.nickservEnabled && nickservService == other.nickservService &&
         nickservPassword == other.nickservPassword;
}

IrcSettings parseIrcSettings(const nlohmann::json& block, const config::EnvLookup& env) {
  return parseIrcSettings(channelConfigView("irc", block), channelPointer("irc"), env);
}

IrcSettings parseIrcSettings(const config::ConfigFile& view, const std::string& base,
                             const config::EnvLookup& env) {
  IrcSettings settings;
  settings.enabled = view.boolean(base + "/enabled").value_or(true);
  settings.host = firstOf(view.string(base + "/host"), env, "IRC_HOST", "");
  if (auto tls = view.boolean(base + "/tls")) {
    settings.tls = *tls;
  } else if (auto value = env("IRC_TLS")) {
    settings.tls = envFlag(*value);
  }
  settings.port = settings.tls ? 6697 : 6667;
  if (auto port = view.integer(base + "/port", 1, 65535)) {
    settings.port = static_cast<int>(*port);
  } else if (auto value = env("IRC_PORT")) {
    try {
      settings.port = std::stoi(*value);
    } catch (const std::exception&) {
      throw view.errorAt("", "IRC_PORT must be a port number, got '" + *value + "'");
    }
    if (settings.port < 1 || settings.port > 65535) {
      throw view.errorAt("", "IRC_PORT must be between 1 and 65535");
    }
  }
  settings.tlsCaFile = view.string(base + "/tlsCaFile").value_or("");
  settings.nick = firstOf(view.string(base + "/nick"), env, "IRC_NICK", "");
  settings.username = firstOf(view.string(base + "/username"), env, "IRC_USERNAME",
                              settings.nick.empty() ? "openclaw" : settings.nick);
  settings.realname = firstOf(view.string(base + "/realname"), env, "IRC_REALNAME", "OpenClaw");
  settings.password = secret(view, base, env, "IRC_PASSWORD");
  settings.channels = view.stringList(base + "/channels");
  if (settings.channels.empty()) {
    if (auto value = env("IRC_CHANNELS")) settings.channels = splitCommaList(*value);
  }

  const std::string nickserv = base + "/nickserv";
  settings.nickservEnabled = view.boolean(nickserv + "/enabled").value_or(true);
  settings.nickservService = view.string(nickserv + "/service").value_or("NickServ");
  settings.nickservPassword = secret(view, nickserv, env, "IRC_NICKSERV_PASSWORD");

  settings.textChunkLimit =
      static_cast<std::size_t>(view.integer(base + "/textChunkLimit", 1, 100000).value_or(350));
  settings.sendBurst = static_cast<int>(view.integer(base + "/sendBurst", 1, 100).value_or(4));
  settings.sendInterval =
      std::chrono::milliseconds(view.integer(base + "/sendIntervalMs", 0, 60000).value_or(1000));
  settings.reconnectDelay = std::chrono::milliseconds(
      view.integer(base + "/reconnectDelayMs", 1, 3600000).value_or(2000));
  settings.reconnectMaxDelay = std::chrono::milliseconds(
      view.integer(base + "/reconnectMaxDelayMs", 1, 3600000).value_or(300000));
  return settings;
}

}  // namespace openclaw::channels::irc
