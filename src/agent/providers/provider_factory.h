#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <string>

#include "agent/model_provider.h"
#include "config/gateway_settings.h"

namespace openclaw::agent {

// The configured model, ready to call; `error` says what to configure when it is not.
struct ConfiguredModel {
  std::unique_ptr<ModelProvider> provider;  // null exactly when `error` is set
  std::string model;                        // pass as ModelRequest::model
  std::string ref;                          // "provider/model", for logs and events
  std::string error;
};

// Builds the provider for settings.models.primary, or for the session's model `sessionModel`
// ("provider/model", config::sessionModelSelection) when set. Errors: no model configured (see
// config::noModelConfiguredMessage), a session model that cannot be used, a provider that cannot
// be used (ModelSelection::unavailable), or one that needs an API key and has none. Cheap:
// call it per run, so config reloads take effect for the next run.
ConfiguredModel makeModelProvider(boost::asio::io_context& io,
                                  const config::GatewaySettings& settings,
                                  const std::optional<std::string>& sessionModel = std::nullopt);

}  // namespace openclaw::agent
