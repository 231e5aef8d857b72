#include "cli/rpc_client.h"

#include <iostream>

#include "cli/other_instances_hint.h"
#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "core/random_ids.h"
#include "net/tls_fingerprint.h"

namespace openclaw::cli {

void addRpcOptions(CLI::App& command, RpcOptions& options) {
  addTargetOptions(command, options);
  command.add_option("--timeout", options.timeoutMs, "Timeout in milliseconds (default 10000)")
      ->check(CLI::Range(1, 3'600'000));
  command.add_flag("--json", options.json, "Print machine-readable JSON");
}

void addTargetOptions(CLI::App& command, RpcOptions& options) {
  command.add_option("--url", options.url,
                     "Gateway WebSocket URL (default: OPENCLAW_GATEWAY_URL, gateway.remote.url in "
                     "remote mode, else ws://127.0.0.1:<port>)");
  command.add_option("--token", options.token,
                     "Gateway token (default: OPENCLAW_GATEWAY_TOKEN, gateway.auth.token; with "
                     "--url only what you pass)");
  command.add_option("--password", options.password,
                     "Gateway password (default: OPENCLAW_GATEWAY_PASSWORD, gateway.auth.password; "
                     "with --url only what you pass)");
  addTlsFingerprintOption(command, options.tlsFingerprint);
}

void addTlsFingerprintOption(CLI::App& command, std::optional<std::string>& pin) {
  command
      .add_option("--tls-fingerprint", pin,
                  "Expected SHA-256 fingerprint of the gateway's TLS certificate, for wss:// "
                  "(default: gateway.remote.tlsFingerprint in remote mode; the local gateway's "
                  "own certificate for the local wss:// URL)")
      ->check(
          [](const std::string& value) {
            return net::normalizeTlsFingerprint(value)
                       ? std::string()
                       : "not a SHA-256 certificate fingerprint (64 hex digits, optionally "
                         "colon-separated, optional sha256: prefix)";
          },
          "SHA256");
}

config::ClientTargetOptions targetOptionsOf(const RpcOptions& options) {
  return {options.url, options.token, options.password, options.tlsFingerprint};
}

std::optional<std::string> tlsPinFor(const config::ClientTarget& target) {
  if (target.tlsFingerprint || !target.localCertificate) return target.tlsFingerprint;
  try {
    return net::pemFileFingerprint(*target.localCertificate);
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

client::ConnectOptions cliConnectOptions(const config::ClientTarget& target,
                                         const std::string& scope,
                                         std::chrono::milliseconds timeout) {
  client::ConnectOptions connect;
  connect.url = target.url;
  connect.token = target.token;
  connect.password = target.password;
  connect.tlsFingerprint = tlsPinFor(target);
  connect.client.version = OPENCLAW_VERSION;
  connect.client.instanceId = core::uuidV4();
  connect.scopes = {scope};
  connect.timeout = timeout;
  return connect;
}

int withGateway(const CliContext& context, const RpcOptions& options, const std::string& scope,
                const std::function<int(client::GatewayClient&)>& session,
                std::function<void(const std::string& frame)> onFrame) {
  const config::InstancePaths paths = context.paths();
  const config::ConfigFile file = config::ConfigFile::load(paths.configPath);
  const config::ClientTarget target =
      config::resolveClientTarget(file, paths, targetOptionsOf(options), context.env);

  bool connected = false;
  try {
    client::ConnectOptions connect =
        cliConnectOptions(target, scope, std::chrono::milliseconds(options.timeoutMs));
    connect.onFrame = std::move(onFrame);
    client::GatewayClient gateway(std::move(connect));
    gateway.connect();
    connected = true;
    return session(gateway);
  } catch (const client::RequestRejected& error) {
    if (options.json) {
      nlohmann::json out = {{"ok", false}, {"error", error.error().toJson()}};
      out["error"]["type"] = "gateway_request_error";
      std::cout << out.dump(2) << "\n";
    }
    std::cerr << "gateway call failed: " << error.what() << "\n";
  } catch (const client::TransportError& error) {
    if (options.json) {
      std::cout << nlohmann::json{{"ok", false},
                                  {"error",
                                   {{"type", "gateway_transport_error"},
                                    {"message", error.what()},
                                    {"timedOut", error.timedOut()}}},
                                  {"gateway", {{"url", target.url}}}}
                       .dump(2)
                << "\n";
    }
    std::cerr << "gateway call failed: " << error.what() << "\n";
    // The instance's own gateway is not there; another instance's may be what the user meant.
    if (!connected && !options.url) std::cerr << otherInstancesHint(context, target.url);
  }
  return 1;
}

int callAndPrint(const CliContext& context, const RpcOptions& options, const std::string& scope,
                 const std::string& method, const nlohmann::json& params,
                 const std::function<void(const nlohmann::json&)>& printHuman) {
  return withGateway(context, options, scope, [&](client::GatewayClient& gateway) {
    const nlohmann::json payload =
        gateway.call(method, params, std::chrono::milliseconds(options.timeoutMs));
    if (options.json) {
      std::cout << payload.dump(2) << "\n";
    } else {
      printHuman(payload);
    }
    return 0;
  });
}

}  // namespace openclaw::cli
