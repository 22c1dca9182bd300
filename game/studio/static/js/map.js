// The story map: Cytoscape.js draws the cards and arrows; this adds the colours of the files,
// the minimap, search, heat, moving between cards by keyboard and the arrow handle that makes
// a new choice (onto a card) or a new node (into empty space).
const V = window.StudioVendor;

export const FILE_COLOURS = ["#2c505c", "#c06246", "#d9902f", "#60765c", "#6a4862", "#4a7c80", "#9c6870", "#8a6a3a", "#3f6d54", "#b5573f"];
const colours = new Map();
export function colourOf(file) {
  if (!colours.has(file)) colours.set(file, FILE_COLOURS[colours.size % FILE_COLOURS.length]);
  return colours.get(file);
}

let cy = null;
let hooks = null;
let heat = null;        // node -> share of runs, or null when heat is off
let findings = {};      // node -> worst severity
let explore = null;

function clip(text, n) { return text.length <= n ? text : text.slice(0, n - 1).trimEnd() + "…"; }

function label(c) {
  const top = c.shape === "ending" ? `${c.id}  ·  ${c.title || "ending"}` : c.shape === "route" ? `${c.id}  ·  route` : c.id;
  const who = [c.scene, c.speaker].filter(Boolean).join(" · ");
  const line = c.shape === "route" ? "" : (c.line ? `“${clip(c.line, 62)}”` : "(no text yet)");
  return [top, line, who].filter(Boolean).join("\n");
}

let plain = false; // a large story: cards show their id only, so the map opens fast

function nodeData(c) {
  return { group: "nodes", data: { id: c.id, label: plain ? c.id : label(c), file: c.file, colour: colourOf(c.file), shape: c.shape,
    start: c.start, line: c.line || "", scene: c.scene || "", speaker: c.speaker || "", title: c.title || "" },
    position: { x: c.x, y: c.y }, classes: [c.shape, c.start ? "start" : ""].join(" ") };
}

function arrowData(a) {
  return { group: "edges", data: { id: a.id, source: a.source, target: a.target, colour: colourOf(a.file),
    label: a.label, kind: a.kind }, classes: [a.conditional ? "conditional" : "", a.kind].join(" ") };
}

const STYLE = [
  { selector: "node", style: {
    shape: "round-rectangle", width: 236, height: 92, "background-color": "#fffaf0",
    "border-width": 2, "border-color": "data(colour)", label: "data(label)", "text-wrap": "wrap",
    "text-max-width": 212, "text-valign": "center", "text-halign": "center", "font-family": "Atkinson, sans-serif",
    "font-size": 12.5, color: "#342832", "line-height": 1.35, "min-zoomed-font-size": 7,
  } },
  { selector: "node.route", style: { shape: "cut-rectangle", height: 52, width: 176, "text-max-width": 160, "background-color": "#eef3f0", "border-style": "dashed" } },
  { selector: "node.ending", style: { "border-width": 3, "border-style": "double", "background-color": "#fdf1e4" } },
  { selector: "node.start", style: { "border-width": 4, "border-color": "#f0ac58" } },
  { selector: "node.error", style: { "underlay-color": "#b8462e", "underlay-opacity": 0.35, "underlay-padding": 7, "underlay-shape": "round-rectangle" } },
  { selector: "node.warning", style: { "underlay-color": "#c98a1c", "underlay-opacity": 0.28, "underlay-padding": 6, "underlay-shape": "round-rectangle" } },
  { selector: "node.heat", style: { "background-color": "data(heat)" } },
  { selector: "node.unreached", style: { opacity: 0.55, "border-style": "dotted" } },
  { selector: "node.stuck", style: { "border-color": "#b8462e", "border-width": 4 } },
  { selector: "node:selected", style: { "overlay-color": "#f0ac58", "overlay-opacity": 0.18, "overlay-padding": 8, "border-width": 3 } },
  { selector: "node.ghost", style: { width: 18, height: 18, shape: "ellipse", "background-color": "#f0ac58", "background-fill": "solid", label: "", "border-width": 0 } },
  { selector: "node.target", style: { "overlay-color": "#60765c", "overlay-opacity": 0.25, "overlay-padding": 10 } },
  { selector: ".faded", style: { opacity: 0.2 } },
  { selector: "node.match", style: { "overlay-color": "#f0ac58", "overlay-opacity": 0.3, "overlay-padding": 10 } },
  { selector: "edge", style: {
    width: 1.8, "curve-style": "bezier", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
    "target-arrow-shape": "triangle", "arrow-scale": 1.1, opacity: 0.72,
  } },
  { selector: "edge.conditional", style: { "line-style": "dashed", "line-dash-pattern": [7, 5] } },
  { selector: "edge.route", style: { width: 1.3, "target-arrow-shape": "vee" } },
  { selector: "edge:selected, edge.near", style: { width: 3, opacity: 1, label: "data(label)", "font-size": 11, "text-background-color": "#fffaf0", "text-background-opacity": 0.9, "text-background-padding": 2, color: "#342832", "text-rotation": "autorotate" } },
];

