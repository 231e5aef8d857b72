// libFuzzer target: rpc::HttpRouter::route with the gateway's probe routes plus a few
// extra routes, on a request built from the input: "METHOD PATH[?QUERY]\n" then
// "name: value" header lines, a blank line, and the body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/probe_routes.h"
#include "rpc/http_router.h"

namespace {

using namespace openclaw::rpc;
using openclaw::daemon::addProbeRoutes;

std::string_view nextLine(std::string_view& input) {
  const std::size_t newline = input.find('\n');
  std::string_view line = input.substr(0, newline);
  input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static bool draining = false;
  static const HttpRouter router = [] {
    HttpRouter r;
    addProbeRoutes(r, [] { return draining; });
    r.add("POST", "/hooks",
          [](const HttpRequest& request) { return HttpResponse::json(200, request.body); });
    r.add("PUT", "/hooks", [](const HttpRequest&) { return HttpResponse::json(204, ""); });
    return r;
  }();

  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!input.empty()) {
    draining = (input.front() & 1) != 0;
    input.remove_prefix(1);
  }
  HttpRequest request;
  const std::string_view requestLine = nextLine(input);
  const std::size_t space = requestLine.find(' ');
  request.method = std::string(requestLine.substr(0, space));
  if (space != std::string_view::npos) {
    const std::string_view target = requestLine.substr(space + 1);
    const std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos)
      request.query = std::string(target.substr(question + 1));
  }
  while (!input.empty()) {
    const std::string_view line = nextLine(input);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    request.headers[std::string(line.substr(0, colon))] =
        colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1));
  }
  request.body = std::string(input);
  request.remoteAddress = "127.0.0.1";
  const HttpResponse response = router.route(request);
  if (response.status < 100 || response.status > 599) __builtin_trap();
  return 0;
}
