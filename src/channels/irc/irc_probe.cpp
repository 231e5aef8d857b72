#include "channels/irc/irc_probe.h"

#include "core/awaitable.h"
// (first: see there)
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include "channels/irc/irc_transport.h"
#include "core/clock.h"
#include "net/tls_client_context.h"

namespace openclaw::channels::irc {
namespace {

boost::asio::awaitable<void> check(boost::asio::io_context& io, IrcSettings settings,
                                   std::chrono::milliseconds timeout,
                                   std::function<void(ProbeResult)> done) {
  const std::int64_t started = core::nowMs();
  ProbeResult answer = {{"host", settings.host}, {"port", settings.port}, {"tls", settings.tls}};
  std::shared_ptr<boost::asio::ssl::context> tls;
  try {
    if (settings.tls) tls = net::makeTlsClientContext(settings.tlsCaFile);
  } catch (const boost::system::system_error& error) {
    answer["ok"] = false;
    answer["error"] = "cannot load tlsCaFile '" + settings.tlsCaFile + "': " + error.what();
    answer["elapsedMs"] = 0;
    done(std::move(answer));
    co_return;
  }
  auto transport = std::make_shared<IrcTransport>(io, tls);
  boost::asio::steady_timer timer(io, timeout);
  bool timedOut = false;
  timer.async_wait([transport, &timedOut](const boost::system::error_code& ec) {
    if (ec) return;
    timedOut = true;
    transport->close();
  });
  boost::system::error_code ec;
  const std::string failed = co_await transport->connect(settings.host, settings.port, ec);
  timer.cancel();
  transport->close();
  answer["ok"] = !ec;
  answer["elapsedMs"] = core::nowMs() - started;
  if (ec) {
    answer["error"] = timedOut ? "no connection within " + std::to_string(timeout.count()) + " ms"
                               : failed + ": " + ec.message();
  }
  done(std::move(answer));
}

}  // namespace

void probeIrcServer(boost::asio::io_context& io, const IrcSettings& settings,
                    std::chrono::milliseconds timeout, std::function<void(ProbeResult)> done) {
  boost::asio::co_spawn(io, check(io, settings, timeout, std::move(done)), boost::asio::detached);
}

}  // namespace openclaw::channels::irc
