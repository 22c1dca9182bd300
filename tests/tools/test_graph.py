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
    data = json.loads(re.search(r"const DATA = (\{.*?\});\n", page).group(1))
    assert [n["id"] for n in data["nodes"]] == ["a", "z", "m"]
    assert {e["if"] for e in data["edges"]} == {None, "x > 1"}
    assert "Hello <there>" in data["nodes"][0]["text"]
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
    data = json.loads(re.search(r"const DATA = (\{.*?\});\n", out.read_text()).group(1))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["door"]["varies"] and nodes["warm"]["varies"] and not nodes["cool"]["varies"]
    door = nodes["door"]["lines"]
    assert door[0]["runs"] == [["form", "{seq: The door opens. | The door opens again. | "
                                        "The door, once more.}"]]
    assert door[1] == {"who": "", "if": None, "once": True,
                       "runs": [["text", "The hall light is still on from this morning."]]}
    assert door[2]["who"] == "Sam" and door[2]["runs"][0][0] == "form"
    warm = nodes["warm"]["lines"]
    assert [(line["who"], line["if"]) for line in warm] == [
        ("Sam", None), ("debrief", None), ("debrief", "thanks >= 2"), ("debrief", "thanks < 2")]
    assert warm[0]["runs"] == [["text", "Thanks for waiting"],
                               ["form", "{if thanks >= 2: up for me}"], ["text", "."]]
    assert "[once] The hall light" in nodes["door"]["text"]  # searchable, marked
    assert "[debrief, if thanks >= 2] You thanked" in nodes["warm"]["text"]
    dot = tmp_path / "map.dot"
    assert main(["graph", str(root), "-o", str(dot)]) == 0
    assert re.search(r'"door" \[label="door", [^]]*style="rounded,filled,dashed"', dot.read_text())
