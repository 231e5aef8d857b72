#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config_file.h"
#include "config/environment.h"

namespace openclaw::config {

// The wire APIs a provider can speak, by upstream's `api` names.
inline constexpr const char* kOpenAiCompletionsApi = "openai-completions";
inline constexpr const char* kAnthropicMessagesApi = "anthropic-messages";

// One model API endpoint: a built-in provider, with models.providers.<id> laid over it.
struct ProviderSettings {
  std::string id;
  std::string api = kOpenAiCompletionsApi;
  std::string baseUrl;
  std::string apiKey;     // empty when none is configured
  std::string apiKeyEnv;  // the variable that would supply it ("" for custom providers)
  // The environment variable the key was read from; unset when the config holds it literally
  // (or there is none).
  std::optional<std::string> apiKeyVariable;
  bool apiKeyRequired = true;  // false for local servers (Ollama, vLLM, ...)
  std::vector<std::pair<std::string, std::string>> headers;
  std::int64_t timeoutMs = 600'000;  // a whole call, retries included

  bool operator==(const ProviderSettings&) const = default;
};

// The model agents use: agents.defaults.model ("provider/model", or {primary: ...}).
struct ModelSelection {
  std::string ref;    // "anthropic/claude-sonnet-4-5"
  std::string model;  // "claude-sonnet-4-5": what the provider's API is asked for
  ProviderSettings provider;
  // Why this model cannot be called (a provider id this gateway does not know, a custom
  // provider without baseUrl); empty when it can. Reported per call, so that a config written
  // for upstream's plugin providers does not stop the gateway.
  std::string unavailable;

  bool operator==(const ModelSelection&) const = default;
};

struct ModelSettings {
  std::optional<ModelSelection> primary;  // unset: no model configured

  bool operator==(const ModelSettings&) const = default;
};

// Resolves agents.defaults.model and models.providers. A missing model is not an error (the
// gateway runs without agents); values of the wrong type or form throw ConfigError pointing at
// the value. "${VAR}" in apiKey and header values reads the environment.
ModelSettings resolveModelSettings(const ConfigFile& config, const EnvLookup& env);

// The model a session chose (sessions.patch) in place of the primary: "provider/model", or a
// bare model id, of the primary's provider, which is the only provider whose settings are
// resolved. nullopt with `error` set when it cannot be used.
std::optional<ModelSelection> sessionModelSelection(const ModelSettings& settings,
                                                    const std::string& ref, std::string& error);

// What to tell a user who asked for an agent turn while no model is configured.
std::string noModelConfiguredMessage(const std::string& configPath);

// The provider ids that work without a models.providers entry, in a stable order.
std::vector<std::string> builtInProviderIds();

}  // namespace openclaw::config
