#include "server/tls_certificate.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <boost/asio/ssl/context.hpp>
#include <functional>

#include "net/tls_fingerprint.h"
#include "temp_dir.h"
#include "tls_test_certs.h"

namespace openclaw::server {
namespace {

namespace fs = std::filesystem;

config::TlsSettings settingsIn(const fs::path& dir) {
  config::TlsSettings tls;
  tls.enabled = true;
  tls.certPath = dir / "tls" / "gateway-cert.pem";
  tls.keyPath = dir / "tls" / "gateway-key.pem";
  return tls;
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const TlsSetupError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no TlsSetupError";
  return "";
}

unsigned modeOf(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

TEST(TlsCertificate, GeneratesAnOwnerOnlySelfSignedPairForTheBindHosts) {
  const testsupport::TempDir dir;
  const config::TlsSettings tls = settingsIn(dir.path());
  EXPECT_EQ(ensureTlsFiles(tls, {"192.0.2.7", "0.0.0.0"}), TlsFilesOutcome::Generated);
  EXPECT_EQ(modeOf(tls.keyPath), 0600u);
  EXPECT_EQ(modeOf(tls.certPath), 0600u);
  EXPECT_EQ(modeOf(tls.certPath.parent_path()), 0700u);

  const ServerTlsContext loaded = loadServerTlsContext(tls);
  EXPECT_EQ(loaded.fingerprint, net::pemFileFingerprint(tls.certPath));
  EXPECT_FALSE(loaded.expired);
  X509* leaf = SSL_CTX_get0_certificate(loaded.context->native_handle());
  EXPECT_EQ(X509_check_host(leaf, "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(leaf, "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(leaf, "::1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(leaf, "192.0.2.7", 0), 1);
  EXPECT_NE(X509_check_ip_asc(leaf, "0.0.0.0", 0), 1);
  EXPECT_EQ(SSL_CTX_get_min_proto_version(loaded.context->native_handle()), TLS1_2_VERSION);

  // Present files are left alone.
  EXPECT_EQ(ensureTlsFiles(tls, {}), TlsFilesOutcome::Present);
  EXPECT_EQ(net::pemFileFingerprint(tls.certPath), loaded.fingerprint);
}

TEST(TlsCertificate, PartialPairOrNoAutoGenerateNamesTheMissingFile) {
  const testsupport::TempDir dir;
  config::TlsSettings tls = settingsIn(dir.path());
  tls.autoGenerate = false;
  EXPECT_NE(errorOf([&] { ensureTlsFiles(tls, {}); }).find(tls.certPath.string() + " is missing"),
            std::string::npos);

  tls.autoGenerate = true;
  const auto [cert, key] =
      testsupport::selfSignedCertificate().write(tls.certPath.parent_path(), "gateway");
  fs::remove(key);
  const std::string error = errorOf([&] { ensureTlsFiles(tls, {}); });
  EXPECT_NE(error.find(key.string() + " is missing"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(key));
}

TEST(TlsCertificate, MismatchedOrUnparseableFilesAreClearErrors) {
  const testsupport::TempDir dir;
  const config::TlsSettings tls = settingsIn(dir.path());
  const auto first = testsupport::selfSignedCertificate();
  first.write(tls.certPath.parent_path(), "gateway");
  dir.write("tls/gateway-key.pem", testsupport::selfSignedCertificate().keyPem);
  std::string error = errorOf([&] { loadServerTlsContext(tls); });
  EXPECT_NE(error.find("does not match"), std::string::npos) << error;
  EXPECT_NE(error.find(tls.keyPath.string()), std::string::npos) << error;
  EXPECT_NE(error.find(tls.certPath.string()), std::string::npos) << error;

  dir.write("tls/gateway-key.pem", first.keyPem);
  dir.write("tls/gateway-cert.pem", "not a certificate");
  error = errorOf([&] { loadServerTlsContext(tls); });
  EXPECT_NE(error.find("holds no PEM certificate"), std::string::npos) << error;

  dir.write("tls/gateway-cert.pem", first.certificatePem);
  dir.write("tls/gateway-key.pem",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  error = errorOf([&] { loadServerTlsContext(tls); });
  EXPECT_NE(error.find("holds no unencrypted PEM private key"), std::string::npos) << error;

  config::TlsSettings withCa = tls;
  dir.write("tls/gateway-key.pem", first.keyPem);
  withCa.caPath = dir.write("ca.pem", "nothing here");
  error = errorOf([&] { loadServerTlsContext(withCa); });
  EXPECT_NE(error.find("CA file"), std::string::npos) << error;
}

TEST(TlsCertificate, ExpiredCertificateLoadsMarkedExpired) {
  const testsupport::TempDir dir;
  const config::TlsSettings tls = settingsIn(dir.path());
  testsupport::expiredCertificate().write(tls.certPath.parent_path(), "gateway");
  const ServerTlsContext loaded = loadServerTlsContext(tls);
  EXPECT_TRUE(loaded.expired);
  EXPECT_FALSE(loaded.notAfter.empty());
}

}  // namespace
}  // namespace openclaw::server
