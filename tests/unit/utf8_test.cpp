#include "core/utf8.h"

#include <gtest/gtest.h>

namespace openclaw::core {
namespace {

constexpr const char* kFffd = "\xEF\xBF\xBD";

std::string replacements(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += kFffd;
  return out;
}

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

TEST(Utf8, IllFormedSequencesBecomeOneReplacementPerMaximalSubpart) {
  const std::vector<Case> cases = {
      {"ascii and NUL kept", std::string("a\0b", 3), std::string("a\0b", 3)},
      {"valid multi-byte kept", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF",
       "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"},
      {"latin-1", "caf\xE9", std::string("caf") + kFffd},
      {"latin-1 lead before ascii", "\xE9t\xE9", std::string(kFffd) + "t" + kFffd},
      {"overlong C0 AF", "\xC0\xAF", replacements(2)},
      {"overlong E0 80 AF", "\xE0\x80\xAF", replacements(3)},
      {"overlong F0 8F BF BF", "\xF0\x8F\xBF\xBF", replacements(4)},
      {"surrogate ED A0 80", "\xED\xA0\x80", replacements(3)},
      {"above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80", replacements(4)},
      {"F5 and FF never start a sequence", "\xF5\x80\xFF", replacements(3)},
      {"truncated E2 82", "\xE2\x82", replacements(1)},
      {"truncated E2 82 then ascii",
       "\xE2\x82"
       "A",
       std::string(kFffd) + "A"},
      {"truncated F0 9F 98 then valid", "\xF0\x9F\x98\xC3\xA9", std::string(kFffd) + "\xC3\xA9"},
      {"stray continuation bytes",
       "a\x80\xBF"
       "b",
       std::string("a") + replacements(2) + "b"},
      {"empty", "", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(toValidUtf8(c.input), c.expected) << c.name;
  }
}

}  // namespace
}  // namespace openclaw::core