const arrows = new Map(); // every arrow of the story, drawn or waiting for its target to exist

export function initMap(container, data, h) {
  hooks = h;
  for (const a of data.arrows) arrows.set(a.id, a);
  const big = data.cards.length > 1500;
  plain = data.cards.length > 400;
  const T = window.studio.timings, t0 = performance.now();
  cy = V.cytoscape({
    container,
    style: STYLE,
    layout: { name: "preset" },
    minZoom: 0.03, maxZoom: 2.5,
    textureOnViewport: big, hideEdgesOnViewport: big, hideLabelsOnViewport: big, pixelRatio: big ? 1 : "auto",
    boxSelectionEnabled: false, selectionType: "single",
  });
  if (plain) {
    // a large story: straight edges with the arrow mid-way, which Cytoscape draws far faster
    cy.style().selector("edge").style({ "curve-style": "haystack", "haystack-radius": 0,
      "mid-target-arrow-shape": "triangle", "mid-target-arrow-color": "data(colour)" })
      .selector("node").style({ "font-size": 24, "font-weight": "bold" }).update();
  }
  // added after creation, in one go: several times faster than passing them to the constructor.
  // A large story's arrows are drawn only where the view is close enough to read them.
  cy.add([...data.cards.map(nodeData), ...(plain ? [] : data.arrows.filter((a) => hasCard(data, a.source) && hasCard(data, a.target)).map(arrowData))]);
  T.create = performance.now() - t0;
  cy.on("tap", "node", (e) => { if (!e.target.hasClass("ghost")) hooks.select(e.target.id()); });
  cy.on("tap", (e) => { if (e.target === cy) hooks.select(null); });
  cy.on("dragfree", "node", (e) => {
    const moved = {};
    e.target.forEach((n) => { moved[n.id()] = [n.position("x"), n.position("y")]; });
    hooks.moved(moved);
  });
  cy.on("select", "node", (e) => {
    cy.edges().removeClass("near");
    e.target.outgoers("edge").addClass("near");
  });
  let framed = 0;
  cy.on("viewport position add remove select unselect", () => {
    if (framed) return; // once a frame, however many elements moved
    framed = requestAnimationFrame(() => { framed = 0; placeHandle(); drawMinimap(); });
    if (plain) { clearTimeout(edgeTimer); edgeTimer = setTimeout(syncArrows, 120); }
  });
  initMinimap();
  initHandle();
  T.inits = performance.now() - t0;
  if (data.cards.length) fit();
  T.fit = performance.now() - t0;
  return cy;
}

function hasCard(data, id) {
  if (!data._ids) data._ids = new Set(data.cards.map((c) => c.id));
  return data._ids.has(id);
}

let edgeTimer = 0;
const NEAR = 0.18; // the zoom from which a large story's arrows are drawn

// A large story: add the arrows touching the cards in view (and the selected card's), once.
function syncArrows() {
  const add = [];
  const sel = cy.nodes(":selected");
  const inView = cy.zoom() >= NEAR;
  const ext = cy.extent();
  const visible = (id) => {
    const n = cy.getElementById(id);
    if (!n.length) return false;
    if (n.selected()) return true;
    if (!inView) return false;
    const p = n.position();
    return p.x > ext.x1 - 300 && p.x < ext.x2 + 300 && p.y > ext.y1 - 200 && p.y < ext.y2 + 200;
  };
  if (!inView && !sel.length) return;
  for (const a of arrows.values()) {
    if (cy.getElementById(a.id).length) continue;
    if ((visible(a.source) || visible(a.target)) && cy.getElementById(a.source).length && cy.getElementById(a.target).length) add.push(arrowData(a));
  }
  if (add.length) cy.add(add);
}

