// The only Boost.Beast translation unit of the benchmark (it is slow to compile).
#include "load_pool.h"

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <functional>
#include <future>
#include <nlohmann/json.hpp>
#include <string_view>
#include <thread>
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange unincluded

namespace openclaw::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// Attempts to give up after, in one connect() call: the fd or port limit has been reached.
constexpr std::size_t kMaxConnectFailures = 50;
constexpr auto kHandshakeTimeout = std::chrono::seconds(30);

bool has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

Clock::rep ticks(Clock::time_point at) { return at.time_since_epoch().count(); }

// What every connection shares. Plain members are touched on the io thread only; the atomics are
// also read by the main thread.
struct PoolState {
  asio::io_context io;
  tcp::endpoint endpoint;
  std::string hostHeader;
  nlohmann::json connectRequest;  // without client.instanceId
  std::string mode;
  std::size_t instances = 0;  // instanceIds handed out
  std::atomic<std::size_t> largestFrame{0};
  std::atomic<std::size_t> largestPresenceRows{0};
  std::atomic<std::size_t> open{0};
  std::atomic<std::uint64_t> presenceGeneration{1};
  std::atomic<std::size_t> presenceReached{0};
  std::atomic<Clock::rep> lastPresence{0};
  std::atomic<Clock::rep> lastEvent{0};
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // Called once per connection: with "" after hello-ok, or with the reason it failed.
  using HandshakeDone = std::function<void(const std::string& error, double millis)>;
  // Called once when a connection's share of an rpc() run has ended.
  using CallsDone = std::function<void()>;

  explicit Connection(PoolState& pool) : pool_(pool), ws_(pool.io) {}

  bool usable() const { return authenticated_ && !closed_; }

  void start(HandshakeDone onHandshake) {
    onHandshake_ = std::move(onHandshake);
    startedAt_ = Clock::now();
    beast::get_lowest_layer(ws_).expires_after(kHandshakeTimeout);
    beast::get_lowest_layer(ws_).async_connect(
        pool_.endpoint, [self = shared_from_this()](beast::error_code ec) {
          if (ec) return self->fail("connect: " + ec.message());
          self->ws_.async_handshake(self->pool_.hostHeader, "/", [self](beast::error_code hec) {
            if (hec) return self->fail("upgrade: " + hec.message());
            self->read();
          });
        });
  }

  // Sends `count` requests of `method`, each after the previous response; latencies go to `out`.
  void call(const std::string& method, std::size_t count, RpcResult& out, CallsDone onDone) {
    method_ = method;
    callsLeft_ = count;
    sink_ = &out;
    onCallsDone_ = std::move(onDone);
    sendNextCall();
  }

