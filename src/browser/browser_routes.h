#pragma once

#include "core/awaitable.h"
// (first: see there)
#include "browser/browser_profiles.h"
#include "browser/browser_request.h"

namespace openclaw::browser {

// The control routes (all take ?profile=<name>; the default profile otherwise):
//   GET /                 status of the profile's browser
//   POST /start, /stop    start it (no-op when running) / stop it
//   GET /profiles         the profiles
//   GET /tabs             its page tabs
//   POST /tabs/open {url}, POST /tabs/focus {targetId}, DELETE /tabs/<targetId>
//   POST /navigate {url, targetId?}
//   GET /snapshot (?targetId=, ?maxChars=)
//   POST /screenshot {targetId?, fullPage?}
//   POST /act {kind: click|type|press, ref?, text?, key?, targetId?}
// Opening and navigating start the browser when it is not running. Anything else is 404.
// Errors become {error, reason?} with the RouteError's status. Browser thread only.
boost::asio::awaitable<BrowserResponse> runRoute(BrowserProfiles& profiles,
                                                 const BrowserRequest& request);

}  // namespace openclaw::browser
