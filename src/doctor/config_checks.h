#pragma once

#include <optional>
#include <vector>

#include "config/config_file.h"
#include "doctor/check_context.h"
#include "doctor/finding.h"

namespace openclaw::doctor {

// Loads the instance's config. A missing file or one that does not parse (reported with its
// file:line:column) adds an error to `findings` and yields nullopt.
std::optional<config::ConfigFile> loadConfig(const CheckContext& context,
                                             std::vector<Finding>& findings);

// Every check below on a loaded config, in order.
std::vector<Finding> checkConfig(const config::ConfigFile& file, const CheckContext& context);

// A value of the wrong type or out of range, as the gateway would refuse it at start-up.
std::optional<Finding> checkValues(const config::ConfigFile& file, const CheckContext& context);

// gateway.mode: unset is an error (the gateway will not start), "remote" is worth a note.
std::optional<Finding> checkGatewayMode(const config::ConfigFile& file);

// A warning per key under gateway.* and logging.* that this gateway does not read.
std::vector<Finding> checkUnknownKeys(const config::ConfigFile& file);

// Who can connect: a bind beyond loopback (or an auth mode) without its token or password is an
// error, auth mode none and tokens under 16 characters are warnings. Secrets from the
// environment (OPENCLAW_GATEWAY_TOKEN/PASSWORD) count like the gateway counts them.
std::vector<Finding> checkAuthExposure(const config::ConfigFile& file,
                                       const config::EnvLookup& env);

// A token or password stored in a config file that group or others can read.
std::optional<Finding> checkSecretPermissions(const config::ConfigFile& file);

}  // namespace openclaw::doctor
