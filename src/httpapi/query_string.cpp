#include "httpapi/query_string.h"

#include <algorithm>

#include "core/text.h"

namespace openclaw::httpapi {
namespace {

// application/x-www-form-urlencoded: '+' is a space; a malformed escape leaves the text as is.
std::string decoded(std::string text) {
  std::replace(text.begin(), text.end(), '+', ' ');
  return core::percentDecoded(text).value_or(text);
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
