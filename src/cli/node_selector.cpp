#include "cli/node_selector.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <vector>

namespace openclaw::cli {
namespace {

using nlohmann::json;

// Node id prefixes shorter than this would too easily name the wrong node.
constexpr std::size_t kMinIdPrefix = 6;

bool equalsIgnoringCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string field(const json& row, const char* key) {
  const auto found = row.find(key);
  return found != row.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

NodeSelection selectNode(const json& nodeList, const std::string& query) {
  const json rows = nodeList.value("nodes", json::array());
  using Rule = std::function<bool(const json&)>;
  const std::vector<Rule> rules = {
      [&](const json& row) { return field(row, "nodeId") == query; },
      [&](const json& row) { return !query.empty() && field(row, "remoteIp") == query; },
      [&](const json& row) {
        return !query.empty() && equalsIgnoringCase(field(row, "displayName"), query);
      },
      [&](const json& row) {
        return query.size() >= kMinIdPrefix && field(row, "nodeId").starts_with(query);
      },
  };
  for (const Rule& rule : rules) {
    std::vector<const json*> matches;
    for (const json& row : rows) {
      if (row.is_object() && rule(row)) matches.push_back(&row);
    }
    if (matches.empty()) continue;
    if (matches.size() > 1) {
      std::erase_if(matches, [](const json* row) { return !row->value("connected", false); });
    }
    if (matches.size() == 1) return {field(*matches.front(), "nodeId"), {}};
    std::string ids;
    for (const json& row : rows) {
      if (row.is_object() && rule(row)) ids += (ids.empty() ? "" : ", ") + field(row, "nodeId");
    }
    return {std::nullopt, "node \"" + query + "\" is ambiguous (" + ids + "): pass a node id"};
  }
  return {std::nullopt,
          "unknown node \"" + query + "\" (openclaw nodes list shows the known ones)"};
}

}  // namespace openclaw::cli
