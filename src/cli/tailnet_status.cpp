#include "cli/tailnet_status.h"

#include "core/network.h"
#include "net/tailscale_cli.h"

namespace openclaw::cli {

std::optional<service::TailnetView> tailnetView(const config::ConfigFile& file, int port) {
  service::TailnetView view;
  std::optional<std::string> mode;
  std::optional<std::string> bind;
  try {
    mode = file.oneOf("/gateway/tailscale/mode", {"off", "serve", "funnel"});
    bind = file.oneOf("/gateway/bind", {"loopback", "lan", "tailnet", "auto", "custom"});
  } catch (const std::exception& error) {
    return service::TailnetView{"config", std::nullopt, error.what()};
  }
  if (mode == "serve" || mode == "funnel") {
    view.exposure = "tailscale " + *mode;
    const net::TailscaleRun run = net::runTailscale({"status", "--json"}, std::chrono::seconds(5));
    const auto status = run.ok ? net::parseTailscaleStatus(run.output) : std::nullopt;
    const auto host = status ? net::tailnetHost(*status) : std::nullopt;
    if (host && status->backendState == "Running") {
      view.url = "https://" + *host + "/";
    } else {
      view.error = !run.ok  ? run.error
                   : status ? "Tailscale is not running (BackendState " + status->backendState + ")"
                            : "`tailscale status --json` did not answer with a JSON object";
    }
    return view;
  }
  if (bind == "tailnet") {
    view.exposure = "bind tailnet";
    if (auto address = core::tailnetIPv4Address()) {
      view.url = "ws://" + *address + ":" + std::to_string(port);
    } else {
      view.error = "no interface has a tailnet address (100.64.0.0/10)";
    }
    return view;
  }
  return std::nullopt;
}

}  // namespace openclaw::cli
