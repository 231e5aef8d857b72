#include "net/tls_client_context.h"

namespace openclaw::net {

std::shared_ptr<boost::asio::ssl::context> makeTlsClientContext(const std::string& extraCaFile) {
  namespace ssl = boost::asio::ssl;
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  context->set_default_verify_paths();
  if (!extraCaFile.empty()) context->load_verify_file(extraCaFile);
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

}  // namespace openclaw::net
