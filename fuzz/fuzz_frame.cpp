// libFuzzer target: the inbound text-frame path of the gateway — nlohmann::json::parse without
// exceptions, then the protocol schema checks the control plane applies (RequestFrame, then
// ConnectParams / SystemEventParams on `params`).
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/protocol_schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json frame = nlohmann::json::parse(text, nullptr, false);
  if (frame.is_discarded()) return 0;
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
