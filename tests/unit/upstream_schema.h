#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace openclaw::testsupport {

// Whether `value` satisfies `definition` of upstream's protocol.schema.json (npm
// @openclaw/gateway-protocol): OPENCLAW_UPSTREAM_SCHEMA when set, else
// <source>/../shared/reference/protocol.schema.json, else the interop install under the build
// tree. Fails (naming the places looked at) when none exists.
testing::AssertionResult upstreamValid(const std::string& definition, const nlohmann::json& value);

}  // namespace openclaw::testsupport
