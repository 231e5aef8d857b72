// libFuzzer target: the inbound text-frame path of the gateway — core::parseBoundedJson (what
// the control plane parses frames with), then the protocol schema checks the control plane
// applies (RequestFrame, then ConnectParams / SystemEventParams on `params`). A frame nested
// past the limit goes on with the part read before it, as the control plane reads its id.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/bounded_json.h"
#include "protocol/protocol_schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const openclaw::core::BoundedJson parsed = openclaw::core::parseBoundedJson(text);
  if (parsed.status == openclaw::core::JsonParseStatus::kMalformed) return 0;
  const nlohmann::json& frame = parsed.value;
  const auto& schema = openclaw::protocol::ProtocolSchema::instance();
  (void)schema.validate("RequestFrame", frame, "");
  const nlohmann::json params =
      frame.is_object() ? frame.value("params", nlohmann::json::object()) : frame;
  (void)schema.validate("ConnectParams", params, "params");
  (void)schema.validate("SystemEventParams", params, "params");
  // The whole frame as params too, so top-level inputs reach the params schemas directly.
  (void)schema.validate("ConnectParams", frame, "params");
  (void)schema.validate("SystemEventParams", frame, "params");
  return 0;
}
