#pragma once

#include <string>
#include <string_view>

namespace openclaw::channels {

// The content type of a file: `given` when it is a plausible "type/subtype", else the one its
// leading bytes identify (JPEG, PNG, GIF, WebP, PDF, Ogg, MP4), else the one of its name's
// extension, else "application/octet-stream". Parameters (";charset=...") are dropped and the
// result is lower-case.
std::string mediaContentType(std::string_view given, std::string_view fileName,
                             std::string_view bytes);

// The usual extension (with the dot) for `contentType`; "" when there is none.
std::string extensionFor(std::string_view contentType);

// Whether chat services show `contentType` inline as a photo (JPEG, PNG, WebP).
bool isPhotoType(std::string_view contentType);

}  // namespace openclaw::channels
