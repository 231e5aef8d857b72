#include "channels/discord/discord_gateway_payload.h"

#include "core/bounded_json.h"
#include "core/json_fields.h"

namespace openclaw::channels::discord {

std::optional<GatewayPayload> parseGatewayPayload(std::string_view text) {
  const nlohmann::json parsed = core::parseJsonOrDiscarded(text);
  if (!parsed.is_object()) return std::nullopt;
  const auto opcode = parsed.find("op");
  if (opcode == parsed.end() || !opcode->is_number_integer()) return std::nullopt;
  GatewayPayload payload;
  const auto value = opcode->get<std::int64_t>();
  if (value < 0 || value > 64) return std::nullopt;
  payload.op = static_cast<int>(value);
  if (auto d = parsed.find("d"); d != parsed.end()) payload.d = *d;
  if (auto s = parsed.find("s"); s != parsed.end() && s->is_number_integer()) {
    payload.s = s->get<std::int64_t>();
  }
  payload.t = core::stringField(parsed, "t").value_or("");
  return payload;
}

std::string heartbeatPayload(std::optional<std::int64_t> lastSeq) {
  return nlohmann::json{{"op", op::kHeartbeat},
                        {"d", lastSeq ? nlohmann::json(*lastSeq) : nlohmann::json()}}
      .dump();
}

std::string identifyPayload(const std::string& token) {
  const nlohmann::json d = {
      {"token", token},
      {"intents", kIntents},
      {"properties", {{"os", "linux"}, {"browser", "openclaw"}, {"device", "openclaw"}}}};
  return core::compactJson({{"op", op::kIdentify}, {"d", d}});
}

std::string resumePayload(const std::string& token, const std::string& sessionId,
                          std::int64_t seq) {
  const nlohmann::json d = {{"token", token}, {"session_id", sessionId}, {"seq", seq}};
  return core::compactJson({{"op", op::kResume}, {"d", d}});
}

CloseAction closeAction(std::uint16_t code) {
  if (code == 4004 || (code >= 4010 && code <= 4014)) return CloseAction::Fatal;
  if (code == 4007 || code == 4009) return CloseAction::Reidentify;
  return CloseAction::Resume;
}

std::string closeReason(std::uint16_t code, const std::string& peerReason) {
  std::string what;
  switch (code) {
    case 4004:
      what = "authentication failed: check the bot token";
      break;
    case 4010:
      what = "invalid shard";
      break;
    case 4011:
      what = "sharding required";
      break;
    case 4012:
      what = "invalid API version";
      break;
    case 4013:
      what = "invalid intents";
      break;
    case 4014:
      what = "disallowed intents: enable the Message Content intent in the developer portal";
      break;
    default:
      what = peerReason.empty() ? "connection closed" : peerReason;
      break;
  }
  return "gateway closed (" + std::to_string(code) + "): " + what;
}

}  // namespace openclaw::channels::discord
