// The node editor: every part of one node as fields, each edit sent as a small change to the
// node's own file (and to the branch files that append choices to it).
import { makeField } from "./fields.js";

let app = null;       // what the editor asks of the page: edit, rename, remove, play, preview, colour
let facts = null;
let current = null;   // the node detail from the server
let fields = new Map(); // "file|pointer" -> field
let focusSerial = 0;

export function initEditor(hooks) { app = hooks; }
export function setEditorFacts(f) { facts = f; }
export function currentNode() { return current ? current.id : null; }

const esc = (s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1");
const pointer = (path) => "/" + path.map((p) => esc(p)).join("/");

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c.nodeType ? c : document.createTextNode(c));
  return el;
}

function select(options, value, onchange, { empty = "—", label } = {}) {
  const el = h("select", { "aria-label": label, onchange: (e) => onchange(e.target.value || null) });
  el.append(h("option", { value: "" }, empty));
  const known = new Set();
  for (const [v, text] of options) {
    known.add(v);
    el.append(h("option", { value: v, selected: v === value }, text));
  }
  if (value && !known.has(value)) el.append(h("option", { value, selected: true }, `${value} (unknown)`));
  return el;
}

// -- sending edits -------------------------------------------------------------------------
// A change made with a button: made from the node as this tab shows it (``current.version``),
// so the server refuses it where another tab changed the same part since.
function send(ops, label, coalesce = null) {
  const base = current ? current.version : undefined;
  return app.edit({ ops, label, coalesce, base }).then(answered);
}

// What the server answered to this tab's edit: the node as it is now.
function answered(answer) {
  if (answer && answer.node && current && answer.node.id === current.id) {
    take(answer.node);
    if (window.studio) window.studio.timings.squiggledAt = performance.now();
  }
  return answer;
}

// Typing: the field's whole value is sent, read when the request goes (keystrokes typed while
// an earlier one is on its way go together), with the version the field's text is from.
function sendField(f) {
  if (f.queued) return;
  f.queued = true;
  let sent;
  app.edit(() => {
    f.queued = false;
    if (!f.alive || !f.unsent()) return null;
    sent = f.value();
    const empty = sent === "" || (Array.isArray(sent) && sent.length === 0);
    const ops = empty && f.dropWhenEmpty ? [{ op: "delete", file: f.file, path: f.path }]
      : [{ op: "set", file: f.file, path: f.path, value: sent }];
    return { ops, label: f.labelText, coalesce: f.session(), base: f.base };
  }, (answer) => { f.markSynced(sent); f.base = answer.version; }).then(answered);
}

// The node as the server has it now (from an answer, from catching up after a refused edit,
// or because another tab changed it): fields take in what changed, keeping what the writer
// typed since; a node whose fields changed shape is drawn again.
function take(detail) {
  if (JSON.stringify(shape(detail)) !== JSON.stringify(shape(current))) {
    const unsent = [...fields.values()].some((f) => f.unsent());
    render(detail);
    return unsent && [...fields.values()].some((f) => f.unsent());
  }
  current = detail;
  let unsent = false;
  for (const f of fields.values()) {
    if (f.set(valueAt(f.file, f.path))) { sendField(f); unsent = true; }
    f.base = detail.version;
  }
  for (const el of document.querySelectorAll("[data-rendered]")) {
    const text = current.rendered && current.rendered[el.dataset.rendered];
    el.hidden = text == null;
    el.textContent = text == null ? "" : text;
  }
  const note = document.getElementById("node-note");
  if (note && document.activeElement !== note) note.value = (detail.value || {}).note || "";
  squiggles();
  return unsent;
}

// An edit of this tab was refused: another tab changed the same part first. Show the node as
// it is now; what this tab typed is put back in and sent again (then this says true).
export function catchUp(detail) {
  return !!(detail && current && detail.id === current.id && take(detail));
}

// Another tab changed the node shown here: read it again, after this tab's own edits.
let refreshing = false;
export function refresh() {
  if (!current || refreshing) return;
  refreshing = true;
  const id = current.id;
  app.inOrder(() => { refreshing = false; return app.get(`/api/node/${encodeURIComponent(id)}`); })
    .then((detail) => { if (current && current.id === id) take(detail); })
    .catch(() => { refreshing = false; });
}

