#pragma once

#include <functional>
#include <string>

#include "channels/access_policy.h"
#include "channels/channel.h"
#include "channels/store/channel_store.h"
#include "core/awaitable.h"
#include "runs/run_manager.h"
#include "sessions/session_keys.h"

namespace openclaw::channels {

// The session an inbound message belongs to: direct messages by session.dmScope
// (sessions::directSessionKey), group messages one session per chat (and thread):
// "agent:<agentId>:<channel>:group:<chatId>[:thread:<threadId>]".
std::string inboundSessionKey(const InboundMessage& message, sessions::DmScope scope,
                              const std::string& agentId = sessions::kDefaultAgentId);

// What the agent is told for `message`: its text, then one line per attachment saying where the
// file was saved, its type and size, so the model's file tools can open it.
std::string turnText(const InboundMessage& message);

// Takes journaled inbound messages to the agent: access policy and DM pairing, then one agent
// turn whose final assistant text is sent back to the same chat and thread. Each message ends
// "done" in the journal once it was dropped, answered with a pairing code, or its reply was
// sent (or could not be). Event-loop thread; SQLite through runtime.storage.
class InboundRouter {
 public:
  // Finds a running channel and the access policy of one of its accounts; nullptr when either
  // is gone.
  struct Route {
    Channel* channel = nullptr;
    AccessPolicy policy;
  };
  using Lookup = std::function<Route(const std::string& channelId, const std::string& accountId)>;

  InboundRouter(rpc::GatewayRuntime& runtime, ChannelStore& store, runs::RunManager& runs,
                sessions::DmScope dmScope, Lookup lookup);

  void process(const InboundMessage& message);

  // The gateway is stopping: turns that end from now on (aborted) leave their message pending
  // for the next start; `done` runs once no reply is in flight any more.
  void drain(std::function<void()> done);

 private:
  void runTurn(Channel& channel, const InboundMessage& message);
  // A direct message: the sender's approval decides between a turn, a pairing code and a drop.
  boost::asio::awaitable<void> routeDirect(InboundMessage message);
  boost::asio::awaitable<void> sendPairingCode(InboundMessage message);
  void reply(const InboundMessage& message, const std::string& text);
  void markDone(const InboundMessage& message);

  rpc::GatewayRuntime& runtime_;
  ChannelStore& store_;
  runs::RunManager& runs_;
  sessions::DmScope dmScope_;
  Lookup lookup_;
  int repliesInFlight_ = 0;
  bool draining_ = false;
  std::function<void()> drained_;
};

}  // namespace openclaw::channels
