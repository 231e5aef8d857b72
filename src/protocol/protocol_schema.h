#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace valijson {
class Schema;
}

namespace openclaw::protocol {

// The project's JSON Schema for the wire protocol (schema/protocol.schema.json, compiled into
// the binary). It is the one source of truth for what inbound frames and method params may
// look like; `openclaw gateway protocol-schema` prints it.
class ProtocolSchema {
 public:
  // Parsed once on first use; thread-safe. Each definition is compiled into a validator the
  // first time something is validated against it: compiling all of them up front was four
  // fifths of the gateway's start-up work.
  static const ProtocolSchema& instance();

  // The schema document exactly as shipped.
  static std::string_view text();

  // Another schema document of the same form (tests check results against upstream's).
  // Throws nlohmann::json::exception when `text` is not JSON with "definitions".
  explicit ProtocolSchema(std::string_view text);
  ~ProtocolSchema();

  // True when the schema has `#/definitions/<name>`.
  bool hasDefinition(const std::string& name) const;

  // nullopt when `value` satisfies `#/definitions/<definition>`. Otherwise the first failure,
  // naming the path inside `value` prefixed by `rootPath`, e.g.
  // "params.client.mode: value does not match any enum entry". Throws std::out_of_range for an
  // unknown definition (a programming error).
  std::optional<std::string> validate(const std::string& definition, const nlohmann::json& value,
                                      const std::string& rootPath) const;

 private:
  const valijson::Schema& compiled(const std::string& definition) const;

  std::set<std::string, std::less<>> definitionNames_;  // immutable after construction
  // The document without "$id"; compiling a definition points its "$ref" at it (under
  // compileMutex_), so local references inside it resolve against "#/definitions/...".
  mutable nlohmann::json root_;
  mutable std::mutex compileMutex_;
  mutable std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> compiled_;
};

}  // namespace openclaw::protocol