// What decides the editor's layout: which fields there are (not what they say). A field that
// is always drawn (a choice's condition, a node's effects) does not count, so typing into it
// never redraws the editor under the cursor.
function shape(detail) {
  const v = detail.value || {};
  const has = (k) => k in v;
  const debrief = v.ending && v.ending.debrief;
  return {
    id: detail.id, file: detail.file,
    parts: ["lines", "text", "route", "ending", "choices"].map(has),
    lines: (Array.isArray(v.lines) ? v.lines : []).map((l) => !!(l && typeof l === "object" && "if" in l)),
    choices: (v.choices || []).length, route: (v.route || []).length,
    debrief: Array.isArray(debrief) ? debrief.map((p) => typeof p) : typeof debrief,
    place: Object.keys(v.place || {}).join(","), extended: detail.extended.map((e) => e.file).join(","),
  };
}

function field(parent, file, path, value, kind, opts = {}) {
  const ptr = pointer(path);
  const key = `${file}|${ptr}`;
  let f = null;
  f = makeField({
    parent, value, kind, placeholder: opts.placeholder || "", label: opts.label,
    onFocus: () => { focusSerial += 1; },
    onChange: () => sendField(f),
  });
  Object.assign(f, { file, path, key, alive: true, queued: false, base: current.version,
    dropWhenEmpty: !!opts.dropWhenEmpty, labelText: opts.labelText || "type",
    session: () => `${key}#${focusSerial}`, messages: h("ul", { class: "field-messages" }) });
  parent.append(f.messages);
  fields.set(key, f);
  return f;
}

// -- rendering -------------------------------------------------------------------------------
export function render(detail) {
  const before = detail && current && detail.id === current.id ? fields : new Map();
  const focused = [...before.values()].find((f) => f.view.hasFocus);
  for (const f of before.values()) f.alive = false;
  current = detail;
  fields = new Map();
  const root = document.getElementById("editor");
  root.replaceChildren();
  draw(detail, root);
  // The same node drawn again: a field that still had something to send, and whose text on
  // the server is still what it was sent from, keeps it; the cursor stays where it was.
  for (const [key, old] of before) {
    const now = fields.get(key);
    if (now && old.unsent() && now.synced() === old.synced()) now.type(old.text());
  }
  const again = focused && fields.get(focused.key);
  if (again) {
    const { anchor, head } = focused.selection();
    const end = again.view.state.doc.length;
    again.view.focus();
    again.view.dispatch({ selection: { anchor: Math.min(anchor, end), head: Math.min(head, end) } });
  }
}

function draw(detail, root) {
  if (!detail) {
    root.append(h("div", { class: "empty" },
      h("h2", {}, "Choose a node on the map"),
      h("p", {}, "Click a card, or move between cards with the arrow keys and press ", h("kbd", {}, "Enter"), "."),
      h("p", {}, "Drag the ", h("b", {}, "➜"), " handle of a card into empty space to write a new node, or press ", h("kbd", {}, "?"), " for every key.")));
    return;
  }
  const v = detail.value || {};
  const file = detail.file;
  const base = ["nodes", detail.id];
  const shapeName = "route" in v ? "route" : "ending" in v ? "ending" : "text";
  root.append(h("div", { class: "node-head" },
    h("h2", { id: "node-title" }, detail.id),
    h("span", { class: "chip file", style: `background:${app.colour(file)}` }, file),
    h("span", { class: "chip" }, shapeName === "text" ? "text node" : shapeName),
    app.isStart(detail.id) ? h("span", { class: "chip" }, "start") : null));
  root.append(h("div", { class: "node-actions" },
    h("button", { id: "rename-node", onclick: () => app.rename(detail.id), title: "F2" }, "Rename"),
    h("button", { onclick: () => app.preview(detail.id), title: "T" }, "Preview from here"),
    h("button", { onclick: () => app.play(detail.id), title: "P" }, "Play in the game"),
    h("button", { class: "danger", onclick: () => app.remove(detail.id), title: "Delete" }, "Delete")));

  if (shapeName !== "route") renderLines(root, file, base, v);
  if (shapeName === "text") renderChoices(root, file, base, v, detail.extended);
  if (shapeName === "route") renderRoute(root, file, base, v);
  if (shapeName === "ending") renderEnding(root, file, base, v);
  renderStaging(root, file, base, v);
  if (shapeName === "text" && !(v.choices || []).length && !detail.extended.length) {
    root.append(h("div", { class: "row" },
      h("button", { class: "small", onclick: () => send([{ op: "set", file, path: [...base, "ending"], value: { title: "", debrief: "" } }], "make an ending") }, "Make it an ending"),
      h("button", { class: "small", onclick: () => send([{ op: "set", file, path: [...base, "route"], value: [{ to: "" }] }, ...["text", "lines", "speaker", "expression"].filter((k) => k in v).map((k) => ({ op: "delete", file, path: [...base, k] }))], "make a route") }, "Make it a route")));
  }
  const note = h("textarea", { id: "node-note", rows: 2, "aria-label": "Note for writers", placeholder: "A note for writers (not shown to players)",
    style: "width:100%;font:13px var(--ui);border-radius:7px;border:1px solid var(--cream-dark);padding:6px;background:#fffdf8" });
  note.value = v.note || "";
  let noteSession = 0;
  note.addEventListener("focus", () => { noteSession += 1; });
  note.addEventListener("input", () => send(note.value ? [{ op: "set", file, path: [...base, "note"], value: note.value }] : [{ op: "delete", file, path: [...base, "note"] }], "note", `note#${noteSession}`));
  root.append(h("fieldset", {}, h("legend", {}, "Note"), note));
  squiggles();
}

