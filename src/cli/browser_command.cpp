// `openclaw browser …`: the gateway's browser control through the browser.request method.
#include <iostream>

#include "cli/commands.h"
#include "cli/rpc_client.h"
#include "protocol/scopes.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

// Starting a browser can take a while: browser commands wait this long by default.
constexpr int kDefaultBrowserTimeoutMs = 30'000;
// The transport waits this much longer than the gateway's own deadline for the request.
constexpr int kTransportGraceMs = 5'000;

// One control request: browser.request's {method, path, query, body}.
struct BrowserCall {
  std::string method;
  std::string path;
  json body;  // null: none
};

// What a browser subcommand was given, filled in by the parse.
struct BrowserArgs {
  RpcOptions rpc;
  std::optional<std::string> profile;
  std::string first;   // url or ref
  std::string second;  // text
  bool fullPage = false;
};

std::string text(const json& payload, const char* key) {
  const auto found = payload.find(key);
  if (found == payload.end() || found->is_null()) return "";
  return found->is_string() ? found->get<std::string>() : found->dump();
}

void printStatus(const json& payload) {
  std::cout << "profile: " << text(payload, "profile") << "\n"
            << "running: " << (payload.value("running", false) ? "yes" : "no") << "\n";
  for (const char* key : {"cdpPort", "cdpUrl", "pid", "executablePath", "userDataDir"}) {
    if (!text(payload, key).empty()) std::cout << key << ": " << text(payload, key) << "\n";
  }
}

void printTab(const json& tab) {
  std::cout << text(tab, "targetId") << "  " << text(tab, "title") << "  " << text(tab, "url")
            << "\n";
}

void printTabs(const json& payload) {
  const json tabs = payload.value("tabs", json::array());
  if (tabs.empty()) std::cout << "No tabs.\n";
  for (const json& tab : tabs) printTab(tab);
}

void printSnapshot(const json& payload) {
  for (const char* key : {"snapshot", "text"}) {
    if (payload.contains(key) && payload.at(key).is_string()) {
      std::cout << payload.at(key).get<std::string>() << "\n";
      return;
    }
  }
  std::cout << payload.dump(2) << "\n";
}

// Sends `call` for the profile `args` name and prints the answer (JSON with --json). A gateway
// without browser control gets a clear message instead of "unknown method".
int runBrowserCall(const CliContext& context, const BrowserArgs& args, const BrowserCall& call,
                   const std::function<void(const json&)>& printHuman) {
  RpcOptions rpc = args.rpc;
  const int requestTimeoutMs = rpc.timeoutMs;
  rpc.timeoutMs += kTransportGraceMs;
  json params = {{"method", call.method}, {"path", call.path}, {"timeoutMs", requestTimeoutMs}};
  if (args.profile) params["query"] = {{"profile", *args.profile}};
  if (!call.body.is_null()) params["body"] = call.body;
  return withGateway(context, rpc, protocol::scopes::kAdmin, [&](client::GatewayClient& gateway) {
    json payload;
    try {
      payload = gateway.call("browser.request", params, std::chrono::milliseconds(rpc.timeoutMs));
    } catch (const client::RequestRejected& error) {
      if (!error.error().message.starts_with("unknown method")) throw;
      const std::string message =
          "this gateway has no browser control (it does not offer the browser.request method)";
      if (rpc.json) {
        std::cout << json{{"ok", false}, {"error", {{"type", "unsupported"}, {"message", message}}}}
                         .dump(2)
                  << "\n";
      }
      std::cerr << "error: " << message << "\n";
      return 1;
    }
    if (rpc.json) {
      std::cout << payload.dump(2) << "\n";
    } else {
      printHuman(payload);
    }
    return 0;
  });
}

// Adds `browser <name>` with the RPC options and --browser-profile; `callOf` builds its request
// from the parsed arguments.
CLI::App* addBrowserSubcommand(CLI::App& browser, CliContext& context, const std::string& name,
                               const std::string& description,
                               std::function<BrowserCall(const BrowserArgs&)> callOf,
                               std::function<void(const json&)> printHuman,
                               std::shared_ptr<BrowserArgs> args = nullptr) {
  if (!args) args = std::make_shared<BrowserArgs>();
  args->rpc.timeoutMs = kDefaultBrowserTimeoutMs;
  CLI::App* command = browser.add_subcommand(name, description);
  addRpcOptions(*command, args->rpc);
  command->get_option("--timeout")
      ->description("How long the gateway may take, in ms (default 30000)");
  command->add_option("--browser-profile", args->profile,
                      "The browser profile (default: the gateway's default profile)");
  command->callback(
      [args, &context, callOf = std::move(callOf), printHuman = std::move(printHuman)] {
        context.action = [args, &context, callOf, printHuman] {
          return runBrowserCall(context, *args, callOf(*args), printHuman);
        };
      });
  return command;
}

}  // namespace

