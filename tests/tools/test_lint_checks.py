"""Lint checks: each code has a fixture that reports it, docs that explain it, and the printer
keeps the one diagnostic format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.story.codes import CODES
from game.story.load import load_story
from game.tools.checks import CHECKS, STATISTICS
from game.tools.checks.texts import _distinct_texts, _every_text
from game.tools.lint import lint_story
from tests.conftest import FIXTURES, PROJECT

LINT = FIXTURES / "lint"
CASES = sorted(p for p in LINT.iterdir() if p.name.startswith("LT"))
LINT_CODES = sorted(c for c in CODES if c >= "LT500")


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_each_lint_fixture_reports_its_code_at_a_real_position(folder: Path) -> None:
    code = folder.name.split("-")[0]
    found = [d for d in lint_story(folder) if d.code == code]
    assert found, [d.format() for d in lint_story(folder)]
    for d in found:
        assert d.severity == CODES[code].severity
        assert d.line > 1 and d.column >= 1 and d.pointer


def test_the_clean_fixture_has_nothing_to_say() -> None:
    assert lint_story(LINT / "clean") == []


def test_every_lint_code_has_a_fixture_a_check_and_docs() -> None:
    covered = {p.name.split("-")[0] for p in CASES}
    checked = {c for check in (*CHECKS, STATISTICS) for c in check.codes}
    docs = (PROJECT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for code in LINT_CODES:
        assert code in checked, code
        assert f"## {code}" in docs, code
        assert code == "LT590" or code in covered, code
    for code in CODES:
        assert f"## {code}" in docs, f"{code} is not documented"


def test_never_holds_uses_declared_bounds() -> None:
    (d,) = [d for d in lint_story(LINT / "LT502-never-holds") if d.code == "LT502"]
    assert "calm > 10" in d.message and "between 5 and 10" in d.message
    assert d.pointer == "/nodes/hello/choices/1/if"


def test_verb_after_name_points_inside_the_text() -> None:
    (d,) = [d for d in lint_story(LINT / "LT508-verb-after-name") if d.code == "LT508"]
    line = (LINT / "LT508-verb-after-name/story.json").read_text().splitlines()[d.line - 1]
    assert line[d.column - 1 :].startswith("{partner} {partner.are}")
    assert "'{partner} is'" in d.message


def test_statistics_only_with_stats(capsys: pytest.CaptureFixture[str]) -> None:
    assert not [d for d in lint_story(LINT / "clean") if d.code == "LT590"]
    stats = [d for d in lint_story(LINT / "clean", statistics=True) if d.code == "LT590"]
    assert any("whole story: 3 nodes (1 route, 1 ending), 1 choice" in d.message for d in stats)
    assert any(d.message.startswith("partner (Ben): 1 line,") for d in stats)
    assert main(["lint", str(LINT / "clean"), "--stats"]) == 0
    assert "info LT590" in capsys.readouterr().out


def test_json_output_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(LINT / "LT506-duplicate-choice")
    assert main(["lint", folder, "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert set(item) == {"severity", "code", "message", "file", "line", "column", "pointer"}
    assert item["code"] == "LT506" and item["severity"] == "warning"
    assert main(["lint", folder, "--strict"]) == 1
    assert main(["lint", str(LINT / "LT501-dead-end")]) == 1
    assert main(["lint", str(LINT / "no-such-story")]) == 2


def test_several_stories_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(LINT / "clean"), str(LINT / "LT500-unreachable")]) == 0
    out = capsys.readouterr()
    assert "LT500" in out.out and "2 stories" in out.err


def test_a_loop_is_endless_only_when_no_open_way_leaves_it(tmp_path: Path) -> None:
    from tests.tools.helpers import ending, write_story

    def loop(exit_if: str | None) -> list[str]:
        way_out = {"text": "Leave.", "to": "z"} | ({"if": exit_if} if exit_if else {})
        nodes = {
            "a": {"text": "A", "choices": [{"text": "In.", "to": "b"}, {"text": "No.", "to": "z"}]},
            "b": {"text": "B", "choices": [{"text": "Round.", "to": "c"}, way_out]},
            "c": {"text": "C", "choices": [{"text": "Again.", "to": "b"}]},
            "z": ending(),
        }
        root = write_story(tmp_path / "s", nodes,
                           variables={"n": {"type": "integer", "initial": 0, "min": 0, "max": 5}})
        return sorted(d.message.split("'")[1] for d in lint_story(root) if d.code == "LT510")

    assert loop(None) == []
    assert loop("n >= 0") == []  # a way out that may hold
    assert loop("n > 9") == ["b", "c"]  # the only way out can never be taken


def test_conditions_on_lines_and_paragraphs_are_decided_too(tmp_path: Path) -> None:
    from tests.tools.helpers import write_story

    root = write_story(tmp_path / "s", {
        "a": {"lines": [{"text": "Hi.", "if": "calm > 10"}, {"text": "Yo.", "if": "calm >= 0"}],
              "choices": [{"text": "Go.", "kind": "k", "to": "z"}]},
        "z": {"text": "End", "ending": {"title": "End", "dynamic": "d", "debrief": [
            "Done.", {"if": "calm > 10", "text": "Never."}]}},
    }, variables={"calm": {"type": "integer", "initial": 5, "min": 0, "max": 10}},
        kinds={"k": {"label": "K", "effects": ["calm += 1"]}})
    found = {(d.code, d.pointer, d.message.split(",")[0].split(";")[0]) for d in lint_story(root)
             if d.code in ("LT502", "LT503")}
    assert found == {
        ("LT502", "/nodes/a/lines/0/if", "'calm > 10' can never hold"),
        ("LT503", "/nodes/a/lines/1/if", "'calm >= 0' always holds"),
        ("LT502", "/nodes/z/ending/debrief/1/if", "'calm > 10' can never hold"),
    }


def test_an_empty_reply_or_line_fails_strict_lint(capsys: pytest.CaptureFixture[str]) -> None:
    found = [d for d in lint_story(LINT / "LT516-empty-text") if d.code == "LT516"]
    assert [(d.severity, d.pointer) for d in found] == [
        ("error", "/nodes/hello/choices/1/text"), ("error", "/nodes/bye/lines/1/text")]
    assert "leads to 'check' has no text" in found[0].message
    assert main(["lint", "--strict", str(LINT / "LT516-empty-text")]) == 1


@pytest.mark.parametrize("folder", [*CASES, *sorted((FIXTURES / "valid").iterdir())],
                         ids=lambda p: p.name)
def test_the_distinct_texts_are_those_of_every_text_in_the_same_order(folder: Path) -> None:
    """The prose checks look through ``_distinct_texts`` (a walk of its own, for speed) and
    place their finds from ``_every_text``: the two walks must see the same texts."""
    story, _ = load_story(folder)
    assert story is not None
    assert _distinct_texts(story) == list(dict.fromkeys(e[0] for e in _every_text(story)))
