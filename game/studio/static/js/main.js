// The studio page: the map, the node editor, the checks and the preview, wired together, with
// a key for everything (press ? in the page for the list).
import { get, post, listen, inOrder, tab } from "./api.js";
import * as map from "./map.js";
import * as editor from "./editor.js";
import { setFacts as setFieldFacts, settings, setCurlyQuotes } from "./fields.js";
import { initChecks, showFindings, setChecking } from "./checks.js";
import { initPreview, renderPreview, setPreviewFacts, cast, previewKey } from "./preview.js";

const $ = (id) => document.getElementById(id);
const state = { facts: null, findings: [], findingsVersion: -1, version: 0, stamp: -1, selected: null, status: null, heatOn: false, files: [], stopped: false };
window.studio = { state, map, tab, ready: false, timings: {} };

function toast(text, ms = 2600) {
  ms = Math.max(ms, 300 * text.split(/\s+/).length); // long enough to read
  const t = $("toast");
  t.textContent = text;
  t.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove("show"), ms);
}

function setFacts(f) {
  state.facts = f;
  setFieldFacts(f);
  editor.setEditorFacts(f);
  setPreviewFacts(f);
  $("story-title").textContent = f.title;
  document.title = `${f.title} · Low Tide studio`;
  let list = $("node-ids");
  if (!list) { list = document.createElement("datalist"); list.id = "node-ids"; document.body.append(list); }
  list.replaceChildren(...f.nodes.map((n) => { const o = document.createElement("option"); o.value = n; return o; }));
}

// What is saved and what can be undone are the server's, shared by every tab: each answer and
// each piece of news carries them, numbered (``stamp``), so an older word never wins.
function setStatus(s) {
  if (s.stamp != null) {
    if (s.stamp < state.stamp) return;
    state.stamp = s.stamp;
  }
  state.status = s;
  state.version = Math.max(state.version, s.version);
  state.files = s.files;
  $("undo").disabled = !s.undo;
  $("redo").disabled = !s.redo;
  $("undo").title = s.undo ? `Undo ${s.undo} (Ctrl+Z)` : "Nothing to undo";
  $("redo").title = s.redo ? `Redo ${s.redo} (Ctrl+Shift+Z)` : "Nothing to redo";
  const dirty = s.files.filter((f) => f.dirty);
  const save = $("save");
  save.textContent = dirty.length ? `Save ${dirty.length} file${dirty.length > 1 ? "s" : ""}` : "Saved";
  save.classList.toggle("clean", !dirty.length);
  save.title = dirty.length ? `Save ${dirty.map((f) => f.file).join(", ")} (Ctrl+S)` : "Every file is saved";
  const legend = $("legend");
  legend.replaceChildren(...s.files.map((f) => {
    const span = document.createElement("span");
    const i = document.createElement("i");
    i.style.background = map.colourOf(f.file);
    span.append(i, `${f.file}${f.dirty ? " •" : ""}`);
    return span;
  }));
  const conflicts = s.files.filter((f) => f.conflict);
  const broken = s.files.filter((f) => f.broken);
  const banner = $("banner");
  banner.replaceChildren();
  banner.hidden = !conflicts.length && !broken.length;
  for (const f of conflicts) {
    const mine = document.createElement("button"); mine.textContent = "Keep mine";
    const theirs = document.createElement("button"); theirs.textContent = "Take the disk's";
    mine.onclick = () => settle(f.file, "mine");
    theirs.onclick = () => settle(f.file, "theirs");
    banner.append(`${f.file} changed on disk while you were editing it; nothing was overwritten.`, mine, theirs);
  }
  for (const f of broken) banner.append(`${f.file} is ${f.broken}`);
}

function afterChange(answer) {
  if (!answer) return answer;
  setStatus(answer);
  if (answer.facts) setFacts(answer.facts);
  if (answer.map) map.applyChanges(answer.map, answer.version);
  if (answer.version !== state.findingsVersion) setChecking();
  return answer;
}

