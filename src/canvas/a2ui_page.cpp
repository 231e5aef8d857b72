#include "canvas/a2ui_page.h"

namespace openclaw::canvas {

std::string_view a2uiPage() {
  // Each JSONL line is one message: {"surfaceUpdate":{"components":[{"id","component":{Kind:
  // {...}}}]}} adds or replaces components, {"beginRendering":{"root":id}} picks the one shown,
  // {"deleteSurface":{}} clears everything. Kinds: Text {text}, Button {label}, Column and Row
  // {children:{explicitList:[ids]}}; a string value is either plain or {"literalString": ...}.
  static constexpr std::string_view kPage = R"html(<!doctype html>
<html><head><meta charset="utf-8"><title>A2UI</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}.row{display:flex;gap:.5rem}
.column{display:flex;flex-direction:column;gap:.5rem}</style></head>
<body><div id="a2ui-root"></div>
<script>
(() => {
  const components = new Map();
  let rootId = null;
  const text = (value) => typeof value === 'string' ? value : (value && value.literalString) || '';
  const build = (id, depth) => {
    const entry = components.get(id);
    if (!entry || depth > 32) return document.createTextNode('');
    const [kind, props] = Object.entries(entry)[0] || [];
    let node;
    if (kind === 'Text') { node = document.createElement('p'); node.textContent = text(props.text); }
    else if (kind === 'Button') { node = document.createElement('button'); node.textContent = text(props.label); }
    else if (kind === 'Column' || kind === 'Row') {
      node = document.createElement('div');
      node.className = kind.toLowerCase();
      for (const child of (props.children && props.children.explicitList) || []) node.appendChild(build(child, depth + 1));
    } else { node = document.createElement('div'); node.textContent = '[' + kind + ']'; }
    node.dataset.a2uiId = id;
    return node;
  };
  const render = () => {
    const root = document.getElementById('a2ui-root');
    root.replaceChildren();
    if (rootId !== null) root.appendChild(build(rootId, 0));
  };
  const apply = (message) => {
    if (message.surfaceUpdate) for (const c of message.surfaceUpdate.components || []) components.set(c.id, c.component);
    if (message.beginRendering) rootId = message.beginRendering.root;
    if (message.deleteSurface) { components.clear(); rootId = null; }
  };
  window.openclawA2UI = {
    push(jsonl) {
      for (const line of String(jsonl).split('\n')) if (line.trim()) apply(JSON.parse(line));
      render();
    },
    reset() { components.clear(); rootId = null; render(); },
  };
})();
</script></body></html>
)html";
  return kPage;
}

}  // namespace openclaw::canvas