function itemTools(file, listPath, i, count, what) {
  return h("div", { class: "item-tools" },
    i > 0 ? h("button", { title: `Move this ${what} up`, "aria-label": `Move ${what} up`, onclick: () => send([{ op: "move", file, path: listPath, from: i, to: i - 1 }], `move ${what}`) }, "↑") : null,
    i < count - 1 ? h("button", { title: `Move this ${what} down`, "aria-label": `Move ${what} down`, onclick: () => send([{ op: "move", file, path: listPath, from: i, to: i + 1 }], `move ${what}`) }, "↓") : null,
    h("button", { title: `Remove this ${what}`, "aria-label": `Remove ${what}`, onclick: () => send([{ op: "remove", file, path: listPath, index: i }], `remove ${what}`) }, "×"));
}

function speakerPickers(row, file, path, line) {
  const chars = Object.entries(facts.characters).map(([id, c]) => [id, c.name === id ? id : `${c.name} (${id})`]);
  row.append(h("label", {}, "speaker", select(chars, line.speaker || null, (value) =>
    send([value ? { op: "set", file, path: [...path, "speaker"], value } : { op: "delete", file, path: [...path, "speaker"] },
      ...(value ? [] : [{ op: "delete", file, path: [...path, "expression"] }])], "speaker"), { empty: "narration", label: "speaker" })));
  const who = facts.characters[line.speaker];
  if (who && who.expressions.length) {
    row.append(h("label", {}, "expression", select(who.expressions.map((e) => [e, e]), line.expression || null, (value) =>
      send([value ? { op: "set", file, path: [...path, "expression"], value } : { op: "delete", file, path: [...path, "expression"] }], "expression"), { label: "expression" })));
  }
}

function renderLines(root, file, base, v) {
  const set = h("fieldset", {}, h("legend", {}, "Lines"));
  root.append(set);
  if ("lines" in v || !("text" in v)) {
    const lines = Array.isArray(v.lines) ? v.lines : [];
    lines.forEach((line, i) => {
      const path = [...base, "lines", i];
      const item = h("div", { class: "item line" });
      set.append(item);
      item.append(itemTools(file, [...base, "lines"], i, lines.length, "line"));
      const row = h("div", { class: "row" });
      item.append(row);
      speakerPickers(row, file, path, line || {});
      const once = h("input", { type: "checkbox", checked: !!(line && line.once), onchange: (e) =>
        send([e.target.checked ? { op: "set", file, path: [...path, "once"], value: true } : { op: "delete", file, path: [...path, "once"] }], "once") });
      row.append(h("label", { title: "Shown only on the node's first visit" }, once, "first visit only"));
      field(item, file, [...path, "text"], line && line.text, "prose", { placeholder: "What happens, or what is said…", label: `line ${i + 1}` });
      renderedLine(item, pointer([...path, "text"]));
      if (line && "if" in line) {
        const r = h("div", { class: "row" });
        const lab = h("label", { class: "grow" }, "only if");
        r.append(lab);
        item.append(r);
        field(lab, file, [...path, "if"], line.if, "condition", { placeholder: "a condition, e.g. thanks >= 2", label: `condition of line ${i + 1}`, dropWhenEmpty: true });
      } else {
        item.append(h("div", { class: "row" }, h("button", { class: "small", onclick: () => send([{ op: "set", file, path: [...path, "if"], value: "" }], "condition") }, "+ condition")));
      }
    });
    set.append(h("button", { class: "add", id: "add-line", onclick: () => send([{ op: "insert", file, path: [...base, "lines"], index: -1, value: { text: "" } }], "add a line") }, "+ line"));
  } else {
    const item = h("div", { class: "item line" });
    set.append(item);
    const row = h("div", { class: "row" });
    item.append(row);
    speakerPickers(row, file, base, v);
    field(item, file, [...base, "text"], v.text, "prose", { placeholder: "What happens, or what is said…", label: "line 1" });
    renderedLine(item, pointer([...base, "text"]));
    set.append(h("button", { class: "add", id: "add-line", onclick: () => send([{ op: "to_lines", id: base[1] }, { op: "insert", file, path: [...base, "lines"], index: -1, value: { text: "" } }], "add a line") }, "+ line"));
  }
}