// An edit: ``make`` is { ops, label, coalesce, base } or a function giving it (or null, for
// nothing to send) when the request goes. ``base`` is the version the edit was made from (by
// default the newest this tab has heard of); ``sent`` hears the answer first.
async function edit(make, sent = null) {
  try {
    const t0 = performance.now();
    const answer = await post("/api/edit", () => {
      const r = typeof make === "function" ? make() : make;
      if (!r) return null;
      return { ops: r.ops, label: r.label || "edit", coalesce: r.coalesce ?? null,
               base: r.base ?? state.version, focus: editor.currentNode() };
    });
    if (!answer) return null;
    window.studio.timings.lastEdit = performance.now() - t0;
    if (sent) sent(answer);
    return afterChange(answer);
  } catch (err) {
    if (err.status === 409 && err.data) {
      // another tab changed the same part first: catch up, nothing is lost
      setStatus(err.data);
      const typing = editor.catchUp(err.data.node);
      toast(typing ? "Changed in another tab meanwhile: what you typed is added to it"
        : "Changed in another tab meanwhile: this is how it is now; do it again if you still want to", 3000);
    } else toast(err.message, 4000);
    return null;
  }
}
// what the map and the dialogs ask for: ops made now, from the newest version heard of
const change = (ops, label) => edit({ ops, label });

async function settle(file, keep) {
  afterChange(await post("/api/settle", { file, keep }));
  if (state.selected) openNode(state.selected, { keepTab: true });
}

async function undoRedo(which) {
  const answer = await post(`/api/${which}`, { focus: editor.currentNode() });
  afterChange(answer);
  if (answer.did) toast(`${which === "undo" ? "Undid" : "Redid"}: ${answer.did}`, 1400);
  if (answer.node) editor.render(answer.node);
  else if (state.selected && !state.facts.nodes.includes(state.selected)) select(null);
}

async function save() {
  const answer = await post("/api/save");
  setStatus(answer);
  if (answer.conflicts.length) toast(`Not saved, changed on disk: ${answer.conflicts.join(", ")}`, 5000);
  else if (answer.errors.length) toast(`Could not save: ${answer.errors.join("; ")}`, 5000);
  else if (answer.written.length) toast(`Saved ${answer.written.join(", ")}`);
  else toast("Nothing to save");
}

// -- selecting and opening nodes ---------------------------------------------------------------
async function openNode(id, { keepTab = false } = {}) {
  state.selected = id;
  map.selectNode(id, { center: true });
  if (!id) { editor.render(null); return; }
  try {
    const detail = await get(`/api/node/${encodeURIComponent(id)}`);
    editor.render(detail);
    if (!keepTab) showTab("node");
    else if (!$("preview").hidden) renderPreview(id);
  } catch (err) { toast(err.message); }
}
function select(id) { if (id !== state.selected) openNode(id, { keepTab: true }); }

function showTab(which) {
  $("tab-node").setAttribute("aria-selected", which === "node");
  $("tab-preview").setAttribute("aria-selected", which === "preview");
  $("editor").hidden = which !== "node";
  $("preview").hidden = which !== "preview";
  if (which === "preview") renderPreview(state.selected);
}

// -- dialogs ------------------------------------------------------------------------------------
function ask({ title, text = [], value = "", action = "OK", danger = false, list = [], input = true, check = null }) {
  const dialog = $("dialog");
  dialog.replaceChildren();
  const h3 = document.createElement("h3"); h3.textContent = title;
  dialog.append(h3);
  for (const t of text) { const p = document.createElement("p"); p.textContent = t; dialog.append(p); }
  if (list.length) { const ul = document.createElement("ul"); for (const l of list) { const li = document.createElement("li"); li.textContent = l; ul.append(li); } dialog.append(ul); }
  const field = document.createElement("input");
  field.id = "dialog-input"; field.value = value; field.spellcheck = false; field.autocomplete = "off";
  if (input) dialog.append(field);
  const problem = document.createElement("p"); problem.className = "problem"; dialog.append(problem);
  const buttons = document.createElement("div"); buttons.className = "buttons";
  const cancel = document.createElement("button"); cancel.textContent = "Cancel";
  const go = document.createElement("button"); go.textContent = action; go.className = "go" + (danger ? " danger" : ""); go.id = "dialog-go";
  buttons.append(cancel, go); dialog.append(buttons);
  return new Promise((resolve) => {
    const done = (v) => { dialog.close(); resolve(v); };
    const confirm = () => {
      const v = input ? field.value.trim() : true;
      const why = check && check(v);
      if (why) { problem.textContent = why; return; }
      done(v);
    };
    if (input) field.addEventListener("input", () => { problem.textContent = (check && check(field.value.trim())) || ""; });
    field.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); confirm(); } });
    go.onclick = confirm; cancel.onclick = () => done(null);
    dialog.onclose = () => resolve(null);
    dialog.onkeydown = (e) => { if (e.key === "Escape") { e.preventDefault(); done(null); } };
    dialog.showModal();
    (input ? field : go).focus();
    if (input) field.select();
  });
}

