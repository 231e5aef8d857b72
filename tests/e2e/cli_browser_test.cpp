// `openclaw browser …` against the real gateway: a gateway with browser control turned off
// answers with a clear error; the full flow drives Debian's chromium through browser.request.
#include <gtest/gtest.h>
#include <unistd.h>

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

  // Headless, sandbox-less (CI runs as root) and allowed to open the test page on loopback.
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

TEST(CliBrowserDisabled, CommandsExplainThatBrowserControlIsOff) {
  GatewayProcess gateway{json{{"browser", {{"enabled", false}}}}};
  gateway.start();
  const auto cli = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--url", gateway.url(), "--token", GatewayProcess::kToken});
    return runCli(args, gateway.home().path());
  };
  const CommandResult start = cli({"browser", "start"});
  EXPECT_EQ(start.exitCode, 1);
  EXPECT_TRUE(contains(start.err, "browser control is disabled (browser.enabled)")) << start.err;
  const CommandResult tabs = cli({"browser", "tabs"});
  EXPECT_EQ(tabs.exitCode, 1);
  EXPECT_TRUE(contains(tabs.err, "browser control is disabled")) << tabs.err;
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
  if (access("/usr/bin/chromium", X_OK) != 0) GTEST_SKIP() << "Debian's chromium is missing";
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
