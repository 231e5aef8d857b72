#include "daemon/control_ui_http.h"

#include <gtest/gtest.h>

namespace openclaw::daemon::controlui {
namespace {

TEST(ControlUiHttp, MapsPathsToFilesBelowTheRoot) {
  EXPECT_EQ(fileForPath(""), "index.html");
  EXPECT_EQ(fileForPath("/"), "index.html");
  EXPECT_EQ(fileForPath("/favicon.svg"), "favicon.svg");
  EXPECT_EQ(fileForPath("/themes/claw.css"), "themes/claw.css");
  EXPECT_EQ(fileForPath("/docs/"), "docs/index.html");
  // A deep link's relative "./assets/x.js" resolves below the route; upstream serves assets/.
  EXPECT_EQ(fileForPath("/chat/main/assets/index-1.js"), "assets/index-1.js");
  EXPECT_EQ(fileForPath("/assets/a%20b.js"), "assets/a b.js");
  EXPECT_EQ(fileForPath("/chat/main"), "chat/main");
}

TEST(ControlUiHttp, RefusesPathsThatCouldLeaveTheRoot) {
  for (const char* path : {"/..", "/../etc/passwd", "/a/../../x", "/%2e%2e/x", "/%2E%2E%2Fx",
                           "/a/%2e%2e/%2e%2e/x", "/..%2fx", "/a\\..\\x", "/a%5c..%5cx", "/a%00.js",
                           "/a\x01", "/./x", "//etc/passwd", "/a//b", "/%zz", "/%2", "/a%", "x"}) {
    EXPECT_EQ(fileForPath(path), std::nullopt) << path;
  }
}

TEST(ControlUiHttp, AcceptRuleFollowsUpstream) {
  // Navigations: absent, wildcard-only and HTML-accepting headers.
  EXPECT_TRUE(acceptsHtml(""));
  EXPECT_TRUE(acceptsHtml("*/*"));
  EXPECT_TRUE(acceptsHtml("text/*"));
  EXPECT_TRUE(
      acceptsHtml("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"));
  EXPECT_TRUE(acceptsHtml("application/xhtml+xml"));
  EXPECT_TRUE(acceptsHtml("text/html;charset=UTF-8"));
  // Explicit refusals override the broader wildcard; other types are not navigations.
  EXPECT_FALSE(acceptsHtml("text/html;q=0, */*"));
  EXPECT_FALSE(acceptsHtml("application/json"));
  EXPECT_FALSE(acceptsHtml("image/webp,*/*;q=0"));
  EXPECT_FALSE(acceptsHtml("text/html;charset=latin1"));
  EXPECT_FALSE(acceptsHtml("application/*"));  // xhtml counts only when named
  EXPECT_FALSE(acceptsHtml("text/html;q=2"));  // malformed ranges are ignored
}

TEST(ControlUiHttp, NegotiatesPrecompressedEncodings) {
  const auto both = negotiateEncodings("gzip, deflate, br, zstd");
  EXPECT_EQ(both.compressed, (std::vector<std::string>{"br", "gzip"}));
  EXPECT_TRUE(both.identity);
  EXPECT_EQ(negotiateEncodings("br;q=0.5, gzip").compressed,
            (std::vector<std::string>{"gzip", "br"}));
  EXPECT_EQ(negotiateEncodings("gzip").compressed, (std::vector<std::string>{"gzip"}));
  EXPECT_EQ(negotiateEncodings("x-gzip").compressed, (std::vector<std::string>{"gzip"}));
  EXPECT_EQ(negotiateEncodings("*").compressed, (std::vector<std::string>{"br", "gzip"}));
  EXPECT_EQ(negotiateEncodings("*, br;q=0").compressed, (std::vector<std::string>{"gzip"}));
  EXPECT_TRUE(negotiateEncodings("").compressed.empty());
  EXPECT_TRUE(negotiateEncodings("").identity);
  EXPECT_TRUE(negotiateEncodings("br;q=bogus").compressed.empty());
  EXPECT_FALSE(negotiateEncodings("br, identity;q=0").identity);
  EXPECT_FALSE(negotiateEncodings("*;q=0").identity);
  EXPECT_TRUE(negotiateEncodings("*;q=0, identity").identity);
}

TEST(ControlUiHttp, TypesAndCachingByFile) {
  EXPECT_EQ(contentTypeFor("assets/a.js"), "application/javascript; charset=utf-8");
  EXPECT_EQ(contentTypeFor("assets/a.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(contentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(contentTypeFor("favicon.svg"), "image/svg+xml");
  EXPECT_EQ(contentTypeFor("x.webp"), "image/webp");
  EXPECT_EQ(contentTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(contentTypeFor("fonts/a.woff2"), "font/woff2");
  EXPECT_EQ(contentTypeFor("a.js.map"), "application/json; charset=utf-8");
  EXPECT_EQ(contentTypeFor("manifest.webmanifest"), "application/manifest+json; charset=utf-8");
  EXPECT_EQ(contentTypeFor("LICENSE"), "application/octet-stream");
  EXPECT_EQ(contentTypeFor(".hidden"), "application/octet-stream");

  EXPECT_TRUE(isStaticAssetExtension(".js"));
  EXPECT_FALSE(isStaticAssetExtension(".html"));
  EXPECT_FALSE(isStaticAssetExtension(""));
  EXPECT_TRUE(isCompressible(".js"));
  EXPECT_FALSE(isCompressible(".png"));

  EXPECT_EQ(cacheControlFor("assets/index-1.js"), "public, max-age=31536000, immutable");
  EXPECT_EQ(cacheControlFor("index.html"), "no-cache");
  EXPECT_EQ(cacheControlFor("assetsx/a.js"), "no-cache");
  EXPECT_EQ(cacheControlFor("favicon.svg"), "no-cache");
}

TEST(ControlUiHttp, EntityTagsAndIfNoneMatch) {
  const std::string tag = entityTag(10, 1234, "");
  EXPECT_NE(tag, entityTag(11, 1234, ""));
  EXPECT_NE(tag, entityTag(10, 1235, ""));
  EXPECT_NE(tag, entityTag(10, 1234, "br"));
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  EXPECT_NE(entityTagOf("a"), entityTagOf("b"));

  EXPECT_TRUE(ifNoneMatchHits(tag, tag));
  EXPECT_TRUE(ifNoneMatchHits("\"x\", W/" + tag, tag));
  EXPECT_TRUE(ifNoneMatchHits("*", tag));
  EXPECT_FALSE(ifNoneMatchHits("", tag));
  EXPECT_FALSE(ifNoneMatchHits("\"other\"", tag));
}

}  // namespace
}  // namespace openclaw::daemon::controlui
