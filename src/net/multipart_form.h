#pragma once

#include <string>

namespace openclaw::net {

// A multipart/form-data request body (RFC 7578), for API calls that upload files (Telegram
// sendDocument, Discord message attachments, Slack uploads). Put contentType() in the request's
// Content-Type header and body() in its body.
class MultipartForm {
 public:
  MultipartForm();  // picks a random boundary

  MultipartForm& field(const std::string& name, const std::string& value);
  MultipartForm& file(const std::string& name, const std::string& fileName,
                      const std::string& contentType, const std::string& bytes);

  std::string contentType() const;  // "multipart/form-data; boundary=..."
  std::string body() const;         // the parts and the closing boundary

 private:
  void header(const std::string& disposition, const std::string& contentType);

  std::string boundary_;
  std::string parts_;
};

}  // namespace openclaw::net
