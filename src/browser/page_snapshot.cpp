#include "browser/page_snapshot.h"

#include <set>

namespace openclaw::browser {
namespace {

// Kept on the page under a symbol, so the page's own properties cannot collide with it.
constexpr const char* kElementsKey = "Symbol.for('openclaw.snapshot.elements')";

std::string stringField(const nlohmann::json& node, const char* key) {
  const auto found = node.find(key);
  return found != node.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string quoted(const std::string& text) { return nlohmann::json(text).dump(); }

class Builder {
 public:
  explicit Builder(std::size_t maxChars) : maxChars_(maxChars) {}

  void visit(const nlohmann::json& node, int depth) {
    if (!node.is_object() || snapshot_.truncated) return;
    const std::string role = stringField(node, "role");
    const bool shown = !role.empty() && role != "document";
    if (shown) line(node, role, depth);
    const auto children = node.find("children");
    if (children == node.end() || !children->is_array()) return;
    for (const auto& child : *children) visit(child, shown ? depth + 1 : depth);
  }

  PageSnapshot finish() { return std::move(snapshot_); }

 private:
  void line(const nlohmann::json& node, const std::string& role, int depth) {
    const std::string name = stringField(node, "name");
    std::string text(static_cast<std::size_t>(depth) * 2, ' ');
    text += "- " + role;
    if (!name.empty()) text += role == "text" ? ": " + name : " " + quoted(name);
    const auto level = node.find("level");
    if (level != node.end() && level->is_number_integer()) {
      text += " [level=" + std::to_string(level->get<int>()) + "]";
    }
    const auto checked = node.find("checked");
    if (checked != node.end() && checked->is_boolean()) {
      text += checked->get<bool>() ? " [checked]" : " [unchecked]";
    }
    const auto element = node.find("element");
    std::string ref;
    if (interactiveRole(role) && element != node.end() && element->is_number_integer() &&
        element->get<int>() >= 0) {
      ref = "e" + std::to_string(snapshot_.elements.size() + 1);
      text += " [ref=" + ref + "]";
    }
    const std::string value = stringField(node, "value");
    if (!value.empty()) text += ": " + value;
    text += "\n";
    if (snapshot_.text.size() + text.size() > maxChars_) {
      snapshot_.truncated = true;  // refs only for lines that are shown
      return;
    }
    if (!ref.empty()) {
      snapshot_.elements[ref] = element->get<int>();
      snapshot_.refs[ref] = {{"role", role}, {"name", name}};
    }
    snapshot_.text += text;
    ++snapshot_.nodes;
  }

  std::size_t maxChars_;
  PageSnapshot snapshot_;
};

}  // namespace

const char* const kSnapshotScript = R"JS((() => {
  const maxNodes = 3000, maxName = 200;
  const elements = [];
  window[Symbol.for('openclaw.snapshot.elements')] = elements;
  const clip = (text) => {
    const flat = (text || '').replace(/\s+/g, ' ').trim();
    return flat.length > maxName ? flat.slice(0, maxName) + '…' : flat;
  };
  const inputRoles = {button: 'button', submit: 'button', reset: 'button', image: 'button',
    checkbox: 'checkbox', radio: 'radio', range: 'slider', number: 'spinbutton',
    search: 'searchbox', hidden: ''};
  const tagRoles = {BUTTON: 'button', SELECT: 'combobox', TEXTAREA: 'textbox', SUMMARY: 'button',
    H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading',
    IMG: 'img', NAV: 'navigation', MAIN: 'main', FORM: 'form', UL: 'list', OL: 'list',
    LI: 'listitem', TABLE: 'table', OPTION: 'option', DIALOG: 'dialog'};
  const roleOf = (el) => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(' ')[0];
    if (el.tagName === 'A') return el.hasAttribute('href') ? 'link' : '';
    if (el.tagName === 'INPUT') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      return type in inputRoles ? inputRoles[type] : 'textbox';
    }
    if (el.tagName === 'IMG' && !el.getAttribute('alt')) return '';
    if (el.isContentEditable && el.parentElement && !el.parentElement.isContentEditable) {
      return 'textbox';
    }
    return tagRoles[el.tagName] || '';
  };
  const nameOf = (el, role) => {
    const label = el.getAttribute('aria-label');
    if (label) return clip(label);
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const text = by.split(/\s+/).map((id) => document.getElementById(id))
          .filter(Boolean).map((x) => x.innerText).join(' ');
      if (text.trim()) return clip(text);
    }
    if (el.labels && el.labels.length) return clip(el.labels[0].innerText);
    if (el.tagName === 'IMG') return clip(el.getAttribute('alt'));
    if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) {
      return clip(el.value);
    }
    if (['textbox', 'searchbox', 'combobox', 'spinbutton', 'slider', 'list', 'table', 'form',
         'navigation', 'main'].includes(role)) {
      return clip(el.getAttribute('placeholder') || el.getAttribute('title'));
    }
    return clip(el.innerText || el.textContent || el.getAttribute('title'));
  };
  const hidden = (el) => {
    if (el.hidden || el.getAttribute('aria-hidden') === 'true') return true;
    const style = getComputedStyle(el);
    return style.display === 'none' || style.visibility === 'hidden';
  };
  let count = 0;
  const walk = (el, out) => {
    if (count >= maxNodes || hidden(el)) return;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD'].includes(el.tagName)) return;
    const role = roleOf(el);
    let into = out;
    if (role) {
      count++;
      const node = {role, name: nameOf(el, role), element: elements.length, children: []};
      elements.push(el);
      if (role === 'heading') node.level = Number(el.tagName.slice(1)) || 2;
      if (role === 'checkbox' || role === 'radio') node.checked = !!el.checked;
      if (['textbox', 'searchbox', 'combobox', 'spinbutton'].includes(role) && el.value) {
        node.value = clip(el.value);
      }
      out.push(node);
      const leaf = ['button', 'link', 'textbox', 'searchbox', 'heading', 'img', 'checkbox',
        'radio', 'option', 'slider', 'spinbutton', 'combobox'].includes(role);
      if (leaf) return;
      into = node.children;
    }
    for (const child of el.childNodes) {
      if (count >= maxNodes) return;
      if (child.nodeType === Node.TEXT_NODE) {
        const text = clip(child.textContent);
        if (text) { count++; into.push({role: 'text', name: text, element: -1}); }
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        walk(child, into);
      }
    }
  };
  const root = {role: 'document', name: document.title, element: -1, children: []};
  if (document.body) walk(document.body, root.children);
  return root;
})())JS";

std::string elementScript(int element, const std::string& body) {
  return std::string("(() => { const el = (window[") + kElementsKey + "] || [])[" +
         std::to_string(element) + "]; if (!el || !el.isConnected) return null; " + body + " })()";
}

bool interactiveRole(const std::string& role) {
  static const std::set<std::string> roles = {
      "button",   "link",    "textbox",  "searchbox",        "checkbox",     "radio",
      "combobox", "listbox", "menuitem", "option",           "slider",       "spinbutton",
      "switch",   "tab",     "treeitem", "menuitemcheckbox", "menuitemradio"};
  return roles.contains(role);
}

PageSnapshot buildSnapshot(const nlohmann::json& tree, std::size_t maxChars) {
  Builder builder(maxChars);
  builder.visit(tree, 0);
  return builder.finish();
}

}  // namespace openclaw::browser
