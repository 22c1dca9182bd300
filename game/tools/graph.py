"""`lowtide graph`: the story map, as Graphviz DOT (and SVG/PNG through ``dot``) or as one
self-contained HTML page.

The map is built once as plain data (``story_map``), then written by a printer per format, so
the formats cannot drift apart on what a node or an edge is.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from itertools import chain, compress, repeat
from pathlib import Path
from typing import Any, NamedTuple

from game.story.collector import collector_paused
from game.story.diagnostics import format_text
from game.story.layout import place
from game.story.load import load_story
from game.story.model import Node, Story
from game.story.textsyntax import FORM_INSIDE, Inline, TemplateError, scan

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
FORMATS = (".dot", ".gv", ".svg", ".png", ".html")

# Colours that read on white and on each other; endings take them in the order of dynamics.
PALETTE = (
    "#d9825b", "#6a9fb5", "#9fb89a", "#c9a227", "#a77fb5",
    "#d45d79", "#5fa38a", "#8c7b6b", "#e0a96d", "#7a8fd6",
)
LARGE_MAP = 20_000  # nodes: a larger .html map is ordered by one sweep, not four
_ROUTE_MARKS = bytes.maketrans(b"\x00\x01", b"01")
FILE_TINTS = ("#f4efe6", "#e8f0f4", "#eef4e8", "#f6eef4", "#f4f1e2", "#ece8f4", "#e6f2f0")


class MapLine(NamedTuple):
    """A line or debrief paragraph as written, with what decides whether it shows, and its
    text cut into runs: plain text, and the inline forms ({if ...}, {seq: ...}) in it. A named
    tuple, as map nodes and edges are: there is one for every line of the story."""

    who: str  # the speaker's name, "debrief" for a debrief paragraph, or "" for narration
    text: str
    condition: str | None = None
    once: bool = False
    runs: tuple[tuple[str, str], ...] = ()  # ("text" | "form", the text as written)

    @property
    def varies(self) -> bool:
        if self.condition is not None or self.once:
            return True
        for kind, _ in self.runs:  # noqa: SIM110 - a plain loop: asked of every line of a map
            if kind == "form":
                return True
        return False

    def marked(self) -> str:
        """The line as one string, its conditions in brackets: "[if safety >= 60] Ben: Hi"."""
        tags = ["debrief"] if self.who == "debrief" else []
        tags += ([f"if {self.condition}"] if self.condition else []) + (["once"] if self.once else [])
        head = f"[{', '.join(tags)}] " if tags else ""
        who = self.who if self.who != "debrief" else ""
        return f"{head}{who}: {self.text}" if who else f"{head}{self.text}"


# A map node and a map edge are named tuples: a story of 100,000 nodes has about 400,000 of
# them, and a tuple is built several times faster than a frozen dataclass.
class MapNode(NamedTuple):
    id: str
    file: str
    shape: str  # "text", "route" or "ending"
    title: str  # the ending's title, or ""
    dynamic: str | None
    start: bool
    lines: tuple[MapLine, ...] = ()

    @property
    def text(self) -> str:
        """Every line, "speaker: text", conditional ones marked "[if ...]" (made when asked:
        the .dot file's tooltips need it, the .html page makes it from the lines itself)."""
        return "\n\n".join(line.marked() for line in self.lines)

    @property
    def varies(self) -> bool:
        """Whether what the node shows depends on the road (conditional lines, inline forms)."""
        for line in self.lines:  # noqa: SIM110 - a plain loop: asked of every node of a map
            if line.varies:
                return True
        return "{" in self.title and any(k == "form" for k, _ in _runs(self.title))


class MapEdge(NamedTuple):
    source: str
    target: str
    label: str
    kind: str | None
    condition: str | None
    route: bool


@dataclass(frozen=True)
class StoryMap:
    title: str
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    files: tuple[str, ...]
    dynamics: dict[str, str]  # id -> label
    colours: dict[str, str]  # dynamic -> colour


def _runs(text: str) -> tuple[tuple[str, str], ...]:
    """The text cut into plain runs and the inline forms in it, each as written."""
    if FORM_INSIDE.search(text) is None:  # no inline form (most texts): one run, no scan
        return (("text", text),) if text else ()
    try:
        nodes = scan(text)
    except TemplateError:  # never in a story that loaded; be safe all the same
        return (("text", text),)
    out: list[tuple[str, str]] = []
    at = 0
    for node in nodes:
        if isinstance(node, Inline):
            if node.start > at:
                out.append(("text", text[at : node.start]))
            out.append(("form", text[node.start : node.end]))
            at = node.end
    if at < len(text):
        out.append(("text", text[at:]))
    return tuple(out)


def _lines_of(names: dict[str, str], node: Node) -> tuple[MapLine, ...]:
    out = []
    for line in node.lines:
        who = names.get(line.speaker, "") if line.speaker else ""
        condition = line.condition.source if line.condition is not None else None
        out.append(MapLine(who, line.text, condition, line.once, _runs(line.text)))
    if node.ending is not None:
        for paragraph in node.ending.paragraphs:
            condition = paragraph.condition.source if paragraph.condition is not None else None
            out.append(MapLine("debrief", paragraph.text, condition, False, _runs(paragraph.text)))
    return tuple(out)


def story_map(story: Story) -> StoryMap:
    short = {f: _short(story, f) for f in story.files}
    names = {key: c.name for key, c in story.characters.items()}  # who says each line
    start = story.start
    nodes = []
    edges = []
    add_node, add_edge = nodes.append, edges.append
    for n in story.nodes.values():
        ending = n.ending
        source = n.id
        add_node(MapNode(
            source,
            short.get(n.where.file) or _short(story, n.where.file),
            "ending" if n.is_ending else "route" if n.is_route else "text",
            ending.title if ending else "",
            ending.dynamic if ending else None,
            source == start,
            _lines_of(names, n),
        ))
        # The ways out as ``step.edges`` gives them (route entries, else choices, in story
        # order), read straight from the node: a story of 100,000 nodes has 300,000 of them.
        if n.route:
            for entry in n.route:
                condition = entry.condition
                add_edge(MapEdge(source, entry.to, "", None,
                                 condition.source if condition is not None else None, True))
        else:
            for choice in n.choices:
                condition = choice.condition
                add_edge(MapEdge(source, choice.to, choice.text, choice.kind,
                                 condition.source if condition is not None else None, False))
    colours = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(story.dynamics)}
    return StoryMap(
        title=story.title,
        nodes=tuple(nodes),
        edges=tuple(edges),
        files=tuple(_short(story, f) for f in story.files),
        dynamics={d.id: d.label for d in story.dynamics.values()},
        colours=colours,
    )


