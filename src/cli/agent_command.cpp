// `openclaw agent`: one agent turn through the running gateway, streamed to the terminal.
#include <iostream>

#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "core/random_ids.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

// Upstream's default agents.defaults.timeoutSeconds; the gateway enforces the real one.
constexpr std::int64_t kDefaultRunSeconds = 600;
// How much longer than the run may take the CLI waits for the final answer.
constexpr std::int64_t kAnswerGraceSeconds = 30;

struct AgentOptions {
  RpcOptions rpc;
  std::string message;
  std::optional<std::string> to, sessionId, sessionKey, agentId;
  std::optional<std::int64_t> timeoutSeconds;
};

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// The `agent` params, or an error message for selectors that are missing or blank.
std::optional<std::string> buildParams(const AgentOptions& options, nlohmann::json& params) {
  params = {{"message", options.message}, {"idempotencyKey", core::uuidV4()}};
  const std::pair<const char*, const std::optional<std::string>*> selectors[] = {
      {"to", &options.to},
      {"sessionId", &options.sessionId},
      {"sessionKey", &options.sessionKey},
      {"agentId", &options.agentId}};
  for (const auto& [field, value] : selectors) {
    if (!*value) continue;
    if (blank(**value)) return std::string("--") + field + " must not be blank";
    params[field] = **value;
  }
  if (params.size() == 2) {
    return std::string("pass a session: --to, --session-id, --session-key or --agent");
  }
  if (blank(options.message)) return std::string("--message must not be blank");
  if (options.timeoutSeconds) params["timeout"] = *options.timeoutSeconds;
  return std::nullopt;
}

// Prints the run's assistant text as its `agent` events arrive. The accepted answer (the only
// one before the final on this connection) names the run.
class AssistantPrinter {
 public:
  void onFrame(const std::string& text) {
    const nlohmann::json frame = nlohmann::json::parse(text, nullptr, false);
    if (!frame.is_object()) return;
    const nlohmann::json payload = frame.value("payload", nlohmann::json::object());
    if (!payload.is_object()) return;
    if (frame.value("type", "") == "res" && payload.value("status", "") == "accepted") {
      runId_ = payload.value("runId", "");
      return;
    }
    if (frame.value("type", "") != "event" || frame.value("event", "") != "agent" ||
        runId_.empty() || payload.value("runId", "") != runId_ ||
        payload.value("stream", "") != "assistant") {
      return;
    }
    const std::string delta = payload.value("data", nlohmann::json::object()).value("delta", "");
    std::cout << delta << std::flush;
    printed_ = printed_ || !delta.empty();
  }
  bool printed() const { return printed_; }

 private:
  std::string runId_;
  bool printed_ = false;
};

int runAgent(const CliContext& context, const AgentOptions& options) {
  nlohmann::json params;
  if (auto problem = buildParams(options, params)) {
    std::cerr << "error: " << *problem << "\n";
    return 2;
  }
  const auto answerTimeout = std::chrono::seconds(
      options.timeoutSeconds.value_or(kDefaultRunSeconds) + kAnswerGraceSeconds);
  auto printer = std::make_shared<AssistantPrinter>();
  return withGateway(
      context, options.rpc, protocol::scopes::kWrite,
      [&](client::GatewayClient& gateway) {
        const nlohmann::json result = gateway.call("agent", params, answerTimeout, true);
        if (options.rpc.json) {
          std::cout << result.dump(2) << "\n";
        } else if (printer->printed()) {
          std::cout << "\n";
        } else {
          for (const auto& payload : result.value("result", nlohmann::json::object())
                                         .value("payloads", nlohmann::json::array())) {
            std::cout << payload.value("text", "") << "\n";
          }
        }
        if (result.value("status", "") == "ok") return 0;
        std::cerr << "agent run " << result.value("runId", "")
                  << " ended: " << result.value("summary", result.value("status", "")) << "\n";
        return 1;
      },
      [printer, json = options.rpc.json](const std::string& frame) {
        if (!json) printer->onFrame(frame);
      });
}

}  // namespace

void addAgentCommand(CLI::App& root, CliContext& context) {
  auto options = std::make_shared<AgentOptions>();
  CLI::App* agent = root.add_subcommand("agent", "Run one agent turn through the gateway");
  agent->add_option("-m,--message", options->message, "The message for the agent")->required();
  agent->add_option("--to", options->to, "The sender (e.g. an E.164 number): its session");
  agent->add_option("--session-id", options->sessionId, "An existing session id");
  agent->add_option("--session-key", options->sessionKey, "A session key (agent:<id>:<name>)");
  agent->add_option("--agent", options->agentId, "The agent (its main session)");
  agent
      ->add_option("--timeout", options->timeoutSeconds,
                   "Run timeout in seconds (default: agents.defaults.timeoutSeconds)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{7 * 24 * 3600}));
  agent->add_flag("--json", options->rpc.json, "Print the final result as JSON");
  addTargetOptions(*agent, options->rpc);
  agent->callback([options, &context] {
    context.action = [options, &context] { return runAgent(context, *options); };
  });
}

}  // namespace openclaw::cli
