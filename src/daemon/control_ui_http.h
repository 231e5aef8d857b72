#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The HTTP rules of serving the Control UI's static files, without any I/O: which request path
// names which file, what the request accepts, how files are cached and typed.
namespace openclaw::daemon::controlui {

// The file (relative to the UI root, '/'-separated) that a path below the base path names:
// "/" and "" -> "index.html", "dir/" -> "dir/index.html", and — as upstream does, so that the
// document's relative "./assets/x.js" still loads from a deep link such as /chat/main — the part
// from the first "/assets/" on ("/chat/assets/x.js" -> "assets/x.js"). The path is
// percent-decoded first. nullopt (answer 404) for a path that could leave the root or is not a
// plain file name: invalid percent-encoding, NUL and control bytes, backslashes, "." or ".."
// segments, empty segments ("//").
std::optional<std::string> fileForPath(std::string_view pathBelowBase);

// Upstream's app-shell rule: a request without Accept (or with only wildcards) is a browser
// navigation; otherwise text/html must be acceptable with q > 0 by the most specific range that
// matches it ("text/html;q=0, */*" refuses HTML), or application/xhtml+xml named explicitly.
bool acceptsHtml(std::string_view accept);

// The precompressed encodings ("br", "gzip") Accept-Encoding allows, best first (by q, br before
// gzip on a tie; "*" covers encodings not named), and whether the plain file is acceptable (it is
// unless "identity;q=0", or "*;q=0" without naming identity).
struct EncodingChoice {
  std::vector<std::string> compressed;
  bool identity = true;
};
EncodingChoice negotiateEncodings(std::string_view acceptEncoding);

// The suffix of a precompressed variant: ".br" for "br", ".gz" for "gzip".
std::string variantSuffix(std::string_view encoding);

// The lower-case extension of the file's last segment including the dot (".js"), or "".
std::string extensionOf(std::string_view file);

// Content-Type by extension; application/octet-stream for unknown ones.
std::string contentTypeFor(std::string_view file);

// True for extensions of static files (everything with a known type except .html): a request for
// a missing one is answered 404, never with the app shell.
bool isStaticAssetExtension(std::string_view extension);

// True for types worth precompressing (js, css, html, json, map, svg, txt, wasm, webmanifest).
bool isCompressible(std::string_view extension);

// Cache-Control: files under assets/ carry a content hash in their name and never change.
std::string cacheControlFor(std::string_view file);

// A strong validator from what identifies a file's bytes without reading them.
std::string entityTag(std::uintmax_t size, std::int64_t modifiedNs, std::string_view encoding);
// A validator of bytes already in memory (the prepared index.html).
std::string entityTagOf(std::string_view body);

// If-None-Match: "*" or a comma-separated list of tags (weak comparison: W/ is ignored).
bool ifNoneMatchHits(std::string_view ifNoneMatch, std::string_view tag);

}  // namespace openclaw::daemon::controlui