const ID = /^[a-z][a-z0-9_-]*$/;
function checkNewId(v) {
  if (!v) return "Give the node an id.";
  if (!ID.test(v)) return "Lower-case letters, digits, - and _, starting with a letter.";
  if (state.facts.nodes.includes(v)) return `There is already a node '${v}'.`;
  return null;
}
function freshId(base) {
  const stem = (base || "node").replace(/[^a-z0-9_-]/g, "-").replace(/^[^a-z]+/, "") || "node";
  for (let i = 2; ; i++) { const id = `${stem}-${i}`; if (!state.facts.nodes.includes(id)) return id; }
}

function fileOf(id) {
  const n = map.getCy().getElementById(id);
  return n.length ? n.data("file") : "story.json";
}

async function createAt(source, at) {
  const id = await ask({ title: "A new node", text: [`A new choice of '${source}' leads to it.`], value: freshId(source), action: "Create", check: checkNewId });
  if (!id) return;
  await newNode(source, id, at);
}

async function newNode(source, id, at, { open = true } = {}) {
  const ops = [{ op: "add_node", file: fileOf(source), id, value: { text: "" } }];
  if (source) ops.push({ op: "insert", file: fileOf(source), path: ["nodes", source, "choices"], index: -1, value: { text: "", to: id } });
  const answer = await change(ops, `new node ${id}`);
  if (!answer) return null;
  map.getCy().getElementById(id).position(at);
  await post("/api/positions", { positions: { [id]: [at.x, at.y] } });
  if (open) {
    await openNode(id);
    editor.focusFirst();
  }
  return answer;
}

// A new choice of ``source`` leading to ``target`` (a new node there when ``create``): the
// node editor shows ``source`` with the cursor in the new choice's text, for what the player
// says. Until something is written there, the field shows lint's squiggle (LT516).
async function connect(source, target, { create = false, at = null } = {}) {
  const answer = create ? await newNode(source, target, at || map.below(source), { open: false })
    : await change([{ op: "insert", file: fileOf(source), path: ["nodes", source, "choices"], index: -1, value: { text: "", to: target } }], `choice to ${target}`);
  if (!answer) return;
  await openNode(source);
  editor.focusNewChoice();
  toast(`New choice of ${source} → ${target}${create ? " (a new node)" : ""}: write what the player says`);
}

async function addChoice(source) {
  const target = await ask({ title: `A new choice of '${source}'`, text: ["Where does it lead? An existing node's id, or a new id to make a node."], value: "", action: "Add",
    check: (v) => (!v ? "Name the node it leads to." : !ID.test(v) ? "Lower-case letters, digits, - and _, starting with a letter." : null) });
  if (!target) return;
  await connect(source, target, { create: !state.facts.nodes.includes(target) });
}

async function rename(id) {
  const warn = await get(`/api/warning/${encodeURIComponent(id)}`);
  const text = [`Every reference is updated too: ${warn.references.length} in the story's files.`];
  if (warn.saves.length) text.push(`${warn.saves.length} save(s) of this story are at or went through '${id}': loading them falls back to the nearest node that remains.`);
  else text.push("Saves, transcripts and seen-text tracking name nodes by id: saves made before the rename fall back to the nearest node that remains.");
  const next = await ask({ title: `Rename '${id}'`, text, value: id, action: "Rename", check: (v) => (v === id ? "Type the new id." : checkNewId(v)) });
  if (!next) return;
  const answer = await change([{ op: "rename_node", old: id, new: next }], `rename ${id} to ${next}`);
  if (answer) { state.selected = next; await openNode(next, { keepTab: true }); toast(`Renamed ${id} to ${next}`); }
}

