// `openclaw gateway healthcheck`: one bounded GET of the liveness route, for container runtimes.
#include "cli/gateway_healthcheck_command.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <iostream>

#include "net/http_client.h"

namespace openclaw::cli {
namespace {

namespace asio = boost::asio;

struct HealthcheckOptions {
  std::string url = "http://127.0.0.1:18789/healthz";
  int timeoutMs = 3'000;
};

// Why `exchange` does not show a healthy gateway; nullopt when it answered 200.
asio::awaitable<std::optional<std::string>> unhealthyReason(
    std::shared_ptr<net::HttpExchange> exchange, int timeoutMs) {
  try {
    const net::HttpResponseHead head = co_await exchange->head();
    if (head.status == 200) co_return std::nullopt;
    co_return "HTTP " + std::to_string(head.status);
  } catch (const net::HttpFailure& failure) {
    // The deadline below cancels the exchange; any other failure says what went wrong itself.
    if (failure.error().kind == net::HttpError::Kind::Cancelled) {
      co_return "no answer within " + std::to_string(timeoutMs) + " ms";
    }
    co_return failure.what();
  }
}

std::string describe(const std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& error) {
    return error.what();
  } catch (...) {
    return "unknown error";
  }
}

// Resolving, connecting and reading the response head all fit in options.timeoutMs.
int runHealthcheck(const HealthcheckOptions& options) {
  asio::io_context io;
  net::HttpClient client(io);
  net::HttpRequest request;
  request.method = "GET";
  request.url = options.url;
  request.connectTimeout = std::chrono::milliseconds(options.timeoutMs);
  request.idleTimeout = std::chrono::milliseconds(options.timeoutMs);
  const auto exchange = client.start(std::move(request));

  asio::steady_timer deadline(io, std::chrono::milliseconds(options.timeoutMs));
  const auto cancelExchange = [exchange](const boost::system::error_code& error) {
    if (!error) exchange->cancel();
  };
  deadline.async_wait(cancelExchange);

  std::optional<std::string> reason = "the check did not finish";
  const auto finished = [&reason, &deadline](const std::exception_ptr& thrown,
                                             std::optional<std::string> result) {
    deadline.cancel();
    if (thrown) {
      reason = describe(thrown);
    } else {
      reason = std::move(result);
    }
  };
  asio::co_spawn(io, unhealthyReason(exchange, options.timeoutMs), finished);
  io.run();

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
