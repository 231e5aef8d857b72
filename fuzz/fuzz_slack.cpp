// libFuzzer target: the Slack channel's inbound parsers. The input is read three ways: as a
// Socket Mode frame (parseEnvelope, then the events_api payload's event through
// messageFromEvent), as an Events API body (callbackEvent, messageFromEvent) and as a signed
// request (the first two lines are the signature and timestamp headers, the rest the body,
// through checkSlackSignature). Contract: no crash, sanitizer report or exception; a mapped
// message has the ids its dedupe key needs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "channels/slack/slack_events.h"
#include "channels/slack/slack_signature.h"
#include "core/bounded_json.h"

namespace {

using namespace openclaw::channels::slack;

void mapEvent(const nlohmann::json& body) {
  const nlohmann::json* event = callbackEvent(body);
  if (!event) return;
  const auto message = messageFromEvent(*event, "UBOT", "default");
  if (message && (message->inbound.chatId.empty() || message->inbound.messageId.empty() ||
                  message->inbound.senderId.empty())) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const auto envelope = parseEnvelope(text)) {
    mapEvent(envelope->payload);
    (void)envelopeAck(envelope->envelopeId);
  }
  mapEvent(openclaw::core::parseJsonOrDiscarded(text));

  const std::string_view view(text);
  const auto first = view.find('\n');
  const auto second = first == std::string_view::npos ? first : view.find('\n', first + 1);
  if (second != std::string_view::npos) {
    (void)checkSlackSignature("fuzz-secret", view.substr(0, first),
                              view.substr(first + 1, second - first - 1), view.substr(second + 1),
                              1'700'000'000);
  }
  return 0;
}
