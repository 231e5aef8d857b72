#include "doctor/config_checks.h"

#include <sys/stat.h>

#include <cstdio>

#include "config/gateway_settings.h"
#include "doctor/known_keys.h"

namespace openclaw::doctor {
namespace {

std::string dotted(const std::string& pointer) {
  std::string key = pointer.substr(1);
  for (char& c : key) {
    if (c == '/') c = '.';
  }
  return key;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// The config edit that turns on token auth, for fixes.
std::string tokenEdit(const config::ConfigFile& file) {
  return "set gateway.auth: { mode: \"token\", token: \"<16+ random characters>\" } in " +
         file.path.string();
}

}  // namespace

std::optional<config::ConfigFile> loadConfig(const CheckContext& context,
                                             std::vector<Finding>& findings) {
  const std::filesystem::path& path = context.paths.configPath;
  try {
    config::ConfigFile file = config::ConfigFile::load(path);
    if (file.exists) return file;
    // --dev creates its config on first start; elsewhere the gateway refuses to run without one.
    findings.push_back({"config.missing",
                        context.paths.profile.dev ? Severity::Info : Severity::Error,
                        "no config file at " + path.string(), context.cli + " setup"});
  } catch (const config::ConfigError& error) {
    findings.push_back({"config.parse", Severity::Error, error.what(),
                        "fix the syntax at that line and column of " + path.string()});
  }
  return std::nullopt;
}

std::vector<Finding> checkConfig(const config::ConfigFile& file, const CheckContext& context) {
  std::vector<Finding> findings;
  if (auto invalid = checkValues(file, context)) {
    findings.push_back(*invalid);
  } else {
    // Only a file whose values all have the right types can be asked about them.
    if (auto mode = checkGatewayMode(file)) findings.push_back(*mode);
    for (Finding& finding : checkAuthExposure(file, context.env)) findings.push_back(finding);
  }
  for (Finding& finding : checkUnknownKeys(file)) findings.push_back(finding);
  if (auto permissions = checkSecretPermissions(file)) findings.push_back(*permissions);
  return findings;
}

std::optional<Finding> checkValues(const config::ConfigFile& file, const CheckContext& context) {
  config::GatewayRunOptions options;
  options.allowUnconfigured = true;  // checkGatewayMode reports gateway.mode itself
  try {
    config::resolveGatewaySettings(file, context.paths, options, context.env);
  } catch (const config::ConfigError& error) {
    return Finding{"config.invalid", Severity::Error, error.what(),
                   "correct that value in " + file.path.string() +
                       " (docs/configuration.md lists each key's type)"};
  } catch (const std::runtime_error&) {
    // Refusals (a bind without auth, a mode without its secret) are checkAuthExposure's job.
  }
  return std::nullopt;
}

std::optional<Finding> checkGatewayMode(const config::ConfigFile& file) {
  const auto mode = file.oneOf("/gateway/mode", {"local", "remote"});
  if (mode == "local") return std::nullopt;
  if (mode == "remote") {
    return Finding{"config.mode_remote", Severity::Info,
                   "gateway.mode is \"remote\": CLI helpers use gateway.remote.url and a gateway "
                   "here will not start",
                   "set gateway.mode: \"local\" in " + file.path.string() +
                       " to run the gateway on this machine"};
  }
  return Finding{"config.mode_unset", Severity::Error,
                 "gateway.mode is not set: the gateway refuses to start",
                 "set gateway.mode: \"local\" in " + file.path.string()};
}

std::vector<Finding> checkUnknownKeys(const config::ConfigFile& file) {
  std::vector<Finding> findings;
  for (const std::string& pointer : unknownConfigKeys(file)) {
    std::string where;
    if (auto at = file.positions.find(pointer); at != file.positions.end()) {
      where =
          " (" + std::to_string(at->second.first) + ":" + std::to_string(at->second.second) + ")";
    }
    findings.push_back({"config.unknown_key", Severity::Warn,
                        "unknown key " + dotted(pointer) + where + ": this gateway ignores it",
                        "remove " + dotted(pointer) + " from " + file.path.string() +
                            " (or correct its spelling)"});
  }
  return findings;
}

std::vector<Finding> checkAuthExposure(const config::ConfigFile& file,
                                       const config::EnvLookup& env) {
  const std::string bind = file.string("/gateway/bind").value_or("loopback");
  const auto token = env("OPENCLAW_GATEWAY_TOKEN") ? env("OPENCLAW_GATEWAY_TOKEN")
                                                   : file.string("/gateway/auth/token");
  const auto password = env("OPENCLAW_GATEWAY_PASSWORD") ? env("OPENCLAW_GATEWAY_PASSWORD")
                                                         : file.string("/gateway/auth/password");
  const std::string mode = file.string("/gateway/auth/mode")
                               .value_or(token      ? "token"
                                         : password ? "password"
                                                    : "none");
  if (mode != "none" && !(mode == "token" ? token : password)) {
    return {
        {"gateway.auth_secret_missing", Severity::Error,
         "gateway.auth.mode is " + quoted(mode) + " but no " + mode +
             " is set (config or OPENCLAW_GATEWAY_" + (mode == "token" ? "TOKEN" : "PASSWORD") +
             "): the gateway refuses to start",
         "set gateway.auth." + mode + ": \"<16+ random characters>\" in " + file.path.string()}};
  }
  if (mode == "none" && bind != "loopback") {
    return {
        {"gateway.bind_without_auth", Severity::Error,
         "gateway.bind is " + quoted(bind) + " (beyond loopback) but no token or password is set",
         tokenEdit(file) + ", or set gateway.bind: \"loopback\""}};
  }
  if (mode == "none") {
    return {{"gateway.auth_none", Severity::Warn,
             "gateway auth mode is none: any local process can control the gateway",
             tokenEdit(file)}};
  }
  if (mode == "token" && token->size() < 16) {
    return {{"gateway.short_token", Severity::Warn,
             "the gateway token is " + std::to_string(token->size()) +
                 " characters long; use at least 16",
             "set gateway.auth.token: \"<16+ random characters>\" in " + file.path.string()}};
  }
  return {};
}

std::optional<Finding> checkSecretPermissions(const config::ConfigFile& file) {
  struct stat info {};
  if (::stat(file.path.c_str(), &info) != 0 || (info.st_mode & (S_IRGRP | S_IROTH)) == 0) {
    return std::nullopt;
  }
  for (const char* pointer : {"/gateway/auth/token", "/gateway/auth/password",
                              "/gateway/remote/token", "/gateway/remote/password"}) {
    if (file.positions.count(pointer) == 0) continue;
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%03o", info.st_mode & 0777);
    return Finding{"config.secret_readable", Severity::Error,
                   file.path.string() + " stores " + dotted(pointer) +
                       " but group/others can read it (mode " + mode + ")",
                   "chmod 600 " + file.path.string()};
  }
  return std::nullopt;
}

}  // namespace openclaw::doctor
