#include "config/json5.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "core/bounded_json.h"

namespace {

using nlohmann::json;
using openclaw::config::Json5Error;
using openclaw::config::parseJson5;

struct ErrorInfo {
  std::string reason;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string what;
};

// Parses text that must be rejected and returns where and why.
ErrorInfo parseError(std::string_view text) {
  try {
    const json value = parseJson5(text);
    ADD_FAILURE() << "accepted: " << text << " -> " << value.dump();
  } catch (const Json5Error& error) {
    return {error.reason(), error.line(), error.column(), error.what()};
  }
  return {};
}

#define EXPECT_JSON5_ERROR(text, expectedLine, expectedColumn, expectedReason) \
  do {                                                                         \
    const ErrorInfo error = parseError(text);                                  \
    EXPECT_EQ(error.line, expectedLine) << (text);                             \
    EXPECT_EQ(error.column, expectedColumn) << (text);                         \
    EXPECT_EQ(error.reason, expectedReason) << (text);                         \
  } while (false)

// Every JSON5 feature in one document, from the front page of https://spec.json5.org.
TEST(Json5, SpecFrontPageExample) {
  const json value = parseJson5(R"({
  // comments
  unquoted: 'and you can quote me on that',
  singleQuotes: 'I can use "double quotes" here',
  lineBreaks: "Look, Mom! \
No \\n's!",
  hexadecimal: 0xdecaf,
  leadingDecimalPoint: .8675309, andTrailing: 8675309.,
  positiveSign: +1,
  trailingComma: 'in objects', andIn: ['arrays',],
  "backwardsCompatible": "with JSON",
}
)");
  const json expected = {
      {"unquoted", "and you can quote me on that"},
      {"singleQuotes", "I can use \"double quotes\" here"},
      {"lineBreaks", "Look, Mom! No \\n's!"},
      {"hexadecimal", 912559},
      {"leadingDecimalPoint", 0.8675309},
      {"andTrailing", 8675309.0},
      {"positiveSign", 1},
      {"trailingComma", "in objects"},
      {"andIn", {"arrays"}},
      {"backwardsCompatible", "with JSON"},
  };
  EXPECT_EQ(value, expected);
  EXPECT_TRUE(value["hexadecimal"].is_number_integer());
  EXPECT_TRUE(value["andTrailing"].is_number_float());
  EXPECT_TRUE(value["positiveSign"].is_number_integer());
}

// The examples from the spec's sections on objects, arrays, strings and numbers.
TEST(Json5, SpecSectionExamples) {
  EXPECT_EQ(parseJson5(R"({
    image: {
        width: 800,
        height: 600,
        'title': 'View from 15th Floor',
    }
})"),
            json::parse(R"({"image": {"width": 800, "height": 600,
                                      "title": "View from 15th Floor"}})"));
  EXPECT_EQ(parseJson5("[\n  1,\n  true,\n  'three',\n]"), json::parse(R"([1, true, "three"])"));
  EXPECT_EQ(parseJson5("[\n  [1, true, 'three'],\n  [4, \"five\", 0x6],\n]"),
            json::parse(R"([[1, true, "three"], [4, "five", 6]])"));
  EXPECT_EQ(parseJson5("'Lorem ipsum dolor sit amet, \\\nconsectetur adipiscing elit.'"),
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit.");
  EXPECT_EQ(parseJson5(R"('\A\C\/\D\C')"), "AC/DC");
  EXPECT_EQ(parseJson5(R"(["I can't wait", 'I can\'t wait'])"),
            json::parse(R"(["I can't wait", "I can't wait"])"));
  const json numbers = parseJson5("[123, 123.456, .456, 123., -123e-2, 0x7B, +1, -Infinity]");
  EXPECT_EQ(numbers[0], 123);
  EXPECT_DOUBLE_EQ(numbers[1].get<double>(), 123.456);
  EXPECT_DOUBLE_EQ(numbers[2].get<double>(), 0.456);
  EXPECT_DOUBLE_EQ(numbers[3].get<double>(), 123.0);
  EXPECT_DOUBLE_EQ(numbers[4].get<double>(), -1.23);
  EXPECT_EQ(numbers[5], 123);
  EXPECT_EQ(numbers[6], 1);
  EXPECT_EQ(numbers[7].get<double>(), -std::numeric_limits<double>::infinity());
}

