"""Property tests: nothing a file can hold makes the loader raise, and valid graphs always play."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story.load import load_story
from game.story.session import Session
from tests.story.strategies import JSON, STORYISH

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _write(folder: Path, content: bytes, branch: bytes | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.json").write_bytes(content)
    if branch is not None:
        (folder / "branches").mkdir(exist_ok=True)
        (folder / "branches" / "b.json").write_bytes(branch)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_give_diagnostics_never_exceptions(tmp_path_factory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    _write(folder, data)
    story, diagnostics = load_story(folder)
    assert story is None and diagnostics


@SETTINGS
@given(JSON, st.one_of(st.none(), JSON))
def test_random_json_gives_diagnostics_never_exceptions(tmp_path_factory, value, branch) -> None:
    folder = tmp_path_factory.mktemp("json")
    _write(folder, json.dumps(value).encode(), None if branch is None else json.dumps(branch).encode())
    story, diagnostics = load_story(folder)
    assert story is None and all(d.line >= 1 and d.column >= 1 for d in diagnostics)


@SETTINGS
@given(STORYISH, STORYISH)
def test_storyish_json_never_raises(tmp_path_factory, nodes, variables) -> None:
    folder = tmp_path_factory.mktemp("storyish")
    story = {
        "format": 1, "id": "s", "title": "t", "blurb": "b", "authors": [], "start": "a",
        "characters": {"p": {"name": "P"}}, "nodes": nodes, "variables": variables,
    }
    _write(folder, json.dumps(story).encode())
    load_story(folder)  # must not raise, whatever it finds


def random_story(rng: random.Random, size: int) -> dict:
    """A random but valid story graph: conditions, effects, routes and endings over two variables."""
    ids = [f"n{i}" for i in range(size)]
    nodes: dict = {}
    for i, node_id in enumerate(ids):
        if i > 0 and rng.random() < 0.15:
            nodes[node_id] = {"text": f"End {i}.", "ending": {"title": f"End {i}"}}
            continue
        if rng.random() < 0.2:
            nodes[node_id] = {
                "route": [
                    {"if": f"level >= {rng.randint(0, 10)}", "to": rng.choice(ids)},
                    {"if": "flag", "to": rng.choice(ids)},
                    {"to": rng.choice(ids)},
                ]
            }
            continue
        choices = []
        for j in range(rng.randint(1, 3)):
            choice = {"text": f"Choice {j} {{level}}", "to": rng.choice(ids)}
            if j > 0 and rng.random() < 0.5:
                choice["if"] = rng.choice(["level > 3", "not flag", "visits(\"n0\") < 3", "turn() < 20"])
            if rng.random() < 0.6:
                choice["effects"] = [rng.choice(["level += 2", "level -= 3", "flag = not flag", "level = level * 2"])]
            choices.append(choice)
        choices[0].pop("if", None)
        nodes[node_id] = {"text": f"Node {i}, {{p.they}} say{{p.s}}.", "choices": choices}
    return {
        "format": 1, "id": "random", "title": "R", "blurb": "", "authors": [], "start": "n0",
        "characters": {"p": {"name": "P", "pronouns": "they"}},
        "variables": {
            "level": {"type": "integer", "initial": 5, "min": 0, "max": 10},
            "flag": {"type": "bool", "initial": False},
        },
        "each_turn": ["level = level + 1"],
        "nodes": nodes,
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.integers(2, 40))
def test_random_valid_graphs_play_to_an_end_or_the_step_limit(tmp_path_factory, seed, size) -> None:
    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("graph")
    _write(folder, json.dumps(random_story(rng, size)).encode())
    story, diagnostics = load_story(folder)
    assert story is not None, [d.format() for d in diagnostics]
    session = Session.start(story)
    for _ in range(200):
        choices = session.choices()
        if session.is_over or not choices:
            break
        session.choose(rng.choice(choices).index)
        session.lines()
    restored, notes = Session.from_json(story, json.loads(json.dumps(session.to_json())))
    assert restored.to_json() == session.to_json() and notes == []
