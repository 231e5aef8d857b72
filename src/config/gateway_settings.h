#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/agent_settings.h"
#include "config/config_file.h"
#include "config/environment.h"
#include "config/heartbeat_settings.h"
#include "config/hook_settings.h"
#include "config/instance_paths.h"
#include "config/metrics_settings.h"
#include "config/model_settings.h"
#include "config/node_command_settings.h"
#include "config/proxy_settings.h"
#include "config/run_settings.h"
#include "config/tailscale_settings.h"
#include "config/tls_settings.h"
#include "config/tool_settings.h"

namespace openclaw::config {

// TrustedProxy: a reverse proxy in gateway.trustedProxies authenticates users and names them in
// a header (config/proxy_settings.h); `secret` is then the optional local password.
enum class AuthMode { None, Token, Password, TrustedProxy };
std::string authModeName(AuthMode mode);

struct AuthSettings {
  AuthMode mode = AuthMode::None;
  std::string secret;  // the token or password that `mode` selects; empty for None
  bool operator==(const AuthSettings&) const = default;
};

// Failed-auth throttling per client address.
struct AuthRateLimit {
  int maxAttempts = 10;  // failures allowed inside one window
  std::int64_t windowMs = 60'000;
  std::int64_t lockoutMs = 300'000;  // how long an address is refused once over the limit
  bool exemptLoopback = true;
  bool operator==(const AuthRateLimit&) const = default;
};

struct GatewayLimits {
  std::size_t preauthMaxPayloadBytes = 64 * 1024;
  std::size_t maxPayloadBytes = 25 * 1024 * 1024;
  std::size_t maxBufferedBytes = 50 * 1024 * 1024;
  std::int64_t handshakeTimeoutMs = 15'000;
  std::int64_t tickIntervalMs = 30'000;
};

// gateway.controlUi: which browser pages may open the WebSocket (server/origin_policy.h), and
// where and from which files the Control UI is served (daemon/control_ui_routes.h).
struct ControlUiSettings {
  std::vector<std::string> allowedOrigins;  // exact origins, or "*" for every origin
  // dangerouslyAllowHostHeaderOriginFallback: an Origin equal to the Host header is accepted
  // for any host, not only private and local ones (weakens the DNS-rebinding defence).
  bool allowHostHeaderOriginFallback = false;
  bool enabled = true;   // gateway.controlUi.enabled
  std::string basePath;  // gateway.controlUi.basePath normalised: "" (served at /) or "/a/b"
  // The directories to serve the UI from, first one holding an index.html wins:
  // gateway.controlUi.root alone when set, else <stateDir>/control-ui then the installed share
  // directory (<prefix>/share/openclaw/control-ui).
  std::vector<std::filesystem::path> roots;
  bool operator==(const ControlUiSettings&) const = default;
};

// gateway.http.endpoints: which HTTP APIs of the gateway port are served; all off by default, as
// upstream. Read at each request, so a reload applies them live.
struct HttpEndpointSettings {
  bool chatCompletions = false;  // chatCompletions.enabled: /v1/chat/completions (and /v1/models)
  bool responses = false;        // responses.enabled: /v1/responses (and /v1/models)
  bool operator==(const HttpEndpointSettings&) const = default;
};

// gateway.controlUi.basePath as served: "" for "", "/" or unset; else one leading '/' and no
// trailing one ("openclaw/" -> "/openclaw"). Throws std::invalid_argument for a path that cannot
// be a URL prefix (query, fragment, "." or ".." segments, empty segments, control characters,
// backslashes, '%').
std::string normalizeControlUiBasePath(const std::string& configured);

// Where `cmake --install` puts shared data: <prefix>/share/openclaw.
std::filesystem::path installedDataDir();

// Flags of `openclaw gateway run`; unset ones fall back to env, config, then defaults.
struct GatewayRunOptions {
  std::optional<int> port;
  std::optional<std::string> bind;
  std::optional<std::string> authMode;
  std::optional<std::string> token;
  std::optional<std::string> password;
  std::optional<std::string> passwordFile;
  bool verbose = false;
  bool allowUnconfigured = false;
  bool force = false;  // end whatever listens on the port first
  bool reset = false;  // --dev --reset: wipe the dev instance first
  // --tailscale, --tailscale-reset-on-exit
  TailscaleFlags tailscale;
};

// Everything the gateway server needs, resolved once at start-up.
struct GatewaySettings {
  InstancePaths paths;
  // ConfigFile::hash of the config file these settings were resolved from.
  std::string configHash;
  int port = 18789;
  std::string bindMode = "loopback";
  std::vector<std::string> bindHosts;  // every address to listen on, primary first
  AuthSettings auth;
  // gateway.trustedProxies, allowRealIpFallback, auth.trustedProxy, auth.identityScopes.
  ProxySettings proxy;
  AuthRateLimit rateLimit;
  // gateway.tailscale.* and gateway.auth.allowTailscale (config/tailscale_settings.h).
  TailscaleSettings tailscale;
  GatewayLimits limits;
  ControlUiSettings controlUi;
  HttpEndpointSettings httpEndpoints;
  // gateway.tls: wss:// and https:// on the gateway port (config/tls_settings.h).
  TlsSettings tls;
  std::string logFilePattern;
  std::string logLevel = "info";
  bool verbose = false;
  // gateway.reload.mode: hybrid (default), hot, restart or off.
  std::string reloadMode = "hybrid";
  // commands.restart: whether SIGUSR1 may restart the gateway in-process (default true).
  bool restartAllowed = true;
  // canvasHost.port or OPENCLAW_CANVAS_HOST_PORT; unset means base port + 4.
  std::optional<int> canvasHostPort;
  // agents.defaults.timeoutSeconds and session.dmScope.
  RunSettings runs;
  // The agent's built-in tools: workspace, exec policy, allow/deny lists.
  ToolSettings tools;
  // gateway.tools.allow / deny: the tools POST /tools/invoke may run.
  HttpToolSettings httpTools;
  // agents.defaults.model and models.providers.
  ModelSettings models;
  // agents.list: the agents' ids, names and identities.
  AgentSettings agents;
  // agents.defaults.heartbeat and userTimezone (agents' own blocks are in `agents`).
  HeartbeatSettings heartbeat;
  // gateway.nodes.allowCommands / denyCommands, consulted by node.invoke.
  NodeCommandSettings nodeCommands;
  // The Prometheus endpoint (upstream's diagnostics-prometheus plugin keys).
  MetricsSettings metrics;
  // The raw `channels` object: each channel reads its own `channels.<id>` block.
  nlohmann::json channels = nlohmann::json::object();
  // hooks.*: the webhook ingress (httpapi/hook_routes.h).
  HookSettings hooks;
  // cron.enabled (false, or OPENCLAW_SKIP_CRON=1: stored jobs never fire) and cron.skipMissedJobs
  // (recurring slots missed while the gateway was down are skipped, not caught up).
  // cron.webhookToken and cron.webhookSsrfPolicy: what webhook deliveries send and may reach.
  struct CronSettings {
    bool enabled = true;
    bool skipMissedJobs = false;
    std::string webhookToken;
    bool webhookAllowPrivateNetwork = false;  // webhookSsrfPolicy.dangerouslyAllowPrivateNetwork
    std::vector<std::string> webhookAllowedHostnames;  // webhookSsrfPolicy.allowedHostnames
    bool operator==(const CronSettings&) const = default;
  } cron;
};

// The log file pattern an instance writes to: logging.file, else
// /tmp/openclaw/openclaw[-<profile>]-%Y-%m-%d.log. Throws ConfigError for a non-string value.
std::string logFilePattern(const ConfigFile& config, const Profile& profile);

// Ports derived from an instance's base (gateway) port, as the runbook lays them out, so that
// instances side by side can be given ports that never collide.
struct DerivedPorts {
  int browserControl = 0;  // base + 2 (loopback only)
  int canvasHost = 0;      // canvasHost.port / OPENCLAW_CANVAS_HOST_PORT, else base + 4
};
DerivedPorts derivePorts(int basePort, std::optional<int> canvasHostPort);

// Applies the precedence rules: flag > environment > config file > default. Ports follow the
// runbook exactly: --port > OPENCLAW_GATEWAY_PORT > gateway.port > 18789 (19001 under --dev).
// Throws ConfigError for bad config values and std::runtime_error (with the flag or setting
// that fixes it) for refusals: unconfigured gateway.mode, non-loopback bind without auth,
// an auth mode without its secret.
GatewaySettings resolveGatewaySettings(const ConfigFile& config, const InstancePaths& paths,
                                       const GatewayRunOptions& options, const EnvLookup& env);

// Where CLI helpers connect and with which credentials.
struct ClientTarget {
  std::string url;
  std::optional<std::string> token;
  std::optional<std::string> password;
  // The certificate pin for a wss:// URL, as given (--tls-fingerprint, or
  // gateway.remote.tlsFingerprint for the remote gateway); the client checks its form.
  std::optional<std::string> tlsFingerprint;
  // The local gateway's own certificate (gateway.tls.certPath or the default) when the URL is
  // the local wss:// one and no pin was given: the client pins whatever that file holds.
  std::optional<std::filesystem::path> localCertificate;
};

struct ClientTargetOptions {
  std::optional<std::string> url;
  std::optional<std::string> token;
  std::optional<std::string> password;
  std::optional<std::string> tlsFingerprint;
};

// With --url only explicit credentials (and --tls-fingerprint) are used. Otherwise
// OPENCLAW_GATEWAY_URL, then gateway.remote.url when gateway.mode is "remote" (both pinned by
// gateway.remote.tlsFingerprint in remote mode), then the local gateway: ws://127.0.0.1:<port>,
// or wss:// pinned to its own certificate when gateway.tls.enabled, with the same port and
// credential resolution as the server.
ClientTarget resolveClientTarget(const ConfigFile& config, const InstancePaths& paths,
                                 const ClientTargetOptions& options, const EnvLookup& env);

}  // namespace openclaw::config