 private:
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->dropped(ec);
      const std::string text = beast::buffers_to_string(self->buffer_.data());
      self->buffer_.consume(self->buffer_.size());
      self->onMessage(text);
      if (!self->closed_) self->read();
    });
  }

  void onMessage(const std::string& text) {
    raise(pool_.largestFrame, text.size());
    // Events are only classified by substring: parsing each of the presence frames of a
    // 10,000-client ui-mode join (one per join to every client) would make this client, not the
    // gateway, the bottleneck.
    if (has(text, R"("type":"event")")) {
      const Clock::time_point now = Clock::now();
      pool_.lastEvent.store(ticks(now));
      if (!authenticated_ && has(text, R"("connect.challenge")")) {
        sendConnect();
      } else if (has(text, R"("event":"presence")")) {
        raise(pool_.largestPresenceRows, rowsIn(text));
        const std::uint64_t generation = pool_.presenceGeneration.load();
        if (seenGeneration_ != generation) {
          seenGeneration_ = generation;
          pool_.lastPresence.store(ticks(now));  // before the count: see lastPresenceArrival()
          pool_.presenceReached.fetch_add(1);
        }
      }
      return;
    }
    const auto frame = nlohmann::json::parse(text, nullptr, false);
    if (!frame.is_object()) return;
    const std::string id = frame.value("id", "");
    const bool ok = frame.value("ok", false);
    if (id == "c" && !authenticated_) {
      if (!ok) return fail("connect rejected: " + frame.value("error", nlohmann::json{}).dump());
      authenticated_ = true;
      beast::get_lowest_layer(ws_).expires_never();
      ++pool_.open;
      finishHandshake("");
    } else if (sink_ != nullptr && id == pendingId_) {
      sink_->roundTripMillis.push_back(millisSince(sentAt_));
      if (!ok) ++sink_->failed;
      sendNextCall();
    }
  }

  // Every connection is its own client instance (its own presence row, unless its mode has none).
  void sendConnect() {
    nlohmann::json request = pool_.connectRequest;
    request["params"]["client"]["instanceId"] =
        "openclaw-bench-" + pool_.mode + "-" + std::to_string(++pool_.instances);
    send(request.dump());
  }

  static void raise(std::atomic<std::size_t>& largest, std::size_t value) {
    std::size_t seen = largest.load();
    while (value > seen && !largest.compare_exchange_weak(seen, value)) {
    }
  }

  // Rows of a presence event: each has exactly one "text" key (inside a string value the quotes
  // would be escaped).
  static std::size_t rowsIn(std::string_view frame) {
    std::size_t rows = 0;
    for (std::size_t at = frame.find(R"("text":)"); at != std::string_view::npos;
         at = frame.find(R"("text":)", at + 1)) {
      ++rows;
    }
    return rows;
  }

  void sendNextCall() {
    if (callsLeft_ == 0) return finishCalls();
    --callsLeft_;
    pendingId_ = "r" + std::to_string(++callSeq_);
    sentAt_ = Clock::now();
    send(nlohmann::json{{"type", "req"},
                        {"id", pendingId_},
                        {"method", method_},
                        {"params", nlohmann::json::object()}}
             .dump());
  }

  void finishCalls() {
    sink_ = nullptr;
    if (auto done = std::move(onCallsDone_)) done();
  }

  // One write at a time is enough: the connect frame and each request wait for their answer.
  void send(std::string frame) {
    outgoing_ = std::move(frame);
    ws_.text(true);
    ws_.async_write(asio::buffer(outgoing_),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) self->dropped(ec);
                    });
  }

  void dropped(beast::error_code ec) {
    if (closed_) return;
    if (!authenticated_) return fail("read/write: " + ec.message());
    closed_ = true;
    --pool_.open;
    if (sink_ != nullptr) {
      sink_->failed += callsLeft_ + 1;
      finishCalls();
    }
    beast::get_lowest_layer(ws_).close();
  }

  void fail(const std::string& error) {
    closed_ = true;
    beast::get_lowest_layer(ws_).close();
    finishHandshake(error);
  }

  void finishHandshake(const std::string& error) {
    if (auto done = std::move(onHandshake_)) done(error, millisSince(startedAt_));
  }

  PoolState& pool_;
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::string outgoing_;
  HandshakeDone onHandshake_;
  Clock::time_point startedAt_;
  bool authenticated_ = false;
  bool closed_ = false;
  std::uint64_t seenGeneration_ = 0;
  // rpc() state
  std::string method_, pendingId_;
  std::size_t callsLeft_ = 0;
  std::uint64_t callSeq_ = 0;
  Clock::time_point sentAt_;
  RpcResult* sink_ = nullptr;
  CallsDone onCallsDone_;
};

// One connect() call: the io thread starts connections as earlier ones finish.
struct ConnectBatch {
  std::size_t toStart = 0;
  std::size_t inFlight = 0;
  std::size_t concurrency = 1;
  Clock::time_point deadline;
  ConnectResult result;
  std::promise<void> done;
  bool finished = false;
};

}  // namespace

struct LoadPool::Impl {
  PoolState pool;
  asio::executor_work_guard<asio::io_context::executor_type> work{pool.io.get_executor()};
  std::vector<std::shared_ptr<Connection>> connections;  // io thread only
  std::thread thread;

  // Runs `task` on the io thread and waits for it to signal `done`.
  template <typename Task>
  void runOnIo(Task task, std::future<void> done) {
    asio::post(pool.io, std::move(task));
    done.wait();
  }

