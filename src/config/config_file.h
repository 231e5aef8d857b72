#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/json5.h"

namespace openclaw::config {

// A problem in a config file. what() reads "<file>:<line>:<column>: <reason>" when the position
// is known, "<file>: <reason>" otherwise.
// key() is the dotted key the problem is about ("gateway.port"); empty for the whole file.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::filesystem::path& file, std::size_t line, std::size_t column,
              const std::string& reason, std::string key = "");
  ConfigError(const std::filesystem::path& file, const std::string& reason, std::string key = "");

  const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};

// A parsed config file plus where each value came from, so errors about a value can point at it.
struct ConfigFile {
  std::filesystem::path path;
  bool exists = false;
  // sha256Hex of the file's bytes; empty when it does not exist.
  std::string hash;
  nlohmann::json root = nlohmann::json::object();
  // JSON pointer ("/gateway/port") -> 1-based {line, column} of the value in the file.
  Json5Positions positions;

  // Reads and parses `path` as JSON5. A missing file yields exists=false and an empty object.
  // Throws ConfigError for unreadable files, syntax errors and a top level that is not an object.
  static ConfigFile load(const std::filesystem::path& path);
  // The same for `text` as the contents of `path` (a config about to be written).
  static ConfigFile parse(const std::filesystem::path& path, const std::string& text);

  // Builds an error about the value at `pointer`, positioned at it when the file has it.
  ConfigError errorAt(const std::string& pointer, const std::string& reason) const;

  // Typed accessors for optional keys; each throws errorAt(...) when the key is present but has
  // the wrong type or is out of range. `pointer` is a JSON pointer such as "/gateway/port".
  std::optional<std::string> string(const std::string& pointer) const;
  std::optional<std::string> oneOf(const std::string& pointer,
                                   const std::vector<std::string>& allowed) const;
  std::optional<std::int64_t> integer(const std::string& pointer, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<bool> boolean(const std::string& pointer) const;
  // A list of non-empty strings; empty when the key is absent.
  std::vector<std::string> stringList(const std::string& pointer) const;

 private:
  const nlohmann::json* find(const std::string& pointer) const;
};

}  // namespace openclaw::config
