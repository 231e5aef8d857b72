#pragma once

#include <boost/asio/io_context.hpp>

#include "agent/tools/exec_tool.h"
#include "config/gateway_settings.h"
#include "runs/run_manager.h"

namespace openclaw::runs {

// The model, tools, workspace and limits runs get from the gateway's settings. `execApprover`
// answers the exec tool's approval requests (tools.exec.ask).
RunEnvironment runEnvironment(boost::asio::io_context& io, const config::GatewaySettings& settings,
                              agent::tools::ExecApprover execApprover);

}  // namespace openclaw::runs
