#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace openclaw::auth {

// Base64url (RFC 4648 §5) without padding, as device keys and signatures travel on the wire.
std::string base64UrlEncode(std::string_view bytes);

// Decodes base64url; also accepts the standard alphabet (+/) and trailing '=' padding, as
// upstream's decoder does. nullopt for any other character or an impossible length.
std::optional<std::string> base64UrlDecode(std::string_view text);

}  // namespace openclaw::auth
