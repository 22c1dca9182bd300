"""Renaming a node changes every reference in every file; lint stays clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.studio.edits import apply_ops
from game.studio.project import EditError, Project
from game.studio.refs import describe, in_node, places, references
from game.tools.lint import lint_story
from tests.studio.conftest import snapshot


def test_rename_updates_targets_extend_start_and_expressions(sample: Path):
    project = Project.open(sample)
    files = project.values()
    assert {r.what for r in references(files, "later")} == {"choice", "expression"}
    changed = apply_ops(files, [{"op": "rename_node", "old": "later", "new": "much-later"},
                                {"op": "rename_node", "old": "couch", "new": "sofa"},
                                {"op": "rename_node", "old": "keys", "new": "door"}])
    project.apply("rename", {k: v for k, v in changed.items() if v is not files.get(k)})
    texts = project.texts()
    assert 'seen(\\"much-later\\")' in texts["branches/balcony.json"]
    assert '"sofa": {' in texts["branches/balcony.json"]  # the extend key
    assert '"start": "door"' in texts["story.json"]
    project.save()
    assert [d for d in lint_story(sample) if d.severity == "error"] == []


def test_rename_refuses_a_taken_or_malformed_id(sample: Path):
    files = Project.open(sample).values()
    with pytest.raises(EditError, match="already a node"):
        apply_ops(files, [{"op": "rename_node", "old": "later", "new": "couch"}])
    with pytest.raises(EditError, match="not a node id"):
        apply_ops(files, [{"op": "rename_node", "old": "later", "new": "Later On"}])


def test_delete_takes_the_node_and_the_choices_appended_to_it(sample: Path):
    files = Project.open(sample).values()
    changed = apply_ops(files, [{"op": "delete_node", "id": "couch"}])
    assert "couch" not in changed["story.json"]["nodes"]
    assert "couch" not in changed["branches/balcony.json"]["extend"]
    with pytest.raises(EditError, match="where the story starts"):
        apply_ops(files, [{"op": "delete_node", "id": "keys"}])


def test_nothing_is_written_without_a_save(sample: Path):
    before = snapshot(sample)
    project = Project.open(sample)
    files = project.values()
    project.apply("x", apply_ops(files, [{"op": "rename_node", "old": "later", "new": "soon"}]))
    assert snapshot(sample) == before


def test_references_are_described_in_a_writers_words(sample: Path):
    values = Project.open(sample).values()
    later = {describe(values, r): in_node(r) for r in references(values, "later")}
    assert later == {
        "the choice 'Go on. Twenty minutes on the balcony. I'll be h…' in node standing": "standing",
        "the choice 'Till the end of the cup. I'll be inside.' in node balcony": "balcony",
        "the condition of the choice 'You needed that, didn't you? Refill?' in node later": "later",
        "the debrief of node back-inside": "back-inside",
    }
    assert [describe(values, r) for r in references(values, "quiet")] == [
        "way 5 of the route of node check",
        "the condition of the choice 'Take another ten, then. I'll be in the kitchen.' in node quiet",
        "the debrief of node haven",
    ]
    assert [describe(values, r) for r in references(values, "keys")] == \
        ["the story's start (story.json)"]


def test_each_place_is_listed_once_with_how_many_of_its_paragraphs_refer(sample: Path):
    values = Project.open(sample).values()
    found = references(values, "later")
    debrief = [r for r in found if r.path[1] == "back-inside"]
    assert len(debrief) == 3  # three paragraphs of one debrief read seen("later")
    listed = places(values, found)
    assert [p.words for p in listed] == [
        "the choice 'Go on. Twenty minutes on the balcony. I'll be h…' in node standing",
        "the choice 'Till the end of the cup. I'll be inside.' in node balcony",
        "the condition of the choice 'You needed that, didn't you? Refill?' in node later",
        "the debrief of node back-inside (3 paragraphs)",
    ]
    assert [p.count for p in listed] == [1, 1, 1, 3]
    assert listed[-1].node == "back-inside" and listed[-1].what == "expression"
    # one paragraph naming it twice (in its condition and its text) is still one paragraph
    doc = values["branches/balcony.json"]
    paragraph = doc["nodes"]["back-inside"]["ending"]["debrief"][1]
    twice = {**paragraph, "text": paragraph["text"] + ' {if seen("later"): Later. | }'}
    ending = doc["nodes"]["back-inside"]["ending"]
    debrief_list = [*ending["debrief"][:1], twice, *ending["debrief"][2:]]
    changed = {**values, "branches/balcony.json": {**doc, "nodes": {
        **doc["nodes"], "back-inside": {**doc["nodes"]["back-inside"],
                                        "ending": {**ending, "debrief": debrief_list}}}}}
    found = references(changed, "later")
    assert len(found) == 7  # the three places, and four references in three paragraphs
    assert places(changed, found)[-1].words == "the debrief of node back-inside (3 paragraphs)"


def test_a_damaged_save_beside_the_good_ones_is_passed_over(tmp_path) -> None:
    """The studio peeks into the game's saves to warn of renames: a save of a hundred thousand
    brackets (which the game sets aside when it meets it) must not stop it."""
    import json

    from game.studio.saves import saves_naming

    folder = tmp_path / "saves" / "s"
    folder.mkdir(parents=True)
    (folder / "slot-1.json").write_text("[" * 100_000)
    (folder / "slot-2.json").write_text(json.dumps({"story": "s", "session": {"node": "n"}}))
    assert saves_naming("s", "n", tmp_path / "saves") == [folder / "slot-2.json"]
