#include "auth/device_identity.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "auth/base64url.h"
#include "core/digest.h"
#include "core/files.h"

namespace openclaw::auth {
namespace {

constexpr std::size_t kPublicKeyBytes = 32;
constexpr std::size_t kSignatureBytes = 64;

const unsigned char* bytesOf(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

struct MdContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using MdContext = std::unique_ptr<EVP_MD_CTX, MdContextFree>;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

std::string rawPublicKeyOf(EVP_PKEY* key) {
  std::string raw(kPublicKeyBytes, '\0');
  std::size_t length = raw.size();
  if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &length) !=
          1 ||
      length != kPublicKeyBytes) {
    throw std::runtime_error("cannot read the Ed25519 public key");
  }
  return raw;
}

}  // namespace

std::string sha256Hex(std::string_view bytes) { return core::sha256Hex(bytes); }

std::string deviceIdForPublicKey(std::string_view rawPublicKey) { return sha256Hex(rawPublicKey); }

bool verifyEd25519(std::string_view rawPublicKey, std::string_view message,
                   std::string_view signature) {
  if (rawPublicKey.size() != kPublicKeyBytes || signature.size() != kSignatureBytes) return false;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytesOf(rawPublicKey),
                                  rawPublicKey.size()),
      &EVP_PKEY_free);
  MdContext context(EVP_MD_CTX_new());
  if (!key || !context ||
      EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    return false;
  }
  return EVP_DigestVerify(context.get(), bytesOf(signature), signature.size(), bytesOf(message),
                          message.size()) == 1;
}

void DeviceIdentity::KeyFree::operator()(evp_pkey_st* key) const { EVP_PKEY_free(key); }

DeviceIdentity::DeviceIdentity(evp_pkey_st* key) : key_(key), publicKeyRaw_(rawPublicKeyOf(key)) {}

DeviceIdentity DeviceIdentity::generate() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (key == nullptr) throw std::runtime_error("cannot generate an Ed25519 key");
  return DeviceIdentity(key);
}

std::optional<DeviceIdentity> DeviceIdentity::load(const std::filesystem::path& path) {
  const std::optional<std::string> pem = core::readFile(path);
  if (!pem) return std::nullopt;
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  EVP_PKEY* key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    throw std::runtime_error(path.string() + " is not an Ed25519 private key");
  }
  return DeviceIdentity(key);
}

DeviceIdentity DeviceIdentity::loadOrCreate(const std::filesystem::path& path) {
  if (auto existing = load(path)) return std::move(*existing);
  DeviceIdentity created = generate();
  created.save(path);
  return created;
}

void DeviceIdentity::save(const std::filesystem::path& path) const {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("cannot encode the device key");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  core::writeFileAtomic(path, std::string(data, static_cast<std::size_t>(length)));
}

std::string DeviceIdentity::publicKeyBase64Url() const { return base64UrlEncode(publicKeyRaw_); }

std::string DeviceIdentity::sign(std::string_view message) const {
  MdContext context(EVP_MD_CTX_new());
  std::string signature(kSignatureBytes, '\0');
  std::size_t length = signature.size();
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     bytesOf(message), message.size()) != 1) {
    throw std::runtime_error("cannot sign with the device key");
  }
  return signature;
}

}  // namespace openclaw::auth
