#include "webhook_receiver.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>

namespace openclaw::testsupport {

namespace http = boost::beast::http;

WebhookReceiver::WebhookReceiver(int status) : state_(std::make_shared<State>()) {
  state_->status = status;
  server_ = std::make_unique<LoopbackHttpServer>(
      [state = state_](boost::asio::ip::tcp::socket& socket,
                       const LoopbackHttpServer::Request& request) -> boost::asio::awaitable<void> {
        RecordedRequest recorded;
        recorded.method = std::string(request.method_string());
        recorded.target = std::string(request.target());
        for (const auto& field : request) {
          std::string name(field.name_string());
          for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          recorded.headers[name] = std::string(field.value());
        }
        recorded.body = request.body();
        int answer = 200;
        {
          std::lock_guard lock(state->mutex);
          state->requests.push_back(std::move(recorded));
          answer = state->status;
        }
        state->arrived.notify_all();
        http::response<http::string_body> response{static_cast<http::status>(answer), 11};
        response.set(http::field::content_type, "application/json");
        response.set(http::field::connection, "close");
        response.body() = "{}";
        response.prepare_payload();
        boost::beast::error_code ec;
        co_await http::async_write(socket, response,
                                   boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      });
}

WebhookReceiver::~WebhookReceiver() { server_->stop(); }

std::string WebhookReceiver::url(const std::string& path) const {
  return server_->baseUrl() + path;
}

std::vector<RecordedRequest> WebhookReceiver::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

bool WebhookReceiver::waitForRequests(std::size_t count, std::chrono::milliseconds deadline) const {
  std::unique_lock lock(state_->mutex);
  return state_->arrived.wait_for(lock, deadline, [&] { return state_->requests.size() >= count; });
}

}  // namespace openclaw::testsupport