async function remove(id) {
  const warn = await get(`/api/warning/${encodeURIComponent(id)}`);
  // what leads here from elsewhere (the node's own mentions of itself go with it)
  // each place once, with how many of its paragraphs refer when more than one does
  const list = warn.places.filter((r) => r.what !== "extend" && r.node !== id).map((r) => r.words);
  const text = [list.length ? `These still lead to it, and checks will show them until they lead elsewhere:` : "Nothing else leads to it."];
  if (warn.saves.length) text.push(`${warn.saves.length} save(s) of this story name it.`);
  const ok = await ask({ title: `Delete '${id}'?`, text, list, action: "Delete", danger: true, input: false });
  if (!ok) return;
  const answer = await change([{ op: "delete_node", id }], `delete ${id}`);
  if (answer) { select(null); state.selected = null; editor.render(null); }
}

async function playWindow(node, chosen = null) {
  const c = chosen || { ...cast(), values: {} };
  if (state.status.dirty) await save();
  try {
    const answer = await post("/api/play", { node: node || null, values: c.values || {}, name: c.name || null, pronouns: c.pronouns || null });
    toast(answer.ended ? "The game ran and closed" : `The game window opens at ${node || "the start"}`);
  } catch (err) { toast(err.message, 5000); }
}

async function toggleHeat() {
  state.heatOn = !state.heatOn;
  $("heat-toggle").classList.toggle("on", state.heatOn);
  $("heat-legend").hidden = !state.heatOn;
  if (!state.heatOn) { map.setHeat(null); return; }
  toast("Playing the story a thousand times…", 6000);
  try {
    const result = await post("/api/heat", { runs: 1000 });
    if (state.heatOn) { map.setHeat(result); toast(`Heat from ${result.runs} random playthroughs`); }
  } catch (err) { toast(err.message, 4000); state.heatOn = false; $("heat-toggle").classList.remove("on"); $("heat-legend").hidden = true; }
}

function pickFinding(f) {
  if (!f.node) { toast(`${f.file}:${f.line}:${f.column}`); return; }
  const go = async () => {
    if (state.selected !== f.node || $("editor").hidden) await openNode(f.node);
    editor.focusFinding(f);
  };
  go();
}

// -- keys ---------------------------------------------------------------------------------------
const HELP = [
  ["Arrow keys", "move between cards on the map"], ["Enter", "edit the selected node"], ["Esc", "back to the map"],
  ["N", "new node after the selected one"], ["C", "new choice of the selected node"], ["F2", "rename the node"],
  ["Delete", "delete the node"], ["T", "preview from the node as text"], ["P", "play from the node in the game"],
  ["/", "search"], ["E", "show the checks"], ["H", "heat: how often players get there"],
  ["+ / − / 0", "zoom in, out, fit"], ["Ctrl+S", "save"], ["Ctrl+Z", "undo"], ["Ctrl+Shift+Z", "redo"],
  ["Q", "curly quotes on or off"], ["1–9", "pick a reply in the text preview"],
];

function showHelp() {
  const dialog = $("dialog");
  dialog.replaceChildren();
  const h3 = document.createElement("h3"); h3.textContent = "Keys";
  const box = document.createElement("div"); box.className = "help";
  for (const [k, what] of HELP) { const d = document.createElement("div"); const kbd = document.createElement("kbd"); kbd.textContent = k; d.append(kbd, " ", what); box.append(d); }
  const p = document.createElement("p"); p.textContent = "In text fields type { for names, pronoun forms and inline text.";
  const curl = document.createElement("label");
  const tick = document.createElement("input"); tick.type = "checkbox"; tick.id = "curly-quotes"; tick.checked = settings.curlyQuotes;
  tick.onchange = () => setCurlyQuotes(tick.checked);
  curl.append(tick, " Curl straight quotes as I type (“ ” ‘ ’)");
  const buttons = document.createElement("div"); buttons.className = "buttons";
  const ok = document.createElement("button"); ok.textContent = "Close"; ok.className = "go"; ok.onclick = () => dialog.close();
  buttons.append(ok);
  dialog.append(h3, box, p, curl, buttons);
  dialog.onkeydown = null;
  dialog.showModal();
  ok.focus();
}

