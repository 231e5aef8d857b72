#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "cli/cli_context.h"
#include "client/gateway_client.h"
#include "config/gateway_settings.h"

namespace openclaw::cli {

// Options every command that talks to a running gateway takes.
struct RpcOptions {
  std::optional<std::string> url;
  std::optional<std::string> token;
  std::optional<std::string> password;
  std::optional<std::string> tlsFingerprint;
  int timeoutMs = 10'000;
  bool json = false;
};

// Adds --url, --token, --password, --tls-fingerprint, --timeout and --json to `command`.
void addRpcOptions(CLI::App& command, RpcOptions& options);
// Adds only --url, --token, --password and --tls-fingerprint (for commands whose --timeout means
// something else).
void addTargetOptions(CLI::App& command, RpcOptions& options);

// Adds --tls-fingerprint, stored in `pin`.
void addTlsFingerprintOption(CLI::App& command, std::optional<std::string>& pin);

// What the target flags say, for config::resolveClientTarget.
config::ClientTargetOptions targetOptionsOf(const RpcOptions& options);

// The certificate pin to connect to `target` with: the given one, else the fingerprint of the
// local gateway's certificate file when the target is the local wss:// gateway (none when that
// file cannot be read: the system trust store then decides).
std::optional<std::string> tlsPinFor(const config::ClientTarget& target);

// Connect options for the local CLI reaching `target`: its URL and credentials, client "cli"
// at this binary's version with a fresh instance id, asking only for `scope`.
client::ConnectOptions cliConnectOptions(const config::ClientTarget& target,
                                         const std::string& scope,
                                         std::chrono::milliseconds timeout);

// Connects to the gateway the options and the selected instance's config name, asking only for
// `scope`, and runs `session` with the client. Gateway and transport errors end the session:
// they are reported on stderr (and as {"ok":false,"error":…} on stdout with --json) and give 1.
// Otherwise returns what `session` returns. `onFrame` sees every frame as it arrives.
int withGateway(const CliContext& context, const RpcOptions& options, const std::string& scope,
                const std::function<int(client::GatewayClient&)>& session,
                std::function<void(const std::string& frame)> onFrame = nullptr);

// One request through withGateway: prints the answer's payload as JSON with --json, else
// through `printHuman`; 0 on success.
int callAndPrint(const CliContext& context, const RpcOptions& options, const std::string& scope,
                 const std::string& method, const nlohmann::json& params,
                 const std::function<void(const nlohmann::json&)>& printHuman);

}  // namespace openclaw::cli