// The cards' extent from their positions, without measuring any label.
function cardsBox() {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  cy.nodes().forEach((n) => {
    const p = n.position();
    x1 = Math.min(x1, p.x - 118); x2 = Math.max(x2, p.x + 118);
    y1 = Math.min(y1, p.y - 46); y2 = Math.max(y2, p.y + 46);
  });
  return { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 };
}

export function getCy() { return cy; }
export function fit() {
  if (plain) {
    // a large story opens readable, at its start; the minimap shows the whole
    const bb = cardsBox();
    const start = cy.nodes("[?start]").first();
    const z = Math.max(0.45, Math.min((cy.width() - 80) / bb.w, (cy.height() - 80) / bb.h));
    const at = start.length ? start.position() : { x: bb.x1 + bb.w / 2, y: bb.y1 };
    cy.viewport({ zoom: z, pan: { x: cy.width() / 2 - at.x * z, y: 80 - (at.y - 46) * z } });
    return;
  }
  cy.fit(undefined, 40);
  if (cy.zoom() < 0.6 && cy.nodes().length < 80) {
    // a small story is read at a size where the cards can be read, from its start
    cy.zoom(0.6);
    const start = cy.nodes("[?start]").first();
    const bb = cy.nodes().boundingBox();
    const x = (bb.x1 + bb.x2) / 2;
    const y = start.length ? start.position("y") : bb.y1;
    cy.pan({ x: cy.width() / 2 - x * 0.6, y: 70 - y * 0.6 });
  }
}
export function zoomBy(f) { cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); }

export function applyChanges(m) {
  cy.batch(() => {
    for (const id of m.removed_arrows) { cy.getElementById(id).remove(); arrows.delete(id); }
    for (const id of m.removed_cards) cy.getElementById(id).remove();
    for (const c of m.cards) {
      const el = cy.getElementById(c.id);
      const d = nodeData(c);
      if (el.length) { el.data(d.data); el.classes(d.classes + (el.selected() ? "" : "")); }
      else cy.add(d);
    }
    for (const a of m.arrows) {
      arrows.set(a.id, a);
      cy.getElementById(a.id).remove();
    }
    if (plain) {
      for (const a of m.arrows) if (cy.getElementById(a.source).length && cy.getElementById(a.target).length) cy.add(arrowData(a));
    } else {
      for (const a of arrows.values()) {
        if (!cy.getElementById(a.id).length && cy.getElementById(a.source).length && cy.getElementById(a.target).length) cy.add(arrowData(a));
      }
    }
  });
  restyle();
}

export function selectNode(id, { center = false } = {}) {
  cy.nodes(":selected").unselect();
  if (!id) return;
  const n = cy.getElementById(id);
  if (!n.length) return;
  n.select();
  if (center) {
    const ext = cy.extent();
    const p = n.position();
    if (p.x < ext.x1 + 120 || p.x > ext.x2 - 120 || p.y < ext.y1 + 60 || p.y > ext.y2 - 60) {
      cy.animate({ center: { eles: n }, duration: 220 });
    }
  }
}

// The nearest card in a direction, for the arrow keys.
export function neighbour(id, dx, dy) {
  const from = cy.getElementById(id);
  if (!from.length) { const first = cy.nodes("[?start]").first(); return first.length ? first.id() : cy.nodes().first().id(); }
  const p = from.position();
  let best = null, bestScore = Infinity;
  cy.nodes().forEach((n) => {
    if (n.id() === id || n.hasClass("ghost")) return;
    const q = n.position();
    const ax = q.x - p.x, ay = q.y - p.y;
    const along = ax * dx + ay * dy;
    if (along <= 1) return;
    const across = Math.abs(ax * dy - ay * dx);
    const score = along + 2.2 * across;
    if (score < bestScore) { bestScore = score; best = n.id(); }
  });
  return best;
}

// -- findings, heat, search -------------------------------------------------------------------------
export function setFindings(found) {
  findings = {};
  for (const f of found) {
    if (!f.node) continue;
    const worst = findings[f.node];
    if (f.severity === "error" || (f.severity === "warning" && worst !== "error")) findings[f.node] = f.severity;
  }
  restyle();
}

