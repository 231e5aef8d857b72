#pragma once

#include <optional>

#include "cli/cli_context.h"
#include "service/service_unit.h"

namespace openclaw::cli {

// The service definition for the selected instance: port and token resolved exactly as
// `openclaw gateway` would resolve them, with the config validated the same way. `lenient`
// (printing, checking, or the dev instance, which creates its config on first start) does not
// require gateway.mode to be set. Throws ConfigError or std::runtime_error (port 0 included).
service::ServiceSpec resolveServiceSpec(const CliContext& context, std::optional<int> port,
                                        bool lenient);

}  // namespace openclaw::cli
