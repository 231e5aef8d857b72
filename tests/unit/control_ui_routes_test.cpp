#include "daemon/control_ui_routes.h"

#include <gtest/gtest.h>

#include "daemon/control_ui_document.h"
#include "temp_dir.h"

namespace openclaw::daemon {
namespace {

namespace fs = std::filesystem;
using rpc::HttpRequest;
using rpc::HttpResponse;

constexpr const char* kIndex =
    "<!doctype html><html lang=\"en\"><head>"
    "<link rel=\"icon\" href=\"./favicon.svg\">"
    "<script>var inline = 1;</script>"
    "<script type=\"module\" crossorigin src=\"./assets/index-abc.js\"></script>"
    "<link rel=\"stylesheet\" href=\"./assets/index-abc.css\"></head><body></body></html>";

std::string headerOf(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "<none>";
}

HttpRequest get(const std::string& path, std::map<std::string, std::string> headers = {}) {
  HttpRequest request;
  request.method = "GET";
  request.path = path;
  request.headers = std::move(headers);
  return request;
}

class ControlUiServing : public ::testing::Test {
 protected:
  ControlUiServing() {
    ui_.write("index.html", kIndex);
    ui_.write("assets/index-abc.js", "plain js");
    ui_.write("assets/index-abc.js.br", "brotli js");
    ui_.write("assets/index-abc.js.gz", "gzip js");
    ui_.write("favicon.svg", "<svg/>");
    outside_.write("secret.txt", "outside the root");
  }
  HttpResponse serve(const HttpRequest& request, const std::string& basePath = "") {
    return serveControlUi(request, basePath, {ui_.path()});
  }
  testsupport::TempDir ui_;
  testsupport::TempDir outside_;
};

TEST_F(ControlUiServing, IndexIsPreparedForTheBasePathWithItsScriptsAllowed) {
  const HttpResponse response = serve(get("/openclaw/"), "/openclaw");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.contentType, "text/html; charset=utf-8");
  EXPECT_NE(response.body.find("<html data-openclaw-control-ui-base-path=\"/openclaw\""),
            std::string::npos);
  EXPECT_NE(response.body.find("src=\"/openclaw/assets/index-abc.js\""), std::string::npos);
  EXPECT_NE(response.body.find("href=\"/openclaw/assets/index-abc.css\""), std::string::npos);
  EXPECT_NE(response.body.find("href=\"/openclaw/favicon.svg\""), std::string::npos);
  EXPECT_EQ(headerOf(response, "Cache-Control"), "no-cache");
  const auto hashes = controlui::inlineScriptHashes(response.body);
  ASSERT_EQ(hashes.size(), 1u);  // the module script has a src
  EXPECT_NE(headerOf(response, "Content-Security-Policy").find("'" + hashes[0] + "'"),
            std::string::npos);
}

TEST_F(ControlUiServing, PrefersTheBestPrecompressedVariant) {
  const auto br = serve(get("/assets/index-abc.js", {{"accept-encoding", "gzip, br"}}));
  EXPECT_EQ(br.body, "brotli js");
  EXPECT_EQ(headerOf(br, "Content-Encoding"), "br");
  EXPECT_EQ(headerOf(br, "Vary"), "Accept-Encoding");
  EXPECT_EQ(br.contentType, "application/javascript; charset=utf-8");
  const auto gz = serve(get("/assets/index-abc.js", {{"accept-encoding", "gzip"}}));
  EXPECT_EQ(gz.body, "gzip js");
  EXPECT_EQ(headerOf(gz, "Content-Encoding"), "gzip");
  const auto plain = serve(get("/assets/index-abc.js"));
  EXPECT_EQ(plain.body, "plain js");
  EXPECT_EQ(headerOf(plain, "Content-Encoding"), "<none>");
  EXPECT_NE(headerOf(plain, "ETag"), headerOf(br, "ETag"));
  // Nothing acceptable: 406, as upstream.
  EXPECT_EQ(serve(get("/favicon.svg", {{"accept-encoding", "br, identity;q=0"}})).status, 406u);
  // The variants are not files of their own.
  EXPECT_EQ(serve(get("/assets/index-abc.js.br")).status, 404u);
}

TEST_F(ControlUiServing, RevalidatesWithEntityTags) {
  const auto first = serve(get("/assets/index-abc.js"));
  const auto again =
      serve(get("/assets/index-abc.js", {{"if-none-match", headerOf(first, "ETag")}}));
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(headerOf(again, "Cache-Control"), "public, max-age=31536000, immutable");
  const auto index = serve(get("/"));
  const auto revalidated = serve(get("/", {{"if-none-match", headerOf(index, "ETag")}}));
  EXPECT_EQ(revalidated.status, 304u);
  // A browser replaces the cached document's headers with a 304's: the CSP must still allow the
  // document's inline scripts, or a reload of the UI runs without them.
  EXPECT_EQ(headerOf(revalidated, "Content-Security-Policy"),
            headerOf(index, "Content-Security-Policy"));
}

TEST_F(ControlUiServing, SymlinksLeavingTheRootAreNotFollowed) {
  fs::create_symlink(outside_.path() / "secret.txt", ui_.path() / "leak.txt");
  fs::create_directory_symlink(outside_.path(), ui_.path() / "out");
  fs::create_symlink(ui_.path() / "favicon.svg", ui_.path() / "inside.svg");
  EXPECT_EQ(serve(get("/leak.txt")).status, 404u);
  EXPECT_EQ(serve(get("/out/secret.txt")).status, 404u);
  EXPECT_EQ(serve(get("/inside.svg")).body, "<svg/>");
}

TEST_F(ControlUiServing, DirectoriesAreNeverListed) {
  const auto html = serve(get("/assets/", {{"accept", "text/html"}}));
  EXPECT_EQ(html.status, 200u);  // the app shell, not a listing
  EXPECT_NE(html.body.find("data-openclaw-control-ui-base-path"), std::string::npos);
  EXPECT_EQ(serve(get("/assets", {{"accept", "application/json"}})).status, 404u);
}

TEST_F(ControlUiServing, WithoutAnInstalledUiTheBuiltInPageExplainsIt) {
  const testsupport::TempDir empty;
  const auto page = serveControlUi(get("/"), "", {empty.path() / "control-ui"});
  EXPECT_EQ(page.status, 503u);
  EXPECT_NE(page.body.find("install-control-ui.sh"), std::string::npos);
  EXPECT_NE(page.body.find("fetch(\"/health\""), std::string::npos);
  const auto hashes = controlui::inlineScriptHashes(page.body);
  ASSERT_EQ(hashes.size(), 1u);
  EXPECT_NE(headerOf(page, "Content-Security-Policy").find(hashes[0]), std::string::npos);
  EXPECT_EQ(serveControlUi(get("/assets/x.js"), "", {empty.path()}).status, 404u);
}

TEST(ControlUiDocument, FindsOnlyInlineScripts) {
  const std::string html =
      "<SCRIPT>a()</SCRIPT><script src=x.js></script><script data-src=\"1\">b()</script>"
      "<scripts>c</scripts><script type='module' SRC = 'y'>d()</script><script></script>";
  EXPECT_EQ(controlui::inlineScriptHashes(html).size(), 2u);
}

}  // namespace
}  // namespace openclaw::daemon
