#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace openclaw::testsupport {

// A certificate and its private key, PEM, made by the tests with OpenSSL (EC P-256, SHA-256).
struct TestCertificate {
  std::string certificatePem;
  std::string keyPem;
  std::string fingerprint;  // SHA-256 of the DER certificate, 64 lower-case hex digits

  // Writes <dir>/<name>-cert.pem and <dir>/<name>-key.pem (0600); returns {cert, key} paths.
  std::pair<std::filesystem::path, std::filesystem::path> write(const std::filesystem::path& dir,
                                                                const std::string& name) const;
};

struct CertificateSpec {
  std::string commonName = "localhost";
  // subjectAltName entries: "DNS:localhost", "IP:127.0.0.1", ...
  std::vector<std::string> altNames = {"DNS:localhost", "IP:127.0.0.1"};
  // Validity relative to now; a negative notAfter makes an expired certificate.
  std::chrono::hours notBefore{-1};
  std::chrono::hours notAfter{24 * 30};
};

// A test certificate authority: a self-signed CA certificate that signs leaves.
class TestCa {
 public:
  TestCa();
  const TestCertificate& certificate() const { return ca_; }
  // A leaf certificate for `spec`, signed by this CA.
  TestCertificate issue(const CertificateSpec& spec = {}) const;

 private:
  TestCertificate ca_;
};

// A self-signed leaf certificate for `spec`.
TestCertificate selfSignedCertificate(const CertificateSpec& spec = {});

// A self-signed leaf certificate that expired an hour ago.
TestCertificate expiredCertificate();

}  // namespace openclaw::testsupport