TEST(Json5, Literals) {
  EXPECT_TRUE(parseJson5("null").is_null());
  EXPECT_EQ(parseJson5("true"), true);
  EXPECT_EQ(parseJson5("false"), false);
  EXPECT_EQ(parseJson5("[null,true,false]"), json::parse("[null,true,false]"));
  EXPECT_JSON5_ERROR("nul", 1u, 4u, "unexpected end of input");
  EXPECT_JSON5_ERROR("tru}", 1u, 4u, "unexpected character '}'");
  EXPECT_JSON5_ERROR("nullx", 1u, 5u, "unexpected character 'x'");
  EXPECT_JSON5_ERROR("undefined", 1u, 1u, "unexpected character 'u'");
}

TEST(Json5, Comments) {
  EXPECT_EQ(parseJson5("// leading\n1 // trailing"), 1);
  EXPECT_EQ(parseJson5("/* a */ [ /* b */ 1 /* c */ , /**/ 2 /* d ** / */ ] /* e */"),
            json::parse("[1, 2]"));
  EXPECT_EQ(parseJson5("/* multi\n * line\n */ {a /* between */ : // x\n 1}"),
            json::parse(R"({"a": 1})"));
  EXPECT_EQ(parseJson5("[1,// comment\r2]"), json::parse("[1,2]"));
  EXPECT_EQ(parseJson5("'// not a comment /* nor this */'"), "// not a comment /* nor this */");
  EXPECT_JSON5_ERROR("[1] /* open", 1u, 5u, "unterminated comment");
  EXPECT_JSON5_ERROR("[1] /", 1u, 5u, "unexpected character '/'");
  EXPECT_JSON5_ERROR("# hash", 1u, 1u, "unexpected character '#'");
}

TEST(Json5, TrailingCommas) {
  EXPECT_EQ(parseJson5("[1,2,]"), json::parse("[1,2]"));
  EXPECT_EQ(parseJson5("{a:1,b:[],}"), json::parse(R"({"a":1,"b":[]})"));
  EXPECT_EQ(parseJson5("[ ]"), json::array());
  EXPECT_EQ(parseJson5("{ }"), json::object());
  EXPECT_JSON5_ERROR("[,]", 1u, 2u, "unexpected character ','");
  EXPECT_JSON5_ERROR("{,}", 1u, 2u, "unexpected character ','");
  EXPECT_JSON5_ERROR("[1,,]", 1u, 4u, "unexpected character ','");
  EXPECT_JSON5_ERROR("[1 2]", 1u, 4u, "unexpected character '2'");
  EXPECT_JSON5_ERROR("{a:1 b:2}", 1u, 6u, "unexpected character 'b'");
}

TEST(Json5, UnquotedKeys) {
  EXPECT_EQ(parseJson5("{$dollar: 1, _under_score: 2, camelCase9: 3}"),
            json::parse(R"({"$dollar": 1, "_under_score": 2, "camelCase9": 3})"));
  // IdentifierName includes reserved words and the number literals.
  EXPECT_EQ(parseJson5("{null: 1, true: 2, Infinity: 3, NaN: 4, if: 5}"),
            json::parse(R"({"null": 1, "true": 2, "Infinity": 3, "NaN": 4, "if": 5})"));
  EXPECT_EQ(parseJson5("{ café: 1, ünïcödé: 2, 名前: 3 }"),
            json::parse(R"({"café": 1, "ünïcödé": 2, "名前": 3})"));
  EXPECT_EQ(parseJson5(R"({ \u0061b\u0063: 1, a\u00e9: 2 })"),
            json::parse(R"({"abc": 1, "aé": 2})"));
  EXPECT_JSON5_ERROR("{9lives: 1}", 1u, 2u, "unexpected character '9'");
  EXPECT_JSON5_ERROR("{a-b: 1}", 1u, 3u, "unexpected character '-'");
  EXPECT_JSON5_ERROR("{: 1}", 1u, 2u, "unexpected character ':'");
  EXPECT_JSON5_ERROR(R"({a\u0020b: 1})", 1u, 3u, "invalid escape in identifier");
  EXPECT_JSON5_ERROR(R"({\u0031: 1})", 1u, 2u, "invalid escape in identifier");
  EXPECT_JSON5_ERROR(R"({a\x41: 1})", 1u, 4u, "unexpected character 'x'");
  EXPECT_JSON5_ERROR("{a 1}", 1u, 4u, "unexpected character '1'");
}

