#include "httpapi/hook_template.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <regex>
#include <set>
#include <variant>
#include <vector>

#include "core/text.h"

namespace openclaw::httpapi {
namespace {

using nlohmann::json;
using PathPart = std::variant<std::string, std::size_t>;

bool blocked(const std::string& key) {
  static const std::set<std::string> names = {"__proto__", "prototype", "constructor"};
  return names.contains(key);
}

// "a.b[2].c" -> a, b, 2, c; runs of '.', '[' and ']' separate parts, a bracketed number indexes.
// nullopt for an index no array can have.
std::optional<std::vector<PathPart>> pathParts(const std::string& path) {
  static const std::regex part(R"(([^.\[\]]+)|(\[(\d+)\]))");
  std::vector<PathPart> parts;
  for (auto it = std::sregex_iterator(path.begin(), path.end(), part); it != std::sregex_iterator();
       ++it) {
    const std::smatch& match = *it;
    if (match[1].matched) {
      parts.emplace_back(match[1].str());
    } else if (match[3].matched) {
      const std::string digits = match[3].str();
      if (digits.size() > 9) return std::nullopt;
      parts.emplace_back(static_cast<std::size_t>(std::stoul(digits)));
    }
  }
  return parts;
}

json fromStrings(const std::map<std::string, std::string>& values) {
  json object = json::object();
  for (const auto& [name, value] : values) object[name] = value;
  return object;
}

json resolve(const std::string& expr, const HookTemplateContext& context) {
  if (expr == "path") return context.path;
  if (expr == "now") return context.now;
  if (expr.starts_with("headers."))
    return valueAtHookPath(fromStrings(context.headers), expr.substr(8));
  if (expr.starts_with("query."))
    return valueAtHookPath(fromStrings(context.query), expr.substr(6));
  if (expr.starts_with("payload.")) return valueAtHookPath(context.payload, expr.substr(8));
  return valueAtHookPath(context.payload, expr);
}

std::string rendered(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) {
    // As JavaScript's String(n): 2.0 is "2".
    const double number = value.get<double>();
    if (std::trunc(number) == number && std::fabs(number) < 1e15) {
      return std::to_string(static_cast<std::int64_t>(number));
    }
  }
  return value.dump();  // numbers, booleans, objects and arrays
}

}  // namespace

json valueAtHookPath(const json& root, const std::string& path) {
  if (path.empty()) return nullptr;
  const auto parts = pathParts(path);
  if (!parts) return nullptr;
  const json* current = &root;
  for (const PathPart& part : *parts) {
    if (const auto* index = std::get_if<std::size_t>(&part)) {
      if (!current->is_array() || *index >= current->size()) return nullptr;
      current = &(*current)[*index];
      continue;
    }
    const std::string& key = std::get<std::string>(part);
    if (blocked(key) || !current->is_object()) return nullptr;
    const auto found = current->find(key);
    if (found == current->end()) return nullptr;
    current = &*found;
  }
  return *current;
}

std::string renderHookTemplate(const std::string& text, const HookTemplateContext& context) {
  static const std::regex expression(R"(\{\{\s*([^}]+)\s*\}\})");
  std::string out;
  auto last = text.cbegin();
  for (auto it = std::sregex_iterator(text.begin(), text.end(), expression);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& match = *it;
    out.append(last, match[0].first);
    out += rendered(resolve(core::trimmed(match[1].str()), context));
    last = match[0].second;
  }
  out.append(last, text.cend());
  return out;
}

}  // namespace openclaw::httpapi
