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
  // the first line as it is written: a line of speech brings its own quotes
  const line = c.shape === "route" ? "" : (c.line ? clip(c.line, 62) : "(no text yet)");
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
  // the selected card's ways on stand out; the words of a choice show on the arrow under the
  // pointer (or tapped), level, so several close arrows never stack their words sideways
  { selector: "edge.near", style: { width: 3, opacity: 1 } },
  { selector: "edge:selected, edge.hover", style: { width: 3, opacity: 1, label: "data(label)", "font-size": 12, "text-background-color": "#fffaf0", "text-background-opacity": 0.95, "text-background-padding": 3, "text-background-shape": "roundrectangle", color: "#342832", "text-rotation": "none", "z-index": 10 } },
];

const arrows = new Map(); // every arrow of the story, drawn or waiting for its target to exist
// The version of the story each card and arrow was last changed at, as this tab heard: changes
// arrive both in answers and in news, in either order, and only a newer one is taken.
const heard = new Map();
let mapVersion = -1; // the version of the map the page opened with

export function initMap(container, data, version, h) {
  hooks = h;
  mapVersion = version;
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
  cy.on("mouseover", "edge", (e) => e.target.addClass("hover"));
  cy.on("mouseout", "edge", (e) => e.target.removeClass("hover"));
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
// the zoom below which cards' text is not drawn (Cytoscape's min-zoomed-font-size, 7 px)
const readable = () => (plain ? 7 / 24 : 7 / 12.5) + 0.04;

export function fit() {
  const bb = cardsBox();
  const whole = Math.min((cy.width() - 80) / bb.w, (cy.height() - 80) / bb.h);
  if (plain || whole < readable()) {
    // a large or a long story opens readable, at its start; the minimap shows the rest
    const start = cy.nodes("[?start]").first();
    const z = Math.min(1, Math.max(readable(), whole));
    const at = start.length ? start.position() : { x: bb.x1 + bb.w / 2, y: bb.y1 };
    const x = bb.w * z <= cy.width() - 80 ? bb.x1 + bb.w / 2 : at.x;
    cy.viewport({ zoom: z, pan: { x: cy.width() / 2 - x * z, y: clearOfLegend() - (at.y - 46) * z } });
    return;
  }
  cy.fit(undefined, 40);
  if (cy.zoom() < 0.6 && cy.nodes().length < 80) {
    // a small story is read at a size where the cards can be read, from its start
    cy.zoom(0.6);
    const start = cy.nodes("[?start]").first();
    const x = bb.x1 + bb.w / 2;
    const y = start.length ? start.position("y") : bb.y1;
    cy.pan({ x: cy.width() / 2 - x * 0.6, y: clearOfLegend() - (y - 46) * 0.6 });
  }
}

// How far down the map the first card goes so the legend of files (one row or more) does not
// cover it.
function clearOfLegend() {
  const legend = document.getElementById("legend");
  if (!legend) return 80;
  const r = legend.getBoundingClientRect(), m = cy.container().getBoundingClientRect();
  return Math.max(80, r.bottom - m.top + 18);
}
export function zoomBy(f) { cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); }

// Whether a change of ``key`` made at ``version`` is news here (and note that it was heard).
function fresh(key, version) {
  if (version == null) return true;
  const last = heard.get(key);
  if (last === undefined ? version <= mapVersion : version < last) return false;
  heard.set(key, version);
  return true;
}

export function applyChanges(m, version) {
  const removedArrows = m.removed_arrows.filter((id) => fresh(`a:${id}`, version));
  const removedCards = m.removed_cards.filter((id) => fresh(`c:${id}`, version));
  const cards = m.cards.filter((c) => fresh(`c:${c.id}`, version));
  const changedArrows = m.arrows.filter((a) => fresh(`a:${a.id}`, version));
  cy.batch(() => {
    for (const id of removedArrows) { cy.getElementById(id).remove(); arrows.delete(id); }
    for (const id of removedCards) cy.getElementById(id).remove();
    for (const c of cards) {
      const el = cy.getElementById(c.id);
      const d = nodeData(c);
      if (el.length) { el.data(d.data); el.classes(d.classes); }
      else cy.add(d);
    }
    for (const a of changedArrows) {
      arrows.set(a.id, a);
      cy.getElementById(a.id).remove();
    }
    if (plain) {
      for (const a of changedArrows) if (cy.getElementById(a.source).length && cy.getElementById(a.target).length) cy.add(arrowData(a));
    } else {
      for (const a of arrows.values()) {
        if (!cy.getElementById(a.id).length && cy.getElementById(a.source).length && cy.getElementById(a.target).length) cy.add(arrowData(a));
      }
    }
  });
  restyle();
}

