#include "net/tls_fingerprint.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace openclaw::net {
namespace {

constexpr std::size_t kSha256Bytes = 32;

bool isHexDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::string lowerCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::optional<std::string> normalizeTlsFingerprint(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (text.size() >= 7 && lowerCase(std::string(text.substr(0, 7))) == "sha256:") {
    text.remove_prefix(7);
  }
  std::string digits;
  if (text.size() == 2 * kSha256Bytes) {
    digits = text;
  } else if (text.size() == 3 * kSha256Bytes - 1) {
    // "ab:cd:...": a colon after every pair but the last.
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i % 3 == 2) {
        if (text[i] != ':') return std::nullopt;
      } else {
        digits.push_back(text[i]);
      }
    }
  } else {
    return std::nullopt;
  }
  for (const char c : digits) {
    if (!isHexDigit(c)) return std::nullopt;
  }
  return lowerCase(std::move(digits));
}

std::string certificateFingerprint(X509* certificate) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (certificate == nullptr ||
      X509_digest(certificate, EVP_sha256(), digest.data(), &length) != 1) {
    throw std::runtime_error("cannot compute the certificate's SHA-256 fingerprint");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

std::string pemFileFingerprint(const std::filesystem::path& path) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) throw std::runtime_error("cannot read the certificate " + path.string());
  const std::unique_ptr<X509, void (*)(X509*)> certificate(
      PEM_read_X509(file.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!certificate) {
    throw std::runtime_error("no PEM certificate in " + path.string());
  }
  return certificateFingerprint(certificate.get());
}

}  // namespace openclaw::net
