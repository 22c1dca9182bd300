// "Play here": the story from a node, with values and the partner's name and pronouns, played as
// text in the page by the engine's own Session, or in the game window in developer mode.
import { post } from "./api.js";

let facts = null;
let session = null;
let hooks = null;
const chosen = { name: "", pronouns: "", values: {} };

export function initPreview(h) { hooks = h; }
export function setPreviewFacts(f) { facts = f; }
export function cast() { return { name: chosen.name, pronouns: chosen.pronouns }; }

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c.nodeType ? c : document.createTextNode(c));
  return el;
}

export function renderPreview(node) {
  const root = document.getElementById("preview");
  root.replaceChildren();
  const name = h("input", { id: "pv-name", value: chosen.name, placeholder: "as written", "aria-label": "partner's name",
    oninput: (e) => { chosen.name = e.target.value; hooks.castChanged(); } });
  const pronouns = h("select", { id: "pv-pronouns", "aria-label": "partner's pronouns",
    onchange: (e) => { chosen.pronouns = e.target.value; hooks.castChanged(); } },
    ...[["", "as written"], ["he", "he"], ["she", "she"], ["they", "they"], ["xe/xem/xyr/xyrs/xemself", "xe"]].map(([v, t]) =>
      h("option", { value: v, selected: v === chosen.pronouns }, t)));
  root.append(h("div", { class: "pv-controls" }, h("span", {}, "from"), h("b", { id: "pv-from" }, node || facts.start || "the start"),
    h("label", { for: "pv-name" }, "partner"), name, h("label", { for: "pv-pronouns" }, "pronouns"), pronouns));
  const vals = h("div", { class: "pv-values" });
  for (const [id, v] of Object.entries(facts.variables)) {
    const input = h("input", { value: chosen.values[id] ?? "", placeholder: String(v.initial), "aria-label": `value of ${id}`,
      oninput: (e) => { chosen.values[id] = e.target.value; } });
    vals.append(h("label", {}, `${id}${v.label ? " · " + v.label : ""}`), input);
  }
  const changed = Object.values(chosen.values).filter((v) => v !== "").length;
  root.append(h("details", { open: changed > 0 },
    h("summary", { class: "section-title" }, `Values to start with${changed ? ` (${changed} set)` : ""}`), vals));
  root.append(h("div", { class: "pv-buttons" },
    h("button", { id: "pv-start", onclick: () => start(node) }, "Preview as text"),
    h("button", { class: "secondary", id: "pv-window", onclick: () => hooks.playWindow(node, { ...chosen }) }, "Play in the game window")));
  root.append(h("div", { id: "stage" }));
  if (session) draw(session);
}

async function start(node) {
  try {
    session = await post("/api/preview", { action: "start", node, values: chosen.values, name: chosen.name, pronouns: chosen.pronouns });
    draw(session);
  } catch (err) { hooks.toast(err.message); }
}

async function act(body) {
  try {
    session = await post("/api/preview", { ...body, id: session.id });
    draw(session);
  } catch (err) { hooks.toast(err.message); }
}

function draw(s) {
  const stage = document.getElementById("stage");
  if (!stage) return;
  const box = h("div", { class: "stage", id: "pv-stage" });
  box.append(h("div", { class: "where" }, `at ${s.node}`));
  for (const line of s.lines) box.append(h("p", {}, line.speaker ? h("span", { class: "who" }, line.speaker) : null, line.text));
  if (s.ending) box.append(h("div", { class: "ending" }, h("h3", {}, s.ending.title), h("p", {}, s.ending.debrief)));
  if (s.stuck) box.append(h("p", {}, `Play cannot go on: ${s.stuck}`));
  const list = h("ol", {});
  s.choices.forEach((c, i) => list.append(h("li", {}, h("button", { onclick: () => act({ action: "choose", index: c.index }), "data-key": i + 1 },
    `${i + 1}. ${c.text}`, c.kind ? h("span", { class: "kind" }, c.kind) : null))));
  box.append(list);
  const row = h("div", { class: "pv-buttons" });
  if (s.can_back) row.append(h("button", { class: "secondary", onclick: () => act({ action: "back" }) }, "← back one choice"));
  stage.replaceChildren(box, row);
}

export function previewKey(key) {
  if (!session) return false;
  const n = Number(key);
  if (n >= 1 && n <= session.choices.length) { act({ action: "choose", index: session.choices[n - 1].index }); return true; }
  return false;
}