function heatColour(share) {
  // cream -> amber -> terracotta
  const stops = [[244, 234, 214], [240, 172, 88], [192, 98, 70]];
  const t = Math.max(0, Math.min(1, share)) * 2;
  const [a, b] = t <= 1 ? [stops[0], stops[1]] : [stops[1], stops[2]];
  const k = t <= 1 ? t : t - 1;
  const c = a.map((x, i) => Math.round(x + (b[i] - x) * k));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function setHeat(result) {
  heat = result ? result.visits : null;
  explore = result ? result.explore : null;
  restyle();
}

const MARKS = ["error", "warning", "unreached", "stuck"];

// Classes and labels changed only where they differ: a change makes Cytoscape restyle the node.
function restyle() {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      if (n.hasClass("ghost")) return;
      const id = n.id();
      const want = new Set();
      if (findings[id]) want.add(findings[id]);
      if (explore) {
        if (explore.complete && explore.unreached.includes(id)) want.add("unreached");
        if (explore.stuck.some((s) => s.node === id) || explore.traps.includes(id)) want.add("stuck");
      }
      for (const m of MARKS) {
        if (want.has(m) && !n.hasClass(m)) n.addClass(m);
        else if (!want.has(m) && n.hasClass(m)) n.removeClass(m);
      }
      if (heat) {
        const share = heat[id] || 0;
        const base = plain ? id : label({ id, shape: n.data("shape"), title: n.data("title"), line: n.data("line"), scene: n.data("scene"), speaker: n.data("speaker") });
        n.data({ heat: heatColour(Math.sqrt(share)), label: `${base}\n${Math.round(share * 1000) / 10}% of runs` });
        if (!n.hasClass("heat")) n.addClass("heat");
      } else if (n.hasClass("heat")) {
        n.removeClass("heat");
        n.data("label", plain ? id : label({ id, shape: n.data("shape"), title: n.data("title"), line: n.data("line"), scene: n.data("scene"), speaker: n.data("speaker") }));
      }
    });
  });
}

export function search(text) {
  const q = text.trim().toLowerCase();
  cy.elements().removeClass("faded match");
  if (!q) return [];
  const hits = cy.nodes().filter((n) => !n.hasClass("ghost") && `${n.id()} ${n.data("line")} ${n.data("title")} ${n.data("speaker")} ${n.data("scene")}`.toLowerCase().includes(q));
  cy.elements().not(hits).addClass("faded");
  hits.addClass("match");
  return hits.map((n) => n.id());
}

// -- minimap ---------------------------------------------------------------------------------
let mini = null, miniFrame = 0;
function initMinimap() {
  mini = document.getElementById("minimap");
  const move = (e) => {
    const r = mini.getBoundingClientRect();
    const t = miniTransform();
    if (!t) return;
    const x = (e.clientX - r.left - t.ox) / t.s, y = (e.clientY - r.top - t.oy) / t.s;
    cy.center({ position: () => ({ x, y }) });
    const z = cy.zoom();
    cy.pan({ x: cy.width() / 2 - x * z, y: cy.height() / 2 - y * z });
  };
  let dragging = false;
  mini.addEventListener("mousedown", (e) => { dragging = true; move(e); });
  window.addEventListener("mousemove", (e) => dragging && move(e));
  window.addEventListener("mouseup", () => { dragging = false; });
}

function miniTransform() {
  const bb = cardsBox();
  if (!isFinite(bb.w) || bb.w === 0) return null;
  const pad = 8;
  const s = Math.min((mini.width - 2 * pad) / bb.w, (mini.height - 2 * pad) / bb.h);
  return { s, ox: pad - bb.x1 * s + (mini.width - 2 * pad - bb.w * s) / 2, oy: pad - bb.y1 * s + (mini.height - 2 * pad - bb.h * s) / 2 };
}