def _short(story: Story, file: str) -> str:
    main = story.files[0] if story.files else ""
    root = main[: -len("story.json")] if main.endswith("story.json") else ""
    return file[len(root) :] if root and file.startswith(root) else file


# -- DOT -------------------------------------------------------------------------------------


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _clip(text: str, n: int = 32) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def to_dot(m: StoryMap) -> str:
    out = [
        "digraph story {",
        f"  label={_q(m.title)}; labelloc=t; fontname=Helvetica; rankdir=TB;",
        "  node [fontname=Helvetica, fontsize=11, shape=box, style=\"rounded,filled\", "
        "fillcolor=white];",
        "  edge [fontname=Helvetica, fontsize=9, color=\"#666666\"];",
    ]
    for i, file in enumerate(m.files):
        out.append(f"  subgraph cluster_{i} {{")
        out.append(
            f"    label={_q(file)}; style=filled; color={_q(FILE_TINTS[i % len(FILE_TINTS)])};"
        )
        for n in (n for n in m.nodes if n.file == file):
            attrs = {"label": n.id}
            if n.shape == "route":
                attrs.update(shape="diamond", style="filled", fillcolor="#eeeeee")
            elif n.shape == "ending":
                attrs.update(
                    label=f"{n.id}\n“{n.title}”" if n.title else n.id,
                    shape="doubleoctagon",
                    fillcolor=m.colours.get(n.dynamic or "", "#cccccc"),
                )
            if n.start:
                attrs.update(penwidth="2.5")
            if n.varies:  # what it shows depends on the road
                attrs.update(style=attrs.get("style", "rounded,filled") + ",dashed")
            if n.text:
                attrs.update(tooltip=_clip(n.text, 300))
            text = ", ".join(f"{k}={_q(v)}" for k, v in attrs.items())
            out.append(f"    {_q(n.id)} [{text}];")
        out.append("  }")
    # Ids, labels and conditions repeat across edges (a large story has hundreds of thousands
    # of edges): each is quoted once.
    quoted: dict[str, str] = {}
    labels: dict[str, str] = {}
    tips: dict[str, str] = {}
    for e in m.edges:
        source = quoted.get(e.source) or quoted.setdefault(e.source, _q(e.source))
        target = quoted.get(e.target) or quoted.setdefault(e.target, _q(e.target))
        attrs = []
        if e.label:
            label = labels.get(e.label) or labels.setdefault(e.label, f"label={_q(_clip(e.label))}")
            attrs.append(label)
        if e.condition is not None:
            attrs.append("style=dashed")
            tip = tips.get(e.condition) or tips.setdefault(
                e.condition, f"tooltip={_q('if ' + e.condition)}"
            )
            attrs.append(tip)
        out.append(f"  {source} -> {target} [{', '.join(attrs)}];" if attrs else f"  {source} -> {target};")
    if m.colours:
        out.append("  subgraph cluster_legend {")
        out.append('    label="Endings by dynamic"; style=dashed; color="#999999";')
        for d, colour in m.colours.items():
            out.append(
                f"    {_q('dynamic:' + d)} [label={_q(m.dynamics.get(d, d))}, "
                f"shape=doubleoctagon, fillcolor={_q(colour)}];"
            )
        out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


