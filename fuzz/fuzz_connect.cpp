// libFuzzer target: the connect handshake and request dispatch end to end, without sockets.
// A fake Connection (tests/support) records what the ControlPlane sends; the input is split at '\n'
// into up to 8 text frames (so a valid connect followed by requests is explored), fed through
// onOpen -> onMessage* -> onClosed with io.poll() in between.
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/gateway_settings.h"
#include "fake_connection.h"
#include "methods/system_methods.h"
#include "rpc/gateway_metrics.h"
#include "server/control_plane.h"

namespace {

using namespace openclaw;

// Everything the gateway sends must be a JSON object; `from` is the first frame not yet checked.
void checkFrames(const testsupport::FakeConnection& connection, std::size_t& from) {
  for (; from < connection.sent.size(); ++from) {
    const auto parsed = nlohmann::json::parse(connection.sent[from], nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) __builtin_trap();
  }
}

config::GatewaySettings makeSettings() {
  config::GatewaySettings settings;
  settings.paths.stateDir = "/nonexistent/openclaw-fuzz";
  settings.paths.configPath = "/nonexistent/openclaw-fuzz/openclaw.json";
  settings.paths.databasePath = "/nonexistent/openclaw-fuzz/openclaw.db";
  settings.port = 18789;
  settings.auth.mode = config::AuthMode::Token;
  settings.auth.secret = "fuzz-token";
  settings.rateLimit.exemptLoopback = true;  // keep the limiter from locking the fuzzer out
  return settings;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const config::GatewaySettings settings = makeSettings();
  boost::asio::io_context io;
  server::GatewayInfo info;
  info.version = "fuzz";
  info.host = "fuzzhost";
  info.platform = "linux fuzz";
  info.instanceId = "fuzz-instance";
  methods::HealthReport health(settings);
  rpc::GatewayMetrics metrics({info.version, info.instanceId, 0, 0});
  server::ControlPlane plane(io, settings, info, health, metrics);
  methods::registerSystemMethods(plane.registry(), plane, health);

  auto connection = std::make_shared<testsupport::FakeConnection>("conn-1", "127.0.0.1");
  std::size_t checked = 0;
  plane.onOpen(connection);
  io.poll();
  checkFrames(*connection, checked);

  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int frame = 0; frame < 8 && !connection->closed; ++frame) {
    const std::size_t newline = input.find('\n');
    const bool last = newline == std::string_view::npos || frame == 7;
    const std::string_view text = last ? input : input.substr(0, newline);
    plane.onMessage(connection, std::string(text));
    io.poll();
    checkFrames(*connection, checked);
    if (last) break;
    input.remove_prefix(newline + 1);
  }
  plane.onClosed(connection);
  io.poll();
  return 0;
}
