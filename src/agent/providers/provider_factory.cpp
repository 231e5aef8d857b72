#include "agent/providers/provider_factory.h"

#include "agent/providers/anthropic_messages_provider.h"
#include "agent/providers/openai_completions_provider.h"
#include "core/logging.h"

namespace openclaw::agent {

ConfiguredModel makeModelProvider(boost::asio::io_context& io,
                                  const config::GatewaySettings& settings,
                                  const std::optional<std::string>& sessionModel) {
  ConfiguredModel result;
  if (!settings.models.primary) {
    result.error = config::noModelConfiguredMessage(settings.paths.configPath.string());
    return result;
  }
  std::optional<config::ModelSelection> primary = settings.models.primary;
  if (sessionModel) {
    primary = config::sessionModelSelection(settings.models, *sessionModel, result.error);
    if (!primary) return result;
  }
  result.model = primary->model;
  result.ref = primary->ref;
  const config::ProviderSettings& provider = primary->provider;
  if (!primary->unavailable.empty()) {
    result.error = primary->unavailable;
    return result;
  }
  if (provider.apiKeyRequired && provider.apiKey.empty()) {
    result.error =
        "model provider \"" + provider.id + "\" (" + primary->ref + ") needs an API key: set " +
        (provider.apiKeyEnv.empty() ? "" : provider.apiKeyEnv + " or ") + "models.providers." +
        provider.id + ".apiKey in " + settings.paths.configPath.string();
    return result;
  }
  core::registerSecret(provider.apiKey);  // never in a log line, e.g. an echoed request
  if (provider.api == config::kAnthropicMessagesApi) {
    result.provider = std::make_unique<providers::AnthropicMessagesProvider>(io, provider);
  } else {
    result.provider = std::make_unique<providers::OpenAiCompletionsProvider>(io, provider);
  }
  return result;
}

}  // namespace openclaw::agent
