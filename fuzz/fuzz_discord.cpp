// libFuzzer target: the Discord channel's inbound path — a Gateway text message through
// parseGatewayPayload, then, as the account would, the thread directory (GUILD_CREATE,
// THREAD_CREATE) and parseMessageCreate on its `d`.
#include <cstddef>
#include <cstdint>
#include <string>

#include "channels/discord/discord_gateway_payload.h"
#include "channels/discord/discord_messages.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace openclaw::channels::discord;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto payload = parseGatewayPayload(text);
  if (!payload) return 0;
  ThreadDirectory threads;
  threads.rememberAll(payload->d);
  threads.remember(payload->d);
  const BotIdentity bot{"900", "bot"};
  for (const bool allowBots : {false, true}) {
    if (auto parsed = parseMessageCreate(payload->d, bot, threads, allowBots, "default")) {
      (void)parsed->inbound.text.size();
    }
  }
  return 0;
}
