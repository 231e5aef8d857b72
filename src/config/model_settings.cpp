#include "config/model_settings.h"

#include <algorithm>

namespace openclaw::config {
namespace {

struct BuiltInProvider {
  const char* id;
  const char* api;
  const char* baseUrl;
  const char* apiKeyEnv;
  bool apiKeyRequired;
};

// Providers usable by id alone. Local servers speak the OpenAI-compatible API and need no key.
constexpr BuiltInProvider kBuiltIns[] = {
    {"openai", kOpenAiCompletionsApi, "https://api.openai.com/v1", "OPENAI_API_KEY", true},
    {"anthropic", kAnthropicMessagesApi, "https://api.anthropic.com", "ANTHROPIC_API_KEY", true},
    {"openrouter", kOpenAiCompletionsApi, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY",
     true},
    {"groq", kOpenAiCompletionsApi, "https://api.groq.com/openai/v1", "GROQ_API_KEY", true},
    {"mistral", kOpenAiCompletionsApi, "https://api.mistral.ai/v1", "MISTRAL_API_KEY", true},
    {"deepseek", kOpenAiCompletionsApi, "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", true},
    {"xai", kOpenAiCompletionsApi, "https://api.x.ai/v1", "XAI_API_KEY", true},
    {"ollama", kOpenAiCompletionsApi, "http://127.0.0.1:11434/v1", "OLLAMA_API_KEY", false},
    {"vllm", kOpenAiCompletionsApi, "http://127.0.0.1:8000/v1", "VLLM_API_KEY", false},
    {"sglang", kOpenAiCompletionsApi, "http://127.0.0.1:30000/v1", "SGLANG_API_KEY", false},
    {"lmstudio", kOpenAiCompletionsApi, "http://localhost:1234/v1", "LM_API_TOKEN", false},
};

const BuiltInProvider* findBuiltIn(const std::string& id) {
  for (const BuiltInProvider& provider : kBuiltIns) {
    if (id == provider.id) return &provider;
  }
  return nullptr;
}

// "${NAME}" reads NAME from the environment (unset: ""); any other text is taken literally.
std::string expandEnvReference(const std::string& value, const EnvLookup& env) {
  if (value.size() > 3 && value.starts_with("${") && value.ends_with("}")) {
    return env(value.substr(2, value.size() - 3)).value_or("");
  }
  return value;
}

// agents.defaults.model: "provider/model" or {primary: "provider/model"}.
std::optional<std::string> modelRef(const ConfigFile& config, std::string& pointer) {
  pointer = "/agents/defaults/model";
  const nlohmann::json* agents = nullptr;
  if (auto it = config.root.find("agents"); it != config.root.end()) agents = &*it;
  const bool isObject = agents && agents->is_object() && agents->contains("defaults") &&
                        (*agents)["defaults"].is_object() &&
                        (*agents)["defaults"].contains("model") &&
                        (*agents)["defaults"]["model"].is_object();
  if (isObject) pointer += "/primary";
  return config.string(pointer);
}

ProviderSettings providerSettings(const ConfigFile& config, const std::string& id,
                                  const EnvLookup& env, const std::string& refPointer) {
  ProviderSettings provider;
  provider.id = id;
  const BuiltInProvider* builtIn = findBuiltIn(id);
  if (builtIn) {
    provider.api = builtIn->api;
    provider.baseUrl = builtIn->baseUrl;
    provider.apiKeyEnv = builtIn->apiKeyEnv;
    provider.apiKeyRequired = builtIn->apiKeyRequired;
    provider.apiKey = env(provider.apiKeyEnv).value_or("");
  }

  const std::string base = "/models/providers/" + id;
  const bool configured = config.root.contains("models") && config.root["models"].is_object() &&
                          config.root["models"].contains("providers") &&
                          config.root["models"]["providers"].is_object() &&
                          config.root["models"]["providers"].contains(id);
  if (!builtIn && !configured) {
    std::string known;
    for (const std::string& name : builtInProviderIds())
      known += (known.empty() ? "" : ", ") + name;
    throw config.errorAt(refPointer, "unknown model provider \"" + id + "\": use one of " + known +
                                         ", or define it under "
                                         "models.providers." +
                                         id + " with baseUrl and api");
  }
  if (!configured) return provider;

  if (auto api = config.oneOf(base + "/api", {kOpenAiCompletionsApi, kAnthropicMessagesApi})) {
    provider.api = *api;
  }
  if (auto baseUrl = config.string(base + "/baseUrl")) {
    if (!baseUrl->starts_with("http://") && !baseUrl->starts_with("https://")) {
      throw config.errorAt(base + "/baseUrl",
                           "must be an http:// or https:// URL, got \"" + *baseUrl + "\"");
    }
    provider.baseUrl = *baseUrl;
  } else if (!builtIn) {
    throw config.errorAt(base,
                         "a custom provider needs baseUrl (e.g. \"http://127.0.0.1:8080/v1\")");
  }
  while (provider.baseUrl.ends_with("/")) provider.baseUrl.pop_back();
  if (auto apiKey = config.string(base + "/apiKey")) {
    provider.apiKey = expandEnvReference(*apiKey, env);
  }
  if (!builtIn) provider.apiKeyRequired = false;
  const nlohmann::json& entry = config.root["models"]["providers"][id];
  if (entry.contains("headers")) {
    const nlohmann::json& headers = entry["headers"];
    if (!headers.is_object()) throw config.errorAt(base + "/headers", "must be an object");
    for (const auto& [name, value] : headers.items()) {
      const std::string header = config.string(base + "/headers/" + name).value_or("");
      provider.headers.emplace_back(name, expandEnvReference(header, env));
    }
  }
  if (auto seconds = config.integer(base + "/timeoutSeconds", 1, 86'400)) {
    provider.timeoutMs = *seconds * 1000;
  }
  return provider;
}

}  // namespace

ModelSettings resolveModelSettings(const ConfigFile& config, const EnvLookup& env) {
  ModelSettings settings;
  std::string pointer;
  const std::optional<std::string> ref = modelRef(config, pointer);
  if (!ref) return settings;
  const std::size_t slash = ref->find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == ref->size()) {
    throw config.errorAt(
        pointer,
        "must be \"provider/model\" (e.g. \"anthropic/claude-sonnet-4-5\"), got \"" + *ref + "\"");
  }
  const std::string providerId = ref->substr(0, slash);
  if (providerId.find_first_of("~") != std::string::npos) {
    throw config.errorAt(pointer, "provider id \"" + providerId + "\" may not contain '~'");
  }
  settings.primary = ModelSelection{*ref, ref->substr(slash + 1),
                                    providerSettings(config, providerId, env, pointer)};
  return settings;
}

std::string noModelConfiguredMessage(const std::string& configPath) {
  return "no model is configured: set agents.defaults.model to \"provider/model\" in " +
         configPath +
         " (e.g. \"anthropic/claude-sonnet-4-5\" with ANTHROPIC_API_KEY set, \"openai/gpt-5\" "
         "with OPENAI_API_KEY, or \"ollama/llama3.3\" for a local Ollama); see docs/agents.md";
}

std::vector<std::string> builtInProviderIds() {
  std::vector<std::string> ids;
  for (const BuiltInProvider& provider : kBuiltIns) ids.emplace_back(provider.id);
  return ids;
}

}  // namespace openclaw::config
