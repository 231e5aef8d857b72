#include "daemon/control_ui_document.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <cctype>
#include <string_view>

namespace openclaw::daemon::controlui {
namespace {

// The root files index.html links to (upstream's CONTROL_UI_ROOT_PUBLIC_ASSETS).
constexpr std::array<std::string_view, 6> kRootAssets = {"apple-touch-icon.png", "favicon-32.png",
                                                         "favicon.ico",          "favicon.svg",
                                                         "manifest.webmanifest", "sw.js"};

std::string htmlEscaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string base64(const unsigned char* bytes, std::size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Where the tag `name` ("<script", "</script", lower case) starts at or after `from`, case
// insensitively, followed by whitespace, '>' or '/' (so "<scripts" is not "<script").
std::size_t findTag(const std::string& html, std::string_view name, std::size_t from) {
  for (std::size_t at = from; at + name.size() < html.size(); ++at) {
    std::size_t i = 0;
    while (i < name.size() && lower(html[at + i]) == name[i]) ++i;
    if (i < name.size()) continue;
    const char next = html[at + name.size()];
    if (next == '>' || next == '/' || std::isspace(static_cast<unsigned char>(next))) return at;
  }
  return std::string::npos;
}

// Whether the attributes of an opening tag (the text between its name and '>') include src.
bool hasSrcAttribute(std::string_view attributes) {
  std::size_t at = 0;
  while (at < attributes.size()) {
    while (at < attributes.size() && std::isspace(static_cast<unsigned char>(attributes[at]))) ++at;
    std::size_t end = at;
    while (end < attributes.size() && attributes[end] != '=' &&
           !std::isspace(static_cast<unsigned char>(attributes[end])) && attributes[end] != '/') {
      ++end;
    }
    std::string name(attributes.substr(at, end - at));
    for (char& c : name) c = lower(c);
    if (name == "src") return true;
    at = end;
    while (at < attributes.size() && std::isspace(static_cast<unsigned char>(attributes[at]))) ++at;
    if (at < attributes.size() && attributes[at] == '=') {
      ++at;
      while (at < attributes.size() && std::isspace(static_cast<unsigned char>(attributes[at])))
        ++at;
      if (at < attributes.size() && (attributes[at] == '"' || attributes[at] == '\'')) {
        const std::size_t closing = attributes.find(attributes[at], at + 1);
        at = closing == std::string_view::npos ? attributes.size() : closing + 1;
      } else {
        while (at < attributes.size() && !std::isspace(static_cast<unsigned char>(attributes[at])))
          ++at;
      }
    } else if (at == end) {
      ++at;  // a stray '/'
    }
  }
  return false;
}

}  // namespace

std::string prepareIndexHtml(std::string html, const std::string& basePath) {
  replaceAll(html, "src=\"./assets/", "src=\"" + basePath + "/assets/");
  replaceAll(html, "href=\"./assets/", "href=\"" + basePath + "/assets/");
  for (const std::string_view asset : kRootAssets) {
    const std::string target = "href=\"" + basePath + "/" + std::string(asset) + "\"";
    replaceAll(html, "href=\"./" + std::string(asset) + "\"", target);
    if (!basePath.empty()) replaceAll(html, "href=\"/" + std::string(asset) + "\"", target);
  }
  const std::size_t tag = findTag(html, "<html", 0);
  if (tag != std::string::npos) {
    html.insert(tag + 5, " data-openclaw-control-ui-base-path=\"" + htmlEscaped(basePath) +
                             "\" data-openclaw-terminal-enabled=\"false\"");
  }
  return html;
}

std::vector<std::string> inlineScriptHashes(const std::string& html) {
  std::vector<std::string> hashes;
  for (std::size_t open = findTag(html, "<script", 0); open != std::string::npos;) {
    const std::size_t openEnd = html.find('>', open);
    if (openEnd == std::string::npos) break;
    const std::size_t close = findTag(html, "</script", openEnd);
    if (close == std::string::npos) break;
    const std::string body = html.substr(openEnd + 1, close - openEnd - 1);
    if (!body.empty() &&
        !hasSrcAttribute(std::string_view(html).substr(open + 7, openEnd - open - 7))) {
      unsigned char digest[SHA256_DIGEST_LENGTH];
      SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest);
      hashes.push_back("sha256-" + base64(digest, sizeof digest));
    }
    open = findTag(html, "<script", close);
  }
  return hashes;
}

std::string contentSecurityPolicy(const std::vector<std::string>& scriptHashes) {
  std::string scripts = "'self'";
  for (const std::string& hash : scriptHashes) scripts += " '" + hash + "'";
  return "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; "
         "frame-src 'self' http: https:; script-src " +
         scripts +
         "; style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; "
         "img-src 'self' data: blob: https:; media-src 'self' data: blob:; "
         "font-src 'self' https://fonts.gstatic.com; worker-src 'self'; "
         "connect-src 'self' ws: wss: data: https://api.openai.com https://tweakcn.com";
}

std::string missingUiPage(const std::string& basePath,
                          const std::vector<std::filesystem::path>& roots) {
  std::string looked;
  for (const auto& root : roots)
    looked += "<li><code>" + htmlEscaped(root.string()) + "</code></li>";
  // The health URL is absolute from the origin: the probes are never below the base path.
  std::string page = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OpenClaw Gateway</title>
<style>
body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1c2127;background:#f7f8fa}
code,pre{font-family:ui-monospace,monospace;background:#e8ebef;border-radius:4px}
code{padding:0 .25em}pre{padding:.75rem;overflow-x:auto}
#health{padding:.5rem .75rem;border-radius:6px;background:#e8ebef}
#health.ok{background:#d9f2df}#health.bad{background:#f8dcdc}
</style>
</head>
<body>
<h1>OpenClaw Gateway</h1>
<p id="health" role="status">Checking the gateway&hellip;</p>
<h2>The Control UI is not installed</h2>
<p>This gateway serves the official OpenClaw Control UI here once its files are on disk. Install
them (needs <code>npm</code> and the npm registry once; the gateway picks them up without a
restart):</p>
<pre>scripts/install-control-ui.sh</pre>
<p>or, without a checkout of this project:</p>
<pre>mkdir -p ~/.openclaw/control-ui &amp;&amp; cd "$(mktemp -d)" &
                     amp;
  &amp;
  npm pack openclaw @2026.9.6 & amp;
  &amp;
  tar - xzf openclaw - 2026.9.6.tgz & amp;
  &amp; cp -R package/dist/control-ui/. ~/.openclaw/control-ui/</pre>
<p>The gateway looked for <code>index.html</code> in:</p>
<ul>)html" + looked + R"html(</ul>
<p>Set <code>gateway.controlUi.root</code> to serve the UI from another directory, or
<code>gateway.controlUi.enabled: false</code> to serve nothing here. The gateway's WebSocket
(for the CLI, the TUI and apps) works either way.</p>
<script>
(function () {
    var box = document.getElementById("health");
    function show(ok, text) {
      box.className = ok ? "ok" : "bad";
      box.textContent = text;
    }
    function check() {
      fetch("/health", {cache : "no-store"})
          .then(function(r) { return r.json().then(function(b) {
                                return [ r.ok, b ];
                              }); })
          .then(function(x) {
            show(x[0], x[0] ? "Gateway is running (health: " + x[1].status + ")."
                            : "Gateway answered " + JSON.stringify(x[1]));
          })
          .catch(function() { show(false, "Gateway is not reachable."); });
    }
    check();
    setInterval(check, 5000);
})();
</script>
</body>
</html>
)html";
  return prepareIndexHtml(std::move(page), basePath);
}

}  // namespace openclaw::daemon::controlui
