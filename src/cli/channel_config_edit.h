#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_context.h"
#include "cli/rpc_client.h"

namespace openclaw::cli {

// Applies `patch` (an RFC 7396 merge patch of the whole config) the way config.patch does:
// through the running gateway's config.patch when one answers (so its hot reload applies the
// change at once), else by writing the instance's config file directly with the same
// validated, atomic write (methods::writeConfig). Arrays the patch removes are confirmed
// (replacePaths), and the write is guarded by the hash of the config it was computed on.
// `current` (optional) receives the config the patch was based on before it is applied, so a
// caller can build the patch from it: it is called with the config and returns the patch.
// Prints errors on stderr; returns 0 on success. `viaGateway` tells which path was taken.
int editConfig(const CliContext& context, const RpcOptions& options,
               const std::function<nlohmann::json(const nlohmann::json& current)>& makePatch,
               bool& viaGateway);

}  // namespace openclaw::cli
