#include "protocol/protocol_schema.h"

#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

extern const char kProtocolSchemaText[];

namespace openclaw::protocol {
namespace {

// valijson reports a location as {"<root>", "[params]", "[client]", "[0]"}; render it as
// "params.client[0]" under `rootPath`.
std::string renderPath(const std::vector<std::string>& context, const std::string& rootPath) {
  std::string path = rootPath;
  for (const std::string& part : context) {
    if (part == "<root>" || part.size() < 2 || part.front() != '[') continue;
    const std::string inner = part.substr(1, part.size() - 2);
    const bool isIndex =
        !inner.empty() && inner.find_first_not_of("0123456789") == std::string::npos;
    if (isIndex) {
      path += "[" + inner + "]";
    } else {
      std::string key = inner;
      if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
        key = key.substr(1, key.size() - 2);
      }
      path += path.empty() ? key : "." + key;
    }
  }
  return path.empty() ? "(root)" : path;
}

}  // namespace

const ProtocolSchema& ProtocolSchema::instance() {
  static const ProtocolSchema schema(text());
  return schema;
}

std::string_view ProtocolSchema::text() { return kProtocolSchemaText; }

ProtocolSchema::ProtocolSchema(std::string_view text) : root_(nlohmann::json::parse(text)) {
  root_.erase("$id");
  for (const auto& [name, definition] : root_.at("definitions").items()) {
    definitionNames_.insert(name);
  }
}

ProtocolSchema::~ProtocolSchema() = default;

bool ProtocolSchema::hasDefinition(const std::string& name) const {
  return definitionNames_.count(name) > 0;
}

const valijson::Schema& ProtocolSchema::compiled(const std::string& definition) const {
  const std::lock_guard lock(compileMutex_);
  if (const auto found = compiled_.find(definition); found != compiled_.end()) {
    return *found->second;
  }
  if (!hasDefinition(definition)) throw std::out_of_range("no schema definition " + definition);
  root_["$ref"] = "#/definitions/" + definition;
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(root_), *schema);
  root_.erase("$ref");
  return *compiled_.emplace(definition, std::move(schema)).first->second;
}

std::optional<std::string> ProtocolSchema::validate(const std::string& definition,
                                                    const nlohmann::json& value,
                                                    const std::string& rootPath) const {
  const valijson::Schema& schema = compiled(definition);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  const valijson::adapters::NlohmannJsonAdapter target(value);
  if (validator.validate(schema, target, &results)) return std::nullopt;
  // valijson records the innermost failure first, then one summary per enclosing level; the
  // first is the most specific.
  valijson::ValidationResults::Error error;
  if (!results.popError(error)) return renderPath({}, rootPath) + ": invalid";
  return renderPath(error.context, rootPath) + ": " + error.description;
}

}  // namespace openclaw::protocol
