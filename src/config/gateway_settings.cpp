#include "config/gateway_settings.h"

#include <arpa/inet.h>

#include <limits>
#include <stdexcept>

#include "core/files.h"
#include "core/logging.h"
#include "core/network.h"
#include "core/text.h"

namespace openclaw::config {
namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();

// A whole number from `min` to `max` written as plain digits, from an environment variable.
std::int64_t parseEnvInteger(const std::string& text, const std::string& name, std::int64_t min,
                             std::int64_t max, const std::string& what) {
  const bool digits = !text.empty() && text.size() <= 12 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  const std::int64_t value = digits ? std::stoll(text) : -1;
  if (!digits || value < min || value > max) {
    throw std::runtime_error(name + " must be " + what + " from " + std::to_string(min) + " to " +
                             std::to_string(max) + ", got \"" + text + "\"");
  }
  return value;
}

int parsePortText(const std::string& text, const std::string& name) {
  return static_cast<int>(parseEnvInteger(text, name, 0, 65535, "a port number"));
}

int resolvePort(const ConfigFile& config, const InstancePaths& paths, std::optional<int> flagPort,
                const EnvLookup& env) {
  if (flagPort) return *flagPort;
  if (auto fromEnv = env("OPENCLAW_GATEWAY_PORT")) {
    return parsePortText(*fromEnv, "OPENCLAW_GATEWAY_PORT");
  }
  if (auto fromFile = config.integer("/gateway/port", 0, 65535)) return static_cast<int>(*fromFile);
  return defaultPortFor(paths.profile);
}

std::string trimTrailingNewlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::optional<std::string> resolveToken(const ConfigFile& config,
                                        const std::optional<std::string>& flag,
                                        const EnvLookup& env) {
  if (flag) return flag;
  if (auto fromEnv = env("OPENCLAW_GATEWAY_TOKEN")) return fromEnv;
  return config.string("/gateway/auth/token");
}

std::optional<std::string> resolvePassword(const ConfigFile& config,
                                           const GatewayRunOptions& options, const EnvLookup& env) {
  if (options.password) return options.password;
  if (options.passwordFile) {
    auto contents = core::readFile(core::expandHome(*options.passwordFile));
    if (!contents)
      throw std::runtime_error("--password-file " + *options.passwordFile + " does not exist");
    std::string password = trimTrailingNewlines(*contents);
    if (password.empty())
      throw std::runtime_error("--password-file " + *options.passwordFile + " is empty");
    return password;
  }
  if (auto fromEnv = env("OPENCLAW_GATEWAY_PASSWORD")) return fromEnv;
  return config.string("/gateway/auth/password");
}

AuthSettings resolveAuth(const ConfigFile& config, const GatewayRunOptions& options,
                         const EnvLookup& env) {
  const std::optional<std::string> token = resolveToken(config, options.token, env);
  const std::optional<std::string> password = resolvePassword(config, options, env);
  std::optional<std::string> mode = options.authMode;
  if (mode && *mode != "none" && *mode != "token" && *mode != "password" &&
      *mode != "trusted-proxy") {
    throw std::runtime_error("--auth must be none, token, password or trusted-proxy, got \"" +
                             *mode + "\"");
  }
  if (!mode) {
    mode = config.oneOf("/gateway/auth/mode", {"none", "token", "password", "trusted-proxy"});
  }
  if (mode == "trusted-proxy") {
    // As upstream: a shared token would be a second way in beside the proxy's identity; the
    // password stays as the fallback for local clients that bypass the proxy.
    if (token) {
      throw std::runtime_error(
          "gateway auth mode is trusted-proxy, but a shared token is also configured; remove "
          "gateway.auth.token / OPENCLAW_GATEWAY_TOKEN because trusted-proxy and token auth are "
          "mutually exclusive");
    }
    return {AuthMode::TrustedProxy, password.value_or("")};
  }
  if (!mode) mode = token ? "token" : password ? "password" : "none";

  if (*mode == "token") {
    if (!token) {
      throw std::runtime_error(
          "gateway auth mode is token but no token is set: pass --token, set "
          "OPENCLAW_GATEWAY_TOKEN, or set gateway.auth.token in " +
          config.path.string());
    }
    return {AuthMode::Token, *token};
  }
  if (*mode == "password") {
    if (!password) {
      throw std::runtime_error(
          "gateway auth mode is password but no password is set: pass --password or "
          "--password-file, set OPENCLAW_GATEWAY_PASSWORD, or set gateway.auth.password in " +
          config.path.string());
    }
    return {AuthMode::Password, *password};
  }
  return {AuthMode::None, ""};
}

bool isIPv4(const std::string& text) {
  in_addr parsed{};
  return inet_pton(AF_INET, text.c_str(), &parsed) == 1;
}

std::vector<std::string> resolveBindHosts(const ConfigFile& config, const std::string& mode) {
  if (mode == "loopback") return {"127.0.0.1"};
  if (mode == "lan") return {"0.0.0.0"};
  if (mode == "auto") {
    for (const std::string& address : core::interfaceIPv4Addresses()) {
      if (core::isLoopbackAddress(address)) return {"127.0.0.1"};
    }
    return {"0.0.0.0"};
  }
  if (mode == "tailnet") {
    auto address = core::tailnetIPv4Address();
    if (!address) {
      throw std::runtime_error(
          "--bind tailnet: no interface has a tailnet address (100.64.0.0/10); is Tailscale "
          "up? Use --bind loopback or lan instead");
    }
    return {*address, "127.0.0.1"};
  }
  // custom
  auto host = config.string("/gateway/customBindHost");
  if (!host) {
    throw std::runtime_error("--bind custom needs gateway.customBindHost (an IPv4 address) in " +
                             config.path.string());
  }
  if (!isIPv4(*host)) {
    throw config.errorAt("/gateway/customBindHost",
                         "must be an IPv4 address, got \"" + *host + "\"");
  }
  if (*host == "127.0.0.1" || *host == "0.0.0.0") return {*host};
  return {*host, "127.0.0.1"};
}

bool allLoopback(const std::vector<std::string>& hosts) {
  for (const std::string& host : hosts) {
    if (!core::isLoopbackAddress(host)) return false;
  }
  return true;
}

}  // namespace