  void launchMore(const std::shared_ptr<ConnectBatch>& batch) {
    const auto stopStarting = [&] {
      return Clock::now() >= batch->deadline || batch->result.failed >= kMaxConnectFailures;
    };
    while (batch->inFlight < batch->concurrency && batch->toStart > 0 && !stopStarting()) {
      --batch->toStart;
      ++batch->inFlight;
      auto connection = std::make_shared<Connection>(pool);
      connection->start([this, batch, connection](const std::string& error, double millis) {
        --batch->inFlight;
        if (error.empty()) {
          ++batch->result.connected;
          batch->result.handshakeMillis.push_back(millis);
          connections.push_back(connection);
        } else {
          if (batch->result.failed++ == 0) batch->result.firstError = error;
        }
        launchMore(batch);
      });
    }
    if (batch->inFlight == 0 && (batch->toStart == 0 || stopStarting()) && !batch->finished) {
      batch->finished = true;
      batch->done.set_value();
    }
  }
};

LoadPool::LoadPool(int port, std::string token, std::string mode)
    : impl_(std::make_unique<Impl>()) {
  PoolState& pool = impl_->pool;
  pool.endpoint =
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
  pool.hostHeader = "127.0.0.1:" + std::to_string(port);
  pool.mode = mode;
  pool.connectRequest = {
      {"type", "req"},
      {"id", "c"},
      {"method", "connect"},
      {"params",
       {{"minProtocol", 4},
        {"maxProtocol", 4},
        {"client", {{"id", "cli"}, {"version", "bench"}, {"platform", "linux"}, {"mode", mode}}},
        {"role", "operator"},
        {"scopes", {"operator.read"}},
        {"auth", {{"token", token}}}}}};
  impl_->thread = std::thread([this] { impl_->pool.io.run(); });
}

LoadPool::~LoadPool() {
  impl_->pool.io.stop();
  impl_->thread.join();
}

ConnectResult LoadPool::connect(std::size_t count, std::size_t concurrency,
                                std::chrono::milliseconds deadline) {
  auto batch = std::make_shared<ConnectBatch>();
  batch->toStart = count;
  batch->concurrency = std::max<std::size_t>(1, concurrency);
  batch->deadline = Clock::now() + deadline;
  impl_->runOnIo([this, batch] { impl_->launchMore(batch); }, batch->done.get_future());
  return std::move(batch->result);
}

std::size_t LoadPool::open() const { return impl_->pool.open.load(); }

RpcResult LoadPool::rpc(const std::string& method, std::size_t clients, std::size_t callsEach) {
  RpcResult result;
  std::promise<void> done;
  auto future = done.get_future();
  Clock::time_point start;
  impl_->runOnIo(
      [&] {
        std::vector<std::shared_ptr<Connection>> callers;
        for (const auto& connection : impl_->connections) {
          if (callers.size() == clients) break;
          if (connection->usable()) callers.push_back(connection);
        }
        if (callers.empty()) return done.set_value();
        auto pending = std::make_shared<std::size_t>(callers.size());
        start = Clock::now();
        for (const auto& caller : callers) {
          caller->call(method, callsEach, result, [&, pending] {
            if (--*pending == 0) done.set_value();
          });
        }
      },
      std::move(future));
  result.wallMillis = millisSince(start);
  return result;
}

void LoadPool::waitQuiet(std::chrono::milliseconds quiet, std::chrono::milliseconds deadline) {
  const Clock::time_point giveUp = Clock::now() + deadline;
  while (Clock::now() < giveUp) {
    const Clock::time_point last{Clock::duration{impl_->pool.lastEvent.load()}};
    if (Clock::now() - last >= quiet) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void LoadPool::armPresence() {
  impl_->pool.presenceReached.store(0);
  ++impl_->pool.presenceGeneration;
}

std::size_t LoadPool::largestFrame() const { return impl_->pool.largestFrame.load(); }

std::size_t LoadPool::largestPresenceRows() const { return impl_->pool.largestPresenceRows.load(); }

std::size_t LoadPool::presenceReached() const { return impl_->pool.presenceReached.load(); }

// Read after presenceReached(): the io thread stores the time before it bumps the count.
Clock::time_point LoadPool::lastPresenceArrival() const {
  return Clock::time_point{Clock::duration{impl_->pool.lastPresence.load()}};
}

}  // namespace openclaw::bench
