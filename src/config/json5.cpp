#include "config/json5.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <utility>

#include "core/bounded_json.h"

namespace openclaw::config {

Json5Error::Json5Error(std::string message, std::size_t line, std::size_t column)
    : std::runtime_error("line " + std::to_string(line) + ", column " + std::to_string(column) +
                         ": " + message),
      reason_(std::move(message)),
      line_(line),
      column_(column) {}

namespace {

constexpr char32_t kEnd = 0xFFFFFFFF;  // peek() at the end of input; no code point is this big
constexpr char32_t kReplacement = 0xFFFD;

bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }

int hexDigitValue(char32_t c) {
  if (isDigit(c)) return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

bool isHexDigit(char32_t c) { return hexDigitValue(c) >= 0; }

bool isSurrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

bool isLineTerminator(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

// JSON5 WhiteSpace: tab, vertical tab, form feed, space, NBSP, BOM and Unicode category Zs.
bool isWhitespace(char32_t c) {
  switch (c) {
    case '\t':
    case '\v':
    case '\f':
    case ' ':
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

// IdentifierStart / IdentifierPart; non-ASCII is accepted loosely (see json5.h).
bool isIdentifierChar(char32_t c, bool start) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_' ||
           (!start && isDigit(c));
  }
  return c != kEnd && !isSurrogate(c) && !isWhitespace(c) && !isLineTerminator(c);
}

void appendUtf8(std::string& out, char32_t c) {
  const auto byte = [&out](char32_t bits) { out += static_cast<char>(bits); };
  if (c < 0x80) {
    byte(c);
  } else if (c < 0x800) {
    byte(0xC0 | (c >> 6));
    byte(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    byte(0xE0 | (c >> 12));
    byte(0x80 | ((c >> 6) & 0x3F));
    byte(0x80 | (c & 0x3F));
  } else {
    byte(0xF0 | (c >> 18));
    byte(0x80 | ((c >> 12) & 0x3F));
    byte(0x80 | ((c >> 6) & 0x3F));
    byte(0x80 | (c & 0x3F));
  }
}

std::string describe(char32_t c) {
  if (c == kEnd) return "end of input";
  if (c > ' ' && c < 0x7F) return std::string("character '") + static_cast<char>(c) + "'";
  char name[16];
  std::snprintf(name, sizeof(name), "U+%04X", static_cast<unsigned>(c));
  return std::string("character ") + name;
}

// std::from_chars reports overflow and underflow alike. Like JavaScript, map them to Infinity
// and 0: an out-of-range decimal overflows iff its first significant digit's power of ten,
// exponent included, is positive.
bool overflows(std::string_view number) {
  const std::size_t e = std::min(number.find_first_of("eE"), number.size());
  const std::string_view mantissa = number.substr(0, e);
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  // Some digit is nonzero, or the number would not be out of range.
  const std::size_t first = mantissa.find_first_not_of("0.");
  const auto power = first < point ? static_cast<long long>(point - first - 1)
                                   : -static_cast<long long>(first - point);
  std::string_view exponentText = number.substr(std::min(e + 1, number.size()));
  if (exponentText.starts_with('+')) exponentText.remove_prefix(1);
  long long exponent = 0;
  const auto parsed =
      std::from_chars(exponentText.data(), exponentText.data() + exponentText.size(), exponent);
  if (parsed.ec == std::errc::result_out_of_range) return !exponentText.starts_with('-');
  return exponent > -power;
}

double toDouble(std::string_view digits, std::chars_format format, bool negative) {
  double value = 0;
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value, format);
  if (parsed.ec == std::errc::result_out_of_range) {
    // Hex integers can only overflow.
    value = format == std::chars_format::hex || overflows(digits)
                ? std::numeric_limits<double>::infinity()
                : 0.0;
  }
  return negative ? -value : value;
}

// Integer digits (decimal or hex, no sign) that fit int64 stay integers; others become doubles.
nlohmann::json integerValue(std::string_view digits, int base, bool negative) {
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  std::uint64_t magnitude = 0;
  const auto parsed =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (parsed.ec == std::errc{} && magnitude <= kMax + (negative ? 1 : 0)) {
    // Modular conversion (C++20) makes 0 - 2^63 come out as INT64_MIN.
    return static_cast<std::int64_t>(negative ? 0 - magnitude : magnitude);
  }
  return toDouble(digits, base == 16 ? std::chars_format::hex : std::chars_format::general,
                  negative);
}

// RFC 6901: "~" becomes "~0" and "/" becomes "~1" inside a JSON pointer token.
std::string escapePointerToken(const std::string& key) {
  std::string token;
  for (const char c : key) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

class Parser {
 public:
  Parser(std::string_view text, Json5Positions* positions) : text_(text), positions_(positions) {}

  nlohmann::json parseDocument() {
    skipWhitespace();
    nlohmann::json value = parseValue();
    skipWhitespace();
    if (peek() != kEnd) failUnexpected();
    return value;
  }

 private:
  struct Cursor {
    std::size_t pos = 0;  // byte offset into text_
    std::size_t line = 1;
    std::size_t column = 1;
  };

  [[noreturn]] void failAt(const Cursor& at, std::string reason) const {
    throw Json5Error(std::move(reason), at.line, at.column);
  }
  [[noreturn]] void fail(std::string reason) const { failAt(cur_, std::move(reason)); }
  [[noreturn]] void failUnexpected() const { fail("unexpected " + describe(peek())); }

  char byteAt(std::size_t pos) const { return pos < text_.size() ? text_[pos] : '\0'; }

  // Decodes the code point at the cursor: {code point, byte length}, or {kEnd, 0} at the end.
  std::pair<char32_t, std::size_t> decode() const {
    if (cur_.pos >= text_.size()) return {kEnd, 0};
    const auto lead = static_cast<unsigned char>(text_[cur_.pos]);
    if (lead < 0x80) return {lead, 1};
    // 0x80-0xC1 are continuation bytes or start overlong pairs; above 0xF4 exceeds U+10FFFF.
    if (lead < 0xC2 || lead > 0xF4) fail("invalid UTF-8");
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    char32_t c = lead & (0x7Fu >> length);
    for (std::size_t i = 1; i < length; ++i) {
      const auto trail = static_cast<unsigned char>(byteAt(cur_.pos + i));
      if ((trail & 0xC0) != 0x80) fail("invalid UTF-8");
      c = (c << 6) | (trail & 0x3Fu);
    }
    constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};  // shorter would be overlong
    if (c < kMinimum[length] || c > 0x10FFFF || isSurrogate(c)) fail("invalid UTF-8");
    return {c, length};
  }

  char32_t peek() const { return decode().first; }

  char32_t next() {
    const auto [c, length] = decode();
    cur_.pos += length;
    // In \r\n only the \n ends the line.
    if (c == '\n' || c == 0x2028 || c == 0x2029 || (c == '\r' && byteAt(cur_.pos) != '\n')) {
      ++cur_.line;
      cur_.column = 1;
    } else {
      ++cur_.column;
    }
    return c;
  }

  void expect(char32_t c) {
    if (peek() != c) failUnexpected();
    next();
  }

  void expectWord(std::string_view word) {
    for (const char c : word) expect(static_cast<unsigned char>(c));
  }

  template <typename Predicate>
  std::size_t skipWhile(Predicate predicate) {
    const std::size_t start = cur_.pos;
    while (predicate(peek())) next();
    return cur_.pos - start;
  }

  void skipWhitespace() {
    for (;;) {
      const char32_t c = peek();
      if (isWhitespace(c) || isLineTerminator(c)) {
        next();
      } else if (c == '/' && byteAt(cur_.pos + 1) == '/') {
        skipWhile([](char32_t d) { return d != kEnd && !isLineTerminator(d); });
      } else if (c == '/' && byteAt(cur_.pos + 1) == '*') {
        const Cursor start = cur_;
        next();
        next();
        while (!(peek() == '*' && byteAt(cur_.pos + 1) == '/')) {
          if (peek() == kEnd) failAt(start, "unterminated comment");
          next();
        }
        next();
        next();
      } else {
        return;
      }
    }
  }

  nlohmann::json parseValue() {
    if (positions_ != nullptr) (*positions_)[path_] = {cur_.line, cur_.column};
    switch (const char32_t c = peek()) {
      case '{':
        return parseObject();
      case '[':
        return parseArray();
      case '"':
      case '\'':
        return parseString();
      case 'n':
        expectWord("null");
        return nullptr;
      case 't':
        expectWord("true");
        return true;
      case 'f':
        expectWord("false");
        return false;
      default:
        if (isDigit(c) || c == '+' || c == '-' || c == '.' || c == 'I' || c == 'N') {
          return parseNumber();
        }
        failUnexpected();
    }
  }

  // Parses from an opening bracket through `close`, calling parseMember for each
  // comma-separated member; a trailing comma is allowed.
  template <typename ParseMember>
  void parseMembers(char32_t close, ParseMember parseMember) {
    if (++depth_ > core::kMaxJsonDepth) fail(core::tooDeepReason());
    next();
    skipWhitespace();
    while (peek() != close) {
      parseMember();
      skipWhitespace();
      if (peek() != ',') break;
      next();
      skipWhitespace();
    }
    expect(close);
    --depth_;
  }

  nlohmann::json parseArray() {
    nlohmann::json array = nlohmann::json::array();
    parseMembers(']', [&] {
      const std::size_t parentLength = path_.size();
      path_ += "/" + std::to_string(array.size());
      array.push_back(parseValue());
      path_.resize(parentLength);
    });
    return array;
  }

  nlohmann::json parseObject() {
    nlohmann::json object = nlohmann::json::object();
    parseMembers('}', [&] {
      std::string key = peek() == '"' || peek() == '\'' ? parseString() : parseIdentifier();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      const std::size_t parentLength = path_.size();
      path_ += "/" + escapePointerToken(key);
      object[std::move(key)] = parseValue();  // a repeated key overwrites: the last one wins
      path_.resize(parentLength);
    });
    return object;
  }

  std::string parseIdentifier() {
    std::string name;
    for (;;) {
      const Cursor start = cur_;
      char32_t c = peek();
      if (c == '\\') {
        next();
        expect('u');
        c = readHex(4);
        if (!isIdentifierChar(c, name.empty())) failAt(start, "invalid escape in identifier");
      } else if (isIdentifierChar(c, name.empty())) {
        next();
      } else {
        break;
      }
      appendUtf8(name, c);
    }
    if (name.empty()) failUnexpected();
    return name;
  }

  char32_t readHex(int digits) {
    char32_t value = 0;
    for (int i = 0; i < digits; ++i) {
      const int digit = hexDigitValue(peek());
      if (digit < 0) fail("expected a hex digit, found " + describe(peek()));
      next();
      value = value * 16 + static_cast<char32_t>(digit);
    }
    return value;
  }

  std::string parseString() {
    const Cursor start = cur_;
    const char32_t quote = next();
    std::string out;
    for (;;) {
      const char32_t c = peek();
      if (c == quote) break;
      if (c == kEnd) failAt(start, "unterminated string");
      // U+2028 and U+2029 may appear raw; \n and \r must be escaped.
      if (c == '\n' || c == '\r') fail("line break in string");
      next();
      if (c == '\\') {
        parseEscape(out);
      } else {
        appendUtf8(out, c);
      }
    }
    next();
    return out;
  }

  // Parses the escape sequence after a backslash, appending what it denotes.
  void parseEscape(std::string& out) {
    const char32_t c = peek();
    if (c == kEnd) return;  // parseString reports the unterminated string
    if (isDigit(c) && c != '0') fail("invalid escape sequence");
    next();
    switch (c) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '0':
        // \0 must not be followed by a digit (that would be a legacy octal escape).
        if (isDigit(peek())) fail("invalid escape sequence");
        out += '\0';
        break;
      case 'x':
        appendUtf8(out, readHex(2));
        break;
      case 'u':
        appendUtf8(out, readUtf16Escape());
        break;
      case '\r':
        if (peek() == '\n') next();
        break;
      case '\n':
      case 0x2028:
      case 0x2029:
        break;  // line continuation: backslash + line terminator denotes nothing
      default:
        appendUtf8(out, c);  // \' \" \\ and any other character escape themselves
    }
  }

  // Reads the four hex digits after \u, combining a high surrogate with a following \uXXXX
  // low surrogate. Unpaired surrogates become U+FFFD.
  char32_t readUtf16Escape() {
    const char32_t high = readHex(4);
    if (!isSurrogate(high)) return high;
    if (high <= 0xDBFF && byteAt(cur_.pos) == '\\' && byteAt(cur_.pos + 1) == 'u') {
      const Cursor afterHigh = cur_;
      next();
      next();
      const char32_t low = readHex(4);
      if (low >= 0xDC00 && low <= 0xDFFF) return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
      cur_ = afterHigh;  // not a pair: the next escape is read on its own
    }
    return kReplacement;
  }

  nlohmann::json parseNumber() {
    bool negative = false;
    if (peek() == '+' || peek() == '-') negative = next() == '-';
    if (peek() == 'I') {
      expectWord("Infinity");
      return negative ? -std::numeric_limits<double>::infinity()
                      : std::numeric_limits<double>::infinity();
    }
    if (peek() == 'N') {
      expectWord("NaN");
      return std::numeric_limits<double>::quiet_NaN();
    }
    const std::size_t start = cur_.pos;
    if (peek() == '0' && (byteAt(start + 1) == 'x' || byteAt(start + 1) == 'X')) {
      next();
      next();
      if (skipWhile(isHexDigit) == 0) failUnexpected();
      return integerValue(text_.substr(start + 2, cur_.pos - start - 2), 16, negative);
    }
    if (peek() == '0') {
      next();
      if (isDigit(peek())) fail("leading zeros are not allowed");
    } else {
      skipWhile(isDigit);
    }
    const bool hasIntegerPart = cur_.pos > start;
    bool integral = true;
    if (peek() == '.') {
      next();
      integral = false;
      // "5." and ".5" are numbers, "." is not.
      if (skipWhile(isDigit) == 0 && !hasIntegerPart) failUnexpected();
    } else if (!hasIntegerPart) {
      failUnexpected();
    }
    if (peek() == 'e' || peek() == 'E') {
      next();
      integral = false;
      if (peek() == '+' || peek() == '-') next();
      if (skipWhile(isDigit) == 0) failUnexpected();
    }
    const std::string_view digits = text_.substr(start, cur_.pos - start);
    if (integral) return integerValue(digits, 10, negative);
    return toDouble(digits, std::chars_format::general, negative);
  }

  std::string_view text_;
  Cursor cur_;
  std::size_t depth_ = 0;
  Json5Positions* positions_;
  std::string path_;  // JSON pointer of the value being parsed
};

}  // namespace

nlohmann::json parseJson5(std::string_view text, Json5Positions* positions) {
  return Parser(text, positions).parseDocument();
}

}  // namespace openclaw::config
