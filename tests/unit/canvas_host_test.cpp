// The canvas host's pure parts: which file a request path names, symlink escapes, capability
// URLs' paths, the capability store's expiry, scope and bound, and the live-reload injection.
#include <gtest/gtest.h>

#include <set>

#include "canvas/canvas_paths.h"
#include "canvas/capability_store.h"
#include "canvas/live_reload.h"
#include "temp_dir.h"

namespace openclaw::canvas {
namespace {

namespace fs = std::filesystem;

TEST(CanvasPaths, RelativeFileOfPlainPaths) {
  EXPECT_EQ(relativeCanvasFile(""), "");
  EXPECT_EQ(relativeCanvasFile("/"), "");
  EXPECT_EQ(relativeCanvasFile("/index.html"), "index.html");
  EXPECT_EQ(relativeCanvasFile("/docs/a/"), "docs/a");
  EXPECT_EQ(relativeCanvasFile("/my%20page.html"), "my page.html");
}

TEST(CanvasPaths, TraversalAndOddPathsNameNoFile) {
  for (const char* path : {"/../secret", "/a/../../b", "/%2e%2e/x", "/a%2f..%2f..%2fb", "/./a",
                           "/a//b", "/a\\b", "/%00", "/%zz", "/a/%2E%2E"}) {
    EXPECT_EQ(relativeCanvasFile(path), std::nullopt) << path;
  }
}

TEST(CanvasPaths, SplitsCapabilityUrls) {
  const auto plain = splitCapability("/__openclaw__/canvas/a.html");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->capability, std::nullopt);
  EXPECT_EQ(plain->path, "/__openclaw__/canvas/a.html");
  const auto capped = splitCapability("/__openclaw__/cap/TOKEN/__openclaw__/canvas/a.html");
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->capability, "TOKEN");
  EXPECT_EQ(capped->path, "/__openclaw__/canvas/a.html");
  EXPECT_FALSE(splitCapability("/__openclaw__/cap/TOKEN"));
  EXPECT_FALSE(splitCapability("/__openclaw__/cap/"));
  EXPECT_FALSE(splitCapability("/__openclaw__/cap//x"));
}

TEST(CanvasPaths, ResolvesFilesDirectoriesAndRefusesSymlinkEscapes) {
  testsupport::TempDir dir;
  const fs::path root = dir.path() / "canvas";
  fs::create_directories(root / "docs");
  dir.write("canvas/index.html", "root");
  dir.write("canvas/docs/page.html", "page");
  dir.write("outside.txt", "secret");
  fs::create_symlink(dir.path() / "outside.txt", root / "escape.txt");
  fs::create_directory_symlink(dir.path(), root / "up");
  fs::create_symlink(root / "docs" / "page.html", root / "inside.html");

  EXPECT_EQ(resolveCanvasFile(root, "").path, fs::canonical(root / "index.html"));
  EXPECT_EQ(resolveCanvasFile(root, "docs/page.html").status, 200u);
  EXPECT_EQ(resolveCanvasFile(root, "docs").status, 404u);  // no index.html there
  EXPECT_EQ(resolveCanvasFile(root, "missing.html").status, 404u);
  EXPECT_EQ(resolveCanvasFile(root, "escape.txt").status, 403u);
  EXPECT_EQ(resolveCanvasFile(root, "up/outside.txt").status, 403u);
  EXPECT_EQ(resolveCanvasFile(root, "inside.html").status, 200u);
}

TEST(CapabilityStore, AdmitsWithinScopeUntilExpiry) {
  CapabilityStore store;
  const std::string token = store.mint({"/__openclaw__/canvas/docs/", "node-1", 1000}, 0);
  EXPECT_GE(token.size(), 22u);  // 128 bits of base64url
  EXPECT_TRUE(store.admits(token, "/__openclaw__/canvas/docs/a.html", 999));
  EXPECT_TRUE(store.admits(token, "/__openclaw__/canvas/docs", 999));
  EXPECT_FALSE(store.admits(token, "/__openclaw__/canvas/other.html", 999));
  EXPECT_FALSE(store.admits(token, "/__openclaw__/canvas/docsx/a.html", 999));
  EXPECT_FALSE(store.admits(token, "/__openclaw__/canvas/docs/a.html", 1000));  // expired
  EXPECT_FALSE(store.admits("unknown", "/__openclaw__/canvas/docs/a.html", 0));
  EXPECT_EQ(store.find(token, 0)->nodeId, "node-1");
}

TEST(CapabilityStore, TokensAreDistinct) {
  CapabilityStore store;
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) tokens.insert(store.mint({"/__openclaw__/canvas/", "n", 10}, 0));
  EXPECT_EQ(tokens.size(), 100u);
}

TEST(CapabilityStore, BoundEvictsTheOldestAndExpiredAreDropped) {
  CapabilityStore store(3);
  const std::string first = store.mint({"/__openclaw__/canvas/", "n", 100}, 0);
  const std::string second = store.mint({"/__openclaw__/canvas/", "n", 100}, 0);
  store.mint({"/__openclaw__/canvas/", "n", 100}, 0);
  store.mint({"/__openclaw__/canvas/", "n", 100}, 0);
  EXPECT_EQ(store.size(), 3u);
  EXPECT_FALSE(store.find(first, 0));
  EXPECT_TRUE(store.find(second, 0));
  store.mint({"/__openclaw__/canvas/", "n", 300}, 200);  // the three earlier ones expired
  EXPECT_EQ(store.size(), 1u);
}

TEST(CapabilityStore, ScopeIsTheDirectoryOfAPath) {
  EXPECT_EQ(scopeOf("/__openclaw__/canvas/docs/a/index.html"), "/__openclaw__/canvas/docs/a/");
  EXPECT_EQ(scopeOf("/__openclaw__/canvas/"), "/__openclaw__/canvas/");
}

TEST(LiveReload, ScriptGoesBeforeTheLastBodyEndOrAtTheEnd) {
  const std::string page = withLiveReload("<html><body>x</BODY></html>", "/__openclaw__/ws");
  const std::size_t script = page.find("<script>");
  ASSERT_NE(script, std::string::npos);
  EXPECT_LT(script, page.find("</BODY>"));
  EXPECT_NE(page.find("'/__openclaw__/ws'"), std::string::npos);
  const std::string fragment = withLiveReload("<p>x</p>", "/__openclaw__/cap/T/__openclaw__/ws");
  EXPECT_TRUE(fragment.starts_with("<p>x</p><script>"));
  EXPECT_NE(fragment.find("/__openclaw__/cap/T/__openclaw__/ws"), std::string::npos);
}

}  // namespace
}  // namespace openclaw::canvas
