// `openclaw nodes canvas …`: a node's canvas.* commands through node.invoke.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/a2ui_jsonl.h"
#include "cli/canvas_snapshot_file.h"
#include "cli/commands.h"
#include "cli/node_invoke.h"
#include "cli/rpc_subcommand.h"
#include "core/files.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

// Which node a canvas command goes to, and how long it may take there.
struct CanvasTarget {
  std::string node;
  NodeInvokeOptions invoke;
};

// What a canvas subcommand does once parsed: its exit code.
using CanvasAction = std::function<int(const RpcOptions&, const CanvasTarget&)>;

// Adds `canvas <name>` with --node, the invoke options and the RPC options.
CLI::App* addCanvasSubcommand(CLI::App& parent, CliContext& context, const std::string& name,
                              const std::string& description, int defaultInvokeTimeoutMs,
                              CanvasAction action) {
  auto target = std::make_shared<CanvasTarget>();
  target->invoke.invokeTimeoutMs = defaultInvokeTimeoutMs;
  CLI::App* command = addRpcSubcommand(
      parent, context, name, description, std::make_shared<RpcOptions>(),
      [target, action = std::move(action)](const RpcOptions& rpc) { return action(rpc, *target); });
  command
      ->add_option("--node", target->node,
                   "The node: its id, remote IP, display name or an id prefix (6+ characters)")
      ->required();
  addNodeInvokeOptions(*command, target->invoke);
  return command;
}

// Sends `command` and prints `okLine` (or node.invoke's answer with --json).
int invokeAndConfirm(const CliContext& context, const RpcOptions& rpc, const CanvasTarget& target,
                     const std::string& command, const json& params, const std::string& okLine) {
  return invokeNode(context, rpc, target.node, command, params, target.invoke,
                    [&](const json& answer) {
                      std::cout << (rpc.json ? answer.dump(2) : okLine) << "\n";
                      return 0;
                    });
}

// Adds a subcommand that sends `command` with the params `paramsOf` builds from its options and
// prints "canvas [a2ui] <name> ok".
void addSimpleCanvasCommand(CLI::App& parent, CliContext& context, const std::string& name,
                            const std::string& description, const std::string& command,
                            const std::function<json()>& paramsOf,
                            const std::function<void(CLI::App&)>& declareOptions = nullptr) {
  const std::string group = parent.get_name() == "canvas" ? "" : parent.get_name() + " ";
  const std::string okLine = "canvas " + group + name + " ok";
  CLI::App* sub = addCanvasSubcommand(
      parent, context, name, description, 15'000,
      [&context, okLine, command, paramsOf](const RpcOptions& rpc, const CanvasTarget& target) {
        return invokeAndConfirm(context, rpc, target, command, paramsOf(), okLine);
      });
  if (declareOptions) declareOptions(*sub);
}

struct Placement {
  std::optional<std::string> target;
  std::optional<double> x, y, width, height;
};

json presentParams(const Placement& placement) {
  json params = json::object();
  if (placement.target) params["url"] = *placement.target;
  json box = json::object();
  for (const auto& [key, value] :
       {std::pair{"x", placement.x}, std::pair{"y", placement.y},
        std::pair{"width", placement.width}, std::pair{"height", placement.height}}) {
    if (value) box[key] = *value;
  }
  if (!box.empty()) params["placement"] = box;
  return params;
}

struct SnapshotArgs {
  std::string format = "jpg";
  std::optional<int> maxWidth;
  std::optional<double> quality;
  std::optional<std::string> out;
};

