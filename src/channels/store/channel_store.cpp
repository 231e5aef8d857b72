#include "channels/store/channel_store.h"

#include <nlohmann/json.hpp>

#include "channels/dm_pairing.h"
#include "core/json_fields.h"
#include "store/statement.h"

namespace openclaw::channels {

const store::Migration kChannelsMigration{
    .version = 5,
    .sql =
        "CREATE TABLE IF NOT EXISTS channel_state (channel TEXT NOT NULL,"
        " account_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
        " PRIMARY KEY (channel, account_id, key));"
        "CREATE TABLE IF NOT EXISTS channel_inbound (channel TEXT NOT NULL,"
        " account_id TEXT NOT NULL, chat_id TEXT NOT NULL, message_id TEXT NOT NULL,"
        " message TEXT NOT NULL, received_at INTEGER NOT NULL, done_at INTEGER,"
        " PRIMARY KEY (channel, account_id, chat_id, message_id));"
        "CREATE INDEX IF NOT EXISTS channel_inbound_pending"
        " ON channel_inbound (done_at, received_at);"
        "CREATE TABLE IF NOT EXISTS channel_pairing_requests (channel TEXT NOT NULL,"
        " account_id TEXT NOT NULL, code TEXT NOT NULL, sender_id TEXT NOT NULL,"
        " sender_label TEXT NOT NULL, created_at INTEGER NOT NULL,"
        " last_seen_at INTEGER NOT NULL, PRIMARY KEY (channel, account_id, sender_id),"
        " UNIQUE (channel, account_id, code));"
        "CREATE TABLE IF NOT EXISTS channel_allowed_senders (channel TEXT NOT NULL,"
        " account_id TEXT NOT NULL, sender_id TEXT NOT NULL, approved_at INTEGER NOT NULL,"
        " PRIMARY KEY (channel, account_id, sender_id));"};

namespace {

using store::Statement;

nlohmann::json toJson(const InboundMessage& message) {
  nlohmann::json media = nlohmann::json::array();
  for (const InboundMedia& file : message.media) {
    media.push_back({{"path", file.path},
                     {"fileName", file.fileName},
                     {"contentType", file.contentType},
                     {"sizeBytes", file.sizeBytes}});
  }
  return {{"channel", message.channel},
          {"accountId", message.accountId},
          {"messageId", message.messageId},
          {"chatId", message.chatId},
          {"threadId", message.threadId},
          {"senderId", message.senderId},
          {"senderLabel", message.senderLabel},
          {"isGroup", message.isGroup},
          {"groupKind", message.groupKind},
          {"mentioned", message.mentioned},
          {"text", message.text},
          {"media", std::move(media)},
          {"receivedAtMs", message.receivedAtMs}};
}

InboundMessage fromJson(const nlohmann::json& json) {
  InboundMessage message;
  message.channel = json.value("channel", "");
  message.accountId = json.value("accountId", "");
  message.messageId = json.value("messageId", "");
  message.chatId = json.value("chatId", "");
  message.threadId = json.value("threadId", "");
  message.senderId = json.value("senderId", "");
  message.senderLabel = json.value("senderLabel", "");
  message.isGroup = json.value("isGroup", false);
  message.groupKind = json.value("groupKind", "group");
  for (const nlohmann::json& file : json.value("media", nlohmann::json::array())) {
    message.media.push_back({file.value("path", ""), file.value("fileName", ""),
                             file.value("contentType", ""),
                             file.value("sizeBytes", std::uint64_t{0})});
  }
  message.mentioned = json.value("mentioned", false);
  message.text = json.value("text", "");
  message.receivedAtMs = json.value("receivedAtMs", std::int64_t{0});
  return message;
}

constexpr const char* kPairingColumns =
    "channel, account_id, code, sender_id, sender_label, created_at, last_seen_at";

PairingRequest pairingRow(const Statement& row) {
  PairingRequest request;
  request.channel = row.text(0);
  request.accountId = row.text(1);
  request.code = row.text(2);
  request.senderId = row.text(3);
  request.senderLabel = row.text(4);
  request.createdAtMs = row.integer(5);
  request.lastSeenAtMs = row.integer(6);
  request.expiresAtMs = request.createdAtMs + kPairingCodeTtlMs;
  return request;
}

}  // namespace

std::optional<std::string> ChannelStore::state(const std::string& channel,
                                               const std::string& accountId,
                                               const std::string& key) {
  Statement query(
      database_.handle(),
      "SELECT value FROM channel_state WHERE channel = ? AND account_id = ? AND key = ?");
  query.bind(1, channel).bind(2, accountId).bind(3, key);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

void ChannelStore::setState(const std::string& channel, const std::string& accountId,
                            const std::string& key, const std::string& value) {
  Statement upsert(database_.handle(),
                   "INSERT INTO channel_state (channel, account_id, key, value) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT (channel, account_id, key) DO UPDATE SET value = excluded.value");
  upsert.bind(1, channel).bind(2, accountId).bind(3, key).bind(4, value).run();
}

bool ChannelStore::recordInbound(const InboundMessage& message) {
  Statement insert(
      database_.handle(),
      "INSERT OR IGNORE INTO channel_inbound (channel, account_id, chat_id, message_id,"
      " message, received_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, message.channel)
      .bind(2, message.accountId)
      .bind(3, message.chatId)
      .bind(4, message.messageId)
      .bind(5, core::compactJson(toJson(message)))
      .bind(6, message.receivedAtMs);
  return insert.run() == 1;
}

void ChannelStore::markInboundDone(const InboundMessage& message, std::int64_t nowMs) {
  Statement update(database_.handle(),
                   "UPDATE channel_inbound SET done_at = ? WHERE channel = ? AND account_id = ?"
                   " AND chat_id = ? AND message_id = ?");
  update.bind(1, nowMs)
      .bind(2, message.channel)
      .bind(3, message.accountId)
      .bind(4, message.chatId)
      .bind(5, message.messageId)
      .run();
}

std::vector<InboundMessage> ChannelStore::pendingInbound() {
  Statement query(database_.handle(),
                  "SELECT message FROM channel_inbound WHERE done_at IS NULL"
                  " ORDER BY received_at, rowid");
  std::vector<InboundMessage> pending;
  while (query.step()) pending.push_back(fromJson(nlohmann::json::parse(query.text(0))));
  return pending;
}

std::size_t ChannelStore::forgetDoneInbound(std::int64_t olderThanMs) {
  Statement purge(database_.handle(),
                  "DELETE FROM channel_inbound WHERE done_at IS NOT NULL AND done_at < ?");
  purge.bind(1, olderThanMs);
  return static_cast<std::size_t>(purge.run());
}

bool ChannelStore::approved(const std::string& channel, const std::string& accountId,
                            const std::string& senderId) {
  Statement query(database_.handle(),
                  "SELECT 1 FROM channel_allowed_senders WHERE channel = ? AND account_id = ?"
                  " AND sender_id = ?");
  query.bind(1, channel).bind(2, accountId).bind(3, senderId);
  return query.step();
}

void ChannelStore::dropExpiredPairings(std::int64_t nowMs) {
  Statement purge(database_.handle(), "DELETE FROM channel_pairing_requests WHERE created_at <= ?");
  purge.bind(1, nowMs - kPairingCodeTtlMs).run();
}

PairingAttempt ChannelStore::requestPairing(const InboundMessage& message, std::int64_t nowMs) {
  store::Transaction transaction(database_.handle());
  dropExpiredPairings(nowMs);
  PairingAttempt attempt;
  {
    Statement touch(database_.handle(),
                    "UPDATE channel_pairing_requests SET last_seen_at = ? WHERE channel = ? AND"
                    " account_id = ? AND sender_id = ?");
    touch.bind(1, nowMs)
        .bind(2, message.channel)
        .bind(3, message.accountId)
        .bind(4, message.senderId);
    if (touch.run() == 0) {
      Statement count(database_.handle(),
                      "SELECT COUNT(*) FROM channel_pairing_requests WHERE channel = ? AND"
                      " account_id = ?");
      count.bind(1, message.channel).bind(2, message.accountId);
      count.step();
      if (count.integer(0) >= kMaxPendingPairingsPerAccount) {
        transaction.commit();
        return attempt;
      }
      Statement insert(database_.handle(),
                       "INSERT INTO channel_pairing_requests (channel, account_id, code, sender_id,"
                       " sender_label, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
      insert.bind(1, message.channel)
          .bind(2, message.accountId)
          .bind(3, newPairingCode())
          .bind(4, message.senderId)
          .bind(5, message.senderLabel.empty() ? message.senderId : message.senderLabel)
          .bind(6, nowMs)
          .bind(7, nowMs)
          .run();
      attempt.created = true;
    }
  }
  Statement query(database_.handle(),
                  (std::string("SELECT ") + kPairingColumns +
                   " FROM channel_pairing_requests WHERE channel = ? AND account_id = ? AND"
                   " sender_id = ?")
                      .c_str());
  query.bind(1, message.channel).bind(2, message.accountId).bind(3, message.senderId);
  if (query.step()) attempt.request = pairingRow(query);
  transaction.commit();
  return attempt;
}

std::vector<PairingRequest> ChannelStore::pairingRequests(const std::string& channel,
                                                          const std::string& accountId,
                                                          std::int64_t nowMs) {
  dropExpiredPairings(nowMs);
  Statement query(database_.handle(),
                  (std::string("SELECT ") + kPairingColumns +
                   " FROM channel_pairing_requests WHERE (?1 = '' OR channel = ?1) AND"
                   " (?2 = '' OR account_id = ?2) ORDER BY created_at, rowid")
                      .c_str());
  query.bind(1, channel).bind(2, accountId);
  std::vector<PairingRequest> requests;
  while (query.step()) requests.push_back(pairingRow(query));
  return requests;
}

std::optional<PairingRequest> ChannelStore::takePairing(const std::string& channel,
                                                        const std::string& accountId,
                                                        const std::string& code,
                                                        std::int64_t nowMs) {
  dropExpiredPairings(nowMs);
  Statement query(database_.handle(),
                  (std::string("SELECT ") + kPairingColumns +
                   " FROM channel_pairing_requests WHERE channel = ? AND account_id = ? AND"
                   " code = ?")
                      .c_str());
  query.bind(1, channel).bind(2, accountId).bind(3, code);
  if (!query.step()) return std::nullopt;
  PairingRequest request = pairingRow(query);
  Statement remove(database_.handle(),
                   "DELETE FROM channel_pairing_requests WHERE channel = ? AND account_id = ? AND"
                   " code = ?");
  remove.bind(1, channel).bind(2, accountId).bind(3, code).run();
  return request;
}

std::optional<PairingRequest> ChannelStore::approvePairing(const std::string& channel,
                                                           const std::string& accountId,
                                                           const std::string& code,
                                                           std::int64_t nowMs) {
  store::Transaction transaction(database_.handle());
  auto request = takePairing(channel, accountId, code, nowMs);
  if (request) {
    Statement allow(database_.handle(),
                    "INSERT OR REPLACE INTO channel_allowed_senders (channel, account_id,"
                    " sender_id, approved_at) VALUES (?, ?, ?, ?)");
    allow.bind(1, channel).bind(2, accountId).bind(3, request->senderId).bind(4, nowMs).run();
  }
  transaction.commit();
  return request;
}

std::optional<PairingRequest> ChannelStore::dismissPairing(const std::string& channel,
                                                           const std::string& accountId,
                                                           const std::string& code,
                                                           std::int64_t nowMs) {
  store::Transaction transaction(database_.handle());
  auto request = takePairing(channel, accountId, code, nowMs);
  transaction.commit();
  return request;
}

}  // namespace openclaw::channels