function renderedLine(item, ptr) {
  const text = current.rendered && current.rendered[ptr];
  const el = h("div", { class: "rendered", "data-rendered": ptr });
  if (text != null) el.append(text);
  else el.hidden = true;
  item.append(el);
}

function choiceItem(set, file, path, c, i, count, listPath, extended) {
  const item = h("div", { class: "item choice" + (extended ? " extended" : "") });
  set.append(item);
  if (extended) item.append(h("div", { class: "from" }, `added by ${file}`));
  item.append(itemTools(file, listPath, i, count, "choice"));
  field(item, file, [...path, "text"], c.text, "prose", { placeholder: "What the player says or does…", label: `choice ${i + 1}` });
  renderedLine(item, pointer([...path, "text"]));
  const row = h("div", { class: "row" });
  item.append(row);
  const to = h("input", { list: "node-ids", value: c.to || "", "aria-label": `choice ${i + 1} leads to`, size: 14,
    onchange: (e) => send([{ op: "set", file, path: [...path, "to"], value: e.target.value.trim() }], "target") });
  row.append(h("label", {}, "to", to,
    h("button", { class: "small", title: "Go to that node", "aria-label": "Go to target", onclick: () => c.to && app.open(c.to) }, "→")));
  row.append(h("label", {}, "kind", select(Object.entries(facts.kinds).map(([k, d]) => [k, d.label === k ? k : `${k} · ${d.label}`]), c.kind || null,
    (value) => send([value ? { op: "set", file, path: [...path, "kind"], value } : { op: "delete", file, path: [...path, "kind"] }], "kind"),
    { empty: "plain (no kind)", label: `choice ${i + 1} kind` })));
  const cond = h("div", { class: "row" });
  const lab = h("label", { class: "grow" }, "only if");
  cond.append(lab);
  item.append(cond);
  field(lab, file, [...path, "if"], c.if, "condition", { placeholder: "always offered", label: `choice ${i + 1} condition`, dropWhenEmpty: true });
  const eff = h("div", { class: "row" });
  const lab2 = h("label", { class: "grow" }, "effects");
  eff.append(lab2);
  item.append(eff);
  field(lab2, file, [...path, "effects"], c.effects, "effects", { placeholder: "one per line, e.g. safety += 2", label: `choice ${i + 1} effects`, dropWhenEmpty: true });
}

function renderChoices(root, file, base, v, extended) {
  const set = h("fieldset", {}, h("legend", {}, "Choices"));
  root.append(set);
  const choices = Array.isArray(v.choices) ? v.choices : [];
  choices.forEach((c, i) => choiceItem(set, file, [...base, "choices", i], c || {}, i, choices.length, [...base, "choices"], false));
  for (const e of extended) {
    choiceItem(set, e.file, ["extend", base[1], "choices", e.index], e.value || {}, e.index, 1, ["extend", base[1], "choices"], true);
  }
  set.append(h("button", { class: "add", id: "add-choice", onclick: () => app.addChoice(base[1]) }, "+ choice"));
}