export function drawMinimap() {
  if (miniFrame) return;
  miniFrame = requestAnimationFrame(() => {
    miniFrame = 0;
    const g = mini.getContext("2d");
    g.clearRect(0, 0, mini.width, mini.height);
    const t = miniTransform();
    if (!t) return;
    const w = Math.max(2, 236 * t.s), hgt = Math.max(1.5, 92 * t.s);
    cy.nodes().forEach((n) => {
      if (n.hasClass("ghost")) return;
      const p = n.position();
      g.fillStyle = n.selected() ? "#f0ac58" : n.data("colour");
      g.globalAlpha = n.hasClass("faded") ? 0.25 : 0.9;
      g.fillRect(p.x * t.s + t.ox - w / 2, p.y * t.s + t.oy - hgt / 2, w, hgt);
    });
    g.globalAlpha = 1;
    const e = cy.extent();
    g.strokeStyle = "#c06246";
    g.lineWidth = 2;
    g.strokeRect(e.x1 * t.s + t.ox, e.y1 * t.s + t.oy, e.w * t.s, e.h * t.s);
  });
}

// -- the arrow handle: drag to make a choice or a node ------------------------------------------------
let handle = null;
function placeHandle() {
  const sel = cy.nodes(":selected").filter((n) => !n.hasClass("ghost") && n.data("shape") !== "ending");
  if (!sel.length || dragState) { if (!dragState) handle.hidden = true; return; }
  const n = sel.first();
  const bb = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
  handle.style.left = `${bb.x2}px`;
  handle.style.top = `${(bb.y1 + bb.y2) / 2}px`;
  handle.hidden = bb.x2 < 0 || bb.x2 > cy.width() || bb.y2 < 0 || bb.y1 > cy.height();
  handle.dataset.node = n.id();
}

let dragState = null;
function initHandle() {
  handle = document.getElementById("arrow-handle");
  handle.addEventListener("mousedown", (e) => {
    e.preventDefault();
    const source = handle.dataset.node;
    const rect = cy.container().getBoundingClientRect();
    const at = toModel(e.clientX - rect.left, e.clientY - rect.top);
    cy.add([{ group: "nodes", data: { id: "__ghost" }, position: at, classes: "ghost" },
            { group: "edges", data: { id: "__ghost-edge", source, target: "__ghost", colour: "#f0ac58" }, classes: "conditional" }]);
    dragState = { source, rect };
  });
  window.addEventListener("mousemove", (e) => {
    if (!dragState) return;
    const { rect } = dragState;
    const rx = e.clientX - rect.left, ry = e.clientY - rect.top;
    handle.style.left = `${rx}px`;
    handle.style.top = `${ry}px`;
    const at = toModel(rx, ry);
    cy.getElementById("__ghost").position(at);
    cy.nodes(".target").removeClass("target");
    const over = cardAt(at);
    if (over) over.addClass("target");
  });
  window.addEventListener("mouseup", (e) => {
    if (!dragState) return;
    const { source, rect } = dragState;
    dragState = null;
    const at = toModel(e.clientX - rect.left, e.clientY - rect.top);
    const over = cardAt(at);
    cy.remove("#__ghost, #__ghost-edge");
    cy.nodes(".target").removeClass("target");
    placeHandle();
    if (over && over.id() !== undefined) hooks.connect(source, over.id());
    else if (e.clientX >= rect.left && e.clientX <= rect.right && e.clientY >= rect.top && e.clientY <= rect.bottom) hooks.createAt(source, at);
  });
}

function toModel(rx, ry) {
  const z = cy.zoom(), p = cy.pan();
  return { x: (rx - p.x) / z, y: (ry - p.y) / z };
}

function cardAt(at) {
  let found = null;
  cy.nodes().forEach((n) => {
    if (n.hasClass("ghost")) return;
    const bb = n.boundingBox({ includeLabels: false, includeOverlays: false });
    if (at.x >= bb.x1 && at.x <= bb.x2 && at.y >= bb.y1 && at.y <= bb.y2) found = n;
  });
  return found;
}

// Where a new node below ``id`` fits, for the keyboard path.
export function below(id) {
  const n = cy.getElementById(id);
  const p = n.length ? n.position() : { x: 0, y: 0 };
  let y = p.y + 170;
  while (cardAt({ x: p.x, y })) y += 120;
  return { x: p.x, y };
}

export function positionOf(id) {
  const n = cy.getElementById(id);
  return n.length ? n.position() : null;
}

export function renderedCentre(id) {
  const n = cy.getElementById(id);
  return n.length ? n.renderedPosition() : null;
}
