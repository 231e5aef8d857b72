#include "net/multipart_form.h"

#include "core/random_ids.h"

namespace openclaw::net {
namespace {

// A quoted-string parameter value: quotes, backslashes and line breaks would end it early.
std::string quoted(const std::string& value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\' || c == '\r' || c == '\n') {
      out += '_';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

MultipartForm::MultipartForm() : boundary_("openclaw-" + core::randomHex(16)) {}

void MultipartForm::header(const std::string& disposition, const std::string& contentType) {
  parts_ += "--" + boundary_ + "\r\nContent-Disposition: form-data; " + disposition + "\r\n";
  if (!contentType.empty()) parts_ += "Content-Type: " + contentType + "\r\n";
  parts_ += "\r\n";
}

MultipartForm& MultipartForm::field(const std::string& name, const std::string& value) {
  header("name=" + quoted(name), "");
  parts_ += value + "\r\n";
  return *this;
}

MultipartForm& MultipartForm::file(const std::string& name, const std::string& fileName,
                                   const std::string& contentType, const std::string& bytes) {
  header("name=" + quoted(name) + "; filename=" + quoted(fileName), contentType);
  parts_ += bytes + "\r\n";
  return *this;
}

std::string MultipartForm::contentType() const {
  return "multipart/form-data; boundary=" + boundary_;
}

std::string MultipartForm::body() const { return parts_ + "--" + boundary_ + "--\r\n"; }

}  // namespace openclaw::net