TEST(Json5, QuotedStrings) {
  EXPECT_EQ(parseJson5(R"("double 'single' inside")"), "double 'single' inside");
  EXPECT_EQ(parseJson5(R"('single "double" inside')"), "single \"double\" inside");
  EXPECT_EQ(parseJson5("''"), "");
  EXPECT_EQ(parseJson5("'tab\there'"), "tab\there");  // raw control characters are allowed
  EXPECT_EQ(parseJson5("'日本語 ✓'"), "日本語 ✓");
  EXPECT_EQ(parseJson5("{'key with spaces': 1, \"k\": 2}"),
            json::parse(R"({"key with spaces": 1, "k": 2})"));
}

TEST(Json5, StringEscapes) {
  EXPECT_EQ(parseJson5(R"('\' \" \\ \b \f \n \r \t \v \0')"),
            std::string("' \" \\ \b \f \n \r \t \v ") + '\0');
  EXPECT_EQ(parseJson5(R"('\x41\x7a\xe9')"), "Az\u00e9");
  EXPECT_EQ(parseJson5(R"("\u0041\u00e9\u20AC")"), "A\u00e9\u20ac");
  EXPECT_EQ(parseJson5(R"("\uD83D\uDE00")"), "\U0001F600");
  EXPECT_EQ(parseJson5(R"('\0x')"), std::string(1, '\0') + "x");
  // Characters without a special meaning escape themselves.
  EXPECT_EQ(parseJson5(R"('\a\q\/\é')"), "aq/é");
}

TEST(Json5, LoneSurrogatesBecomeReplacementCharacters) {
  EXPECT_EQ(parseJson5(R"("\uD800")"), "\uFFFD");
  EXPECT_EQ(parseJson5(R"("\uDC00x")"), "\uFFFDx");
  EXPECT_EQ(parseJson5(R"("\uD800\u0041")"), "\uFFFDA");
  EXPECT_EQ(parseJson5(R"("\uD800\uD83D\uDE00")"), "\uFFFD\U0001F600");
}

TEST(Json5, LineContinuations) {
  EXPECT_EQ(parseJson5("'a\\\nb'"), "ab");
  EXPECT_EQ(parseJson5("'a\\\r\nb'"), "ab");
  EXPECT_EQ(parseJson5("'a\\\rb'"), "ab");
  EXPECT_EQ(parseJson5("'a\\\u2028b\\\u2029c'"), "abc");
  // U+2028 and U+2029 may also appear unescaped.
  EXPECT_EQ(parseJson5("'a\u2028b\u2029c'"), "a\u2028b\u2029c");
}

TEST(Json5, BadStrings) {
  EXPECT_JSON5_ERROR("'abc", 1u, 1u, "unterminated string");
  EXPECT_JSON5_ERROR("[1,\n  \"abc\\", 2u, 3u, "unterminated string");
  EXPECT_JSON5_ERROR("'ab\ncd'", 1u, 4u, "line break in string");
  EXPECT_JSON5_ERROR("'ab\rcd'", 1u, 4u, "line break in string");
  EXPECT_JSON5_ERROR("\"mismatched'", 1u, 1u, "unterminated string");
  EXPECT_JSON5_ERROR(R"('\1')", 1u, 3u, "invalid escape sequence");
  EXPECT_JSON5_ERROR(R"('\9')", 1u, 3u, "invalid escape sequence");
  EXPECT_JSON5_ERROR(R"('\01')", 1u, 4u, "invalid escape sequence");
  EXPECT_JSON5_ERROR(R"('\x4')", 1u, 5u, "expected a hex digit, found character '''");
  EXPECT_JSON5_ERROR(R"('\u12G4')", 1u, 6u, "expected a hex digit, found character 'G'");
}

