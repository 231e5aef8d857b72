#include "browser/browser_method.h"

#include <boost/asio/post.hpp>

#include "protocol/scopes.h"

namespace openclaw::browser {

using json = nlohmann::json;

BrowserRequest browserRequestFromParams(const json& params) {
  BrowserRequest request;
  request.method = params.at("method").get<std::string>();
  std::string path = params.at("path").get<std::string>();
  // A query string written into the path counts like `query`.
  if (const auto question = path.find('?'); question != std::string::npos) path.resize(question);
  request.path = path;
  if (const auto query = params.find("query"); query != params.end() && query->is_object()) {
    for (const auto& [key, value] : query->items()) {
      request.query[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  }
  if (const auto body = params.find("body"); body != params.end() && !body->is_null()) {
    request.body = *body;
  }
  if (const auto timeout = params.find("timeoutMs"); timeout != params.end()) {
    request.timeout = std::chrono::milliseconds(timeout->get<std::int64_t>());
  }
  return request;
}

void registerBrowserMethods(rpc::MethodRegistry& registry, BrowserService& service,
                            boost::asio::io_context& io) {
  registry.add(
      {.name = "browser.request",
       .scope = protocol::scopes::kAdmin,
       .paramsSchema = "BrowserRequestParams",
       .handler = [&service, &io](const rpc::MethodCall& call, const rpc::Responder& respond) {
         service.handle(browserRequestFromParams(call.params), [&io,
                                                                respond](BrowserResponse response) {
           boost::asio::post(io, [respond, response = std::move(response)] {
             if (response.status < 400) return respond.ok(response.body);
             const std::string message = response.body.value("error", std::string("browser error"));
             json details = {{"status", response.status}};
             if (response.body.contains("reason")) {
               details["reason"] = response.body["reason"];
             }
             protocol::GatewayError error =
                 response.status < 500 ? protocol::GatewayError::invalidRequest(message, details)
                                       : protocol::GatewayError::unavailable(message, std::nullopt);
             error.details = details;
             respond.fail(error);
           });
         });
       }});
}

}  // namespace openclaw::browser
