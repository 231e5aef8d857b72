#pragma once

#include <boost/asio/io_context.hpp>

#include "config/gateway_settings.h"
#include "runs/run_manager.h"

namespace openclaw::runs {

// The model, tools, workspace and limits runs get from the gateway's settings.
RunEnvironment runEnvironment(boost::asio::io_context& io, const config::GatewaySettings& settings);

}  // namespace openclaw::runs