TEST(Json5, Integers) {
  EXPECT_EQ(parseJson5("0"), 0);
  EXPECT_EQ(parseJson5("-0"), 0);
  EXPECT_EQ(parseJson5("42"), 42);
  EXPECT_EQ(parseJson5("-42"), -42);
  EXPECT_EQ(parseJson5("+42"), 42);
  const json max = parseJson5("9223372036854775807");
  EXPECT_TRUE(max.is_number_integer());
  EXPECT_EQ(max.get<std::int64_t>(), std::numeric_limits<std::int64_t>::max());
  const json min = parseJson5("-9223372036854775808");
  EXPECT_TRUE(min.is_number_integer());
  EXPECT_EQ(min.get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());
  const json big = parseJson5("9223372036854775808");
  EXPECT_TRUE(big.is_number_float());
  EXPECT_DOUBLE_EQ(big.get<double>(), 9223372036854775808.0);
  EXPECT_DOUBLE_EQ(parseJson5("-123456789012345678901234567890").get<double>(),
                   -1.2345678901234568e29);
}

TEST(Json5, HexNumbers) {
  EXPECT_EQ(parseJson5("0xFF"), 255);
  EXPECT_EQ(parseJson5("0XaBc"), 0xabc);
  EXPECT_EQ(parseJson5("-0x10"), -16);
  EXPECT_EQ(parseJson5("+0x10"), 16);
  EXPECT_EQ(parseJson5("0x7FFFFFFFFFFFFFFF").get<std::int64_t>(),
            std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parseJson5("-0x8000000000000000").get<std::int64_t>(),
            std::numeric_limits<std::int64_t>::min());
  const json big = parseJson5("0x8000000000000000");
  EXPECT_TRUE(big.is_number_float());
  EXPECT_EQ(big.get<double>(), 9223372036854775808.0);
  EXPECT_EQ(parseJson5("0x1000000000000000000000000").get<double>(), std::ldexp(1.0, 96));
  EXPECT_EQ(parseJson5("0x" + std::string(300, 'f')).get<double>(),
            std::numeric_limits<double>::infinity());
  EXPECT_JSON5_ERROR("0x", 1u, 3u, "unexpected end of input");
  EXPECT_JSON5_ERROR("0xG", 1u, 3u, "unexpected character 'G'");
  EXPECT_JSON5_ERROR("0x1.5", 1u, 4u, "unexpected character '.'");
}