int snapshot(const CliContext& context, const RpcOptions& rpc, const CanvasTarget& target,
             const SnapshotArgs& args) {
  const std::string format = args.format == "png" ? "png" : "jpeg";
  json params = {{"format", format}};
  if (args.maxWidth) params["maxWidth"] = *args.maxWidth;
  if (args.quality) params["quality"] = *args.quality;
  return invokeNode(context, rpc, target.node, "canvas.snapshot", params, target.invoke,
                    [&](const json& answer) {
                      CanvasSnapshotImage image;
                      try {
                        image = decodeCanvasSnapshot(answer.value("payload", json()), format);
                      } catch (const std::runtime_error& error) {
                        std::cerr << "error: canvas snapshot: " << error.what() << "\n";
                        return 1;
                      }
                      const std::filesystem::path path =
                          args.out ? std::filesystem::path(core::expandHome(*args.out))
                                   : defaultCanvasSnapshotPath(target.node, image.extension,
                                                               std::chrono::system_clock::now());
                      core::writeFileAtomic(path, image.bytes);
                      if (rpc.json) {
                        std::cout << json{{"file",
                                           {{"path", path.string()},
                                            {"format", image.extension == "png" ? "png" : "jpeg"},
                                            {"bytes", image.bytes.size()}}}}
                                         .dump(2)
                                  << "\n";
                      } else {
                        std::cout << path.string() << "\n";
                      }
                      return 0;
                    });
}

struct EvalArgs {
  std::optional<std::string> positional;
  std::optional<std::string> flag;
};

int evaluate(const CliContext& context, const RpcOptions& rpc, const CanvasTarget& target,
             const EvalArgs& args) {
  if (args.positional.has_value() == args.flag.has_value()) {
    std::cerr << "error: give the JavaScript either as an argument or with --js (exactly one)\n";
    return 2;
  }
  const std::string& script = args.flag ? *args.flag : *args.positional;
  return invokeNode(
      context, rpc, target.node, "canvas.eval", {{"javaScript", script}}, target.invoke,
      [&](const json& answer) {
        const json payload = answer.value("payload", json());
        if (rpc.json) {
          std::cout << answer.dump(2) << "\n";
        } else if (payload.is_object() && payload.contains("result")) {
          const json& result = payload.at("result");
          std::cout << (result.is_string() ? result.get<std::string>() : result.dump()) << "\n";
        } else {
          std::cout << (payload.is_null() ? "canvas eval ok" : payload.dump(2)) << "\n";
        }
        return 0;
      });
}

struct A2uiPushArgs {
  std::optional<std::string> jsonlFile;
  std::optional<std::string> text;
};

// The JSONL `args` name: the --text document or the --jsonl file (at most kMaxA2uiJsonlBytes).
std::string a2uiDocument(const A2uiPushArgs& args) {
  if (args.text) return a2uiTextJsonl(*args.text);
  std::ifstream file(core::expandHome(*args.jsonlFile), std::ios::binary);
  if (!file) throw std::invalid_argument("cannot read " + *args.jsonlFile);
  std::string contents(kMaxA2uiJsonlBytes + 1, '\0');
  file.read(contents.data(), static_cast<std::streamsize>(contents.size()));
  contents.resize(static_cast<std::size_t>(file.gcount()));
  if (contents.size() > kMaxA2uiJsonlBytes) {
    throw std::invalid_argument(*args.jsonlFile + " is larger than " +
                                std::to_string(kMaxA2uiJsonlBytes) + " bytes");
  }
  return contents;
}

int a2uiPush(const CliContext& context, const RpcOptions& rpc, const CanvasTarget& target,
             const A2uiPushArgs& args) {
  if (args.jsonlFile.has_value() == args.text.has_value()) {
    std::cerr << "error: give exactly one of --jsonl <file> and --text <text>\n";
    return 2;
  }
  std::string jsonl;
  std::size_t messages = 0;
  try {
    jsonl = a2uiDocument(args);
    messages = countA2uiMessages(jsonl);
  } catch (const std::invalid_argument& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 2;
  }
  return invokeAndConfirm(context, rpc, target, "canvas.a2ui.pushJSONL", {{"jsonl", jsonl}},
                          "canvas a2ui push ok (" + std::to_string(messages) +
                              (messages == 1 ? " message)" : " messages)"));
}

}  // namespace

