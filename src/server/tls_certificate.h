#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/tls_settings.h"

namespace boost::asio::ssl {
class context;
}

namespace openclaw::server {

// A TLS setup that cannot serve: missing, unreadable or mismatched files. what() names the files.
class TlsSetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A server context built from the configured files, ready for new handshakes.
struct ServerTlsContext {
  std::shared_ptr<boost::asio::ssl::context> context;
  std::string fingerprint;  // SHA-256 of the leaf certificate's DER, 64 lower-case hex digits
  std::string notAfter;     // the leaf's expiry, as OpenSSL prints it
  bool expired = false;     // notAfter has passed (still served; the caller warns)
};

// What ensureTlsFiles did.
enum class TlsFilesOutcome { Present, Generated };

// Makes sure settings.certPath and settings.keyPath exist. When both are missing and
// autoGenerate is on, generates a self-signed pair in-process (EC P-256, SHA-256, ten years,
// CN=openclaw-gateway, SAN localhost, 127.0.0.1, ::1 and each of `hosts` that is a specific
// address), written atomically: the key 0600, the certificate 0600, directories 0700. A partial
// pair, or missing files without autoGenerate, throws TlsSetupError naming the missing file.
// Blocking file I/O: call off the event loop once the gateway serves.
TlsFilesOutcome ensureTlsFiles(const config::TlsSettings& settings,
                               const std::vector<std::string>& hosts);

// Reads the files and builds a server context: TLS 1.2 and later only, ECDHE with AEAD ciphers
// in the server's order, no compression, no renegotiation, ALPN "http/1.1" selected when
// offered. The certificate file may hold a chain; caPath's certificates are sent after it.
// Throws TlsSetupError for an unreadable file, a file without a certificate or key, or a key
// that does not match the certificate. Blocking file I/O.
ServerTlsContext loadServerTlsContext(const config::TlsSettings& settings);

}  // namespace openclaw::server
