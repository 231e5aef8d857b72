#include "tls_test_certs.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "net/tls_fingerprint.h"

namespace openclaw::testsupport {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

void require(bool ok, const char* step) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + step + " failed");
}

Key parseKey(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  require(key != nullptr, "parse key");
  return key;
}

Cert parseCertificate(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Cert certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  require(certificate != nullptr, "parse certificate");
  return certificate;
}

void addExtension(X509* certificate, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  require(extension != nullptr, "extension");
  require(X509_add_ext(certificate, extension, -1) == 1, "add extension");
  X509_EXTENSION_free(extension);
}

std::string pemOf(X509* certificate) {
  Bio out(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_X509(out.get(), certificate) == 1, "write certificate");
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string pemOf(EVP_PKEY* key) {
  Bio out(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "write key");
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// A certificate for `spec`; signed by `issuer` (CA certificate and key) or self-signed.
TestCertificate make(const CertificateSpec& spec, bool isCa, const TestCertificate* issuer) {
  Key key(EVP_EC_gen("P-256"));
  require(key != nullptr, "key");
  Cert certificate(X509_new());
  require(X509_set_version(certificate.get(), 2) == 1, "version");
  static long serial = 1;
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), spec.notBefore.count() * 3600);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), spec.notAfter.count() * 3600);
  require(X509_set_pubkey(certificate.get(), key.get()) == 1, "public key");
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(spec.commonName.c_str()), -1,
                             -1, 0);
  Cert issuerCertificate = issuer ? parseCertificate(issuer->certificatePem) : nullptr;
  X509* signer = issuer ? issuerCertificate.get() : certificate.get();
  require(X509_set_issuer_name(certificate.get(), X509_get_subject_name(signer)) == 1, "issuer");
  addExtension(certificate.get(), signer, NID_basic_constraints,
               isCa ? "critical,CA:TRUE" : "critical,CA:FALSE");
  addExtension(certificate.get(), signer, NID_key_usage,
               isCa ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  addExtension(certificate.get(), signer, NID_subject_key_identifier, "hash");
  if (!isCa) addExtension(certificate.get(), signer, NID_ext_key_usage, "serverAuth");
  std::string altNames;
  for (const std::string& entry : spec.altNames) altNames += (altNames.empty() ? "" : ",") + entry;
  if (!altNames.empty()) {
    addExtension(certificate.get(), signer, NID_subject_alt_name, altNames);
  }
  Key issuerKey = issuer ? parseKey(issuer->keyPem) : nullptr;
  require(X509_sign(certificate.get(), issuer ? issuerKey.get() : key.get(), EVP_sha256()) > 0,
          "sign");
  return {pemOf(certificate.get()), pemOf(key.get()),
          net::certificateFingerprint(certificate.get())};
}

}  // namespace

std::pair<std::filesystem::path, std::filesystem::path> TestCertificate::write(
    const std::filesystem::path& dir, const std::string& name) const {
  std::filesystem::create_directories(dir);
  const auto certificatePath = dir / (name + "-cert.pem");
  const auto keyPath = dir / (name + "-key.pem");
  std::ofstream(certificatePath, std::ios::binary | std::ios::trunc) << certificatePem;
  std::ofstream(keyPath, std::ios::binary | std::ios::trunc) << keyPem;
  std::filesystem::permissions(
      keyPath, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return {certificatePath, keyPath};
}

TestCa::TestCa() {
  CertificateSpec spec;
  spec.commonName = "openclaw test CA";
  spec.altNames = {};
  ca_ = make(spec, true, nullptr);
}

TestCertificate TestCa::issue(const CertificateSpec& spec) const { return make(spec, false, &ca_); }

TestCertificate selfSignedCertificate(const CertificateSpec& spec) {
  return make(spec, false, nullptr);
}

TestCertificate expiredCertificate() {
  CertificateSpec spec;
  spec.notBefore = std::chrono::hours(-48);
  spec.notAfter = std::chrono::hours(-1);
  return make(spec, false, nullptr);
}

}  // namespace openclaw::testsupport
