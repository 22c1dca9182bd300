"""The story map: DOT always, SVG through Graphviz when present, one self-contained HTML page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import FIXTURES
from tests.tools.helpers import ending, write_story


def _story(tmp_path: Path) -> Path:
    root = write_story(
        tmp_path / "s",
        {
            "a": {"text": "Hello <there>", "choices": [
                {"text": "Go", "to": "z"}, {"text": "Maybe", "if": "x > 1", "to": "z"}]},
            "z": ending("The \"End\""),
        },
        variables={"x": {"type": "integer", "initial": 0}},
    )
    (root / "branches").mkdir()
    (root / "branches" / "more.json").write_text(json.dumps({
        "format": 1, "nodes": {"m": ending("More")},
        "extend": {"a": {"choices": [{"text": "More", "to": "m"}]}}}))
    return root


def _page_data(page: str) -> dict:
    """The map's data as the page carries it, in columns (the page's script unpacks it)."""
    return json.loads(re.search(r"const DATA = unpack\((\{.*?\})\);\n", page).group(1))


def test_dot_has_clusters_coloured_endings_and_dashed_conditions(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    assert main(["graph", str(_story(tmp_path)), "-o", str(out)]) == 0
    dot = out.read_text()
    assert dot.count("subgraph cluster_") == 3  # story.json, the branch, the legend
    assert 'label="branches/more.json"' in dot
    assert re.search(r'"a" -> "z" \[label="Maybe", style=dashed', dot)
    assert 'shape=doubleoctagon, fillcolor="#d9825b"' in dot
    assert '\\"End\\"' in dot


def test_html_is_one_self_contained_file(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    assert main(["graph", str(_story(tmp_path)), "-o", str(out)]) == 0
    page = out.read_text()
    assert "<script src" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert "https://" not in page
    data = _page_data(page)
    assert data["nodes"]["id"] == ["a", "z", "m"]
    assert data["nodes"]["shape"] == "tee"
    assert [data["strings"][k] for k in data["edges"]["if"]] == [None, "x > 1", None]
    assert [data["strings"][k] for k in data["edges"]["label"]] == ["Go", "Maybe", "More"]
    assert data["edges"]["s"] == [0, 0, 0] and data["edges"]["t"] == [1, 1, 2]
    assert data["nodes"]["lines"][0] == [["", None, False, [["text", "Hello <there>"]]]]
    assert "<there>" not in page.split("const DATA")[0]


def test_unknown_suffix_is_usage_error(tmp_path: Path) -> None:
    assert main(["graph", str(FIXTURES / "valid/tiny"), "-o", str(tmp_path / "map.txt")]) == 2


def test_svg_without_graphviz_says_so(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["graph", str(FIXTURES / "valid/tiny"), "-o", str(tmp_path / "m.svg")]) == 1
    assert "Graphviz" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_svg_through_graphviz(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    assert main(["graph", str(_story(tmp_path)), "-o", str(out)]) == 0
    assert out.read_text().lstrip().startswith("<?xml")


def test_conditional_lines_and_inline_forms_are_marked(tmp_path: Path) -> None:
    root = FIXTURES / "valid/conditional-text"
    out = tmp_path / "map.html"
    assert main(["graph", str(root), "-o", str(out)]) == 0
    data = _page_data(out.read_text())["nodes"]
    at = {node_id: i for i, node_id in enumerate(data["id"])}
    varies = {data["id"][i] for i in data["varies"]}
    assert {"door", "warm"} <= varies and "cool" not in varies
    door = data["lines"][at["door"]]  # each line: who, its condition, once, its runs
    assert door[0][3] == [["form", "{seq: The door opens. | The door opens again. | "
                                   "The door, once more.}"]]
    assert door[1] == ["", None, True, [["text", "The hall light is still on from this morning."]]]
    assert door[2][0] == "Sam" and door[2][3][0][0] == "form"
    warm = data["lines"][at["warm"]]
    assert [(line[0], line[1]) for line in warm] == [
        ("Sam", None), ("debrief", None), ("debrief", "thanks >= 2"), ("debrief", "thanks < 2")]
    assert warm[0][3] == [["text", "Thanks for waiting"],
                          ["form", "{if thanks >= 2: up for me}"], ["text", "."]]
    dot = tmp_path / "map.dot"
    assert main(["graph", str(root), "-o", str(dot)]) == 0
    assert re.search(r'"door" \[label="door", [^]]*style="rounded,filled,dashed"', dot.read_text())
