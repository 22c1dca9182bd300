"""The page ``lowtide graph -o map.html`` writes: one file, no network, the layout done in Python.

The story map arrives as JSON in ``__DATA__`` (in columns, positions from
``game.story.layout``: see ``page_data`` in ``game.tools.graph``); the script turns it into one
object per node and per edge, draws it as SVG and handles pan, zoom, search and reading a node.
"""

PAGE = r"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__ · story map</title>
<style>
  :root { --ink: #2b2b2b; --paper: #fbfaf7; --line: #8a8a8a; --hit: #ffcf3f; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
               color: var(--ink); background: var(--paper); overflow: hidden; }
  header { position: fixed; top: 0; left: 0; right: 0; height: 48px; display: flex; gap: 12px;
           align-items: center; padding: 0 14px; background: #fff; border-bottom: 1px solid #ddd; z-index: 2; }
  header h1 { font-size: 16px; margin: 0; white-space: nowrap; }
  header input { flex: 0 1 280px; padding: 6px 10px; border: 1px solid #bbb; border-radius: 6px; font: inherit; }
  header .count { color: #666; font-size: 12px; white-space: nowrap; }
  header button { padding: 5px 10px; border: 1px solid #bbb; background: #fff; border-radius: 6px; cursor: pointer; font: inherit; }
  #legend { position: fixed; right: 10px; bottom: 8px; max-width: min(720px, 70vw); display: flex; gap: 4px 12px;
            flex-wrap: wrap; font-size: 12px; background: #fffe; border: 1px solid #ddd; border-radius: 6px;
            padding: 6px 10px; z-index: 2; }
  #legend b { font-weight: 600; color: #555; }
  #legend span { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
  #legend i { width: 12px; height: 12px; border-radius: 3px; display: inline-block; border: 1px solid #0003; }
  #map { position: fixed; top: 48px; left: 0; right: 0; bottom: 0; cursor: grab; }
  #map.dragging { cursor: grabbing; }
  svg { width: 100%; height: 100%; display: block; }
  .edge { fill: none; stroke: var(--line); stroke-width: 1.3; }
  .edge.cond { stroke-dasharray: 5 4; }
  .edge.back { stroke: #b07aa1; }
  .node rect, .node polygon { stroke: #0005; stroke-width: 1; }
  .node text { font-size: 12px; pointer-events: none; }
  .node { cursor: pointer; }
  .node.start rect { stroke: #000; stroke-width: 3; }
  .node.varies rect, .node.varies polygon { stroke-dasharray: 4 3; stroke: #7a4f8f; stroke-width: 1.6; }
  .node .mark { font-size: 10px; fill: #7a4f8f; font-weight: 600; }
  .node.hit rect, .node.hit polygon { stroke: #000; stroke-width: 3; filter: drop-shadow(0 0 6px var(--hit)); }
  .dim { opacity: 0.18; }
  .node.sel rect, .node.sel polygon { stroke: #d00; stroke-width: 3; }
  .edge.sel { stroke: #d00; stroke-width: 2.2; opacity: 1; }
  aside { position: fixed; top: 48px; right: 0; bottom: 0; width: min(420px, 92vw); background: #fff;
          border-left: 1px solid #ddd; padding: 14px 16px; overflow: auto; transform: translateX(100%);
          transition: transform .15s; z-index: 3; }
  aside.open { transform: none; }
  aside h2 { margin: 0 0 4px; font-size: 17px; }
  aside .meta { color: #666; font-size: 12px; margin-bottom: 10px; }
  aside .text { white-space: pre-wrap; background: #f7f5f0; padding: 10px; border-radius: 6px; }
  aside .line { margin: 0 0 8px; }
  aside .line:last-child { margin-bottom: 0; }
  aside .line.cond { border-left: 3px solid #b38cc7; padding-left: 7px; }
  aside .who { font-weight: 600; }
  aside .tag { display: inline-block; font-size: 11px; color: #5a3570; background: #efe4f5;
               border-radius: 4px; padding: 0 5px; margin-right: 5px; font-family: ui-monospace, monospace; }
  aside .form { background: #efe4f5; color: #4a2a5c; border-radius: 3px; padding: 0 2px;
                font-family: ui-monospace, monospace; font-size: 12.5px; }
  aside ul { padding-left: 18px; }
  aside li { margin: 6px 0; }
  aside a { color: #1f5f99; cursor: pointer; text-decoration: underline; }
  aside code { background: #eef; padding: 0 3px; border-radius: 3px; }
  aside .close { float: right; border: none; background: none; font-size: 20px; cursor: pointer; }
  .help { position: fixed; left: 10px; bottom: 8px; font-size: 12px; color: #777; background: #fffc; padding: 2px 6px; border-radius: 4px; }
</style>
</head>
<body>
<header>
  <h1>__TITLE__</h1>
  <input id="search" type="search" placeholder="Search nodes and text (Enter: next)" autocomplete="off">
  <span class="count" id="count"></span>
  <button id="fit" title="Fit the whole map (key 0)">Fit</button>
</header>
<div id="legend"></div>
<div id="map"><svg id="svg" xmlns="http://www.w3.org/2000/svg">
  <defs>
    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0 L10,5 L0,10 z" fill="#8a8a8a"></path></marker>
  </defs>
  <g id="view"><g id="edges"></g><g id="nodes"></g></g>
</svg></div>
<aside id="panel"></aside>
<div class="help">Drag to pan · wheel or +/− to zoom · click a node to read it · dashed: conditional · purple: goes back · “if” box: text that depends on the road</div>
<script>
"use strict";
// The map comes in columns, one list per field (``page_data`` in game/tools/graph.py); the
// rest of the script reads one object per node and per edge, as unpack makes them.
function unpack(d) {
  const N = d.nodes, E = d.edges, S = d.strings;
  const SHAPES = {t: "text", r: "route", e: "ending"};
  const nodes = N.id.map((id, i) => ({
    id, file: N.file[i], shape: SHAPES[N.shape[i]], title: "", dynamic: null, text: "",
    start: false, varies: false,
    lines: N.lines[i].map(([who, c, once, runs]) => ({who, if: c, once, runs})),
    x: N.x[i], y: N.y[i]}));
  for (const [i, title, dynamic] of N.endings) { nodes[i].title = title; nodes[i].dynamic = dynamic; }
  for (const i of N.start) nodes[i].start = true;
  for (const i of N.varies) nodes[i].varies = true;
  for (const n of nodes) n.text = n.lines.map(marked).join("\n\n");
  const name = k => typeof k === "number" ? N.id[k] : k;
  const edges = E.s.map((s, k) => ({s: name(s), t: name(E.t[k]), label: S[E.label[k]],
    kind: S[E.kind[k]], if: S[E.if[k]], route: E.route[k] === "1", back: false}));
  for (const k of E.back) edges[k].back = true;
  return {title: d.title, files: d.files, dynamics: d.dynamics, nodes, edges};
}
function marked(l) {
  // A line as one searchable string, as the .dot file's tooltips have it: "[if x > 1] Ben: Hi".
  const tags = (l.who === "debrief" ? ["debrief"] : [])
    .concat(l.if ? [`if ${l.if}`] : [], l.once ? ["once"] : []);
  const head = tags.length ? `[${tags.join(", ")}] ` : "";
  const text = l.runs.map(r => r[1]).join("");
  return l.who && l.who !== "debrief" ? `${head}${l.who}: ${text}` : head + text;
}
const DATA = unpack(__DATA__);
const TINTS = ["#f4efe6", "#e3eef5", "#e9f2e3", "#f5e9f1", "#f3efd9", "#e9e5f5", "#e0f0ec", "#f5e6e0"];
const BANDS = ["#b59a6a", "#5b8db3", "#6f9e5f", "#b3669a", "#a89a3c", "#7b6bb3", "#3f9c8a", "#c0765a"];
const SX = 190, SY = 92, W = 156, H = 40;
const NS = "http://www.w3.org/2000/svg";
const svg = document.getElementById("svg"), view = document.getElementById("view");
const byId = new Map(DATA.nodes.map(n => [n.id, n]));
const colour = new Map(DATA.dynamics.map(d => [d.id, d.colour]));
const outgoing = new Map(), incoming = new Map();
DATA.edges.forEach((e, i) => {
  e.i = i;
  (outgoing.get(e.s) || outgoing.set(e.s, []).get(e.s)).push(e);
  (incoming.get(e.t) || incoming.set(e.t, []).get(e.t)).push(e);
});
function el(tag, attrs, parent) {
  const x = document.createElementNS(NS, tag);
  for (const k in attrs) x.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(x);
  return x;
}
function px(n) { return [n.x * SX, n.y * SY]; }
function clip(s, k) { s = s.replace(/\s+/g, " ").trim(); return s.length > k ? s.slice(0, k - 1) + "…" : s; }

// Edges
const edgeEls = [];
const edgeLayer = document.getElementById("edges");
for (const e of DATA.edges) {
  const a = byId.get(e.s), b = byId.get(e.t);
  if (!a || !b) continue;
  const [x1, y1] = px(a), [x2, y2] = px(b);
  let d;
  if (e.back || y2 <= y1) {
    const side = Math.max(x1, x2) + W * 0.8;
    d = `M${x1 + W / 2},${y1} C${side},${y1} ${side},${y2} ${x2 + W / 2},${y2}`;
  } else {
    const my = (y1 + H / 2 + y2 - H / 2) / 2;
    d = `M${x1},${y1 + H / 2} C${x1},${my} ${x2},${my} ${x2},${y2 - H / 2}`;
  }
  const p = el("path", {d, class: "edge" + (e.if ? " cond" : "") + (e.back || y2 <= y1 ? " back" : ""),
                        "marker-end": "url(#arrow)"}, edgeLayer);
  const t = el("title", {}, p);
  t.textContent = (e.label ? e.label : "route") + (e.if ? `  [if ${e.if}]` : "");
  edgeEls[e.i] = p;
}
// Nodes
const nodeEls = new Map();
const nodeLayer = document.getElementById("nodes");
for (const n of DATA.nodes) {
  const [x, y] = px(n);
  const g = el("g", {class: "node" + (n.start ? " start" : "") + (n.varies ? " varies" : ""),
                     transform: `translate(${x},${y})`}, nodeLayer);
  const fill = n.shape === "ending" ? (colour.get(n.dynamic) || "#cccccc") : TINTS[n.file % TINTS.length];
  if (n.shape === "route") {
    el("polygon", {points: `0,${-H / 2 - 4} ${W / 2},0 0,${H / 2 + 4} ${-W / 2},0`, fill: "#eeeeee"}, g);
  } else {
    el("rect", {x: -W / 2, y: -H / 2, width: W, height: H, rx: n.shape === "ending" ? 18 : 6, fill}, g);
    el("rect", {x: -W / 2, y: -H / 2, width: 6, height: H, fill: BANDS[n.file % BANDS.length], stroke: "none"}, g);
  }
  const label = el("text", {x: 0, y: n.title ? -3 : 4, "text-anchor": "middle"}, g);
  label.textContent = clip(n.id, 24);
  if (n.title) {
    const sub = el("text", {x: 0, y: 12, "text-anchor": "middle", "font-style": "italic"}, g);
    sub.textContent = clip(n.title, 24);
  }
  if (n.varies) {
    const m = el("text", {x: W / 2 - 4, y: -H / 2 + 10, "text-anchor": "end", class: "mark"}, g);
    m.textContent = "if";
  }
  const tip = el("title", {}, g);
  tip.textContent = n.id + (n.text ? "\n\n" + clip(n.text, 300) : "");
  g.addEventListener("click", ev => { ev.stopPropagation(); select(n.id); });
  nodeEls.set(n.id, g);
}
// Legend
const legend = document.getElementById("legend");
function chip(c, text, round) {
  const s = document.createElement("span");
  const i = document.createElement("i"); i.style.background = c; if (round) i.style.borderRadius = "7px";
  s.appendChild(i); s.appendChild(document.createTextNode(text)); legend.appendChild(s);
}
function heading(text) {
  const b = document.createElement("b"); b.textContent = text; legend.appendChild(b);
}
heading("Files:");
DATA.files.forEach((f, i) => chip(BANDS[i % BANDS.length], f));
heading("Endings by dynamic:");
DATA.dynamics.forEach(d => chip(d.colour, d.label, true));

// Pan and zoom
let scale = 1, tx = 0, ty = 0;
function apply() { view.setAttribute("transform", `translate(${tx},${ty}) scale(${scale})`); }
function fit() {
  const r = svg.getBoundingClientRect();
  const xs = DATA.nodes.map(n => n.x * SX), ys = DATA.nodes.map(n => n.y * SY);
  const minx = Math.min(...xs, 0) - W, maxx = Math.max(...xs, 0) + W * 1.5;
  const miny = Math.min(...ys, 0) - H, maxy = Math.max(...ys, 0) + H;
  scale = Math.min(r.width / (maxx - minx), r.height / (maxy - miny), 1.5);
  tx = (r.width - (maxx - minx) * scale) / 2 - minx * scale;
  ty = 10 - miny * scale;
  apply();
}
function zoomAt(f, cx, cy) {
  const ns = Math.min(6, Math.max(0.02, scale * f));
  tx = cx - (cx - tx) * ns / scale; ty = cy - (cy - ty) * ns / scale; scale = ns; apply();
}
function centre(id) {
  const n = byId.get(id), r = svg.getBoundingClientRect();
  if (scale < 0.7) scale = 0.9;
  const panel = document.getElementById("panel").classList.contains("open") ? Math.min(420, r.width * 0.92) : 0;
  tx = (r.width - panel) / 2 - n.x * SX * scale; ty = r.height / 2 - n.y * SY * scale; apply();
}
const map = document.getElementById("map");
let drag = null;
map.addEventListener("mousedown", e => { drag = [e.clientX - tx, e.clientY - ty, e.clientX, e.clientY]; map.classList.add("dragging"); });
window.addEventListener("mousemove", e => { if (drag) { tx = e.clientX - drag[0]; ty = e.clientY - drag[1]; apply(); } });
window.addEventListener("mouseup", e => {
  if (drag && Math.abs(e.clientX - drag[2]) + Math.abs(e.clientY - drag[3]) < 3 && e.target.closest && !e.target.closest(".node")) select(null);
  drag = null; map.classList.remove("dragging");
});
map.addEventListener("wheel", e => {
  e.preventDefault();
  const r = svg.getBoundingClientRect();
  zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
}, {passive: false});
window.addEventListener("keydown", e => {
  if (e.target.tagName === "INPUT") return;
  const r = svg.getBoundingClientRect();
  if (e.key === "+" || e.key === "=") zoomAt(1.25, r.width / 2, r.height / 2);
  if (e.key === "-") zoomAt(0.8, r.width / 2, r.height / 2);
  if (e.key === "0") fit();
  if (e.key === "Escape") select(null);
});
document.getElementById("fit").addEventListener("click", fit);

// Search
const search = document.getElementById("search"), count = document.getElementById("count");
let hits = [], hitAt = -1;
search.addEventListener("input", () => {
  const q = search.value.trim().toLowerCase();
  hits = q ? DATA.nodes.filter(n => n.id.toLowerCase().includes(q) || n.text.toLowerCase().includes(q)
                                   || n.title.toLowerCase().includes(q)).map(n => n.id) : [];
  const set = new Set(hits);
  for (const [id, g] of nodeEls) {
    g.classList.toggle("hit", set.has(id));
    g.classList.toggle("dim", q !== "" && !set.has(id));
  }
  edgeEls.forEach(p => p && p.classList.toggle("dim", q !== ""));
  count.textContent = q ? `${hits.length} found` : "";
  hitAt = -1;
});
search.addEventListener("keydown", e => {
  if (e.key === "Enter" && hits.length) { hitAt = (hitAt + 1) % hits.length; centre(hits[hitAt]); select(hits[hitAt]); }
});

// Reading a node
const panel = document.getElementById("panel");
function quoted(s) { return /^[“"‘']/.test(s) ? esc(s) : "“" + esc(s) + "”"; }
function esc(s) { return String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]); }
function lineHtml(l) {
  // A line or debrief paragraph: its conditions as tags, its inline forms marked.
  const tags = (l.if ? `<span class="tag">if ${esc(l.if)}</span>` : "")
             + (l.once ? `<span class="tag">once</span>` : "");
  const who = l.who === "debrief" ? `<span class="tag">debrief</span>`
            : l.who ? `<span class="who">${esc(l.who)}:</span> ` : "";
  const body = l.runs.map(([k, t]) => k === "form"
    ? `<span class="form" title="inline text: which part shows depends on the road">${esc(t)}</span>`
    : esc(t)).join("");
  const varies = l.if || l.once || l.runs.some(r => r[0] === "form");
  return `<p class="line${varies ? " cond" : ""}">${tags}${who}${body}</p>`;
}
function select(id) {
  document.querySelectorAll(".sel").forEach(x => x.classList.remove("sel"));
  if (id === null) { panel.classList.remove("open"); return; }
  const n = byId.get(id);
  nodeEls.get(id).classList.add("sel");
  const outs = outgoing.get(id) || [], ins = incoming.get(id) || [];
  [...outs, ...ins].forEach(e => edgeEls[e.i] && edgeEls[e.i].classList.add("sel"));
  const kind = n.shape === "ending" ? `ending “${esc(n.title)}”` + (n.dynamic ? ` · dynamic ${esc(n.dynamic)}` : "")
             : n.shape === "route" ? "route" : "text node";
  let html = `<button class="close" title="Close (Esc)">×</button><h2>${esc(n.id)}</h2>
    <div class="meta">${kind} · ${esc(DATA.files[n.file] || "")}${n.start ? " · start" : ""}</div>`;
  if (n.lines.length) html += `<div class="text">${n.lines.map(lineHtml).join("")}</div>`;
  if (outs.length) {
    html += `<h3>${n.shape === "route" ? "Route" : "Choices"}</h3><ul>`;
    for (const e of outs) {
      html += `<li>${e.label ? quoted(e.label) + " " : ""}${e.kind ? `<em>(${esc(e.kind)})</em> ` : ""}`
            + `${e.if ? `if <code>${esc(e.if)}</code> ` : ""}→ <a data-go="${esc(e.t)}">${esc(e.t)}</a></li>`;
    }
    html += "</ul>";
  }
  if (ins.length) {
    html += "<h3>Reached from</h3><ul>" + ins.map(e => `<li><a data-go="${esc(e.s)}">${esc(e.s)}</a>`
          + (e.label ? " — " + quoted(clip(e.label, 60)) : "") + "</li>").join("") + "</ul>";
  }
  panel.innerHTML = html;
  panel.classList.add("open");
  history.replaceState(null, "", "#" + encodeURIComponent(id));
  panel.querySelector(".close").addEventListener("click", () => select(null));
  panel.querySelectorAll("a[data-go]").forEach(a => a.addEventListener("click", () => {
    centre(a.dataset.go); select(a.dataset.go);
  }));
}
function start() {
  // Fit the width, but never so small that names cannot be read; begin at the top.
  const r = svg.getBoundingClientRect();
  const xs = DATA.nodes.map(n => n.x * SX);
  const minx = Math.min(...xs, 0) - W, maxx = Math.max(...xs, 0) + W * 1.5;
  scale = Math.max(0.55, Math.min(1.1, r.width / (maxx - minx)));
  tx = (r.width - (maxx - minx) * scale) / 2 - minx * scale;
  ty = 40;
  apply();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (byId.has(wanted)) { select(wanted); centre(wanted); }
}
start();
window.addEventListener("hashchange", () => {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (byId.has(wanted)) { select(wanted); centre(wanted); }
});
</script>
</body>
</html>
"""
