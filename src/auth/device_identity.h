#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace openclaw::auth {

// Lowercase hex SHA-256 of `bytes` (device ids; device-token hashes).
std::string sha256Hex(std::string_view bytes);

// A device's id: the lowercase hex SHA-256 of its raw 32-byte Ed25519 public key.
std::string deviceIdForPublicKey(std::string_view rawPublicKey);

// True when `signature` (64 raw bytes) is a valid Ed25519 signature of `message` under the raw
// 32-byte `rawPublicKey`. False for malformed keys or signatures too.
bool verifyEd25519(std::string_view rawPublicKey, std::string_view message,
                   std::string_view signature);

// An Ed25519 key pair that identifies one device (a CLI install, a node host, a test client).
class DeviceIdentity {
 public:
  static DeviceIdentity generate();
  // The key stored at `path` (PKCS#8 PEM); nullopt when the file does not exist. Throws
  // std::runtime_error when it exists but is not an Ed25519 private key.
  static std::optional<DeviceIdentity> load(const std::filesystem::path& path);
  // The key at `path`, or a new one saved there.
  static DeviceIdentity loadOrCreate(const std::filesystem::path& path);

  // Writes the private key (PKCS#8 PEM) atomically, file mode 0600.
  void save(const std::filesystem::path& path) const;

  const std::string& publicKeyRaw() const { return publicKeyRaw_; }
  std::string publicKeyBase64Url() const;
  std::string deviceId() const { return deviceIdForPublicKey(publicKeyRaw_); }

  // The 64-byte Ed25519 signature of `message`.
  std::string sign(std::string_view message) const;

 private:
  struct KeyFree {
    void operator()(evp_pkey_st* key) const;
  };
  explicit DeviceIdentity(evp_pkey_st* key);

  std::unique_ptr<evp_pkey_st, KeyFree> key_;
  std::string publicKeyRaw_;
};

}  // namespace openclaw::auth