function inField(e) {
  const t = e.target;
  return t.closest && (t.closest(".cm-editor") || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
}

function onKey(e) {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key.toLowerCase() === "s") { e.preventDefault(); save(); return; }
  if (mod && e.key.toLowerCase() === "z") { e.preventDefault(); undoRedo(e.shiftKey ? "redo" : "undo"); return; }
  if (mod && e.key.toLowerCase() === "y") { e.preventDefault(); undoRedo("redo"); return; }
  if ($("dialog").open) return;
  if (e.key === "Escape") {
    if (inField(e) && document.querySelector(".cm-tooltip-autocomplete")) return;
    e.preventDefault(); $("map").focus(); return;
  }
  if (inField(e) || mod || e.altKey) return;
  const sel = state.selected;
  const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  if (moves[e.key] && document.activeElement === $("map")) {
    e.preventDefault();
    const next = map.neighbour(sel, ...moves[e.key]);
    if (next) select(next);
    return;
  }
  if (!$("preview").hidden && previewKey(e.key)) return;
  const actions = {
    Enter: () => sel && document.activeElement === $("map") && (showTab("node"), editor.focusFirst()),
    "/": () => $("search").focus(),
    "?": showHelp,
    e: () => toggleChecks(),
    h: toggleHeat,
    n: () => sel && ask({ title: "A new node", text: [`A new choice of '${sel}' leads to it.`], value: freshId(sel), action: "Create", check: checkNewId }).then((id) => id && newNode(sel, id, map.below(sel))),
    c: () => sel && addChoice(sel),
    F2: () => sel && rename(sel),
    Delete: () => sel && remove(sel),
    t: () => showTab("preview"),
    p: () => playWindow(sel),
    "+": () => map.zoomBy(1.25), "=": () => map.zoomBy(1.25), "-": () => map.zoomBy(0.8), "0": () => map.fit(),
    q: () => { setCurlyQuotes(!settings.curlyQuotes); toast(`Curly quotes ${settings.curlyQuotes ? "on" : "off"}`); },
  };
  const act = actions[e.key] || actions[e.key.toLowerCase()];
  if (act) { e.preventDefault(); act(); }
}

function toggleChecks(open) {
  const panel = $("checks");
  panel.hidden = open === undefined ? !panel.hidden : !open;
  $("checks-toggle").classList.toggle("on", !panel.hidden);
  map.getCy().resize();
  if (!panel.hidden) $("checks-list").focus();
}

// -- search --------------------------------------------------------------------------------------
let hits = [], hitIndex = 0;
function initSearch() {
  const box = $("search");
  box.addEventListener("input", () => {
    hits = map.search(box.value);
    hitIndex = 0;
    $("search-count").textContent = box.value.trim() ? `${hits.length}` : "";
  });
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && hits.length) {
      e.preventDefault();
      openNode(hits[hitIndex % hits.length], { keepTab: true });
      hitIndex += 1;
    } else if (e.key === "Escape") {
      box.value = ""; hits = map.search(""); $("search-count").textContent = ""; $("map").focus();
    }
  });
}

