#include "core/bounded_json.h"

namespace openclaw::core {
namespace {

// nlohmann's DOM builder (what json::parse uses) with a depth count: opening one level past
// the limit stops the parse at once. nlohmann::json::sax_parse calls these by name, so hiding
// the base class's methods is enough.
class DepthBoundedDomParser : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
  using Base = nlohmann::detail::json_sax_dom_parser<nlohmann::json>;

 public:
  explicit DepthBoundedDomParser(nlohmann::json& document) : Base(document, false) {}

  bool start_object(std::size_t length) { return enter() && Base::start_object(length); }
  bool start_array(std::size_t length) { return enter() && Base::start_array(length); }
  bool end_object() {
    --depth_;
    return Base::end_object();
  }
  bool end_array() {
    --depth_;
    return Base::end_array();
  }

  bool tooDeep() const { return tooDeep_; }

 private:
  bool enter() {
    if (depth_ == kMaxJsonDepth) {
      tooDeep_ = true;
      return false;
    }
    ++depth_;
    return true;
  }

  std::size_t depth_ = 0;
  bool tooDeep_ = false;
};

}  // namespace

std::string tooDeepReason() {
  return "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
}

BoundedJson parseBoundedJson(std::string_view text) {
  BoundedJson parsed;
  DepthBoundedDomParser builder(parsed.value);
  if (nlohmann::json::sax_parse(text, &builder)) return parsed;
  if (builder.tooDeep()) {
    parsed.status = JsonParseStatus::kTooDeep;
  } else {
    parsed.status = JsonParseStatus::kMalformed;
    parsed.value = nlohmann::json::value_t::discarded;
  }
  return parsed;
}

nlohmann::json parseJsonOrDiscarded(std::string_view text) {
  BoundedJson parsed = parseBoundedJson(text);
  if (!parsed.ok()) return nlohmann::json::value_t::discarded;
  return std::move(parsed.value);
}

}  // namespace openclaw::core
