// Certificate pins: the forms users paste are all read as upstream's 64 lower-case hex digits,
// and a certificate's pin is the SHA-256 of its DER encoding (what `openssl x509 -fingerprint
// -sha256` prints).
#include "net/tls_fingerprint.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "temp_dir.h"

namespace openclaw::net {
namespace {

// Made with `openssl req -x509 -newkey ec ...`; `openssl x509 -noout -fingerprint -sha256`
// printed kOpensslFingerprint for it.
constexpr char kCertificate[] = R"(-----BEGIN CERTIFICATE-----
MIIBizCCATGgAwIBAgIUOcMYjiiTKkYL/78HRtqdcdPblW0wCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQZmluZ2VycHJpbnQtdGVzdDAeFw0yNjEyMDcwNzA5MDhaFw0z
NjEyMDQwNzA5MDhaMBsxGTAXBgNVBAMMEGZpbmdlcnByaW50LXRlc3QwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAASt28vy2NGGpqFDWy0FTx8Ow9rfvWG53eoc4E0q
QEZOwITCIkbCDFhsJA9hXiyZAZzzUXmpM1mcuiNc8+R3RlfSo1MwUTAdBgNVHQ4E
FgQUTLdVCg63VTsSbEgIDnqqLB02G6swHwYDVR0jBBgwFoAUTLdVCg63VTsSbEgI
DnqqLB02G6swDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAq2id
8ND4fCzVamalNV51Hpg+JKtQWm3h8q1SKz1ZHe4CIARb2jt8TfCjmEe7RNJNw5wv
avxmHVnDkg3PhVRQ/P1W
-----END CERTIFICATE-----
)";
constexpr char kOpensslFingerprint[] =
    "E1:C4:E4:18:36:7D:45:9D:60:0B:BF:9E:E5:F4:E2:39:51:99:F1:4F:DC:78:5D:BA:8B:CF:9E:4A:00:9E:5D:"
    "A6";
constexpr char kPin[] = "e1c4e418367d459d600bbf9ee5f4e2395199f14fdc785dba8bcf9e4a009e5da6";

TEST(TlsFingerprint, ReadsEveryFormUsersPaste) {
  EXPECT_EQ(normalizeTlsFingerprint(kPin), kPin);
  EXPECT_EQ(normalizeTlsFingerprint(kOpensslFingerprint), kPin);
  EXPECT_EQ(normalizeTlsFingerprint(std::string("sha256:") + kOpensslFingerprint), kPin);
  EXPECT_EQ(normalizeTlsFingerprint(std::string("  SHA256:") + kPin + "\n"), kPin);
}

TEST(TlsFingerprint, RefusesWhatIsNotASha256) {
  EXPECT_EQ(normalizeTlsFingerprint(""), std::nullopt);
  EXPECT_EQ(normalizeTlsFingerprint("sha256:"), std::nullopt);
  EXPECT_EQ(normalizeTlsFingerprint(std::string(kPin).substr(1)), std::nullopt);  // 63 digits
  EXPECT_EQ(normalizeTlsFingerprint(std::string(kPin) + "0"), std::nullopt);
  EXPECT_EQ(normalizeTlsFingerprint(std::string(kPin).replace(5, 1, "g")), std::nullopt);
  // A SHA-1 fingerprint is 20 pairs: not a pin.
  EXPECT_EQ(normalizeTlsFingerprint("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01"),
            std::nullopt);
  std::string misplacedColon = kOpensslFingerprint;
  std::swap(misplacedColon[2], misplacedColon[3]);
  EXPECT_EQ(normalizeTlsFingerprint(misplacedColon), std::nullopt);
}

TEST(TlsFingerprint, PinsTheCertificateInAPemFile) {
  testsupport::TempDir dir;
  EXPECT_EQ(pemFileFingerprint(dir.write("cert.pem", kCertificate)), kPin);
}

TEST(TlsFingerprint, NamesTheFileItCannotRead) {
  testsupport::TempDir dir;
  try {
    pemFileFingerprint(dir.write("empty.pem", "not a certificate"));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("empty.pem"), std::string::npos) << error.what();
  }
  EXPECT_THROW(pemFileFingerprint(dir.path() / "missing.pem"), std::runtime_error);
}

}  // namespace
}  // namespace openclaw::net
