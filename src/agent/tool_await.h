#pragma once

#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "agent/tool.h"
#include "core/awaitable.h"
#include "core/cancel_signal.h"

namespace openclaw::agent {

// One tool call as an await: Tool::start on the blocking pool, resuming on the awaiting
// coroutine's executor with the result. `cancel` cancels the call in flight: it sets the
// context's cancel flag, the await throws core::Cancelled at once, then the context's cancel
// callbacks run (an exec approval the tool waits for); the tool's late result is ignored.
boost::asio::awaitable<ToolResult> runTool(std::shared_ptr<const Tool> tool,
                                           const nlohmann::json& arguments,
                                           const ToolContext& context,
                                           boost::asio::thread_pool& blocking,
                                           core::CancelSignal& cancel);

}  // namespace openclaw::agent
