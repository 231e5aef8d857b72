#include "server/tls_certificate.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>

#include "core/files.h"
#include "net/tls_fingerprint.h"

namespace openclaw::server {
namespace {

namespace fs = std::filesystem;
namespace ssl = boost::asio::ssl;

// Certificate and key files are a few KiB; a chain with a CA bundle a few hundred at most.
constexpr std::uintmax_t kMaxPemFileBytes = 1024 * 1024;
constexpr long kValiditySeconds = 3650L * 24 * 3600;  // ten years, as upstream's generator
// TLS 1.2: forward secrecy and AEAD only, ECDSA before RSA, in this order (the server's choice).
// TLS 1.3 keeps OpenSSL's default suites, all of which qualify.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

// OpenSSL's most recent error, for messages; clears the queue.
std::string opensslError() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

[[noreturn]] void fail(const std::string& what) { throw TlsSetupError("gateway.tls: " + what); }

void check(int result, const char* step) {
  if (result <= 0)
    fail(std::string("cannot generate a certificate (") + step + "): " + opensslError());
}

std::string bioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

Bio memoryBio() { return Bio(BIO_new(BIO_s_mem())); }

Bio readOnlyBio(const std::string& text) {
  return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// The subjectAltName value: loopback names and addresses, plus each bind address that names
// this host specifically (not a wildcard).
std::string subjectAltNames(const std::vector<std::string>& hosts) {
  std::string names = "DNS:localhost,IP:127.0.0.1,IP:::1";
  for (const std::string& host : hosts) {
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(host, ec);
    if (ec) {
      names += ",DNS:" + host;
    } else if (!address.is_unspecified() && !address.is_loopback()) {
      names += ",IP:" + host;
    }
  }
  return names;
}

void addExtension(X509* certificate, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  if (!extension) fail("cannot build the " + value + " extension: " + opensslError());
  const int added = X509_add_ext(certificate, extension, -1);
  X509_EXTENSION_free(extension);
  check(added, "add extension");
}

// A self-signed certificate and its key, both PEM.
std::pair<std::string, std::string> generateSelfSigned(const std::vector<std::string>& hosts) {
  const Key key(EVP_EC_gen("P-256"));
  if (!key) fail("cannot generate an EC P-256 key: " + opensslError());
  const Cert certificate(X509_new());
  check(X509_set_version(certificate.get(), 2), "version");
  const Bignum serial(BN_new());
  check(BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), "serial");
  check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())) ? 1 : 0,
        "serial");
  // An hour of slack for clients whose clock is a little behind.
  check(X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600) ? 1 : 0, "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(certificate.get()), kValiditySeconds) ? 1 : 0,
        "notAfter");
  check(X509_set_pubkey(certificate.get(), key.get()), "public key");
  X509_NAME* name = X509_get_subject_name(certificate.get());
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("openclaw-gateway"), -1,
                                   -1, 0),
        "subject");
  check(X509_set_issuer_name(certificate.get(), name), "issuer");
  addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE");
  addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature");
  addExtension(certificate.get(), NID_ext_key_usage, "serverAuth");
  addExtension(certificate.get(), NID_subject_key_identifier, "hash");
  addExtension(certificate.get(), NID_subject_alt_name, subjectAltNames(hosts));
  check(X509_sign(certificate.get(), key.get(), EVP_sha256()), "sign");

  const Bio certificateOut = memoryBio();
  const Bio keyOut = memoryBio();
  check(PEM_write_bio_X509(certificateOut.get(), certificate.get()), "write certificate");
  check(PEM_write_bio_PrivateKey(keyOut.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr),
        "write key");
  return {bioText(certificateOut.get()), bioText(keyOut.get())};
}

std::string readPemFile(const fs::path& path, const char* key) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) fail("cannot read " + std::string(key) + " " + path.string() + ": " + ec.message());
  if (size > kMaxPemFileBytes) {
    fail(std::string(key) + " " + path.string() + " is over " + std::to_string(kMaxPemFileBytes) +
         " bytes; is it a PEM file?");
  }
  try {
    if (auto text = core::readFile(path)) return *text;
  } catch (const std::exception& error) {
    fail("cannot read " + std::string(key) + " " + path.string() + ": " + error.what());
  }
  fail(std::string(key) + " " + path.string() + " does not exist");
}

// Every certificate in a PEM text, in order.
std::vector<Cert> readCertificates(const std::string& pem) {
  const Bio bio = readOnlyBio(pem);
  std::vector<Cert> certificates;
  while (X509* next = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    certificates.emplace_back(next);
  }
  ERR_clear_error();  // the read past the last certificate
  return certificates;
}

