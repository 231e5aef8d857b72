// `openclaw dashboard [--no-open]`: the Control UI's URL for the configured gateway, with the
// gateway token in the fragment (never sent to a server, not logged), opened in a browser where
// there is a desktop.
#include <cctype>
#include <iostream>
#include <string_view>

#include "cli/commands.h"
#include "config/config_file.h"
#include "config/gateway_settings.h"
#include "core/executable_lookup.h"
#include "core/run_command.h"

namespace openclaw::cli {
namespace {

// encodeURIComponent: what the UI's URLSearchParams decodes back.
std::string uriComponent(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || std::string_view("-_.!~*'()").find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  return out;
}

// http(s)://host:port<basePath>/ for a gateway's ws(s):// URL. A URL with a path of its own (a
// remote gateway behind a proxy) keeps it instead of the local basePath.
std::string pageUrl(std::string url, const std::string& basePath) {
  if (url.rfind("wss://", 0) == 0) url.replace(0, 3, "https");
  if (url.rfind("ws://", 0) == 0) url.replace(0, 2, "http");
  const std::size_t authority = url.find("://");
  const std::size_t hostStart = authority == std::string::npos ? 0 : authority + 3;
  while (url.size() > hostStart && url.back() == '/') url.pop_back();
  const bool ownPath = url.find('/', hostStart) != std::string::npos;
  return url + (ownPath ? "" : basePath) + "/";
}

bool desktopAvailable(const CliContext& context) {
  const auto set = [&](const char* name) {
    const auto value = context.env(name);
    return value && !value->empty();
  };
  return (set("DISPLAY") || set("WAYLAND_DISPLAY")) &&
         core::resolveExecutable("xdg-open", context.env("PATH").value_or(""));
}

int runDashboard(const CliContext& context, bool open) {
  const config::InstancePaths paths = context.paths();
  const config::ConfigFile file = config::ConfigFile::load(paths.configPath);
  if (!file.boolean("/gateway/controlUi/enabled").value_or(true)) {
    std::cerr << "gateway.controlUi.enabled is false in " << paths.configPath.string()
              << ": the gateway does not serve the Control UI\n";
    return 1;
  }
  std::string basePath;
  try {
    basePath =
        config::normalizeControlUiBasePath(file.string("/gateway/controlUi/basePath").value_or(""));
  } catch (const std::invalid_argument& bad) {
    throw file.errorAt("/gateway/controlUi/basePath", bad.what());
  }
  const config::ClientTarget target = config::resolveClientTarget(file, paths, {}, context.env);
  std::string url = pageUrl(target.url, basePath);
  if (target.token && !target.token->empty()) url += "#token=" + uriComponent(*target.token);

  std::cout << "Dashboard URL: " << url << "\n";
  if (!target.token && target.password) {
    std::cout << "The gateway uses a password: enter it under Gateway secret in the UI.\n";
  }
  if (!open) return 0;
  if (!desktopAvailable(context)) {
    std::cout << "No desktop browser here (DISPLAY/WAYLAND_DISPLAY unset or xdg-open missing): "
                 "open the URL yourself. On another machine, forward the port first, e.g.\n"
                 "  ssh -N -L 18789:127.0.0.1:18789 <gateway-host>\n";
    return 0;
  }
  const core::CommandOutput opened = core::runCommand({"xdg-open", url});
  if (opened.exitCode != 0) {
    std::cout << "Could not open a browser (xdg-open exited " << opened.exitCode
              << "): open the URL yourself.\n";
    return 0;
  }
  std::cout << "Opened in your browser.\n";
  return 0;
}

}  // namespace

void addDashboardCommand(CLI::App& root, CliContext& context) {
  auto noOpen = std::make_shared<bool>(false);
  CLI::App* dashboard = root.add_subcommand(
      "dashboard", "Print (and open) the Control UI URL with the gateway token");
  dashboard->add_flag("--no-open", *noOpen, "Only print the URL; do not start a browser");
  dashboard->callback([noOpen, &context] {
    context.action = [noOpen, &context] { return runDashboard(context, !*noOpen); };
  });
}

}  // namespace openclaw::cli
