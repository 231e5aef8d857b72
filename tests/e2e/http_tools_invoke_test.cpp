// POST /tools/invoke end to end against the real binary: a tool runs in the agent workspace
// under the same confinement, exec policy and exec approvals as in a run; the default HTTP deny
// list and gateway.tools; the gateway's auth; bad input (JSON, fields, method, size); a client
// that hangs up cancels the tool.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "core/files.h"
#include "gateway_process.h"

namespace openclaw::e2e {
namespace {

namespace fs = std::filesystem;
namespace http = boost::beast::http;
using boost::asio::ip::tcp;
using nlohmann::json;
using namespace std::chrono_literals;

struct Answer {
  unsigned status = 0;
  std::string body;
  std::string allow;  // the Allow header
  json parsed() const { return json::parse(body, nullptr, false); }
};

// A request on a fresh connection, sent as the raw bytes given.
class RawHttp {
 public:
  explicit RawHttp(int port) : socket_(io_) {
    socket_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                  static_cast<unsigned short>(port)));
  }
  void send(const std::string& bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }
  Answer read() {
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(socket_, buffer, parser);
    const auto& response = parser.get();
    Answer answer{response.result_int(), response.body(), ""};
    if (auto allow = response.find(http::field::allow); allow != response.end()) {
      answer.allow = std::string(allow->value());
    }
    return answer;
  }
  void close() { socket_.close(); }

 private:
  boost::asio::io_context io_;
  tcp::socket socket_;
};

std::string requestBytes(const std::string& method, const std::string& body,
                         const std::vector<std::string>& headers) {
  std::string bytes = method + " /tools/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const std::string& header : headers) bytes += header + "\r\n";
  bytes += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
  return bytes;
}

std::string bearer(const std::string& token = GatewayProcess::kToken) {
  return "Authorization: Bearer " + token;
}

Answer post(int port, const std::string& body, const std::vector<std::string>& headers = {bearer()},
            const std::string& method = "POST") {
  RawHttp connection(port);
  connection.send(requestBytes(method, body, headers));
  return connection.read();
}

Answer invoke(int port, const json& body) { return post(port, body.dump()); }

class HttpToolsInvoke : public ::testing::Test {
 protected:
  void start(json config = json::object()) {
    gateway = std::make_unique<GatewayProcess>(std::move(config));
    gateway->start();
    workspace = gateway->home().path() / ".openclaw" / "workspace";
    fs::create_directories(workspace);
  }
  int port() const { return gateway->port(); }

  std::unique_ptr<GatewayProcess> gateway;
  fs::path workspace;
};

// exec over HTTP (out of the default deny list) under an allowlist of echo and ls.
json execConfig(const std::string& ask = "off") {
  return {{"gateway", {{"tools", {{"allow", {"exec"}}}}}},
          {"tools",
           {{"exec", {{"security", "allowlist"}, {"ask", ask}, {"safeBins", {"echo", "ls"}}}}}}};
}

TEST_F(HttpToolsInvoke, ReadsAWorkspaceFileAsTheReadToolDoes) {
  start();
  std::ofstream(workspace / "notes.txt") << "alpha\nbeta\n";
  const Answer answer =
      invoke(port(), {{"tool", "read"}, {"args", {{"path", "notes.txt"}}}, {"sessionKey", "main"}});
  ASSERT_EQ(answer.status, 200u) << answer.body;
  const json body = answer.parsed();
  EXPECT_EQ(body.at("ok"), true);
  const json& content = body.at("result").at("content");
  ASSERT_EQ(content.size(), 1u);
  EXPECT_EQ(content[0].at("type"), "text");
  EXPECT_NE(content[0].at("text").get<std::string>().find("beta"), std::string::npos);
  EXPECT_EQ(body.at("result").at("isError"), false);

  // `name` wins over `tool`; args may be omitted where the tool needs none of them.
  const Answer named = invoke(port(), {{"name", "read"},
                                       {"tool", "exec"},
                                       {"args", {{"path", "notes.txt"}}},
                                       {"dryRun", false},
                                       {"idempotencyKey", "k1"}});
  EXPECT_EQ(named.status, 200u) << named.body;
}

TEST_F(HttpToolsInvoke, PathsOutsideTheWorkspaceAreRefused) {
  start();
  std::ofstream(gateway->home().path() / "secret.txt") << "outside\n";
  for (const std::string& path :
       {std::string("../../secret.txt"), (gateway->home().path() / "secret.txt").string()}) {
    const Answer answer = invoke(port(), {{"tool", "read"}, {"args", {{"path", path}}}});
    EXPECT_EQ(answer.status, 400u) << answer.body;
    const json body = answer.parsed();
    EXPECT_EQ(body.at("ok"), false);
    EXPECT_EQ(body.at("error").at("type"), "tool_error");
    EXPECT_EQ(answer.body.find("outside\\n"), std::string::npos) << answer.body;
  }
  // The write tool is confined the same way.
  const Answer write =
      invoke(port(), {{"tool", "write"}, {"args", {{"path", "../escape.txt"}, {"content", "x"}}}});
  EXPECT_EQ(write.status, 400u) << write.body;
  EXPECT_FALSE(fs::exists(workspace.parent_path() / "escape.txt"));
}