# -- HTML ------------------------------------------------------------------------------------


def to_html(m: StoryMap) -> str:
    from game.tools.graph_html import PAGE

    blob = json.dumps(page_data(m), ensure_ascii=False, check_circular=False)
    # (a tree made just above: no container can hold itself, so none is looked for)
    blob = blob.replace("</", "<\\/")
    return PAGE.replace("__TITLE__", _html_escape(m.title)).replace("__DATA__", blob)


def page_data(m: StoryMap) -> dict[str, Any]:
    """The map and its layout as the page's script reads them: in columns, one list per field
    (nodes and edges by number, each edge's label, kind and condition as a number in a table
    of strings), which the script turns back into one object per node and per edge. A map of
    100,000 nodes is then a few lists to encode, not half a million small dicts to build; a
    node's searchable text is made by the script from its lines.
    """
    nodes, edges = m.nodes, m.edges
    count = len(nodes)
    ids, files, shapes, titles, dynamics, starts_at, lines = (
        map(list, zip(*nodes)) if nodes else ([], [], [], [], [], [], []))
    index = dict(zip(reversed(ids), range(count - 1, -1, -1)))  # an id's first place
    get = index.get
    sources, targets, labels, kinds, conditions, routes = (
        zip(*edges) if edges else ((), (), (), (), (), ()))
    s = list(map(get, sources))
    t = list(map(get, targets, repeat(-1)))  # -1: a target not in the map (never, once loaded)
    succ: list[list[int]] = [[] for _ in range(count)]
    for i, j in zip(s, t):
        if i != j and j >= 0:
            succ[i].append(j)
    starts = [i for i, start in enumerate(starts_at) if start]
    # Ordering sweeps are much of the layout's time; past LARGE_MAP nodes the map is ordered by
    # one sweep down (on the generated stories of 10,000 and 100,000 nodes, the order that
    # more sweeps give too), as a map only ever read a part at a time.
    placed = place(succ, starts, sweeps=4 if count <= LARGE_MAP else 0)
    back = placed.back
    strings = list(dict.fromkeys(chain(labels, kinds, conditions)))
    number = dict(zip(strings, range(len(strings)))).__getitem__
    file_number = {f: i for i, f in reversed(list(enumerate(m.files)))}
    return {
        "title": m.title,
        "files": list(m.files),
        "dynamics": [{"id": d, "label": m.dynamics.get(d, d), "colour": c}
                     for d, c in m.colours.items()],
        "strings": strings,
        "nodes": {
            "id": ids,
            "file": list(map(file_number.get, files, repeat(0))),
            "shape": "".join(shape[0] for shape in shapes),  # t(ext), r(oute), e(nding)
            "endings": [[i, title, dynamic]
                        for i, (title, dynamic) in enumerate(zip(titles, dynamics))
                        if title or dynamic is not None],
            "start": starts,
            "varies": [i for i, n in enumerate(nodes) if n.varies],
            "lines": [[(line.who, line.condition, line.once, line.runs) for line in node_lines]
                      for node_lines in lines],
            "x": placed.x,
            "y": placed.layer,  # rows are one unit apart
        },
        "edges": {
            "s": s,  # every edge leaves a node of the map
            "t": t if -1 not in t else [j if j >= 0 else name for j, name in zip(t, targets)],
            "label": list(map(number, labels)),
            "kind": list(map(number, kinds)),
            "if": list(map(number, conditions)),
            "route": bytes(map(bool, routes)).translate(_ROUTE_MARKS).decode(),  # "0" or "1"
            # The edges whose pair (i, j) the layout set aside (zip hands each pair over in the
            # one tuple it reuses, so no pair is built per edge).
            "back": list(compress(range(len(s)), map(back.__contains__, zip(s, t)))) if back else [],
        },
    }


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- the command -----------------------------------------------------------------------------