TEST(Json5, FractionsAndExponents) {
  const auto number = [](std::string_view text) {
    const json value = parseJson5(text);
    EXPECT_TRUE(value.is_number_float()) << text;
    return value.get<double>();
  };
  EXPECT_DOUBLE_EQ(number(".5"), 0.5);
  EXPECT_DOUBLE_EQ(number("-.5"), -0.5);
  EXPECT_DOUBLE_EQ(number("+.5"), 0.5);
  EXPECT_DOUBLE_EQ(number("5."), 5.0);
  EXPECT_DOUBLE_EQ(number("0.25"), 0.25);
  EXPECT_DOUBLE_EQ(number("1e3"), 1000.0);
  EXPECT_DOUBLE_EQ(number("1E+3"), 1000.0);
  EXPECT_DOUBLE_EQ(number("25e-2"), 0.25);
  EXPECT_DOUBLE_EQ(number("5.e2"), 500.0);
  EXPECT_DOUBLE_EQ(number(".5e1"), 5.0);
  EXPECT_DOUBLE_EQ(number("0e0"), 0.0);
  // Out of range: Infinity or zero, as in JavaScript.
  EXPECT_EQ(number("1e400"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(number("-1e400"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(number("1e-400"), 0.0);
  EXPECT_EQ(number("1" + std::string(400, '0') + ".0"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(number("0." + std::string(400, '0') + "1"), 0.0);
  EXPECT_DOUBLE_EQ(number("0." + std::string(400, '0') + "1e400"), 0.1);
  EXPECT_EQ(number("1e99999999999999999999999"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(number("1e-99999999999999999999999"), 0.0);
}

TEST(Json5, InfinityAndNaN) {
  EXPECT_EQ(parseJson5("Infinity").get<double>(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parseJson5("+Infinity").get<double>(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parseJson5("-Infinity").get<double>(), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(parseJson5("NaN").get<double>()));
  EXPECT_TRUE(std::isnan(parseJson5("-NaN").get<double>()));
  EXPECT_TRUE(std::isnan(parseJson5("{a: +NaN}")["a"].get<double>()));
  EXPECT_JSON5_ERROR("Inf", 1u, 4u, "unexpected end of input");
  EXPECT_JSON5_ERROR("nan", 1u, 2u, "unexpected character 'a'");
}

TEST(Json5, BadNumbers) {
  EXPECT_JSON5_ERROR("01", 1u, 2u, "leading zeros are not allowed");
  EXPECT_JSON5_ERROR("[-007]", 1u, 4u, "leading zeros are not allowed");
  EXPECT_JSON5_ERROR(".", 1u, 2u, "unexpected end of input");
  EXPECT_JSON5_ERROR(".e1", 1u, 2u, "unexpected character 'e'");
  EXPECT_JSON5_ERROR("1e", 1u, 3u, "unexpected end of input");
  EXPECT_JSON5_ERROR("1e+", 1u, 4u, "unexpected end of input");
  EXPECT_JSON5_ERROR("- 1", 1u, 2u, "unexpected character U+0020");
  EXPECT_JSON5_ERROR("+-1", 1u, 2u, "unexpected character '-'");
  EXPECT_JSON5_ERROR("1.2.3", 1u, 4u, "unexpected character '.'");
  EXPECT_JSON5_ERROR("12abc", 1u, 3u, "unexpected character 'a'");
}

TEST(Json5, Whitespace) {
  // \t \v \f space NBSP BOM U+2028 U+2029, and Zs: U+1680 U+2000 U+200A U+202F U+205F U+3000.
  EXPECT_EQ(parseJson5("\uFEFF\t\v\f \u00A0[\u2028 1\u2029,\u1680\u2000\u200A\u202F\u205F\u3000"
                       "2\r\n]\n"),
            json::parse("[1, 2]"));
  EXPECT_EQ(parseJson5("\uFEFF{\"a\": 1}"), json::parse(R"({"a": 1})"));
  // U+200B (zero width space) is not whitespace.
  EXPECT_JSON5_ERROR("[\u200B1]", 1u, 2u, "unexpected character U+200B");
}

TEST(Json5, DuplicateKeysLastWins) {
  EXPECT_EQ(parseJson5("{a: 1, 'a': 2, \"a\": 3}"), json::parse(R"({"a": 3})"));
  EXPECT_EQ(parseJson5("{a: {x: 1}, b: 0, a: [2]}"), json::parse(R"({"a": [2], "b": 0})"));
}

TEST(Json5, TopLevelScalarsAndGarbage) {
  EXPECT_EQ(parseJson5("  'text'  "), "text");
  EXPECT_EQ(parseJson5("-1.5"), -1.5);
  EXPECT_JSON5_ERROR("", 1u, 1u, "unexpected end of input");
  EXPECT_JSON5_ERROR("  \n // only a comment\n", 3u, 1u, "unexpected end of input");
  EXPECT_JSON5_ERROR("{} {}", 1u, 4u, "unexpected character '{'");
  EXPECT_JSON5_ERROR("[1]]", 1u, 4u, "unexpected character ']'");
  EXPECT_JSON5_ERROR("1 2", 1u, 3u, "unexpected character '2'");
  EXPECT_JSON5_ERROR("{a: 1", 1u, 6u, "unexpected end of input");
  EXPECT_JSON5_ERROR(std::string_view("[1]\0", 4), 1u, 4u, "unexpected character U+0000");
}

TEST(Json5, ErrorPositions) {
  EXPECT_JSON5_ERROR("{\n  a: 1\n    b: 2\n}", 3u, 5u, "unexpected character 'b'");
  // \r\n, \r, U+2028 and U+2029 each end one line.
  EXPECT_JSON5_ERROR("[\r\n1,\r2,\u20283,\u2029  }", 5u, 3u, "unexpected character '}'");
  // Columns count code points, not bytes.
  EXPECT_JSON5_ERROR("{ 'é€😀': 1 x", 1u, 12u, "unexpected character 'x'");
  // Line breaks inside comments and strings count too.
  EXPECT_JSON5_ERROR("/*\n\n*/ ['a\\\nb', ?]", 4u, 5u, "unexpected character '?'");

  const ErrorInfo error = parseError("{\n  a: 1,\n  b: }");
  EXPECT_EQ(error.what, "line 3, column 6: unexpected character '}'");
  EXPECT_EQ(error.reason, "unexpected character '}'");
}

TEST(Json5, ErrorIsARuntimeError) {
  EXPECT_THROW(parseJson5("{"), std::runtime_error);
  const Json5Error error("boom", 2, 9);
  EXPECT_STREQ(error.what(), "line 2, column 9: boom");
  EXPECT_EQ(error.reason(), "boom");
  EXPECT_EQ(error.line(), 2u);
  EXPECT_EQ(error.column(), 9u);
}

TEST(Json5, InvalidUtf8) {
  EXPECT_JSON5_ERROR("'\xff'", 1u, 2u, "invalid UTF-8");
  EXPECT_JSON5_ERROR("'ok' \x80", 1u, 6u, "invalid UTF-8");
  EXPECT_JSON5_ERROR("'\xc3'", 1u, 2u, "invalid UTF-8");              // truncated
  EXPECT_JSON5_ERROR("'\xc0\xaf'", 1u, 2u, "invalid UTF-8");          // overlong '/'
  EXPECT_JSON5_ERROR("'\xe0\x80\xaf'", 1u, 2u, "invalid UTF-8");      // overlong '/'
  EXPECT_JSON5_ERROR("\n 'a\xed\xa0\x80'", 2u, 4u, "invalid UTF-8");  // encoded surrogate
  EXPECT_JSON5_ERROR("'\xf4\x90\x80\x80'", 1u, 2u, "invalid UTF-8");  // above U+10FFFF
  EXPECT_JSON5_ERROR("{k\xe2\x82: 1}", 1u, 3u, "invalid UTF-8");
}

TEST(Json5, NestingDepthLimit) {
  const auto nested = [](std::size_t depth, char open, char close) {
    return std::string(depth, open) + std::string(depth, close);
  };
  constexpr std::size_t kMax = openclaw::core::kMaxJsonDepth;
  EXPECT_NO_THROW(parseJson5(nested(kMax, '[', ']')));
  EXPECT_JSON5_ERROR(nested(kMax + 1, '[', ']'), 1u, kMax + 1, "nested deeper than 128 levels");
  std::string objects;
  for (std::size_t i = 0; i < kMax; ++i) objects += "{a:";
  EXPECT_NO_THROW(parseJson5(objects + "1" + std::string(kMax, '}')));
  EXPECT_JSON5_ERROR(objects + "{}" + std::string(kMax, '}'), 1u, 3 * kMax + 1,
                     "nested deeper than 128 levels");
  // Hostile input fails fast instead of exhausting the stack.
  EXPECT_JSON5_ERROR(std::string(1000000, '['), 1u, kMax + 1, "nested deeper than 128 levels");
  EXPECT_JSON5_ERROR(nested(200000, '[', ']'), 1u, kMax + 1, "nested deeper than 128 levels");
  // Depth is nesting, not the total number of containers.
  std::string siblings = "[";
  for (int i = 0; i < 1000; ++i) siblings += "[],";
  EXPECT_EQ(parseJson5(siblings + "]").size(), 1000u);
}

}  // namespace