TEST_F(HttpToolsInvoke, UnknownAndHttpDeniedToolsAreNotAvailable) {
  start({{"gateway", {{"tools", {{"deny", {"write"}}}}}}});
  for (const std::string tool : {"no_such_tool", "exec", "write"}) {
    const Answer answer = invoke(port(), {{"tool", tool}, {"args", {{"command", "echo hi"}}}});
    EXPECT_EQ(answer.status, 404u) << tool << ": " << answer.body;
    const json body = answer.parsed();
    EXPECT_EQ(body.at("ok"), false);
    EXPECT_EQ(body.at("error").at("type"), "not_found");
    EXPECT_EQ(body.at("error").at("message"), "Tool not available: " + tool);
  }
}

TEST_F(HttpToolsInvoke, ExecFollowsTheConfiguredExecPolicy) {
  start(execConfig());
  const Answer allowed =
      invoke(port(), {{"tool", "exec"}, {"args", {{"command", "echo hi-there"}}}});
  ASSERT_EQ(allowed.status, 200u) << allowed.body;
  const json result = allowed.parsed().at("result");
  EXPECT_NE(result.at("content")[0].at("text").get<std::string>().find("hi-there"),
            std::string::npos);
  EXPECT_EQ(result.at("details").at("exitCode"), 0);

  // Not on the allowlist, and nobody may be asked: refused before anything runs.
  const Answer refused =
      invoke(port(), {{"tool", "exec"}, {"args", {{"command", "touch made-by-exec"}}}});
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.parsed().at("error").at("type"), "tool_call_blocked");
  EXPECT_FALSE(fs::exists(workspace / "made-by-exec"));

  // A command that runs and fails is a result, as in a run.
  const Answer failed = invoke(port(), {{"tool", "exec"}, {"args", {{"command", "ls no-such"}}}});
  ASSERT_EQ(failed.status, 200u) << failed.body;
  EXPECT_EQ(failed.parsed().at("result").at("isError"), true);
  EXPECT_NE(failed.parsed().at("result").at("details").at("exitCode"), 0);
  // Arguments exec cannot use.
  const Answer bad = invoke(port(), {{"tool", "exec"}, {"args", {{"command", 42}}}});
  EXPECT_EQ(bad.status, 400u) << bad.body;
  EXPECT_EQ(bad.parsed().at("error").at("type"), "tool_error");
}

TEST_F(HttpToolsInvoke, ExecAsksTheOperatorForTheRequestsSession) {
  start(execConfig("on-miss"));
  auto op = gateway->connect();
  auto pending = std::async(std::launch::async, [this] {
    return invoke(port(), {{"tool", "exec"},
                           {"sessionKey", "agent:main:ops"},
                           {"args", {{"command", "touch approved-file"}}}});
  });
  json requested;
  const auto until = std::chrono::steady_clock::now() + 15s;
  while (requested.is_null() && std::chrono::steady_clock::now() < until) {
    auto event = op.nextEvent(100ms);
    if (event && event->value("event", "") == "exec.approval.requested") {
      requested = event->at("payload");
    }
  }
  ASSERT_FALSE(requested.is_null()) << "no exec.approval.requested";
  EXPECT_EQ(requested.at("request").at("sessionKey"), "agent:main:ops");
  EXPECT_EQ(requested.at("request").at("command"), "touch approved-file");
  op.call("exec.approval.resolve", {{"id", requested.at("id")}, {"decision", "deny"}});
  ASSERT_EQ(pending.wait_for(15s), std::future_status::ready);
  const Answer denied = pending.get();
  EXPECT_EQ(denied.status, 403u) << denied.body;
  EXPECT_NE(denied.body.find("the operator denied the command"), std::string::npos);
  EXPECT_FALSE(fs::exists(workspace / "approved-file"));
}

