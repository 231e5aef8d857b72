#include "net/multipart_form.h"

#include <gtest/gtest.h>

namespace openclaw::net {
namespace {

TEST(MultipartFormTest, FieldsAndFilesAreFramedByTheBoundary) {
  MultipartForm form;
  form.field("chat_id", "42").file("document", "a \"b\".txt", "text/plain", "line1\r\nline2");
  const std::string type = form.contentType();
  ASSERT_TRUE(type.starts_with("multipart/form-data; boundary="));
  const std::string boundary = type.substr(type.find('=') + 1);
  EXPECT_EQ(
      form.body(),
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n42\r\n" +
          "--" + boundary +
          "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a _b_.txt\"\r\n" +
          "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--" + boundary + "--\r\n");
}

TEST(MultipartFormTest, EachFormHasItsOwnBoundary) {
  EXPECT_NE(MultipartForm().contentType(), MultipartForm().contentType());
}

}  // namespace
}  // namespace openclaw::net