// -- start ----------------------------------------------------------------------------------------
async function start() {
  const t0 = performance.now();
  // the map's labels are measured once, so their face must be there first
  const [data] = await Promise.all([get("/api/state"), document.fonts.load("12.5px Atkinson").catch(() => null)]);
  window.studio.timings.state = performance.now() - t0;
  setFacts(data.facts);
  setStatus(data);
  window.studio.timings.t1 = performance.now() - t0;
  let movedTimer = null, moved = {};
  map.initMap($("map"), data.map, data.version, {
    select: (id) => select(id),
    moved: (m) => { Object.assign(moved, m); clearTimeout(movedTimer); movedTimer = setTimeout(() => { post("/api/positions", { positions: moved }); moved = {}; }, 300); },
    connect, createAt,
  });
  window.studio.timings.t2 = performance.now() - t0;
  editor.initEditor({ edit, get, inOrder, rename, remove, colour: map.colourOf, isStart: (id) => state.facts.start === id,
    preview: (id) => { state.selected = id; showTab("preview"); }, play: (id) => playWindow(id), addChoice, open: (id) => openNode(id, { keepTab: true }) });
  initPreview({ toast, playWindow, castChanged: () => post("/api/cast", cast()).then(() => state.selected && !$("editor").hidden && openNode(state.selected, { keepTab: true })) });
  initChecks(pickFinding);
  editor.render(null);
  state.findings = data.findings;
  state.findingsVersion = data.findings_version;
  if (data.findings_version >= 0) window.studio.lintVersion = data.findings_version;
  window.studio.timings.t3 = performance.now() - t0;
  showFindings(data.findings, { stale: data.findings_version !== data.version });
  window.studio.timings.t4 = performance.now() - t0;
  map.setFindings(data.findings);
  window.studio.timings.t5 = performance.now() - t0;
  initSearch();
  document.addEventListener("keydown", onKey);
  // Cytoscape keeps a click on the map from moving the focus: give it to the map, for its keys
  $("map").addEventListener("pointerup", () => {
    if (!document.activeElement || document.activeElement === document.body) $("map").focus({ preventScroll: true });
  });
  $("undo").onclick = () => undoRedo("undo");
  $("redo").onclick = () => undoRedo("redo");
  $("save").onclick = save;
  $("checks-toggle").onclick = () => toggleChecks();
  $("checks-close").onclick = () => toggleChecks(false);
  $("heat-toggle").onclick = toggleHeat;
  $("help-toggle").onclick = showHelp;
  $("zoom-in").onclick = () => map.zoomBy(1.25);
  $("zoom-out").onclick = () => map.zoomBy(0.8);
  $("zoom-fit").onclick = () => map.fit();
  $("tab-node").onclick = () => showTab("node");
  $("tab-preview").onclick = () => showTab("preview");
  // unsaved changes are the server's (every tab hears of them): leaving the last page of a
  // studio with unsaved changes asks first; reloading to catch up does not
  window.addEventListener("beforeunload", (e) => {
    if (!state.reloading && !state.stopped && state.status && state.status.dirty) { e.preventDefault(); e.returnValue = ""; }
  });
  map.getCy().one("render", () => {
    window.studio.timings.map = performance.now() - t0;
    window.studio.timings.readyAt = performance.now(); // since the page was asked for
    window.studio.ready = true;
    document.body.dataset.ready = "yes";
  });
  map.getCy().resize();
  $("map").focus();
  listen(onEvent, data.seq);
}

const DISK = { reloaded: "reloaded from disk", conflict: "changed on disk: you have unsaved edits there", broken: "is not valid JSON on disk", gone: "was removed from disk" };

// A change made anywhere: in this tab (its answer came first), in another tab, or on disk.
function changed(event) {
  afterChange(event);
  const mine = event.tab === tab;
  const open = editor.currentNode();
  if (event.disk) toast(`${event.disk.file} ${DISK[event.disk.outcome] || event.disk.outcome}`, 4000);
  if (mine || !open) return;
  if (!state.facts.nodes.includes(open)) {
    toast(`${open} was ${event.disk ? "removed on disk" : "deleted in another tab"}`, 4000);
    select(null);
  } else if (event.nodes.includes(open)) editor.refresh();
}

function onEvent(event) {
  if (event.type === "lint") {
    state.findings = event.findings;
    state.findingsVersion = event.version;
    window.studio.lintVersion = event.version;
    showFindings(event.findings, { stale: event.version !== state.version });
    map.setFindings(event.findings);
    editor.setFindings(event.findings);
  } else if (event.type === "change") {
    changed(event);
  } else if (event.type === "play") {
    toast(event.error, 9000);
  } else if (event.type === "status") {
    setStatus(event);
  } else if (event.type === "moved") {
    if (event.tab !== tab) map.moveCards(event.positions);
  } else if (event.type === "resync") {
    // this page missed news (asleep, or from before the studio was restarted): start afresh
    state.reloading = true;
    location.reload();
  } else if (event.type === "closing") {
    state.stopped = true;
    const banner = $("banner");
    banner.replaceChildren("The studio has stopped (lowtide edit ended): what was saved is on disk. Start it again, then open the address it prints.");
    banner.hidden = false;
    document.body.classList.add("stopped");
  } else if (event.type === "offline") {
    if (!state.stopped) toast("The studio is not answering: is lowtide edit still running?", 3000);
  }
}

start().catch((err) => { document.body.textContent = `The studio could not start: ${err.message}`; });
