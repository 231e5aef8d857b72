#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace openclaw::browser {

// The page-side half of a snapshot: a script for Runtime.evaluate (returnByValue) that walks the
// visible DOM and returns a role tree, each node {role, name, element, children, level?, value?,
// checked?}. `element` indexes an array of elements the script keeps on the page (-1: none), so a
// later action can find the element a ref was given to (elementScript).
extern const char* const kSnapshotScript;

// A script expression that yields the page element number `element` of the last snapshot, or
// null when it is gone; wrapped around `body`, which sees it as `el` and returns a JSON value.
std::string elementScript(int element, const std::string& body);

// The C++ half: refs e1, e2, ... in document order for the nodes with an interactive role
// (button, link, textbox, ...) that the script could point at, and the tree as indented text
// ("- button \"Send\" [ref=e1]"), cut at `maxChars`.
struct PageSnapshot {
  std::string text;
  nlohmann::json refs = nlohmann::json::object();  // "e1" -> {role, name}
  std::map<std::string, int> elements;             // "e1" -> element index on the page
  std::size_t nodes = 0;                           // nodes rendered
  bool truncated = false;
};
PageSnapshot buildSnapshot(const nlohmann::json& tree, std::size_t maxChars);

// Roles a ref is given for.
bool interactiveRole(const std::string& role);

}  // namespace openclaw::browser
