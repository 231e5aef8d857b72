#include "auth/device_identity.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "auth/base64url.h"
#include "auth/device_auth.h"
#include "auth/device_auth_payload.h"
#include "temp_dir.h"

namespace openclaw::auth {
namespace {

TEST(Base64Url, EncodesWithoutPadding) {
  EXPECT_EQ(base64UrlEncode(""), "");
  EXPECT_EQ(base64UrlEncode("f"), "Zg");
  EXPECT_EQ(base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Base64Url, DecodesBothAlphabetsAndPadding) {
  EXPECT_EQ(base64UrlDecode("Zm9vYg"), "foob");
  EXPECT_EQ(base64UrlDecode("Zm9vYg=="), "foob");
  EXPECT_EQ(base64UrlDecode("-_8"), "\xfb\xff");
  EXPECT_EQ(base64UrlDecode("+/8="), "\xfb\xff");
  EXPECT_EQ(base64UrlDecode("Z"), std::nullopt);
  EXPECT_EQ(base64UrlDecode("Zm9v!"), std::nullopt);
}

TEST(Sha256Hex, KnownAnswer) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

std::string fromHex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

// RFC 8032 section 7.1, test 2: a known key, message and signature.
TEST(Ed25519, VerifiesRfc8032Vector) {
  const std::string publicKey =
      fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
  const std::string signature = fromHex(
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
      "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  EXPECT_TRUE(verifyEd25519(publicKey, "\x72", signature));
  EXPECT_FALSE(verifyEd25519(publicKey, "\x73", signature));
}

TEST(DeviceIdentity, SignsAndVerifies) {
  const DeviceIdentity identity = DeviceIdentity::generate();
  ASSERT_EQ(identity.publicKeyRaw().size(), 32u);
  EXPECT_EQ(identity.deviceId(), sha256Hex(identity.publicKeyRaw()));
  EXPECT_EQ(base64UrlDecode(identity.publicKeyBase64Url()), identity.publicKeyRaw());
  const std::string signature = identity.sign("payload");
  EXPECT_EQ(signature.size(), 64u);
  EXPECT_TRUE(verifyEd25519(identity.publicKeyRaw(), "payload", signature));
}

TEST(DeviceIdentity, TamperingFailsVerification) {
  const DeviceIdentity identity = DeviceIdentity::generate();
  std::string signature = identity.sign("payload");
  EXPECT_FALSE(verifyEd25519(identity.publicKeyRaw(), "payloaD", signature));
  EXPECT_FALSE(verifyEd25519(DeviceIdentity::generate().publicKeyRaw(), "payload", signature));
  signature[10] = static_cast<char>(signature[10] ^ 1);
  EXPECT_FALSE(verifyEd25519(identity.publicKeyRaw(), "payload", signature));
  EXPECT_FALSE(verifyEd25519("short", "payload", identity.sign("payload")));
  EXPECT_FALSE(verifyEd25519(identity.publicKeyRaw(), "payload", "short"));
}

TEST(DeviceIdentity, SavesPrivatelyAndReloadsTheSameKey) {
  testsupport::TempDir dir;
  const auto path = dir.path() / "identity" / "device.pem";
  EXPECT_FALSE(DeviceIdentity::load(path).has_value());
  const DeviceIdentity created = DeviceIdentity::loadOrCreate(path);
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  const DeviceIdentity reloaded = DeviceIdentity::loadOrCreate(path);
  EXPECT_EQ(reloaded.deviceId(), created.deviceId());
  EXPECT_TRUE(verifyEd25519(created.publicKeyRaw(), "m", reloaded.sign("m")));
}

TEST(DeviceIdentity, RejectsAFileThatIsNotAKey) {
  testsupport::TempDir dir;
  const auto path = dir.path() / "device.pem";
  dir.write("device.pem", "not a key");
  EXPECT_THROW(DeviceIdentity::load(path), std::runtime_error);
}

DeviceAuthFields sampleFields() {
  DeviceAuthFields fields;
  fields.deviceId = "dev1";
  fields.clientId = "cli";
  fields.clientMode = "cli";
  fields.role = "operator";
  fields.scopes = {"operator.read", "operator.write"};
  fields.signedAtMs = 1700000000000;
  fields.token = "tok";
  fields.nonce = "n-1";
  fields.platform = " Linux ";
  fields.deviceFamily = "MacBookPro";
  return fields;
}

TEST(DeviceAuthPayload, BuildsV2AndV3) {
  EXPECT_EQ(deviceAuthPayloadV2(sampleFields()),
            "v2|dev1|cli|cli|operator|operator.read,operator.write|1700000000000|tok|n-1");
  EXPECT_EQ(deviceAuthPayloadV3(sampleFields()),
            "v3|dev1|cli|cli|operator|operator.read,operator.write|1700000000000|tok|n-1|linux|"
            "macbookpro");
  DeviceAuthFields bare = sampleFields();
  bare.scopes.clear();
  bare.token.clear();
  bare.platform.clear();
  bare.deviceFamily = "   ";
  EXPECT_EQ(deviceAuthPayloadV3(bare), "v3|dev1|cli|cli|operator||1700000000000||n-1||");
}

TEST(DeviceAuthPayload, TokenSlotPrefersSharedThenDeviceThenBootstrap) {
  using nlohmann::json;
  EXPECT_EQ(deviceAuthTokenSlot(json::object()), "");
  EXPECT_EQ(deviceAuthTokenSlot(nullptr), "");
  EXPECT_EQ(deviceAuthTokenSlot({{"bootstrapToken", "b"}}), "b");
  EXPECT_EQ(deviceAuthTokenSlot({{"bootstrapToken", "b"}, {"deviceToken", "d"}}), "d");
  EXPECT_EQ(deviceAuthTokenSlot({{"token", "t"}, {"deviceToken", "d"}}), "t");
  EXPECT_EQ(deviceAuthTokenSlot({{"password", "p"}}), "");
}

nlohmann::json connectParams() {
  return {{"client", {{"id", "cli"}, {"mode", "cli"}, {"platform", "Linux"}}},
          {"role", "operator"},
          {"scopes", {"operator.read"}},
          {"auth", {{"token", "t"}}}};
}

std::optional<std::string> proofCode(const nlohmann::json& params, std::int64_t nowMs) {
  const auto proof = verifyDeviceProof(params, "nonce-1", nowMs);
  if (proof) return std::nullopt;
  return proof.error().details.at("code").get<std::string>();
}

TEST(DeviceProof, SignedProofVerifies) {
  const DeviceIdentity identity = DeviceIdentity::generate();
  nlohmann::json params = connectParams();
  params["device"] = signDeviceProof(identity, params, "nonce-1", 1'000'000);
  EXPECT_EQ(proofCode(params, 1'000'000), std::nullopt);
  EXPECT_EQ(proofCode(params, 1'000'000 + kDeviceSignatureSkewMs), std::nullopt);
  EXPECT_EQ(proofCode(params, 1'000'000 + kDeviceSignatureSkewMs + 1),
            "DEVICE_AUTH_SIGNATURE_EXPIRED");
}

TEST(DeviceProof, LegacyV2SignatureIsAccepted) {
  const DeviceIdentity identity = DeviceIdentity::generate();
  nlohmann::json params = connectParams();
  DeviceAuthFields fields;
  fields.deviceId = identity.deviceId();
  fields.clientId = "cli";
  fields.clientMode = "cli";
  fields.role = "operator";
  fields.scopes = {"operator.read"};
  fields.signedAtMs = 5000;
  fields.token = "t";
  fields.nonce = "nonce-1";
  params["device"] = {{"id", identity.deviceId()},
                      {"publicKey", identity.publicKeyBase64Url()},
                      {"signature", base64UrlEncode(identity.sign(deviceAuthPayloadV2(fields)))},
                      {"signedAt", 5000},
                      {"nonce", "nonce-1"}};
  EXPECT_EQ(proofCode(params, 5000), std::nullopt);
}

TEST(DeviceProof, SignatureCoversRoleScopesAndToken) {
  const DeviceIdentity identity = DeviceIdentity::generate();
  const nlohmann::json signedParams = connectParams();
  const nlohmann::json device = signDeviceProof(identity, signedParams, "nonce-1", 5000);
  for (const auto& [key, value] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"role", "node"}, {"scopes", {"operator.admin"}}, {"auth", {{"token", "other"}}}}) {
    nlohmann::json params = signedParams;
    params[key] = value;
    params["device"] = device;
    EXPECT_EQ(proofCode(params, 5000), "DEVICE_AUTH_SIGNATURE_INVALID") << key;
  }
  nlohmann::json otherNonce = signedParams;
  otherNonce["device"] = signDeviceProof(identity, signedParams, "nonce-2", 5000);
  EXPECT_EQ(proofCode(otherNonce, 5000), "DEVICE_AUTH_NONCE_MISMATCH");
}

}  // namespace
}  // namespace openclaw::auth
