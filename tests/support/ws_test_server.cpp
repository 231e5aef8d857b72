#include "ws_test_server.h"

#include "core/awaitable.h"
// (first: see there)
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

namespace openclaw::testsupport {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

auto awaitable(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

struct CloseFrame {
  std::uint16_t code;
  std::string reason;
};

// One accepted connection; all socket work runs on the server's io thread.
class Peer final : public WsTestPeer, public std::enable_shared_from_this<Peer> {
 public:
  // `owner` keeps the server's io_context alive as long as this peer: a test may hold a peer
  // past the server, and the stream must not outlive the context it was made on.
  Peer(std::shared_ptr<void> owner, tcp::socket socket, asio::io_context& io)
      : owner_(std::move(owner)), ws_(std::move(socket)), io_(io) {}

  void send(const std::string& text) override { post(text); }
  void close(std::uint16_t code, const std::string& reason) override {
    post(CloseFrame{code, reason});
  }
  void drop() override {
    asio::post(io_, [self = shared_from_this()] {
      self->open_ = false;
      beast::error_code ignored;
      self->ws_.next_layer().close(ignored);
    });
  }
  std::string target() const override {
    std::lock_guard lock(mutex_);
    return target_;
  }
  bool open() const override { return open_; }

  // Accepts the upgrade, then reads until the connection ends.
  static asio::awaitable<void> serve(std::shared_ptr<Peer> self, WsTestServer::OnOpen onOpen,
                                     WsTestServer::OnMessage onMessage) {
    beast::flat_buffer buffer;
    beast::http::request<beast::http::string_body> upgrade;
    beast::error_code ec;
    co_await beast::http::async_read(self->ws_.next_layer(), buffer, upgrade, awaitable(ec));
    if (ec || !websocket::is_upgrade(upgrade)) co_return;
    {
      std::lock_guard lock(self->mutex_);
      self->target_ = std::string(upgrade.target());
    }
    co_await self->ws_.async_accept(upgrade, awaitable(ec));
    if (ec) co_return;
    self->open_ = true;
    onOpen(self);
    while (self->open_) {
      beast::flat_buffer message;
      co_await self->ws_.async_read(message, awaitable(ec));
      if (ec) break;
      onMessage(self, beast::buffers_to_string(message.data()));
    }
    self->open_ = false;
  }

  void shutdown() {
    open_ = false;
    beast::error_code ignored;
    ws_.next_layer().close(ignored);
  }

 private:
  using Outgoing = std::variant<std::string, CloseFrame>;

  void post(Outgoing item) {
    asio::post(io_, [self = shared_from_this(), item = std::move(item)]() mutable {
      if (!self->open_) return;
      self->queue_.push_back(std::move(item));
      if (self->writing_) return;
      self->writing_ = true;
      asio::co_spawn(self->io_, writeQueued(self), asio::detached);
    });
  }

  static asio::awaitable<void> writeQueued(std::shared_ptr<Peer> self) {
    while (!self->queue_.empty() && self->open_) {
      Outgoing item = std::move(self->queue_.front());
      self->queue_.pop_front();
      beast::error_code ec;
      if (auto* text = std::get_if<std::string>(&item)) {
        co_await self->ws_.async_write(asio::buffer(*text), awaitable(ec));
      } else {
        websocket::close_reason reason;
        reason.code = std::get<CloseFrame>(item).code;
        reason.reason = std::get<CloseFrame>(item).reason;
        co_await self->ws_.async_close(reason, awaitable(ec));
        self->shutdown();
      }
      if (ec) self->shutdown();
    }
    self->writing_ = false;
  }

  std::shared_ptr<void> owner_;  // declared first: released after the stream
  websocket::stream<tcp::socket> ws_;
  asio::io_context& io_;
  mutable std::mutex mutex_;
  std::string target_;
  std::deque<Outgoing> queue_;
  std::atomic<bool> open_{false};
  bool writing_ = false;
};

}  // namespace

struct WsTestServer::State : std::enable_shared_from_this<State> {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  OnOpen onOpen;
  OnMessage onMessage;
  std::vector<std::shared_ptr<Peer>> peers;  // io thread only
  std::atomic<int> accepted{0};
  std::uint16_t port = 0;
  std::thread thread;
  std::once_flag stopped;

  asio::awaitable<void> acceptLoop() {
    while (true) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(awaitable(ec));
      if (ec) co_return;
      ++accepted;
      auto peer = std::make_shared<Peer>(shared_from_this(), std::move(socket), io);
      peers.push_back(peer);
      asio::co_spawn(io, Peer::serve(peer, onOpen, onMessage), asio::detached);
    }
  }
};

WsTestServer::WsTestServer(OnOpen onOpen, OnMessage onMessage) : state_(std::make_shared<State>()) {
  state_->onOpen = std::move(onOpen);
  state_->onMessage = std::move(onMessage);
  state_->port = state_->acceptor.local_endpoint().port();
  asio::co_spawn(state_->io, state_->acceptLoop(), asio::detached);
  state_->thread = std::thread([state = state_] { state->io.run(); });
}

WsTestServer::~WsTestServer() { stop(); }

std::string WsTestServer::url() const { return "ws://127.0.0.1:" + std::to_string(port()); }
std::uint16_t WsTestServer::port() const { return state_->port; }
int WsTestServer::connectionsAccepted() const { return state_->accepted; }

void WsTestServer::stop() {
  std::call_once(state_->stopped, [state = state_] {
    asio::post(state->io, [state] {
      beast::error_code ignored;
      state->acceptor.close(ignored);
      for (const auto& peer : state->peers) peer->shutdown();
      state->peers.clear();
      state->work.reset();
    });
    state->thread.join();
  });
}

}  // namespace openclaw::testsupport