TEST_F(HttpToolsInvoke, AClientThatHangsUpCancelsTheTool) {
  start({{"gateway", {{"tools", {{"allow", {"exec"}}}}}},
         {"tools", {{"exec", {{"security", "full"}, {"ask", "off"}}}}}});
  RawHttp connection(port());
  connection.send(requestBytes(
      "POST",
      json{{"tool", "exec"}, {"args", {{"command", "echo $$ > shell.pid; exec sleep 120"}}}}.dump(),
      {bearer()}));
  const fs::path pidFile = workspace / "shell.pid";
  std::string pidText;
  const auto until = std::chrono::steady_clock::now() + 15s;
  while (pidText.find('\n') == std::string::npos && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(20ms);  // polling a file the command writes, with a deadline
    std::ifstream in(pidFile);
    pidText.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_NE(pidText.find('\n'), std::string::npos) << "the command did not start";
  const pid_t pid = static_cast<pid_t>(std::stol(pidText));
  connection.close();
  bool ended = false;
  while (!ended && std::chrono::steady_clock::now() < until + 15s) {
    std::this_thread::sleep_for(20ms);
    ended = ::kill(pid, 0) != 0;
  }
  EXPECT_TRUE(ended) << "the command still runs after its client left";
  // The gateway still answers.
  EXPECT_EQ(post(port(), json{{"tool", "read"}, {"args", {{"path", "shell.pid"}}}}.dump()).status,
            200u);
}

TEST_F(HttpToolsInvoke, RefusesCallersWithoutTheGatewayCredential) {
  start();
  const std::string body = json{{"tool", "read"}, {"args", {{"path", "x"}}}}.dump();
  for (const auto& headers : std::vector<std::vector<std::string>>{
           {}, {bearer("wrong-token")}, {"Authorization: Basic Zm9vOmJhcg=="}}) {
    const Answer answer = post(port(), body, headers);
    EXPECT_EQ(answer.status, 401u) << answer.body;
    EXPECT_EQ(answer.parsed().at("error").at("type"), "unauthorized");
  }
}

TEST_F(HttpToolsInvoke, ATrustedCallerNeedsTheWriteScope) {
  start({{"gateway", {{"auth", {{"mode", "none"}}}}}});
  std::ofstream(workspace / "a.txt") << "a\n";
  const std::string body = json{{"tool", "read"}, {"args", {{"path", "a.txt"}}}}.dump();
  EXPECT_EQ(post(port(), body, {}).status, 200u);
  const Answer readOnly = post(port(), body, {"x-openclaw-scopes: operator.read"});
  EXPECT_EQ(readOnly.status, 403u) << readOnly.body;
  EXPECT_NE(readOnly.body.find("operator.write"), std::string::npos);
}

TEST_F(HttpToolsInvoke, RejectsMalformedRequests) {
  start();
  for (const std::string& body :
       {std::string("{not json"), std::string("[1,2]"), std::string(""), std::string(300, '[')}) {
    const Answer answer = post(port(), body);
    EXPECT_EQ(answer.status, 400u) << body << ": " << answer.body;
    EXPECT_EQ(answer.parsed().at("error").at("type"), "invalid_request_error");
  }
  for (const json& body :
       {json{{"args", json::object()}}, json{{"tool", 7}}, json{{"tool", "read"}, {"args", "x"}},
        json{{"tool", "read"}, {"args", json::array()}}, json{{"tool", "read"}, {"dryRun", "no"}},
        json{{"tool", "read"}, {"sessionKey", 5}}, json{{"tool", "read"}, {"sessionKey", "agent:"}},
        json{{"tool", "read"}, {"agentId", "ops"}, {"sessionKey", "agent:main:main"}}}) {
    const Answer answer = invoke(port(), body);
    EXPECT_EQ(answer.status, 400u) << body.dump() << ": " << answer.body;
    const json parsed = answer.parsed();
    EXPECT_EQ(parsed.at("ok"), false);
    EXPECT_EQ(parsed.at("error").at("type"), "invalid_request");
  }
  const Answer missingArgument = invoke(port(), {{"tool", "read"}});
  EXPECT_EQ(missingArgument.status, 400u);
  EXPECT_EQ(missingArgument.parsed().at("error").at("type"), "tool_error");
}

TEST_F(HttpToolsInvoke, AnswersWrongMethodsAndOversizedBodies) {
  start();
  for (const std::string method : {"GET", "PUT", "DELETE"}) {
    const Answer answer = post(port(), "", {bearer()}, method);
    EXPECT_EQ(answer.status, 405u) << method;
    EXPECT_EQ(answer.allow, "POST") << method;
  }
  const std::string huge =
      json{{"tool", "read"}, {"args", {{"path", std::string(2 * 1024 * 1024, 'a')}}}}.dump();
  RawHttp connection(port());
  const std::string head =
      "POST /tools/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer() +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(huge.size()) +
      "\r\n\r\n";
  connection.send(head);
  EXPECT_EQ(connection.read().status, 413u);
  // A body just under the limit is read (and refused for its content, not its size).
  const std::string large = json{
      {"tool", "read"},
      {"padding", std::string(1536 * 1024, 'b')},
      {"args",
       {{"path", "none.txt"}}}}.dump();
  EXPECT_EQ(post(port(), large).status, 400u);
}

}  // namespace
}  // namespace openclaw::e2e