std::string authModeName(AuthMode mode) {
  switch (mode) {
    case AuthMode::Token:
      return "token";
    case AuthMode::Password:
      return "password";
    case AuthMode::TrustedProxy:
      return "trusted-proxy";
    case AuthMode::None:
      break;
  }
  return "none";
}

GatewaySettings resolveGatewaySettings(const ConfigFile& config, const InstancePaths& paths,
                                       const GatewayRunOptions& options, const EnvLookup& env) {
  const auto gatewayMode = config.oneOf("/gateway/mode", {"local", "remote"});
  if (!options.allowUnconfigured && gatewayMode != "local") {
    const std::string found = !config.exists ? "does not exist"
                              : gatewayMode  ? "sets gateway.mode to \"" + *gatewayMode + "\""
                                             : "does not set gateway.mode";
    throw std::runtime_error("refusing to start: " + config.path.string() + " " + found +
                             ". Run '" + cliPrefix(paths.profile) +
                             " setup', set gateway.mode to \"local\", or pass "
                             "--allow-unconfigured");
  }

  GatewaySettings settings;
  settings.paths = paths;
  settings.configHash = config.hash;
  settings.verbose = options.verbose;
  settings.port = resolvePort(config, paths, options.port, env);

  std::optional<std::string> bind = options.bind;
  const std::vector<std::string> bindModes = {"loopback", "lan", "tailnet", "auto", "custom"};
  if (bind && std::find(bindModes.begin(), bindModes.end(), *bind) == bindModes.end()) {
    throw std::runtime_error("--bind must be loopback, lan, tailnet, auto or custom, got \"" +
                             *bind + "\"");
  }
  if (!bind) bind = config.oneOf("/gateway/bind", bindModes);
  settings.bindMode = bind.value_or("loopback");
  settings.bindHosts = resolveBindHosts(config, settings.bindMode);

  settings.auth = resolveAuth(config, options, env);
  if (settings.auth.mode == AuthMode::None && !allLoopback(settings.bindHosts)) {
    throw std::runtime_error("refusing to bind " + settings.bindHosts.front() + " (--bind " +
                             settings.bindMode +
                             ") without auth: set a token with --token, OPENCLAW_GATEWAY_TOKEN or "
                             "gateway.auth.token (or a password with --password / "
                             "gateway.auth.password), or use --bind loopback");
  }
  core::registerSecret(settings.auth.secret);
  settings.proxy = resolveProxySettings(config, settings.auth.mode == AuthMode::TrustedProxy);
  settings.tailscale = resolveTailscaleSettings(
      config, options.tailscale, authModeName(settings.auth.mode), settings.bindHosts);

  auto& limits = settings.limits;
  limits.maxPayloadBytes =
      static_cast<std::size_t>(config.integer("/gateway/limits/maxPayloadBytes", 1024, kMaxInt)
                                   .value_or(static_cast<std::int64_t>(limits.maxPayloadBytes)));
  limits.maxBufferedBytes =
      static_cast<std::size_t>(config
                                   .integer("/gateway/limits/maxBufferedBytes", 1024,
                                            std::numeric_limits<std::int64_t>::max() / 2)
                                   .value_or(static_cast<std::int64_t>(limits.maxBufferedBytes)));
  limits.handshakeTimeoutMs = config.integer("/gateway/limits/handshakeTimeoutMs", 100, 600'000)
                                  .value_or(limits.handshakeTimeoutMs);
  if (auto fromEnv = env("OPENCLAW_HANDSHAKE_TIMEOUT_MS")) {
    limits.handshakeTimeoutMs = parseEnvInteger(*fromEnv, "OPENCLAW_HANDSHAKE_TIMEOUT_MS", 100,
                                                600'000, "a time in milliseconds");
  }
  limits.tickIntervalMs =
      config.integer("/gateway/tickIntervalMs", 100, 3'600'000).value_or(limits.tickIntervalMs);

  auto& rate = settings.rateLimit;
  rate.maxAttempts =
      static_cast<int>(config.integer("/gateway/auth/rateLimit/maxAttempts", 1, 1'000'000)
                           .value_or(rate.maxAttempts));
  rate.windowMs =
      config.integer("/gateway/auth/rateLimit/windowMs", 1, 86'400'000).value_or(rate.windowMs);
  rate.lockoutMs =
      config.integer("/gateway/auth/rateLimit/lockoutMs", 0, 86'400'000).value_or(rate.lockoutMs);
  rate.exemptLoopback =
      config.boolean("/gateway/auth/rateLimit/exemptLoopback").value_or(rate.exemptLoopback);

  settings.controlUi.allowedOrigins = config.stringList("/gateway/controlUi/allowedOrigins");
  settings.controlUi.allowHostHeaderOriginFallback =
      config.boolean("/gateway/controlUi/dangerouslyAllowHostHeaderOriginFallback").value_or(false);
  settings.controlUi.enabled = config.boolean("/gateway/controlUi/enabled").value_or(true);
  try {
    settings.controlUi.basePath =
        normalizeControlUiBasePath(config.string("/gateway/controlUi/basePath").value_or(""));
  } catch (const std::invalid_argument& bad) {
    throw config.errorAt("/gateway/controlUi/basePath", bad.what());
  }
  if (auto root = config.string("/gateway/controlUi/root")) {
    if (core::trimmed(*root).empty()) throw config.errorAt("/gateway/controlUi/root", "is empty");
    settings.controlUi.roots = {std::filesystem::absolute(core::expandHome(*root))};
  } else {
    settings.controlUi.roots = {paths.stateDir / "control-ui", installedDataDir() / "control-ui"};
  }

  settings.httpEndpoints.chatCompletions =
      config.boolean("/gateway/http/endpoints/chatCompletions/enabled").value_or(false);
  settings.httpEndpoints.responses =
      config.boolean("/gateway/http/endpoints/responses/enabled").value_or(false);

  settings.tls = resolveTlsSettings(config, paths);

  settings.logFilePattern = logFilePattern(config, paths.profile);
  settings.logLevel =
      config.oneOf("/logging/level", {"trace", "debug", "info", "warn", "error", "silent"})
          .value_or("info");
  settings.reloadMode =
      config.oneOf("/gateway/reload/mode", {"hybrid", "hot", "restart", "off"}).value_or("hybrid");
  settings.restartAllowed = config.boolean("/commands/restart").value_or(true);
  if (auto fromEnv = env("OPENCLAW_CANVAS_HOST_PORT")) {
    settings.canvasHostPort = parsePortText(*fromEnv, "OPENCLAW_CANVAS_HOST_PORT");
  } else if (auto fromFile = config.integer("/canvasHost/port", 1, 65535)) {
    settings.canvasHostPort = static_cast<int>(*fromFile);
  }
  settings.runs = resolveRunSettings(config);
  if (config.root.contains("channels")) {
    if (!config.root.at("channels").is_object())
      throw config.errorAt("/channels", "must be an object");
    settings.channels = config.root.at("channels");
  }
  settings.tools = resolveToolSettings(config, paths);
  settings.models = resolveModelSettings(config, env);
  settings.agents = resolveAgentSettings(config);
  settings.heartbeat = resolveHeartbeatSettings(config);
  settings.hooks = resolveHookSettings(config);
  core::registerSecret(settings.hooks.token);
  settings.metrics = resolveMetricsSettings(config);
  settings.cron.enabled =
      config.boolean("/cron/enabled").value_or(true) && env("OPENCLAW_SKIP_CRON") != "1";
  settings.cron.skipMissedJobs = config.boolean("/cron/skipMissedJobs").value_or(false);
  settings.cron.webhookToken = config.string("/cron/webhookToken").value_or("");
  settings.cron.webhookAllowPrivateNetwork =
      config.boolean("/cron/webhookSsrfPolicy/dangerouslyAllowPrivateNetwork").value_or(false);
  settings.cron.webhookAllowedHostnames =
      config.stringList("/cron/webhookSsrfPolicy/allowedHostnames");
  settings.nodeCommands.allowCommands = config.stringList("/gateway/nodes/allowCommands");
  settings.nodeCommands.denyCommands = config.stringList("/gateway/nodes/denyCommands");
  settings.httpTools.allow = config.stringList("/gateway/tools/allow");
  settings.httpTools.deny = config.stringList("/gateway/tools/deny");
  return settings;
}

std::string logFilePattern(const ConfigFile& config, const Profile& profile) {
  return config.string("/logging/file").value_or(core::defaultLogFilePattern(profile.name));
}

DerivedPorts derivePorts(int basePort, std::optional<int> canvasHostPort) {
  return {basePort + 2, canvasHostPort.value_or(basePort + 4)};
}

ClientTarget resolveClientTarget(const ConfigFile& config, const InstancePaths& paths,
                                 const ClientTargetOptions& options, const EnvLookup& env) {
  if (options.url) {
    return {*options.url, options.token, options.password, options.tlsFingerprint, std::nullopt};
  }
  const bool remoteMode = config.oneOf("/gateway/mode", {"local", "remote"}) == "remote";
  const auto remotePin = [&]() -> std::optional<std::string> {
    if (options.tlsFingerprint) return options.tlsFingerprint;
    return remoteMode ? config.string("/gateway/remote/tlsFingerprint") : std::nullopt;
  };
  if (auto fromEnv = env("OPENCLAW_GATEWAY_URL")) {
    return {*fromEnv, options.token ? options.token : env("OPENCLAW_GATEWAY_TOKEN"),
            options.password ? options.password : env("OPENCLAW_GATEWAY_PASSWORD"), remotePin(),
            std::nullopt};
  }
  if (remoteMode) {
    if (auto remote = config.string("/gateway/remote/url")) {
      return {*remote, options.token ? options.token : config.string("/gateway/remote/token"),
              options.password ? options.password : config.string("/gateway/remote/password"),
              remotePin(), std::nullopt};
    }
  }
  ClientTarget target;
  const int port = resolvePort(config, paths, std::nullopt, env);
  const TlsSettings tls = resolveTlsSettings(config, paths);
  target.url = (tls.enabled ? "wss://127.0.0.1:" : "ws://127.0.0.1:") + std::to_string(port);
  target.tlsFingerprint = options.tlsFingerprint;
  if (tls.enabled && !target.tlsFingerprint) target.localCertificate = tls.certPath;
  target.token = resolveToken(config, options.token, env);
  target.password = options.password;
  if (!target.password) target.password = env("OPENCLAW_GATEWAY_PASSWORD");
  if (!target.password) target.password = config.string("/gateway/auth/password");
  return target;
}

}  // namespace openclaw::config