// Cards another tab moved.
export function moveCards(positions) {
  cy.batch(() => {
    for (const [id, [x, y]] of Object.entries(positions)) {
      const n = cy.getElementById(id);
      if (n.length && !n.grabbed()) n.position({ x, y });
    }
  });
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
  // cream -> amber -> a light terracotta: the card's dark words stay readable on every heat
  // (WCAG AA, 4.5:1; the studio's own terracotta, #c06246, gave the hottest cards 3.4:1)
  const stops = [[244, 234, 214], [240, 172, 88], [226, 124, 96]];
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
// The whole story, when it is about as wide as it is tall. A story far taller than it is wide
// (or wider than tall) would be a thin line there, so the minimap then shows the story's whole
// width (height) and as much of its length around the view as fits, keeping the aspect, with
// a strip beside it: the whole length, each card a tick, and where the part shown and the view
// are. Click or drag in either to go there.
const PAD = 8, STRIP = 12, GAP = 6, WHOLE_ENOUGH = 0.12;
let mini = null, miniFrame = 0;

function initMinimap() {
  mini = document.getElementById("minimap");
  const at = (e) => { const r = mini.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; };
  const go = (x, y) => { const z = cy.zoom(); cy.pan({ x: cy.width() / 2 - x * z, y: cy.height() / 2 - y * z }); };
  let drag = null; // the transform as the drag began (the part shown follows the view)
  const move = (e) => {
    const p = at(e), t = drag.t;
    if (drag.strip) {
      const e2 = cy.extent(), along = t.fromStrip(p);
      if (t.tall) go((e2.x1 + e2.x2) / 2, along); else go(along, (e2.y1 + e2.y2) / 2);
    } else go((p.x - t.ox) / t.s, (p.y - t.oy) / t.s);
  };
  mini.addEventListener("mousedown", (e) => {
    const t = miniTransform();
    if (!t) return;
    drag = { t, strip: !!t.strip && t.inStrip(at(e)) };
    move(e);
  });
  window.addEventListener("mousemove", (e) => drag && move(e));
  window.addEventListener("mouseup", () => { drag = null; });
}

function miniTransform() {
  const bb = cardsBox();
  if (!isFinite(bb.w)) return null;
  const W = mini.width, H = mini.height;
  const bw = Math.max(bb.w, 1), bh = Math.max(bb.h, 1);
  const whole = Math.min((W - 2 * PAD) / bw, (H - 2 * PAD) / bh);
  const tall = bh / bw > H / W;
  const filled = tall ? (bw * whole) / (W - 2 * PAD) : (bh * whole) / (H - 2 * PAD);
  if (filled >= WHOLE_ENOUGH) {
    return { mode: "whole", s: whole, ox: PAD - bb.x1 * whole + (W - 2 * PAD - bw * whole) / 2,
             oy: PAD - bb.y1 * whole + (H - 2 * PAD - bh * whole) / 2, strip: null };
  }
  // a part of the story: its whole breadth, and around the view along its length
  const view = cy.extent();
  const across = tall ? W - 2 * PAD - STRIP - GAP : H - 2 * PAD; // room for the breadth
  const along = tall ? H - 2 * PAD : W - 2 * PAD - STRIP - GAP;   // room for the length
  let s = across / (tall ? bw : bh);
  s = Math.min(s, (0.8 * along) / Math.max(tall ? view.h : view.w, 1)); // the view's box fits
  const span = along / s; // how much of the length is shown
  // the story's length, and the view's where it reaches past an end
  const [lo, hi] = tall ? [Math.min(bb.y1, view.y1), Math.max(bb.y2, view.y2)]
    : [Math.min(bb.x1, view.x1), Math.max(bb.x2, view.x2)];
  const middle = tall ? (view.y1 + view.y2) / 2 : (view.x1 + view.x2) / 2;
  const first = Math.max(lo, Math.min(middle - span / 2, hi - span));
  const strip = tall ? { x: W - PAD - STRIP, y: PAD, w: STRIP, h: H - 2 * PAD }
    : { x: PAD, y: H - PAD - STRIP, w: W - 2 * PAD, h: STRIP };
  const k = (tall ? strip.h : strip.w) / (hi - lo || 1);
  const t = { mode: "part", tall, s, strip, first, span,
    toStrip: (v) => (tall ? strip.y : strip.x) + (v - lo) * k,
    fromStrip: (p) => lo + ((tall ? p.y - strip.y : p.x - strip.x) / k),
    inStrip: (p) => (tall ? p.x >= strip.x - GAP / 2 : p.y >= strip.y - GAP / 2) };
  if (tall) { t.ox = PAD - bb.x1 * s + (across - bw * s) / 2; t.oy = PAD - first * s; }
  else { t.oy = PAD - bb.y1 * s + (across - bh * s) / 2; t.ox = PAD - first * s; }
  return t;
}

export function minimapMode() {
  const t = miniTransform();
  return t ? t.mode : null;
}

export function drawMinimap() {
  if (miniFrame) return;
  miniFrame = requestAnimationFrame(() => {
    miniFrame = 0;
    const g = mini.getContext("2d");
    g.clearRect(0, 0, mini.width, mini.height);
    const t = miniTransform();
    if (!t) return;
    mini.dataset.mode = t.mode;
    const w = Math.max(2, 236 * t.s), hgt = Math.max(1.5, 92 * t.s);
    const e = cy.extent();
    if (t.strip) {
      const { strip } = t;
      g.save();
      g.beginPath();
      if (t.tall) g.rect(0, 0, strip.x - GAP / 2, mini.height); else g.rect(0, 0, mini.width, strip.y - GAP / 2);
      g.clip();
    }
    cy.nodes().forEach((n) => {
      if (n.hasClass("ghost")) return;
      const p = n.position();
      const x = p.x * t.s + t.ox, y = p.y * t.s + t.oy;
      if (x < -w || y < -hgt || x > mini.width + w || y > mini.height + hgt) return;
      g.fillStyle = n.selected() ? "#f0ac58" : n.data("colour");
      g.globalAlpha = n.hasClass("faded") ? 0.25 : 0.9;
      g.fillRect(x - w / 2, y - hgt / 2, w, hgt);
    });
    g.globalAlpha = 1;
    g.strokeStyle = "#c06246";
    g.lineWidth = 2;
    g.strokeRect(e.x1 * t.s + t.ox, e.y1 * t.s + t.oy, e.w * t.s, e.h * t.s);
    if (!t.strip) return;
    g.restore();
    // the strip: the whole length, darker where more cards are, the part shown, and the view
    const { strip } = t;
    g.fillStyle = "#efe4cf";
    g.fillRect(strip.x, strip.y, strip.w, strip.h);
    const start = t.tall ? strip.y : strip.x, length = Math.ceil(t.tall ? strip.h : strip.w);
    const counts = new Float32Array(length + 1);
    cy.nodes().forEach((n) => {
      if (n.hasClass("ghost")) return;
      const i = Math.floor(t.toStrip(t.tall ? n.position("y") : n.position("x")) - start);
      if (i >= 0 && i <= length) counts[i] += 1;
    });
    const most = Math.max(1, ...counts);
    g.fillStyle = "#2c505c";
    counts.forEach((c, i) => {
      if (!c) return;
      g.globalAlpha = 0.2 + 0.7 * Math.sqrt(c / most);
      if (t.tall) g.fillRect(strip.x + 2, start + i, strip.w - 4, 1); else g.fillRect(start + i, strip.y + 2, 1, strip.h - 4);
    });
    g.globalAlpha = 1;
    const a = t.toStrip(t.first), b = t.toStrip(t.first + t.span);
    g.strokeStyle = "#342832";
    g.lineWidth = 1;
    if (t.tall) g.strokeRect(strip.x - 1.5, a, strip.w + 3, Math.max(2, b - a));
    else g.strokeRect(a, strip.y - 1.5, Math.max(2, b - a), strip.h + 3);
    const va = t.toStrip(t.tall ? e.y1 : e.x1), vb = t.toStrip(t.tall ? e.y2 : e.x2);
    g.fillStyle = "#c06246";
    if (t.tall) g.fillRect(strip.x, va, strip.w, Math.max(2, vb - va));
    else g.fillRect(va, strip.y, Math.max(2, vb - va), strip.h);
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

// Where a new card below ``id`` fits, for the keyboard path: the nearest place under it (then
// beside that) where a whole card, with a margin, overlaps no other card.
const CARD = { w: 236, h: 92 }, MARGIN = 24;
export function below(id) {
  const n = cy.getElementById(id);
  const p = n.length ? n.position() : { x: 0, y: 0 };
  const boxes = cy.nodes().filter((m) => !m.hasClass("ghost")).map((m) => m.boundingBox({ includeLabels: false, includeOverlays: false }));
  const free = (x, y) => !boxes.some((b) => x + CARD.w / 2 + MARGIN > b.x1 && x - CARD.w / 2 - MARGIN < b.x2
    && y + CARD.h / 2 + MARGIN > b.y1 && y - CARD.h / 2 - MARGIN < b.y2);
  for (let row = 0; row < 200; row++) {
    const y = p.y + 170 + row * 60;
    for (const dx of [0, 280, -280, 560, -560]) if (free(p.x + dx, y)) return { x: p.x + dx, y };
  }
  return { x: p.x, y: p.y + 170 + 200 * 60 };
}

export function positionOf(id) {
  const n = cy.getElementById(id);
  return n.length ? n.position() : null;
}

export function renderedCentre(id) {
  const n = cy.getElementById(id);
  return n.length ? n.renderedPosition() : null;
}
