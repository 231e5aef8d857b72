// `openclaw browser …` against the real gateway. A gateway without browser control answers with
// a clear error; the full flow (the gateway's browser.request driving Chromium) is the
// BrowserCli test below, which needs that method.
#include <gtest/gtest.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <regex>

#include "gateway_process.h"
#include "loopback_http_server.h"

namespace openclaw::e2e {
namespace {

using nlohmann::json;

class CliBrowser : public ::testing::Test {
 protected:
  void SetUp() override { gateway.start(); }

  CommandResult cli(std::vector<std::string> args) {
    args.insert(args.end(), {"--url", gateway.url(), "--token", GatewayProcess::kToken});
    return runCli(args, gateway.home().path());
  }

  // Once the gateway has browser control: headless, sandbox-less (CI runs as root) and allowed to
  // open the test page on loopback. Before that these keys are ignored.
  GatewayProcess gateway{json{{"browser",
                               {{"headless", true},
                                {"noSandbox", true},
                                {"ssrfPolicy", {{"allowedHostnames", {"127.0.0.1"}}}}}}}};
};

TEST_F(CliBrowser, HelpListsTheCommands) {
  const CommandResult help = runCli({"browser", "--help"}, gateway.home().path());
  EXPECT_EQ(help.exitCode, 0);
  for (const char* command : {"status", "start", "stop", "tabs", "open", "navigate", "snapshot",
                              "screenshot", "click", "type"}) {
    EXPECT_TRUE(contains(help.out, command)) << command << "\n" << help.out;
  }
  const CommandResult typeHelp = runCli({"browser", "type", "--help"}, gateway.home().path());
  EXPECT_TRUE(contains(typeHelp.out, "--browser-profile")) << typeHelp.out;
  const CommandResult missing = cli({"browser", "type", "e1"});
  EXPECT_EQ(missing.exitCode, 2);  // no text
}

// Whether the gateway offers browser.request (advertised in hello-ok's features.methods).
bool offersBrowserRequest(const GatewayProcess& gateway) {
  client::GatewayClient probe(gateway.clientOptions());
  const json methods = probe.connect().at("features").at("methods");
  return std::find(methods.begin(), methods.end(), "browser.request") != methods.end();
}

TEST_F(CliBrowser, AGatewayWithoutBrowserControlGetsAClearError) {
  if (offersBrowserRequest(gateway)) GTEST_SKIP() << "this gateway has browser control";
  const CommandResult status = cli({"browser", "status"});
  EXPECT_EQ(status.exitCode, 1);
  EXPECT_TRUE(contains(status.err, "this gateway has no browser control")) << status.err;
  const CommandResult tabs = cli({"browser", "tabs", "--json"});
  EXPECT_EQ(tabs.exitCode, 1);
  EXPECT_EQ(json::parse(tabs.out).at("error").at("type"), "unsupported");
}

// A page whose button and text box report to the server what was done to them.
class ReportingPage {
 public:
  ReportingPage()
      : server_([this](boost::asio::ip::tcp::socket& socket,
                       const testsupport::LoopbackHttpServer::Request& request)
                    -> boost::asio::awaitable<void> {
          namespace http = boost::beast::http;
          const std::string target(request.target());
          if (target != "/") {
            std::lock_guard lock(mutex_);
            reports_.push_back(target);
            reported_.notify_all();
          }
          http::response<http::string_body> response{http::status::ok, 11};
          response.set(http::field::content_type, "text/html");
          response.set(http::field::connection, "close");
          response.body() =
              target == "/" ? "<!doctype html><title>CLI page</title>"
                              "<button onclick=\"fetch('/clicked')\">Send</button>"
                              "<input aria-label=\"Name\" onchange=\"fetch('/typed?'+this.value)\""
                              " oninput=\"fetch('/typed?'+this.value)\">"
                            : "";
          response.prepare_payload();
          boost::beast::error_code ec;
          co_await http::async_write(socket, response,
                                     boost::asio::redirect_error(boost::asio::use_awaitable, ec));
        }) {}

  std::string url() const { return server_.baseUrl() + "/"; }
  // Waits (deadline) until `target` was requested.
  bool waitForReport(const std::string& target, std::chrono::milliseconds deadline) const {
    std::unique_lock lock(mutex_);
    return reported_.wait_for(lock, deadline, [&] {
      return std::find(reports_.begin(), reports_.end(), target) != reports_.end();
    });
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable reported_;
  std::vector<std::string> reports_;
  testsupport::LoopbackHttpServer server_;  // last: stopped before the state it uses
};

// The documented contract of browser.request, driven through the CLI (needs the gateway's
// browser control and Debian's chromium).
TEST_F(CliBrowser, StartOpenSnapshotClickTypeScreenshotStop) {
  if (!offersBrowserRequest(gateway)) GTEST_SKIP() << "this gateway has no browser control";
  ReportingPage page;

  const CommandResult started = cli({"browser", "start", "--json"});
  ASSERT_EQ(started.exitCode, 0) << started.err;
  EXPECT_EQ(json::parse(started.out).value("running", false), true) << started.out;

  const CommandResult opened = cli({"browser", "open", page.url()});
  ASSERT_EQ(opened.exitCode, 0) << opened.err;
  const CommandResult tabs = cli({"browser", "tabs"});
  EXPECT_TRUE(contains(tabs.out, page.url())) << tabs.out;

  const CommandResult snapshot = cli({"browser", "snapshot"});
  ASSERT_EQ(snapshot.exitCode, 0) << snapshot.err;
  std::smatch button, textbox;
  ASSERT_TRUE(
      std::regex_search(snapshot.out, button, std::regex(R"(button "Send" \[ref=(e\d+)\])")))
      << snapshot.out;
  ASSERT_TRUE(std::regex_search(snapshot.out, textbox, std::regex(R"("Name" \[ref=(e\d+)\])")))
      << snapshot.out;

  const CommandResult clicked = cli({"browser", "click", button[1].str()});
  EXPECT_EQ(clicked.exitCode, 0) << clicked.err;
  EXPECT_TRUE(page.waitForReport("/clicked", std::chrono::seconds(10)));
  const CommandResult typed = cli({"browser", "type", textbox[1].str(), "hello"});
  EXPECT_EQ(typed.exitCode, 0) << typed.err;
  EXPECT_TRUE(page.waitForReport("/typed?hello", std::chrono::seconds(10)));

  const CommandResult shot = cli({"browser", "screenshot"});
  ASSERT_EQ(shot.exitCode, 0) << shot.err;
  const std::string path = shot.out.substr(0, shot.out.find('\n'));
  EXPECT_GT(std::filesystem::file_size(path), 0U) << path;

  EXPECT_EQ(cli({"browser", "stop"}).exitCode, 0);
  const CommandResult status = cli({"browser", "status", "--json"});
  EXPECT_EQ(json::parse(status.out).value("running", true), false) << status.out;
}

}  // namespace
}  // namespace openclaw::e2e
