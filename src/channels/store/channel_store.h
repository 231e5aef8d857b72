#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "channels/channel.h"
#include "store/database.h"

namespace openclaw::channels {

// The schema step (5) that creates the channel tables: per-account key/value state, the inbound
// journal, DM pairing requests and the senders operators approved.
extern const store::Migration kChannelsMigration;

// How long a done inbound row is kept before forgetDoneInbound removes it. The row is what
// recognises a redelivery (a Telegram update offered again after a crash before the offset was
// stored, a webhook retried), and services redeliver within hours (Telegram keeps undelivered
// updates for 24 hours), so a week leaves a wide margin while the journal stays bounded.
inline constexpr std::int64_t kDoneInboundRetentionMs = 7LL * 24 * 60 * 60 * 1000;

// A pending DM pairing request; `code` doubles as the request id on the wire.
struct PairingRequest {
  std::string channel;
  std::string accountId;
  std::string code;
  std::string senderId;
  std::string senderLabel;
  std::int64_t createdAtMs = 0;
  std::int64_t lastSeenAtMs = 0;
  std::int64_t expiresAtMs = 0;
};

// Outcome of an unknown sender writing again or for the first time.
struct PairingAttempt {
  std::optional<PairingRequest> request;  // nullopt: the account's pending cap is reached
  bool created = false;                   // a new code (the sender should be told)
};

// Channel state in the instance database. Blocking: use only on GatewayRuntime::storage.
class ChannelStore {
 public:
  explicit ChannelStore(store::Database& database) : database_(database) {}

  std::optional<std::string> state(const std::string& channel, const std::string& accountId,
                                   const std::string& key);
  void setState(const std::string& channel, const std::string& accountId, const std::string& key,
                const std::string& value);

  // Journals a received message as pending. False when its dedupe key (channel, account, chat,
  // message id) is already journaled: a redelivery.
  bool recordInbound(const InboundMessage& message);
  void markInboundDone(const InboundMessage& message, std::int64_t nowMs);
  // Messages journaled but not yet done, oldest first.
  std::vector<InboundMessage> pendingInbound();
  // Deletes the rows done before `olderThanMs` (pending rows stay); returns how many.
  std::size_t forgetDoneInbound(std::int64_t olderThanMs);

  bool approved(const std::string& channel, const std::string& accountId,
                const std::string& senderId);
  // Returns the sender's live request, or creates one while the account has fewer than
  // kMaxPendingPairingsPerAccount. Expired requests are removed first.
  PairingAttempt requestPairing(const InboundMessage& message, std::int64_t nowMs);
  // Live requests, oldest first; empty filters match everything.
  std::vector<PairingRequest> pairingRequests(const std::string& channel,
                                              const std::string& accountId, std::int64_t nowMs);
  // Approves (stores the sender as allowed) or dismisses the live request with `code`.
  std::optional<PairingRequest> approvePairing(const std::string& channel,
                                               const std::string& accountId,
                                               const std::string& code, std::int64_t nowMs);
  std::optional<PairingRequest> dismissPairing(const std::string& channel,
                                               const std::string& accountId,
                                               const std::string& code, std::int64_t nowMs);

 private:
  void dropExpiredPairings(std::int64_t nowMs);
  std::optional<PairingRequest> takePairing(const std::string& channel,
                                            const std::string& accountId, const std::string& code,
                                            std::int64_t nowMs);

  store::Database& database_;
};

}  // namespace openclaw::channels