def write_graph(story: Story, out: Path) -> str | None:
    """Write the map to ``out`` in the format its suffix names; an error message, or None."""
    suffix = out.suffix.lower()
    # The map, its layout and its text only grow until written: a collection in between
    # would walk them (and the story) and free nothing.
    with collector_paused():
        m = story_map(story)
        text = to_html(m) if suffix == ".html" else to_dot(m)
    if suffix in (".dot", ".gv", ".html"):
        out.write_text(text, encoding="utf-8")
        return None
    dot = shutil.which("dot")
    if dot is None:
        return (
            f"writing {suffix} needs Graphviz's 'dot' program, which is not installed "
            "(on Debian or Ubuntu: apt install graphviz; on macOS: brew install graphviz). "
            "Without it, write .html (no install needed) or .dot."
        )
    with tempfile.NamedTemporaryFile("w", suffix=".dot", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    try:
        done = subprocess.run(
            [dot, f"-T{suffix[1:]}", "-o", str(out), tmp.name],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(tmp.name).unlink(missing_ok=True)
    if done.returncode != 0:
        return f"dot failed: {done.stderr.strip()}"
    return None


def run_graph(path: Path, out: Path) -> int:
    if out.suffix.lower() not in FORMATS:
        print(
            f"lowtide graph: cannot tell the format from '{out.name}'; "
            f"use one of {', '.join(FORMATS)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    with collector_paused():  # the story stays until the map is written, as in lint
        return _load_and_write(path, out)


def _load_and_write(path: Path, out: Path) -> int:
    story, diagnostics = load_story(path)
    if story is None:
        print(f"lowtide graph: the story in {path} does not load:", file=sys.stderr)
        print(format_text(diagnostics), file=sys.stderr)
        return EXIT_ERRORS
    try:
        problem = write_graph(story, out)
    except OSError as err:
        problem = f"cannot write {out}: {err.strerror or err}"
    if problem is not None:
        print(f"lowtide graph: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {out} ({len(story.nodes)} nodes)", file=sys.stderr)
    return EXIT_OK
