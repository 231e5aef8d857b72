#pragma once

#include <string>
#include <vector>

#include "config/tool_settings.h"

namespace openclaw::httpapi {

// The tools POST /tools/invoke refuses unless gateway.tools.allow lists them (upstream's list:
// command execution, file mutation and control-plane tools; of this gateway's tools only exec).
const std::vector<std::string>& defaultHttpToolDeny();

// Whether POST /tools/invoke may run the tool `name`: not in gateway.tools.deny, and not in the
// default deny list unless gateway.tools.allow names it. Names compare case-insensitively.
bool toolExposedOverHttp(const config::HttpToolSettings& settings, const std::string& name);

}  // namespace openclaw::httpapi
