// https verifies the server: a self-signed certificate is refused before any request is sent.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <thread>

#include "net/http_client.h"

namespace openclaw::net {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// A throwaway P-256 key and a self-signed certificate for CN=127.0.0.1, installed in `context`.
void useSelfSignedCertificate(asio::ssl::context& context) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  X509* certificate = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME* name = X509_get_subject_name(certificate);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(certificate, name);
  ASSERT_GT(X509_sign(certificate, key, EVP_sha256()), 0);
  ASSERT_EQ(SSL_CTX_use_certificate(context.native_handle(), certificate), 1);
  ASSERT_EQ(SSL_CTX_use_PrivateKey(context.native_handle(), key), 1);
  X509_free(certificate);
  EVP_PKEY_free(key);
}

asio::awaitable<void> awaitHead(std::shared_ptr<HttpExchange> exchange, bool* headSeen,
                                std::optional<HttpError>* error) {
  try {
    co_await exchange->head();
    *headSeen = true;
  } catch (const HttpFailure& failure) {
    *error = failure.error();
  }
}

TEST(ProviderHttpClient, RefusesAnUntrustedCertificate) {
  asio::io_context serverIo;
  asio::ssl::context serverTls(asio::ssl::context::tls_server);
  useSelfSignedCertificate(serverTls);
  asio::ip::tcp::acceptor acceptor(serverIo, {asio::ip::make_address("127.0.0.1"), 0});
  const unsigned short port = acceptor.local_endpoint().port();
  std::thread server([&] {
    asio::ssl::stream<asio::ip::tcp::socket> stream(serverIo, serverTls);
    boost::system::error_code ec;
    acceptor.accept(stream.next_layer(), ec);
    if (!ec) stream.handshake(asio::ssl::stream_base::server, ec);  // fails: the client aborts
  });

  asio::io_context io;
  HttpClient client(io);
  HttpRequest request;
  request.url = "https://127.0.0.1:" + std::to_string(port) + "/v1/messages";
  std::optional<HttpError> error;
  bool headSeen = false;
  asio::co_spawn(io, awaitHead(client.start(request), &headSeen, &error), asio::detached);
  io.run_for(10s);  // returns as soon as the exchange has ended
  server.join();
  ASSERT_TRUE(error);
  EXPECT_FALSE(headSeen);
  EXPECT_EQ(error->kind, HttpError::Kind::Connect);
  EXPECT_NE(error->message.find("TLS handshake failed"), std::string::npos) << error->message;
}

}  // namespace
}  // namespace openclaw::net
