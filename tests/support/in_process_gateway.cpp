#include "in_process_gateway.h"

#include <fstream>
#include <stdexcept>

#include "auth/device_auth.h"
#include "config/config_file.h"
#include "core/clock.h"
#include "daemon/gateway_schema.h"
#include "env_lookup.h"
#include "protocol/protocol_version.h"

namespace openclaw::testsupport {
namespace {

using nlohmann::json;

config::GatewaySettings resolveSettings(const std::filesystem::path& dir, const json& patch) {
  json config = {
      {"gateway",
       {{"mode", "local"}, {"auth", {{"mode", "token"}, {"token", InProcessGateway::kToken}}}}},
      {"logging", {{"file", (dir / "openclaw.log").string()}}}};
  config.merge_patch(patch);
  config::InstancePaths paths;
  paths.stateDir = dir / "state";
  paths.configPath = paths.stateDir / "openclaw.json";
  paths.databasePath = paths.stateDir / "openclaw.db";
  std::filesystem::create_directories(paths.stateDir);
  std::ofstream(paths.configPath) << config.dump(2);
  return config::resolveGatewaySettings(config::ConfigFile::load(paths.configPath), paths, {},
                                        environmentOf({}));
}

server::GatewayInfo testInfo() {
  server::GatewayInfo info;
  info.version = "in-process";
  info.host = "testhost";
  info.platform = "linux test";
  info.instanceId = "in-process-instance";
  return info;
}

}  // namespace

InProcessGateway::InProcessGateway(const json& configPatch)
    : settings_(resolveSettings(dir_.path(), configPatch)),
      work_(boost::asio::make_work_guard(io_)),
      database_(
          std::make_unique<store::Database>(settings_.paths.databasePath, daemon::gatewaySchema())),
      services_(std::make_unique<daemon::GatewayServices>(io_, storage_, blocking_, *database_,
                                                          settings_, testInfo())) {}

InProcessGateway::~InProcessGateway() {
  for (const auto& connection : open_) services_->plane().onClosed(connection);
  services_->runs().abortEverything("test finished");
  io_.poll();
  storage_.join();
  blocking_.join();
  io_.poll();
  work_.reset();
  services_.reset();
}

std::shared_ptr<FakeConnection> InProcessGateway::open(const std::string& remoteAddress) {
  auto connection =
      std::make_shared<FakeConnection>("conn-" + std::to_string(nextConnection_++), remoteAddress);
  open_.push_back(connection);
  services_->plane().onOpen(connection);
  io_.poll();
  return connection;
}

json InProcessGateway::connectParams(const std::vector<std::string>& scopes) {
  return {{"minProtocol", protocol::kProtocolVersion},
          {"maxProtocol", protocol::kProtocolVersion},
          {"client", {{"id", "cli"}, {"version", "1.0.0"}, {"platform", "linux"}, {"mode", "cli"}}},
          {"role", "operator"},
          {"scopes", scopes},
          {"auth", {{"token", kToken}}}};
}

std::shared_ptr<FakeConnection> InProcessGateway::connect(const json& params) {
  auto connection = open();
  const json hello = request(connection, "connect", params);
  if (!hello.value("ok", false)) throw std::runtime_error("connect refused: " + hello.dump());
  return connection;
}

InProcessGateway::DeviceConnect InProcessGateway::connectDevice(json params,
                                                                const auth::DeviceIdentity& device,
                                                                const std::string& remoteAddress) {
  auto connection = open(remoteAddress);
  const std::string nonce = event(connection, "connect.challenge").at("payload").at("nonce");
  params["device"] = auth::signDeviceProof(device, params, nonce, core::nowMs());
  json response = request(connection, "connect", params);
  return {connection, std::move(response)};
}

std::shared_ptr<FakeConnection> InProcessGateway::connectOperator(
    const std::vector<std::string>& scopes) {
  return connect(connectParams(scopes));
}

void InProcessGateway::sendText(const std::shared_ptr<FakeConnection>& connection,
                                std::string text) {
  services_->plane().onMessage(connection, std::move(text));
  io_.poll();
}

std::string InProcessGateway::sendRequest(const std::shared_ptr<FakeConnection>& connection,
                                          const std::string& method, const json& params) {
  const std::string id = "req-" + std::to_string(nextRequest_++);
  sendText(connection,
           json{{"type", "req"}, {"id", id}, {"method", method}, {"params", params}}.dump());
  return id;
}

json InProcessGateway::request(const std::shared_ptr<FakeConnection>& connection,
                               const std::string& method, const json& params) {
  return response(connection, sendRequest(connection, method, params));
}

json InProcessGateway::response(const std::shared_ptr<FakeConnection>& connection,
                                const std::string& id, std::size_t index) {
  return waitFrame(
      connection,
      [&](const json& frame) {
        return frame.value("type", "") == "res" && frame.value("id", "") == id;
      },
      index);
}

json InProcessGateway::event(const std::shared_ptr<FakeConnection>& connection,
                             const std::string& name, std::size_t index) {
  return waitFrame(
      connection,
      [&](const json& frame) {
        return frame.value("type", "") == "event" && frame.value("event", "") == name;
      },
      index);
}

json InProcessGateway::waitFrame(const std::shared_ptr<FakeConnection>& connection,
                                 const std::function<bool(const json&)>& match, std::size_t index,
                                 std::chrono::milliseconds deadline) {
  std::optional<json> found;
  const bool arrived = runUntil(
      [&] {
        std::size_t matches = 0;
        for (const std::string& text : connection->sent) {
          json frame = json::parse(text, nullptr, false);
          if (match(frame) && matches++ == index) {
            found = std::move(frame);
            return true;
          }
        }
        return false;
      },
      deadline);
  if (arrived) return *found;
  std::string got;
  for (const std::string& text : connection->sent) got += "\n  " + text.substr(0, 400);
  throw std::runtime_error("no matching frame within the deadline; got:" + got);
}

bool InProcessGateway::waitClosed(const std::shared_ptr<FakeConnection>& connection,
                                  std::chrono::milliseconds deadline) {
  if (!runUntil([&] { return connection->closed; }, deadline)) return false;
  disconnect(connection);
  return true;
}

bool InProcessGateway::runUntil(const std::function<bool()>& done,
                                std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    io_.run_one_until(until);
  }
  return true;
}

void InProcessGateway::disconnect(const std::shared_ptr<FakeConnection>& connection) {
  if (std::erase(open_, connection) == 0) return;  // already gone
  services_->plane().onClosed(connection);
  io_.poll();
}

bool isError(const json& frame, const std::string& code) {
  return frame.value("type", "") == "res" && !frame.value("ok", true) && frame.contains("error") &&
         frame["error"].value("code", "") == code;
}

}  // namespace openclaw::testsupport
