"""The simulator: seeded, policy-driven, and reporting what a writer asks."""

from __future__ import annotations

import json
from pathlib import Path

from game.cli import main
from game.story.load import load_or_raise
from game.tools.simulate import simulate
from tests.tools.helpers import ending, write_story


def _story(tmp_path: Path) -> Path:
    return write_story(
        tmp_path / "s",
        {
            "a": {"text": "A", "choices": [
                {"text": "nice", "kind": "warm", "to": "good"},
                {"text": "mean", "kind": "cold", "to": "bad"}]},
            "good": ending("Good"),
            "bad": {"text": "Bad", "ending": {"title": "Bad", "dynamic": "e", "debrief": "Why."}},
            "never": {"text": "N", "choices": [{"text": "x", "to": "good"}]},
        },
        variables={"score": {"type": "integer", "initial": 0}},
        kinds={"warm": {"label": "Warm", "effects": ["score += 2"]},
               "cold": {"label": "Cold", "effects": ["score -= 1"]}},
        dynamics={"d": {"label": "D"}, "e": {"label": "E"}},
    )


def test_same_seed_same_report(tmp_path: Path) -> None:
    story = load_or_raise(_story(tmp_path))
    one = simulate(story, runs=200, seed=7)
    assert one == simulate(story, runs=200, seed=7)
    counts = {e["node"]: e["count"] for e in one["endings"]}
    assert sum(counts.values()) == 200 and min(counts.values()) > 50
    good = next(e for e in one["endings"] if e["node"] == "good")
    assert good["variables"]["score"] == {"mean": 2, "min": 2, "max": 2}
    assert one["length"] == {"min": 1, "median": 1, "max": 1}
    assert one["unvisited_nodes"] == ["never"]
    assert one["dynamics"] == {"d": counts["good"], "e": counts["bad"]}


def test_kind_weights_and_least_used(tmp_path: Path) -> None:
    story = load_or_raise(_story(tmp_path))
    weighted = simulate(story, runs=300, seed=1, policy="warm=1,cold=0")
    assert {e["node"]: e["count"] for e in weighted["endings"]} == {"good": 300, "bad": 0}
    least = simulate(story, runs=10, seed=1, policy="least-used")
    assert {e["node"]: e["count"] for e in least["endings"]} == {"good": 5, "bad": 5}


def test_command_line(tmp_path: Path, capsys) -> None:
    root = str(_story(tmp_path))
    assert main(["simulate", root, "--runs", "20", "--seed", "3", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["runs"] == 20
    assert main(["simulate", root, "--runs", "20", "--seed", "3"]) == 0
    assert "Endings:" in capsys.readouterr().out
    assert main(["simulate", root, "--runs", "5", "--seed", "1", "--policy", "nope=2"]) == 2
    assert main(["simulate", root, "--runs", "0", "--seed", "1"]) == 2


def test_unfinished_runs_are_counted(tmp_path: Path) -> None:
    root = write_story(
        tmp_path / "loop",
        {"a": {"text": "A", "choices": [{"text": "again", "to": "a"}]}, "z": ending()},
    )
    report = simulate(load_or_raise(root), runs=3, seed=0, max_steps=10)
    assert report["unfinished"] == 3 and report["length"]["max"] == 10


def test_runs_can_start_at_a_branch(tmp_path: Path, capsys) -> None:
    story = load_or_raise(_story(tmp_path))
    report = simulate(story, runs=30, seed=2, start="never")
    assert report["from"] == "never"
    assert {e["node"]: e["count"] for e in report["endings"]} == {"good": 30, "bad": 0}
    root = str(tmp_path / "s")
    assert main(["simulate", root, "--runs", "5", "--seed", "1", "--from", "a"]) == 0
    assert capsys.readouterr().out.startswith("5 runs from a, seed 1")
    assert main(["simulate", root, "--runs", "5", "--seed", "1", "--from", "nevr"]) == 2
    assert "did you mean 'never'?" in capsys.readouterr().err


def test_set_starts_every_run_with_the_values_given(tmp_path: Path, capsys) -> None:
    root = write_story(
        tmp_path / "s",
        {"a": {"text": "A", "choices": [
            {"text": "nice", "kind": "warm", "to": "r"}, {"text": "mean", "kind": "cold", "to": "r"}]},
         "r": {"route": [{"if": "score >= 10", "to": "good"}, {"to": "bad"}]},
         "good": ending("Good"),
         "bad": ending("Bad")},
        variables={"score": {"type": "integer", "initial": 0, "max": 20}},
        kinds={"warm": {"label": "Warm", "effects": ["score += 2"]},
               "cold": {"label": "Cold", "effects": ["score -= 1"]}},
    )
    story = load_or_raise(root)
    plain = simulate(story, runs=50, seed=1)
    assert {e["node"]: e["count"] for e in plain["endings"]} == {"good": 0, "bad": 50}
    set_high = simulate(story, runs=50, seed=1, values=["score=12"])
    assert set_high["set"] == {"score": 12}
    assert {e["node"]: e["count"] for e in set_high["endings"]} == {"good": 50, "bad": 0}
    assert main(["simulate", str(root), "--runs", "20", "--seed", "1", "--set", "score=99",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["set"] == {"score": 20}  # clamped to the bound, as play --set does
    assert main(["simulate", str(root), "--runs", "5", "--seed", "1", "--set", "scor=1"]) == 2
    assert "did you mean 'score'" in capsys.readouterr().err
    assert main(["simulate", str(root), "--runs", "5", "--seed", "1", "--set", "score=x"]) == 2


def test_visit_counts_per_node_in_text_and_json(tmp_path: Path, capsys) -> None:
    root = write_story(
        tmp_path / "s",
        {"a": {"text": "A", "choices": [
            {"text": "again", "if": "visits(\"a\") < 3", "to": "a"}, {"text": "on", "to": "z"}]},
         "z": ending(),
         "never": {"text": "N", "choices": [{"text": "x", "to": "z"}]}},
    )
    report = simulate(load_or_raise(root), runs=100, seed=3)
    visits = report["visits"]
    assert list(visits) == ["a", "z", "never"]
    assert visits["a"]["runs"] == 100 and 100 < visits["a"]["times"] <= 300
    assert visits["z"] == {"runs": 100, "times": 100}
    assert visits["never"] == {"runs": 0, "times": 0}
    assert main(["simulate", str(root), "--runs", "100", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "Visits (runs that entered each node" in out
    assert f"    100  100.0%  {visits['a']['times']:>8,}  a" in out
    assert "      0    0.0%         0  never" in out


def test_from_a_node_the_nodes_before_it_are_not_called_never_visited(tmp_path: Path,
                                                                      capsys) -> None:
    """--from good's runs cannot visit a or bad: the report says so apart, and calls never
    visited only what could have been."""
    root = str(_story(tmp_path))
    assert main(["simulate", root, "--runs", "5", "--seed", "1", "--from", "a"]) == 0
    whole = capsys.readouterr().out
    assert "Nodes never visited (1): never" in whole and "Not reachable" not in whole
    assert main(["simulate", root, "--runs", "5", "--seed", "1", "--from", "never"]) == 0
    out = capsys.readouterr().out
    assert "Nodes never visited" not in out
    assert "Every node reachable from never was visited at least once." in out
    assert "Not reachable from never (2), so not counted: a, bad" in out
    assert main(["simulate", root, "--runs", "5", "--seed", "1", "--from", "never",
                 "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unvisited_nodes"] == ["a", "bad"] and report["out_of_reach"] == ["a", "bad"]