// Selects "http/1.1" when the client offers it; otherwise no protocol is negotiated.
int selectHttp11(SSL*, const unsigned char** out, unsigned char* outLength, const unsigned char* in,
                 unsigned int inLength, void*) {
  static const unsigned char kHttp11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, outLength, kHttp11, sizeof kHttp11, in, inLength) !=
      OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_NOACK;
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

void harden(SSL_CTX* context) {
  SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
  SSL_CTX_set_options(
      context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_set_cipher_list(context, kTls12Ciphers) != 1) {
    fail("cannot set the cipher list: " + opensslError());
  }
  SSL_CTX_set_alpn_select_cb(context, selectHttp11, nullptr);
}

std::string timeText(const ASN1_TIME* time) {
  const Bio out = memoryBio();
  ASN1_TIME_print(out.get(), time);
  return bioText(out.get());
}

}  // namespace

TlsFilesOutcome ensureTlsFiles(const config::TlsSettings& settings,
                               const std::vector<std::string>& hosts) {
  const bool haveCert = fs::exists(settings.certPath);
  const bool haveKey = fs::exists(settings.keyPath);
  if (haveCert && haveKey) return TlsFilesOutcome::Present;
  if (haveCert || haveKey || !settings.autoGenerate) {
    const fs::path& missing = haveCert ? settings.keyPath : settings.certPath;
    const char* which = haveCert ? "key file (keyPath)" : "certificate file (certPath)";
    fail(std::string("the ") + which + " " + missing.string() + " is missing" +
         (haveCert || haveKey ? "; a partial pair is never completed automatically: restore it, "
                                "or remove both files to have a new self-signed pair generated"
                              : " and gateway.tls.autoGenerate is false"));
  }
  const auto [certificate, key] = generateSelfSigned(hosts);
  try {
    core::writeFileAtomic(settings.keyPath, key, fs::perms::owner_read | fs::perms::owner_write);
    core::writeFileAtomic(settings.certPath, certificate,
                          fs::perms::owner_read | fs::perms::owner_write);
  } catch (const std::exception& error) {
    fail(std::string("cannot write the generated certificate: ") + error.what());
  }
  return TlsFilesOutcome::Generated;
}

ServerTlsContext loadServerTlsContext(const config::TlsSettings& settings) {
  const std::string certificatePem = readPemFile(settings.certPath, "certificate file");
  const std::string keyPem = readPemFile(settings.keyPath, "key file");
  const std::string caPem = settings.caPath ? readPemFile(*settings.caPath, "CA file") : "";

  ServerTlsContext loaded;
  loaded.context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* context = loaded.context->native_handle();
  harden(context);

  std::vector<Cert> chain = readCertificates(certificatePem);
  if (chain.empty())
    fail("certificate file " + settings.certPath.string() + " holds no PEM certificate");
  if (SSL_CTX_use_certificate(context, chain.front().get()) != 1) {
    fail("cannot use the certificate in " + settings.certPath.string() + ": " + opensslError());
  }
  std::vector<Cert> extra = caPem.empty() ? std::vector<Cert>{} : readCertificates(caPem);
  if (settings.caPath && extra.empty()) {
    fail("CA file " + settings.caPath->string() + " holds no PEM certificate");
  }
  chain.erase(chain.begin());
  for (auto& certificate : extra) chain.push_back(std::move(certificate));
  for (const Cert& certificate : chain) {
    if (SSL_CTX_add1_chain_cert(context, certificate.get()) != 1) {
      fail("cannot add a chain certificate: " + opensslError());
    }
  }

  const Bio keyBio = readOnlyBio(keyPem);
  const Key key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
  if (!key) {
    ERR_clear_error();
    fail("key file " + settings.keyPath.string() +
         " holds no unencrypted PEM private key (encrypted keys are not supported)");
  }
  if (SSL_CTX_use_PrivateKey(context, key.get()) != 1 || SSL_CTX_check_private_key(context) != 1) {
    ERR_clear_error();
    fail("the private key in " + settings.keyPath.string() + " does not match the certificate in " +
         settings.certPath.string());
  }

  X509* leaf = SSL_CTX_get0_certificate(context);
  loaded.fingerprint = net::certificateFingerprint(leaf);
  loaded.notAfter = timeText(X509_get0_notAfter(leaf));
  loaded.expired = X509_cmp_current_time(X509_get0_notAfter(leaf)) < 0;
  return loaded;
}

}  // namespace openclaw::server
