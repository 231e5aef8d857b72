#include "daemon/control_ui_http.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <utility>

#include "core/text.h"

namespace openclaw::daemon::controlui {
namespace {

constexpr std::string_view kAssetsSegment = "/assets/";

struct TypeByExtension {
  std::string_view extension;
  std::string_view contentType;
  bool compressible;
};

// Upstream's table (src/gateway/control-ui-static.ts), plus fonts and source maps it serves too.
constexpr std::array<TypeByExtension, 20> kTypes = {{
    {".html", "text/html; charset=utf-8", true},
    {".js", "application/javascript; charset=utf-8", true},
    {".mjs", "application/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".json", "application/json; charset=utf-8", true},
    {".map", "application/json; charset=utf-8", true},
    {".svg", "image/svg+xml", true},
    {".png", "image/png", false},
    {".jpg", "image/jpeg", false},
    {".jpeg", "image/jpeg", false},
    {".gif", "image/gif", false},
    {".webp", "image/webp", false},
    {".ico", "image/x-icon", false},
    {".txt", "text/plain; charset=utf-8", true},
    {".md", "text/markdown; charset=utf-8", true},
    {".wasm", "application/wasm", true},
    {".webmanifest", "application/manifest+json; charset=utf-8", true},
    {".woff2", "font/woff2", false},
    {".woff", "font/woff", false},
    {".ttf", "font/ttf", false},
}};

const TypeByExtension* typeOf(std::string_view extension) {
  for (const auto& entry : kTypes) {
    if (entry.extension == extension) return &entry;
  }
  return nullptr;
}

std::string lowerCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// An HTTP qvalue ("0", "0.5", "1.000"); nullopt when malformed.
std::optional<double> qvalue(std::string_view text) {
  if (text.empty() || text.size() > 5 || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  if (text.size() > 1 && (text[1] != '.' || text.size() == 2)) return std::nullopt;
  double value = text[0] - '0';
  double scale = 0.1;
  for (std::size_t i = 2; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value += (text[i] - '0') * scale;
    scale /= 10;
  }
  return value > 1 ? std::nullopt : std::optional<double>(value);
}

// One media range of an Accept header: "type/subtype;param=value;q=0.5".
struct MediaRange {
  std::string type;
  std::string subtype;
  std::vector<std::pair<std::string, std::string>> parameters;  // without q, names lower-case
  double quality = 1;
};

std::optional<MediaRange> parseRange(std::string_view text) {
  const auto parts = split(text, ';');
  const std::string media = lowerCase(trim(parts[0]));
  const std::size_t slash = media.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == media.size()) return std::nullopt;
  MediaRange range{media.substr(0, slash), media.substr(slash + 1), {}, 1};
  if (range.type == "*" && range.subtype != "*") return std::nullopt;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string_view parameter = trim(parts[i]);
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::string name = lowerCase(trim(parameter.substr(0, equals)));
    std::string_view value = trim(parameter.substr(equals + 1));
    if (name == "q") {
      const auto q = qvalue(value);
      if (!q) return std::nullopt;
      range.quality = *q;
      break;  // what follows q are accept-extensions, not media type parameters
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    range.parameters.emplace_back(name, name == "charset" ? lowerCase(value) : std::string(value));
  }
  return range;
}

// The quality the most specific range matching `type/subtype` (with `parameters`) gives it;
// 0 when none matches. Wildcard ranges count only when `wildcards`.
double qualityOf(std::string_view accept, std::string_view type, std::string_view subtype,
                 const std::vector<std::pair<std::string, std::string>>& parameters,
                 bool wildcards) {
  int bestSpecificity = -1;
  double best = 0;
  for (const std::string_view text : split(accept, ',')) {
    if (trim(text).empty()) continue;
    const auto range = parseRange(text);
    if (!range) continue;
    const bool exact = range->type == type && range->subtype == subtype;
    const bool wildcard =
        wildcards && range->subtype == "*" && (range->type == "*" || range->type == type);
    if (!exact && !wildcard) continue;
    const bool parametersMatch =
        std::all_of(range->parameters.begin(), range->parameters.end(), [&](const auto& p) {
          return std::find(parameters.begin(), parameters.end(), p) != parameters.end();
        });
    if (!parametersMatch) continue;
    const int specificity = (range->type == "*"      ? 0
                             : range->subtype == "*" ? 1
                                                     : 2) *
                                16 +
                            static_cast<int>(range->parameters.size());
    if (specificity > bestSpecificity) {
      bestSpecificity = specificity;
      best = range->quality;
    } else if (specificity == bestSpecificity) {
      best = std::max(best, range->quality);
    }
  }
  return best;
}

}  // namespace

std::optional<std::string> fileForPath(std::string_view pathBelowBase) {
  auto decoded = core::percentDecoded(pathBelowBase);
  if (!decoded) return std::nullopt;
  std::string path = std::move(*decoded);
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\') return std::nullopt;
  }
  if (path.empty() || path == "/") return "index.html";
  if (path.front() != '/') return std::nullopt;
  if (const std::size_t assets = path.find(kAssetsSegment); assets != std::string::npos) {
    path.erase(0, assets);
  }
  const bool directory = path.back() == '/';
  const std::string_view inner =
      std::string_view(path).substr(1, path.size() - (directory ? 2 : 1));
  for (const std::string_view segment : split(inner, '/')) {
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
  }
  return std::string(inner) + (directory ? "/index.html" : "");
}

bool acceptsHtml(std::string_view accept) {
  if (trim(accept).empty()) return true;
  return qualityOf(accept, "text", "html", {{"charset", "utf-8"}}, true) > 0 ||
         qualityOf(accept, "application", "xhtml+xml", {}, false) > 0;
}

EncodingChoice negotiateEncodings(std::string_view acceptEncoding) {
  std::optional<double> br, gzip, identity, any;
  for (const std::string_view text : split(acceptEncoding, ',')) {
    const auto parts = split(text, ';');
    const std::string name = lowerCase(trim(parts[0]));
    if (name.empty()) continue;
    double quality = 1;
    if (parts.size() > 1) {
      const std::string_view parameter = trim(parts[1]);
      const auto q = parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') &&
                             parameter[1] == '='
                         ? qvalue(trim(parameter.substr(2)))
                         : std::nullopt;
      if (!q) continue;
      quality = *q;
    }
    if (name == "br") br = quality;
    if (name == "gzip" || name == "x-gzip") gzip = std::max(gzip.value_or(0), quality);
    if (name == "identity") identity = quality;
    if (name == "*") any = quality;
  }
  const double brQuality = br.value_or(any.value_or(0));
  const double gzipQuality = gzip.value_or(any.value_or(0));
  EncodingChoice choice;
  if (brQuality > 0) choice.compressed.emplace_back("br");
  if (gzipQuality > 0) choice.compressed.emplace_back("gzip");
  if (choice.compressed.size() == 2 && gzipQuality > brQuality) {
    std::swap(choice.compressed[0], choice.compressed[1]);
  }
  choice.identity = identity ? *identity > 0 : !(any && *any == 0);
  return choice;
}

std::string variantSuffix(std::string_view encoding) { return encoding == "br" ? ".br" : ".gz"; }

std::string extensionOf(std::string_view file) {
  const std::size_t slash = file.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? file : file.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  return lowerCase(name.substr(dot));
}

std::string contentTypeFor(std::string_view file) {
  const auto* type = typeOf(extensionOf(file));
  return type ? std::string(type->contentType) : "application/octet-stream";
}

bool isStaticAssetExtension(std::string_view extension) {
  return extension != ".html" && typeOf(extension) != nullptr;
}

bool isCompressible(std::string_view extension) {
  const auto* type = typeOf(extension);
  return type && type->compressible;
}

std::string cacheControlFor(std::string_view file) {
  return file.substr(0, kAssetsSegment.size() - 1) == kAssetsSegment.substr(1)
             ? "public, max-age=31536000, immutable"
             : "no-cache";
}

std::string entityTag(std::uintmax_t size, std::int64_t modifiedNs, std::string_view encoding) {
  char tag[80];
  std::snprintf(tag, sizeof tag, "\"%jx-%llx%s%.*s\"", size,
                static_cast<unsigned long long>(modifiedNs), encoding.empty() ? "" : "-",
                static_cast<int>(encoding.size()), encoding.data());
  return tag;
}

std::string entityTagOf(std::string_view body) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (const char c : body) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  char tag[40];
  std::snprintf(tag, sizeof tag, "\"%zx-%016llx\"", body.size(),
                static_cast<unsigned long long>(hash));
  return tag;
}

bool ifNoneMatchHits(std::string_view ifNoneMatch, std::string_view tag) {
  const auto opaque = [](std::string_view value) {
    value = trim(value);
    if (value.substr(0, 2) == "W/") value.remove_prefix(2);
    return value;
  };
  for (const std::string_view candidate : split(ifNoneMatch, ',')) {
    const std::string_view value = opaque(candidate);
    if (value == "*" || (!value.empty() && value == opaque(tag))) return true;
  }
  return false;
}

}  // namespace openclaw::daemon::controlui