function renderRoute(root, file, base, v) {
  const set = h("fieldset", {}, h("legend", {}, "Route: the first entry whose condition holds"));
  root.append(set);
  const route = Array.isArray(v.route) ? v.route : [];
  route.forEach((r, i) => {
    const path = [...base, "route", i];
    const item = h("div", { class: "item" });
    set.append(item);
    item.append(itemTools(file, [...base, "route"], i, route.length, "entry"));
    const row = h("div", { class: "row" });
    const lab = h("label", { class: "grow" }, "if");
    row.append(lab);
    item.append(row);
    field(lab, file, [...path, "if"], r.if, "condition", { placeholder: "otherwise", label: `route ${i + 1} condition`, dropWhenEmpty: true });
    item.append(h("div", { class: "row" }, h("label", {}, "go to", h("input", { list: "node-ids", value: r.to || "", size: 16, "aria-label": `route ${i + 1} target`,
      onchange: (e) => send([{ op: "set", file, path: [...path, "to"], value: e.target.value.trim() }], "target") }))));
  });
  set.append(h("button", { class: "add", onclick: () => send([{ op: "insert", file, path: [...base, "route"], index: -1, value: { to: "" } }], "add a route entry") }, "+ entry"));
}

function renderEnding(root, file, base, v) {
  const e = v.ending && typeof v.ending === "object" ? v.ending : {};
  const path = [...base, "ending"];
  const set = h("fieldset", {}, h("legend", {}, "Ending"));
  root.append(set);
  const item = h("div", { class: "item" });
  set.append(item);
  item.append(h("div", { class: "section-title" }, "Title"));
  field(item, file, [...path, "title"], e.title, "prose", { placeholder: "The ending's title", label: "ending title" });
  const row = h("div", { class: "row" });
  item.append(row);
  row.append(h("label", {}, "dynamic", select(facts.dynamics.map((d) => [d, d]), e.dynamic || null,
    (value) => send([value ? { op: "set", file, path: [...path, "dynamic"], value } : { op: "delete", file, path: [...path, "dynamic"] }], "dynamic"), { label: "dynamic" })));
  const deb = h("div", { class: "item" });
  set.append(deb);
  deb.append(h("div", { class: "section-title" }, "Debrief"));
  if (Array.isArray(e.debrief)) {
    e.debrief.forEach((p, i) => {
      const pp = [...path, "debrief", i];
      const box = h("div", { class: "item" });
      deb.append(box);
      box.append(itemTools(file, [...path, "debrief"], i, e.debrief.length, "paragraph"));
      if (typeof p === "string") {
        field(box, file, pp, p, "prose", { placeholder: "A paragraph", label: `debrief paragraph ${i + 1}` });
        box.append(h("div", { class: "row" }, h("button", { class: "small", onclick: () => send([{ op: "set", file, path: pp, value: { if: "", text: p } }], "condition") }, "+ condition")));
      } else {
        field(box, file, [...pp, "text"], p && p.text, "prose", { placeholder: "A paragraph", label: `debrief paragraph ${i + 1}` });
        const r = h("div", { class: "row" });
        const lab = h("label", { class: "grow" }, "only if");
        r.append(lab);
        box.append(r);
        field(lab, file, [...pp, "if"], p && p.if, "condition", { placeholder: "always", label: `debrief paragraph ${i + 1} condition` });
      }
    });
    deb.append(h("button", { class: "add", onclick: () => send([{ op: "insert", file, path: [...path, "debrief"], index: -1, value: "" }], "add a paragraph") }, "+ paragraph"));
  } else {
    field(deb, file, [...path, "debrief"], e.debrief, "prose", { placeholder: "What happened between you, and the idea behind it", label: "debrief" });
    deb.append(h("button", { class: "add", onclick: () => send([{ op: "set", file, path: [...path, "debrief"], value: [e.debrief || "", { if: "", text: "" }] }], "split the debrief") }, "+ paragraph with a condition"));
  }
}

