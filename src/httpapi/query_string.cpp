#include "httpapi/query_string.h"

#include "core/text.h"

namespace openclaw::httpapi {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decoded(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
               hexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> queryParameters(const std::string& query) {
  std::map<std::string, std::string> parameters;
  for (const std::string& pair : core::splitOn(query, '&')) {
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    std::string name = decoded(pair.substr(0, equals));
    std::string value = equals == std::string::npos ? "" : decoded(pair.substr(equals + 1));
    parameters.emplace(std::move(name), std::move(value));
  }
  return parameters;
}

}  // namespace openclaw::httpapi