void addBrowserCommand(CLI::App& root, CliContext& context) {
  CLI::App* browser = root.add_subcommand(
      "browser", "Drive the browser the gateway controls (browser.request; needs operator.admin)");
  browser->require_subcommand(1);

  addBrowserSubcommand(
      *browser, context, "status", "Whether the profile's browser runs, and its CDP port",
      [](const BrowserArgs&) {
        return BrowserCall{"GET", "/", nullptr};
      },
      printStatus);
  addBrowserSubcommand(
      *browser, context, "start", "Start the profile's browser",
      [](const BrowserArgs&) {
        return BrowserCall{"POST", "/start", nullptr};
      },
      printStatus);
  addBrowserSubcommand(
      *browser, context, "stop", "Stop the profile's browser",
      [](const BrowserArgs&) {
        return BrowserCall{"POST", "/stop", nullptr};
      },
      [](const json& payload) {
        std::cout << (payload.value("stopped", true) ? "browser stopped"
                                                     : "browser was not running")
                  << "\n";
      });
  addBrowserSubcommand(
      *browser, context, "tabs", "The open tabs: id, title, URL",
      [](const BrowserArgs&) {
        return BrowserCall{"GET", "/tabs", nullptr};
      },
      printTabs);

  auto open = std::make_shared<BrowserArgs>();
  addBrowserSubcommand(
      *browser, context, "open", "Open a URL in a new tab",
      [](const BrowserArgs& args) {
        return BrowserCall{"POST", "/tabs/open", {{"url", args.first}}};
      },
      printTab, open)
      ->add_option("url", open->first, "The URL")
      ->required();

  auto navigate = std::make_shared<BrowserArgs>();
  addBrowserSubcommand(
      *browser, context, "navigate", "Load a URL in the current tab",
      [](const BrowserArgs& args) {
        return BrowserCall{"POST", "/navigate", {{"url", args.first}}};
      },
      [](const json& payload) { std::cout << "navigated to " << text(payload, "url") << "\n"; },
      navigate)
      ->add_option("url", navigate->first, "The URL")
      ->required();

  addBrowserSubcommand(
      *browser, context, "snapshot", "The current tab's page as text, with refs for click and type",
      [](const BrowserArgs&) {
        return BrowserCall{"GET", "/snapshot", nullptr};
      },
      printSnapshot);

  auto screenshot = std::make_shared<BrowserArgs>();
  addBrowserSubcommand(
      *browser, context, "screenshot",
      "Capture the current tab; prints the image's path on the gateway host",
      [](const BrowserArgs& args) {
        json body = json::object();
        if (args.fullPage) body["fullPage"] = true;
        return BrowserCall{"POST", "/screenshot", body};
      },
      [](const json& payload) { std::cout << text(payload, "path") << "\n"; }, screenshot)
      ->add_flag("--full-page", screenshot->fullPage, "The whole page, not just the viewport");

  auto click = std::make_shared<BrowserArgs>();
  addBrowserSubcommand(
      *browser, context, "click", "Click the element a snapshot ref names",
      [](const BrowserArgs& args) {
        return BrowserCall{"POST", "/act", {{"kind", "click"}, {"ref", args.first}}};
      },
      [click](const json&) { std::cout << "clicked " << click->first << "\n"; }, click)
      ->add_option("ref", click->first, "A ref from browser snapshot")
      ->required();

  auto type = std::make_shared<BrowserArgs>();
  CLI::App* typeCommand = addBrowserSubcommand(
      *browser, context, "type", "Type text into the element a snapshot ref names",
      [](const BrowserArgs& args) {
        return BrowserCall{
            "POST", "/act", {{"kind", "type"}, {"ref", args.first}, {"text", args.second}}};
      },
      [type](const json&) { std::cout << "typed into " << type->first << "\n"; }, type);
  typeCommand->add_option("ref", type->first, "A ref from browser snapshot")->required();
  typeCommand->add_option("text", type->second, "The text to type")->required();
}

}  // namespace openclaw::cli
