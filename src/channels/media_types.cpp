#include "channels/media_types.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace openclaw::channels {
namespace {

// Extension -> type; the first entry of a type is its usual extension.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTypes = {{
    {".jpg", "image/jpeg"},      {".jpeg", "image/jpeg"},      {".png", "image/png"},
    {".gif", "image/gif"},       {".webp", "image/webp"},      {".svg", "image/svg+xml"},
    {".pdf", "application/pdf"}, {".txt", "text/plain"},       {".md", "text/markdown"},
    {".csv", "text/csv"},        {".html", "text/html"},       {".json", "application/json"},
    {".zip", "application/zip"}, {".mp3", "audio/mpeg"},       {".ogg", "audio/ogg"},
    {".oga", "audio/ogg"},       {".opus", "audio/ogg"},       {".m4a", "audio/mp4"},
    {".wav", "audio/wav"},       {".mp4", "video/mp4"},        {".mov", "video/quicktime"},
    {".webm", "video/webm"},     {".tgz", "application/gzip"}, {".gz", "application/gzip"},
}};

constexpr std::string_view kUnknown = "application/octet-stream";

bool plausibleType(std::string_view type) {
  const auto slash = type.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 == type.size()) return false;
  for (const char c : type) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '.' ||
                         c == '+' || c == '-';
    if (!allowed) return false;
  }
  return type != kUnknown;
}

std::string_view sniffed(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return "image/png";
  if (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")) return "image/gif";
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return "image/webp";
  }
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with("OggS")) return "audio/ogg";
  if (bytes.size() >= 8 && bytes.substr(4, 4) == "ftyp") return "video/mp4";
  return {};
}

}  // namespace

std::string mediaContentType(std::string_view given, std::string_view fileName,
                             std::string_view bytes) {
  std::string type =
      core::asciiLowercase(core::trimmed(std::string(given.substr(0, given.find(';')))));
  if (plausibleType(type)) return type;
  if (const std::string_view magic = sniffed(bytes); !magic.empty()) return std::string(magic);
  const std::string name = core::asciiLowercase(std::string(fileName));
  if (const auto dot = name.rfind('.'); dot != std::string::npos) {
    const std::string_view extension = std::string_view(name).substr(dot);
    for (const auto& [known, knownType] : kTypes) {
      if (known == extension) return std::string(knownType);
    }
  }
  return std::string(kUnknown);
}

std::string extensionFor(std::string_view contentType) {
  for (const auto& [extension, type] : kTypes) {
    if (type == contentType) return std::string(extension);
  }
  return "";
}

bool isPhotoType(std::string_view contentType) {
  return contentType == "image/jpeg" || contentType == "image/png" || contentType == "image/webp";
}

}  // namespace openclaw::channels
