// `openclaw gateway healthcheck`: one bounded GET of the liveness route, for container runtimes.
#include "cli/gateway_healthcheck_command.h"

#include <iostream>

#include "net/http_client.h"
#include "net/http_probe.h"

namespace openclaw::cli {
namespace {

struct HealthcheckOptions {
  std::string url = "http://127.0.0.1:18789/healthz";
  int timeoutMs = 3'000;
};

// Resolving, connecting and reading the response head all fit in options.timeoutMs.
int runHealthcheck(const HealthcheckOptions& options) {
  const auto reason = net::httpGetNotOk(options.url, std::chrono::milliseconds(options.timeoutMs));
  if (reason) {
    std::cerr << "unhealthy: " << options.url << ": " << *reason << "\n";
    return 1;
  }
  std::cout << "healthy: " << options.url << " answered HTTP 200\n";
  return 0;
}

}  // namespace

void addGatewayHealthcheckCommand(CLI::App& gateway, CliContext& context) {
  auto options = std::make_shared<HealthcheckOptions>();
  CLI::App* command = gateway.add_subcommand(
      "healthcheck",
      "GET the gateway's liveness URL once: exit 0 on HTTP 200, 1 otherwise (for container "
      "HEALTHCHECKs and probes)");
  const auto httpUrl = [](const std::string& url) {
    return net::parseHttpUrl(url) ? std::string() : "not an http(s) URL: " + url;
  };
  command->add_option("--url", options->url, "URL to GET (default: " + options->url + ")")
      ->check(httpUrl);
  command
      ->add_option("--timeout-ms", options->timeoutMs,
                   "Give up after this many milliseconds, connecting included (default: 3000)")
      ->check(CLI::Range(1, 600'000));
  command->callback(
      [options, &context] { context.action = [options] { return runHealthcheck(*options); }; });
}

}  // namespace openclaw::cli
