#pragma once

#include <map>
#include <string>

namespace openclaw::httpapi {

// The parameters of a URL query string ("a=1&b=x%20y"): names and values percent-decoded, '+'
// read as a space; a name without '=' has the value ""; a repeated name keeps its first value
// (as URLSearchParams.get does).
std::map<std::string, std::string> queryParameters(const std::string& query);

}  // namespace openclaw::httpapi
