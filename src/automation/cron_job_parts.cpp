#include "automation/cron_job_parts.h"

#include <algorithm>

#include "channels/channel_registry.h"
#include "core/text.h"
#include "net/http_client.h"

namespace openclaw::automation::parts {
namespace {

using nlohmann::json;

constexpr const char* kNotRun = " is not supported by this gateway";

bool isIsolatedTarget(const std::string& sessionTarget) { return sessionTarget != "main"; }

// A string field, trimmed (channels also lower-cased), or "" when absent.
std::string text(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? core::trimmed(found->get<std::string>())
                                                     : "";
}

std::string channelText(const json& object) {
  return core::asciiLowercase(text(object, "channel"));
}

// threadId is a string or a number on the wire; kept as text.
std::optional<std::string> threadIdOf(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

std::optional<DeliveryMode> modeNamed(const std::string& mode) {
  if (mode == "none") return DeliveryMode::None;
  if (mode == "announce") return DeliveryMode::Announce;
  if (mode == "webhook") return DeliveryMode::Webhook;
  return std::nullopt;
}

// Fields of the upstream payload kinds that this gateway does not carry out.
protocol::Result<void> refusePayloadExtras(const json& payload) {
  static constexpr const char* kExtras[] = {"toolsAllow", "toolsAllowIsDefault", "fallbacks",
                                            "allowUnsafeExternalContent"};
  for (const char* key : kExtras) {
    if (auto refusal = refuseUnlessNull(payload, key, std::string("payload.") + key,
                                        "(per-job tool and model policy)");
        !refusal) {
      return refusal;
    }
  }
  return {};
}

protocol::Result<void> refuseUnrunKind(const std::string& kind) {
  if (kind == "systemEvent" || kind == "agentTurn") return {};
  return refused("payload.kind", "\"" + kind + "\"" + kNotRun +
                                     " (it runs \"systemEvent\" and \"agentTurn\" payloads)");
}

void mergeAgentTurn(AgentTurnPayload& turn, const json& patch) {
  if (patch.contains("model")) {
    const json& model = patch["model"];
    turn.model = model.is_string() && !core::trimmed(model.get<std::string>()).empty()
                     ? std::optional(core::trimmed(model.get<std::string>()))
                     : std::nullopt;
  }
  if (patch.contains("thinking")) {
    const json& thinking = patch["thinking"];
    turn.thinking = thinking.is_string() && !core::trimmed(thinking.get<std::string>()).empty()
                        ? std::optional(core::trimmed(thinking.get<std::string>()))
                        : std::nullopt;
  }
  if (patch.contains("timeoutSeconds")) {
    const json& timeout = patch["timeoutSeconds"];
    turn.timeoutSeconds = timeout.is_number() ? std::optional(timeout.get<double>()) : std::nullopt;
  }
  if (patch.contains("lightContext") && patch["lightContext"].is_boolean()) {
    turn.lightContext = patch["lightContext"].get<bool>();
  }
}

protocol::Result<void> checkChannel(const std::string& channel, const std::string& field) {
  if (channel.empty() || channel == "last") return {};
  const auto& known = channels::builtinChannels();
  const bool found = std::any_of(known.begin(), known.end(),
                                 [&](const auto& entry) { return entry.first == channel; });
  if (found) return {};
  std::string names;
  for (const auto& entry : known) names += (names.empty() ? "" : ", ") + entry.first;
  return refused(
      field, "\"" + channel + "\" is not a channel of this gateway (" + names + ", or \"last\")");
}

bool isWebhookUrl(const std::string& url) {
  return net::parseHttpUrl(url).has_value() && url.find('@') == std::string::npos;
}

void mergeFailureDestination(std::optional<FailureDestination>& destination, const json& patch) {
  if (patch.is_null()) {
    destination.reset();
    return;
  }
  FailureDestination next = destination.value_or(FailureDestination{});
  if (patch.contains("channel")) next.channel = channelText(patch);
  if (patch.contains("to")) next.to = text(patch, "to");
  if (patch.contains("accountId")) next.accountId = text(patch, "accountId");
  if (patch.contains("mode")) next.mode = modeNamed(text(patch, "mode"));
  const bool any =
      !next.channel.empty() || !next.to.empty() || !next.accountId.empty() || next.mode.has_value();
  destination = any ? std::optional(next) : std::nullopt;
}

}  // namespace

protocol::GatewayError prefixed(const protocol::GatewayError& error, const std::string& prefix) {
  protocol::GatewayError result = error;
  result.message = prefix + error.message;
  return result;
}

protocol::GatewayError refused(const std::string& field, const std::string& why) {
  return protocol::GatewayError::invalidRequest(field + " " + why);
}

protocol::Result<void> refuseIfPresent(const json& object, const char* key,
                                       const std::string& field, const std::string& what) {
  if (!object.contains(key)) return {};
  return refused(field, std::string(kNotRun).substr(1) + " " + what);
}

protocol::Result<void> refuseUnlessNull(const json& object, const char* key,
                                        const std::string& field, const std::string& what) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return {};
  return refused(field, std::string(kNotRun).substr(1) + " " + what);
}

protocol::Result<std::string> nonBlank(const std::string& value, const std::string& field) {
  std::string result = core::trimmed(value);
  if (result.empty()) return refused(field, "must not be blank");
  return result;
}

protocol::Result<Payload> payloadFromJson(const json& payload) {
  const std::string kind = payload.value("kind", "");
  if (auto refusal = refuseUnrunKind(kind); !refusal) return refusal.error();
  if (auto refusal = refusePayloadExtras(payload); !refusal) return refusal.error();
  if (kind == "systemEvent") {
    if (!payload.contains("text")) return refused("payload.text", "is required for systemEvent");
    auto eventText = nonBlank(payload.value("text", ""), "payload.text");
    if (!eventText) return eventText.error();
    return Payload{SystemEventPayload{*eventText}};
  }
  if (!payload.contains("message")) return refused("payload.message", "is required for agentTurn");
  auto message = nonBlank(payload.value("message", ""), "payload.message");
  if (!message) return message.error();
  AgentTurnPayload turn;
  turn.message = *message;
  mergeAgentTurn(turn, payload);
  return Payload{std::move(turn)};
}

protocol::Result<Payload> payloadWithPatch(const Payload& current, const json& patch) {
  const std::string kind = patch.value("kind", "");
  if (auto refusal = refuseUnrunKind(kind); !refusal) return refusal.error();
  if (auto refusal = refusePayloadExtras(patch); !refusal) return refusal.error();
  if (kind == "systemEvent" && std::holds_alternative<SystemEventPayload>(current)) {
    SystemEventPayload event = std::get<SystemEventPayload>(current);
    if (patch.contains("text")) {
      auto eventText = nonBlank(patch.value("text", ""), "payload.text");
      if (!eventText) return eventText.error();
      event.text = *eventText;
    }
    return Payload{std::move(event)};
  }
  if (kind == "agentTurn" && std::holds_alternative<AgentTurnPayload>(current)) {
    AgentTurnPayload turn = std::get<AgentTurnPayload>(current);
    if (patch.contains("message")) {
      auto message = nonBlank(patch.value("message", ""), "payload.message");
      if (!message) return message.error();
      turn.message = *message;
    }
    mergeAgentTurn(turn, patch);
    return Payload{std::move(turn)};
  }
  return payloadFromJson(patch);
}

protocol::Result<Delivery> deliveryFromJson(const json& delivery) {
  return deliveryWithPatch(Delivery{}, delivery);
}

protocol::Result<Delivery> deliveryWithPatch(const Delivery& current, const json& patch) {
  if (auto refusal = refuseUnlessNull(patch, "completionDestination",
                                      "delivery.completionDestination", "(completion webhooks)");
      !refusal) {
    return refusal.error();
  }
  Delivery next = current;
  if (patch.contains("mode")) {
    const DeliveryMode mode = modeNamed(text(patch, "mode")).value_or(DeliveryMode::None);
    const bool webhookChange =
        mode != next.mode && (mode == DeliveryMode::Webhook || next.mode == DeliveryMode::Webhook);
    if (webhookChange) next.to.clear();
    if (mode == DeliveryMode::Webhook) {
      next.channel.clear();
      next.accountId.clear();
      next.threadId.reset();
    }
    next.mode = mode;
  }
  if (patch.contains("channel")) next.channel = channelText(patch);
  if (patch.contains("to")) next.to = text(patch, "to");
  if (patch.contains("accountId")) next.accountId = text(patch, "accountId");
  if (patch.contains("threadId")) next.threadId = threadIdOf(patch["threadId"]);
  if (patch.contains("bestEffort") && patch["bestEffort"].is_boolean()) {
    next.bestEffort = patch["bestEffort"].get<bool>();
  }
  if (patch.contains("failureDestination")) {
    mergeFailureDestination(next.failureDestination, patch["failureDestination"]);
  }
  return next;
}

std::string resolvedSessionTarget(const std::string& sessionTarget, const std::string& sessionKey) {
  if (sessionTarget == "current" && sessionKey.empty()) return "isolated";
  return sessionTarget;
}

protocol::Result<void> checkJob(const CronJob& job) {
  const bool isolated = isIsolatedTarget(job.sessionTarget);
  if (job.sessionTarget.starts_with("session:") &&
      core::trimmed(job.sessionTarget.substr(8)).empty()) {
    return refused("sessionTarget", "\"session:\" needs a session key after the colon");
  }
  if (!isolated && !std::holds_alternative<SystemEventPayload>(job.payload)) {
    return refused("payload.kind", "must be \"systemEvent\" for sessionTarget \"main\"");
  }
  if (isolated && !std::holds_alternative<AgentTurnPayload>(job.payload)) {
    return refused("payload.kind", "must be \"agentTurn\" for sessionTarget \"" +
                                       job.sessionTarget +
                                       "\" (only \"main\" takes system events)");
  }
  const Delivery& delivery = job.delivery;
  if (delivery.mode == DeliveryMode::Webhook && !isWebhookUrl(delivery.to)) {
    return refused("delivery.to", "must be an http(s) URL for delivery.mode \"webhook\"");
  }
  if (delivery.mode == DeliveryMode::Announce && !isolated) {
    return refused("delivery.mode",
                   "\"announce\" (channel delivery) is only supported for isolated targets, not "
                   "sessionTarget \"main\"");
  }
  if (delivery.mode == DeliveryMode::Announce) {
    if (auto known = checkChannel(delivery.channel, "delivery.channel"); !known) return known;
  }
  if (const auto& failure = delivery.failureDestination) {
    if (!isolated && delivery.mode != DeliveryMode::Webhook) {
      return refused("delivery.failureDestination",
                     "is only supported for isolated targets unless delivery.mode is \"webhook\"");
    }
    if (failure->mode == DeliveryMode::Webhook && !isWebhookUrl(failure->to)) {
      return refused("delivery.failureDestination.to",
                     "must be an http(s) URL for failureDestination.mode \"webhook\"");
    }
    if (failure->mode != DeliveryMode::Webhook) {
      if (auto known = checkChannel(failure->channel, "delivery.failureDestination.channel");
          !known) {
        return known;
      }
    }
  }
  return {};
}

void applyDefaultStagger(Schedule& schedule) {
  auto* cron = std::get_if<CronSchedule>(&schedule);
  if (cron == nullptr || cron->staggerMs) return;
  if (const std::int64_t window = defaultCronStaggerMs(cron->expr); window > 0) {
    cron->staggerMs = window;
  }
}

}  // namespace openclaw::automation::parts
