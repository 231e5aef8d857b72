#include "browser/cdp_connection.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/bounded_json.h"
#include "core/json_fields.h"

namespace openclaw::browser {

namespace asio = boost::asio;
using json = nlohmann::json;

asio::awaitable<std::shared_ptr<CdpConnection>> CdpConnection::open(
    asio::io_context& io, const std::string& webSocketUrl, std::chrono::milliseconds timeout) {
  auto client = std::make_unique<net::WebSocketClient>(io);
  net::WebSocketRequest request;
  request.url = webSocketUrl;
  request.connectTimeout = timeout;
  request.maxMessageBytes = kMaxMessageBytes;
  request.maxQueuedMessages = kMaxPending;
  std::shared_ptr<net::WebSocketConnection> socket = client->start(std::move(request));
  try {
    co_await socket->connect();
  } catch (const net::WebSocketFailure& failure) {
    throw CdpError("cannot connect to the browser's DevTools endpoint: " +
                   std::string(failure.what()));
  }
  std::shared_ptr<CdpConnection> connection(new CdpConnection(io, std::move(socket)));
  connection->client_ = std::move(client);
  asio::co_spawn(io, readLoop(connection), asio::detached);
  co_return connection;
}

CdpConnection::~CdpConnection() {
  if (socket_) socket_->cancel();
}

void CdpConnection::close() {
  if (closed_) return;
  socket_->close(1000, "");
  failAll("the browser connection was closed");
}

asio::awaitable<void> CdpConnection::readLoop(std::shared_ptr<CdpConnection> self) {
  try {
    while (!self->closed_) self->deliver(co_await self->socket_->read());
  } catch (const net::WebSocketFailure& failure) {
    self->failAll(std::string("the browser connection ended: ") + failure.what());
  }
}

void CdpConnection::deliver(const std::string& message) {
  const core::BoundedJson parsed = core::parseBoundedJson(message);
  if (!parsed.ok() || !parsed.value.is_object()) return;
  const json& frame = parsed.value;
  const auto id = frame.find("id");
  if (id == frame.end() || !id->is_number_integer()) return;  // an event
  const auto found = pending_.find(id->get<std::int64_t>());
  if (found == pending_.end()) return;  // timed out already
  const std::shared_ptr<Pending> pending = found->second;
  pending_.erase(found);
  if (const auto error = frame.find("error"); error != frame.end()) {
    pending->error = core::stringField(*error, "message").value_or("CDP error");
  } else {
    pending->result = frame.value("result", json::object());
  }
  pending->timer.cancel();
}

void CdpConnection::failAll(const std::string& reason) {
  closed_ = true;
  closeReason_ = reason;
  auto pending = std::move(pending_);
  pending_.clear();
  for (auto& [id, call] : pending) {
    call->error = reason;
    call->timer.cancel();
  }
}

asio::awaitable<json> CdpConnection::call(const std::string& method, json params,
                                          const std::string& sessionId,
                                          std::chrono::milliseconds timeout) {
  if (closed_) throw CdpError(closeReason_);
  if (pending_.size() >= kMaxPending) {
    throw CdpError("too many browser calls in flight (" + std::to_string(kMaxPending) + ")");
  }
  const std::int64_t id = nextId_++;
  json frame = {{"id", id}, {"method", method}, {"params", std::move(params)}};
  if (!sessionId.empty()) frame["sessionId"] = sessionId;
  auto pending = std::make_shared<Pending>(io_);
  pending->timer.expires_after(timeout);
  pending_[id] = pending;
  // Keeps this connection alive while the call waits.
  const std::shared_ptr<CdpConnection> self = shared_from_this();
  socket_->send(frame.dump(-1, ' ', false, json::error_handler_t::replace));
  boost::system::error_code ignored;
  co_await pending->timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  pending_.erase(id);
  if (pending->result) co_return std::move(*pending->result);
  if (pending->error) throw CdpError(method + ": " + *pending->error);
  throw CdpError(method + ": no answer from the browser within " + std::to_string(timeout.count()) +
                 " ms");
}

}  // namespace openclaw::browser