void addNodesCanvasCommand(CLI::App& nodes, CliContext& context) {
  CLI::App* canvas = nodes.add_subcommand(
      "canvas", "Drive a node's canvas (canvas.* commands through node.invoke)");
  canvas->require_subcommand(1);

  auto placement = std::make_shared<Placement>();
  addSimpleCanvasCommand(
      *canvas, context, "present", "Show the canvas, optionally at a URL or path and placement",
      "canvas.present", [placement] { return presentParams(*placement); },
      [placement](CLI::App& command) {
        command.add_option("--target", placement->target,
                           "URL or canvas path (/__openclaw__/canvas/…) to show");
        command.add_option("--x", placement->x, "Placement: left edge, in points");
        command.add_option("--y", placement->y, "Placement: top edge, in points");
        command.add_option("--width", placement->width, "Placement: width, in points");
        command.add_option("--height", placement->height, "Placement: height, in points");
      });

  addSimpleCanvasCommand(*canvas, context, "hide", "Hide the canvas", "canvas.hide",
                         [] { return json::object(); });

  auto url = std::make_shared<std::string>();
  addSimpleCanvasCommand(
      *canvas, context, "navigate", "Load a URL or canvas path in the canvas", "canvas.navigate",
      [url] {
        return json{{"url", *url}};
      },
      [url](CLI::App& command) {
        command.add_option("url", *url, "URL or canvas path (/__openclaw__/canvas/…)")->required();
      });

  auto evalArgs = std::make_shared<EvalArgs>();
  CLI::App* evalCommand = addCanvasSubcommand(
      *canvas, context, "eval", "Run JavaScript in the canvas and print its result", 15'000,
      [&context, evalArgs](const RpcOptions& rpc, const CanvasTarget& target) {
        return evaluate(context, rpc, target, *evalArgs);
      });
  evalCommand->add_option("js", evalArgs->positional, "The JavaScript (or use --js)");
  evalCommand->add_option("--js", evalArgs->flag, "The JavaScript");

  auto snapshotArgs = std::make_shared<SnapshotArgs>();
  CLI::App* snapshotCommand = addCanvasSubcommand(
      *canvas, context, "snapshot", "Capture the canvas as an image, save it and print its path",
      20'000, [&context, snapshotArgs](const RpcOptions& rpc, const CanvasTarget& target) {
        return snapshot(context, rpc, target, *snapshotArgs);
      });
  snapshotCommand
      ->add_option("--format", snapshotArgs->format, "Image format: png, jpg or jpeg (default jpg)")
      ->check(CLI::IsMember({"png", "jpg", "jpeg"}));
  snapshotCommand->add_option("--max-width", snapshotArgs->maxWidth, "Largest width, in pixels")
      ->check(CLI::Range(1, 16'384));
  snapshotCommand->add_option("--quality", snapshotArgs->quality, "JPEG quality, 0 to 1")
      ->check(CLI::Range(0.0, 1.0));
  snapshotCommand->add_option(
      "--out", snapshotArgs->out,
      "Where to save the image (default ./canvas-snapshot-<node>-<UTC time>.<png|jpg>)");

  CLI::App* a2ui = canvas->add_subcommand("a2ui", "A2UI content on the canvas");
  a2ui->require_subcommand(1);
  auto pushArgs = std::make_shared<A2uiPushArgs>();
  CLI::App* push = addCanvasSubcommand(
      *a2ui, context, "push", "Send A2UI v0.8 JSONL to the canvas (canvas.a2ui.pushJSONL)", 15'000,
      [&context, pushArgs](const RpcOptions& rpc, const CanvasTarget& target) {
        return a2uiPush(context, rpc, target, *pushArgs);
      });
  push->add_option("--jsonl", pushArgs->jsonlFile, "A file of A2UI JSONL (at most 1 MiB)");
  push->add_option("--text", pushArgs->text, "Show this text instead (a one-component surface)");

  addSimpleCanvasCommand(*a2ui, context, "reset", "Clear the canvas's A2UI state",
                         "canvas.a2ui.reset", [] { return json::object(); });
}

}  // namespace openclaw::cli
