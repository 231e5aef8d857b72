// libFuzzer target: the Signal channel's inbound path on arbitrary bytes — the SSE framing of
// signal-cli's event stream (SseParser, fed in pieces whose sizes come from the first byte), each
// event's data through the bounded JSON parser and inboundFromEvent.
// Contract: no crash, sanitizer report or exception; an event's data never exceeds the bound;
// a parsed message always has a sender, a chat and a message id.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "channels/signal/signal_envelope.h"
#include "channels/signal/sse_parser.h"
#include "core/bounded_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace openclaw::channels::signal;
  if (size == 0) return 0;
  const std::size_t step = 1 + data[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  constexpr std::size_t kBound = 4096;
  SseParser parser(kBound);
  const SignalIdentity self{"+15550009999", "bbbbbbbb-0000-4000-8000-000000000000"};
  for (std::size_t at = 0; at < text.size(); at += step) {
    for (const SseEvent& event : parser.feed(text.substr(at, step))) {
      if (event.data.size() > kBound) __builtin_trap();
      const auto parsed = openclaw::core::parseBoundedJson(event.data);
      if (!parsed.ok()) continue;
      const auto inbound = inboundFromEvent(parsed.value, self, "default");
      if (inbound && (inbound->message.senderId.empty() || inbound->message.chatId.empty() ||
                      inbound->message.messageId.empty())) {
        __builtin_trap();
      }
      if (inbound) (void)targetParams(inbound->message.chatId);
    }
  }
  return 0;
}
