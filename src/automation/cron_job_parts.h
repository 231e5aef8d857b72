#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "automation/cron_job.h"
#include "protocol/result.h"

namespace openclaw::automation::parts {

// The pieces cron.add and cron.update share (cron_job_add.cpp, cron_job_patch.cpp): reading a
// payload or a delivery, refusing what this gateway does not run, and the rules a whole job must
// satisfy. Errors carry the message without the "invalid cron.add params: " prefix, which the
// caller adds (prefixed()).

// INVALID_REQUEST "<prefix><message>" (prefix: "invalid cron.add params: ").
protocol::GatewayError prefixed(const protocol::GatewayError& error, const std::string& prefix);

// INVALID_REQUEST "<field> <why>".
protocol::GatewayError refused(const std::string& field, const std::string& why);

// `field` when `object` has it, as the refusal of a feature this gateway does not run
// (`what` names it: "condition triggers").
protocol::Result<void> refuseIfPresent(const nlohmann::json& object, const char* key,
                                       const std::string& field, const std::string& what);

// Like refuseIfPresent, but null (upstream's "clear it") is accepted: there is nothing to clear.
protocol::Result<void> refuseUnlessNull(const nlohmann::json& object, const char* key,
                                        const std::string& field, const std::string& what);

// `text` trimmed; INVALID_REQUEST naming `field` when nothing is left.
protocol::Result<std::string> nonBlank(const std::string& text, const std::string& field);

// A complete payload object (cron.add, or a cron.update payload of another kind).
protocol::Result<Payload> payloadFromJson(const nlohmann::json& payload);
// A cron.update payload patch: merged into `current` when the kind is the same, otherwise a new
// payload that must be complete.
protocol::Result<Payload> payloadWithPatch(const Payload& current, const nlohmann::json& patch);

// A cron.add delivery object.
protocol::Result<Delivery> deliveryFromJson(const nlohmann::json& delivery);
// A cron.update delivery patch merged into `current` (null clears a field; changing to or from
// webhook clears `to`; webhook clears channel, accountId and threadId).
protocol::Result<Delivery> deliveryWithPatch(const Delivery& current, const nlohmann::json& patch);

// "current" without the session it was created from runs isolated (upstream's rule).
std::string resolvedSessionTarget(const std::string& sessionTarget, const std::string& sessionKey);

// The rules of a whole job: main runs system events and isolated targets run agent turns;
// channel delivery only for isolated targets; a webhook needs an http(s) URL; channels must be
// ones this gateway has (or "last").
protocol::Result<void> checkJob(const CronJob& job);

// A cron schedule without staggerMs gets upstream's default window (defaultCronStaggerMs in
// schedule.h: 5 minutes for a recurring top-of-hour expression such as "0 * * * *").
void applyDefaultStagger(Schedule& schedule);

}  // namespace openclaw::automation::parts