function renderStaging(root, file, base, v) {
  const set = h("fieldset", {}, h("legend", {}, "Staging and effects"));
  root.append(set);
  const item = h("div", { class: "item" });
  set.append(item);
  const row = h("div", { class: "row" });
  item.append(row);
  row.append(h("label", {}, "scene", select(facts.scenes.map((s) => [s, s]), v.scene || null,
    (value) => send([value ? { op: "set", file, path: [...base, "scene"], value } : { op: "delete", file, path: [...base, "scene"] }], "scene"), { empty: "as before", label: "scene" })));
  const place = v.place && typeof v.place === "object" ? v.place : {};
  for (const [who, spot] of Object.entries(place)) {
    row.append(h("label", {}, `${who} at`, h("input", { value: spot, size: 9, "aria-label": `${who}'s spot`,
      onchange: (e) => send([e.target.value.trim() ? { op: "set", file, path: [...base, "place", who], value: e.target.value.trim() } : { op: "delete", file, path: [...base, "place", who] }], "place") })));
  }
  const unplaced = Object.keys(facts.characters).filter((c) => !(c in place));
  if (unplaced.length) {
    row.append(select(unplaced.map((c) => [c, c]), null, (who) => who && send([{ op: "set", file, path: [...base, "place", who], value: "" }], "place"), { empty: "+ place…", label: "place a character" }));
  }
  const eff = h("div", { class: "row" });
  const lab = h("label", { class: "grow" }, "on entering");
  eff.append(lab);
  item.append(eff);
  field(lab, file, [...base, "effects"], v.effects, "effects", { placeholder: "effects, one per line", label: "node effects", dropWhenEmpty: true });
}

// -- the value each field shows ---------------------------------------------------------------------
function valueAt(file, path) {
  let value = file === current.file ? { nodes: { [current.id]: current.value } } : null;
  if (value === null) {
    const e = current.extended.find((x) => x.file === file && path[3] === x.index);
    if (!e) return undefined;
    return path.slice(4).reduce((v, k) => (v == null ? v : v[k]), e.value);
  }
  return path.reduce((v, k) => (v == null ? v : v[k]), value);
}

let fullFindings = [];
export function setFindings(found) { fullFindings = found; if (current) squiggles(); }

// The field a finding belongs to: the longest pointer of a field that starts the finding's.
function fieldFor(f) {
  let ptr = f.pointer;
  let item = null;
  for (;;) {
    const hit = fields.get(`${f.file}|${ptr}`);
    if (hit) return [hit, item];
    const cut = ptr.lastIndexOf("/");
    if (cut <= 0) return [null, null];
    const last = ptr.slice(cut + 1);
    item = /^\d+$/.test(last) ? Number(last) : null;
    ptr = ptr.slice(0, cut);
  }
}

function squiggles() {
  if (!current) return;
  const quick = current.quick || [];
  const quickCodes = new Set(quick.map((q) => q.pointer + q.code));
  const mine = fullFindings.filter((f) => f.node === current.id && Number(f.code.slice(2)) >= 500);
  const loaderFull = fullFindings.filter((f) => f.node === current.id && Number(f.code.slice(2)) < 200);
  const all = [...quick, ...loaderFull.filter((f) => !quickCodes.has(f.pointer + f.code)), ...mine];
  const byField = new Map();
  for (const f of all) {
    const [target, item] = fieldFor(f);
    if (!target) continue;
    if (!byField.has(target)) byField.set(target, []);
    byField.get(target).push({ ...f, item: target.kind === "effects" ? item : null });
  }
  for (const f of fields.values()) {
    // an empty text (LT516) stops being one as soon as something is written, before lint says so
    const found = (byField.get(f) || []).filter((x) => x.code !== "LT516" || !f.text().trim());
    f.squiggle(found);
    f.messages.replaceChildren(...found.map((x) => h("li", { class: x.severity }, h("code", {}, x.code), " ", x.message)));
  }
}

export function focusFinding(f) {
  const [target, item] = fieldFor(f);
  if (!target) {
    document.getElementById("node-title")?.scrollIntoView({ block: "nearest" });
    return false;
  }
  target.view.dom.scrollIntoView({ block: "center" });
  let offset = f.offset;
  if (target.kind === "effects" && item != null) {
    const lines = target.view.state.doc.toString().split("\n");
    let n = -1, at = 0;
    for (const line of lines) { if (line.trim()) n += 1; if (n === item) break; at += line.length + 1; }
    offset = at + (offset || 0);
  }
  target.focus(offset);
  return true;
}

// The cursor into the text of the node's last choice (the one just made).
export function focusNewChoice() {
  if (!current) return false;
  const choices = Array.isArray((current.value || {}).choices) ? current.value.choices : [];
  if (!choices.length) return false;
  const f = fields.get(`${current.file}|${pointer(["nodes", current.id, "choices", choices.length - 1, "text"])}`);
  if (!f) return false;
  f.view.dom.scrollIntoView({ block: "center" });
  f.focus(f.view.state.doc.length);
  return true;
}

export function focusFirst() {
  const first = fields.values().next().value;
  if (first) first.focus(null);
}
