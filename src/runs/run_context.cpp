#include "runs/run_context.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include "sessions/transcript_message.h"

namespace openclaw::runs {
namespace {

struct Ordered {
  std::int64_t group;
  std::int64_t seq;
  agent::Message message;
};

// Where each run's group goes: its first non-user entry, or its user entry when it has no other.
std::map<std::string, std::int64_t> groupPositions(
    const std::vector<sessions::TranscriptEntry>& entries, const std::string& currentRunId) {
  std::map<std::string, std::int64_t> firstReply, firstAny;
  for (const auto& entry : entries) {
    firstAny.emplace(entry.runId, entry.seq);
    if (entry.message.value("role", "") != "user") firstReply.emplace(entry.runId, entry.seq);
  }
  std::map<std::string, std::int64_t> positions;
  for (const auto& [runId, seq] : firstAny) {
    auto reply = firstReply.find(runId);
    positions[runId] = reply != firstReply.end() ? reply->second : seq;
  }
  positions[currentRunId] = std::numeric_limits<std::int64_t>::max();
  return positions;
}

// Drops tool calls that have no result and results that answer no call.
std::vector<agent::Message> wellFormed(std::vector<agent::Message> messages) {
  std::set<std::string> answered, called;
  for (const auto& message : messages) {
    if (message.role == "tool") answered.insert(message.toolCallId);
    for (const auto& call : message.toolCalls) called.insert(call.id);
  }
  std::vector<agent::Message> kept;
  for (auto& message : messages) {
    if (message.role == "tool" && !called.count(message.toolCallId)) continue;
    std::erase_if(message.toolCalls,
                  [&](const agent::ToolCall& call) { return !answered.count(call.id); });
    if (message.role == "assistant" && message.text.empty() && message.toolCalls.empty()) continue;
    kept.push_back(std::move(message));
  }
  return kept;
}

}  // namespace

std::vector<agent::Message> contextMessages(const std::vector<sessions::TranscriptEntry>& entries,
                                            const std::string& currentRunId,
                                            const std::set<std::string>& queuedRunIds) {
  const auto positions = groupPositions(entries, currentRunId);
  std::vector<Ordered> ordered;
  for (const auto& entry : entries) {
    if (entry.runId != currentRunId && queuedRunIds.count(entry.runId)) continue;
    std::optional<agent::Message> message = sessions::toModelMessage(entry.message);
    if (!message) continue;
    const std::int64_t group = entry.runId.empty() ? entry.seq : positions.at(entry.runId);
    ordered.push_back({group, entry.seq, std::move(*message)});
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const Ordered& a, const Ordered& b) {
    return a.group != b.group ? a.group < b.group : a.seq < b.seq;
  });
  std::vector<agent::Message> messages;
  for (auto& item : ordered) messages.push_back(std::move(item.message));
  return wellFormed(std::move(messages));
}

}  // namespace openclaw::runs
