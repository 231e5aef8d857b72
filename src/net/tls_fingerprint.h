#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

using X509 = struct x509_st;

namespace openclaw::net {

// A certificate pin as upstream writes it: the SHA-256 of the DER-encoded leaf certificate as
// 64 lower-case hex digits. Accepts that form, upper case, colon-separated pairs
// ("AB:CD:..."), and an optional "sha256:" prefix; anything else is nullopt.
std::optional<std::string> normalizeTlsFingerprint(std::string_view text);

// The pin of `certificate` (64 lower-case hex digits).
std::string certificateFingerprint(X509* certificate);

// The pin of the first certificate in the PEM file at `path`. Throws std::runtime_error naming
// the file when it cannot be read or holds no certificate.
std::string pemFileFingerprint(const std::filesystem::path& path);

}  // namespace openclaw::net
