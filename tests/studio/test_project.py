"""The editing model: undo gives back the same bytes, saving touches only changed files,
and a file changed on disk behind the studio is never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.studio.edits import apply_ops
from game.studio.project import Project
from tests.conftest import STORIES
from tests.studio.conftest import snapshot

SAMPLE = STORIES / "sample"


def edit(project: Project, ops: list, label: str = "edit", coalesce: str | None = None) -> None:
    values = project.values()
    changed = apply_ops(values, ops)
    project.apply(label, {k: v for k, v in changed.items() if v is not values.get(k)}, coalesce)


def texts(project: Project) -> dict[str, str]:
    return project.texts()


OPS = st.sampled_from([
    [{"op": "set", "file": "story.json", "path": ["nodes", "keys", "lines", 0, "text"], "value": "Keys. “Quiet.”"}],
    [{"op": "insert", "file": "story.json", "path": ["nodes", "couch", "choices"], "index": 1,
      "value": {"text": "Say nothing.", "to": "check"}}],
    [{"op": "delete", "file": "story.json", "path": ["nodes", "couch", "choices", 2, "if"]}],
    [{"op": "rename_node", "old": "later", "new": "much-later"}],
    [{"op": "rename_node", "old": "ten-minutes", "new": "a-while"}],
    [{"op": "add_node", "file": "branches/balcony.json", "id": "porch", "value": {"text": "Cold."}}],
    [{"op": "delete_node", "id": "balcony"}],
    [{"op": "to_lines", "id": "keys"}],
    [{"op": "move", "file": "story.json", "path": ["nodes", "keys", "choices"], "from": 0, "to": 2}],
    [{"op": "set", "file": "branches/balcony.json", "path": ["nodes", "later", "lines", 1, "if"],
      "value": "seen(\"balcony\")"}],
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(OPS, min_size=1, max_size=4))
def test_any_edits_then_as_many_undos_give_the_same_bytes(steps):
    project = Project.open(SAMPLE)
    before = texts(project)
    done = 0
    for ops in steps:
        try:
            edit(project, ops)
            done += 1
        except ValueError:
            pass  # an op that does not apply after the earlier ones (a renamed node): skipped
    for _ in range(done):
        project.undo()
    assert texts(project) == before
    assert project.dirty() == []
    for _ in range(done):
        project.redo()
    for _ in range(done):
        project.undo()
    assert texts(project) == before


def test_saving_writes_only_the_changed_file_atomically(sample: Path):
    before = snapshot(sample)
    project = Project.open(sample)
    edit(project, [{"op": "set", "file": "branches/balcony.json",
                    "path": ["nodes", "later", "lines", 0, "text"], "value": "Twenty minutes."}])
    assert project.dirty() == ["branches/balcony.json"]
    result = project.save()
    assert result.written == ("branches/balcony.json",)
    after = snapshot(sample)
    assert after["story.json"] == before["story.json"]
    assert after["branches/balcony.json"] != before["branches/balcony.json"]
    assert not [p for p in sample.rglob("*.tmp")]
    assert project.dirty() == []
    # undo after saving, then save again: the file is back to its first bytes exactly
    project.undo()
    project.save()
    assert snapshot(sample) == before


def test_typing_in_one_field_is_one_undo_step():
    project = Project.open(SAMPLE)
    path = ["nodes", "keys", "lines", 0, "text"]
    for text in ("K", "Ke", "Key"):
        edit(project, [{"op": "set", "file": "story.json", "path": path, "value": text}], "type", "field#1")
    assert len(project.undo_stack) == 1
    project.undo()
    assert project.dirty() == []


def test_a_file_changed_on_disk_is_not_overwritten(sample: Path):
    project = Project.open(sample)
    edit(project, [{"op": "set", "file": "story.json", "path": ["title"], "value": "Mine"}])
    theirs = (sample / "story.json").read_text().replace('"The Kettle"', '"Theirs"')
    (sample / "story.json").write_text(theirs)
    assert project.check_disk("story.json") == "conflict"
    result = project.save()
    assert result.conflicts == ("story.json",) and result.written == ()
    assert (sample / "story.json").read_text() == theirs
    project.settle("story.json", "mine")
    project.save()
    assert json.loads((sample / "story.json").read_text())["title"] == "Mine"


def test_taking_the_disks_version_drops_the_edits_to_that_file(sample: Path):
    project = Project.open(sample)
    edit(project, [{"op": "set", "file": "story.json", "path": ["title"], "value": "Mine"}])
    theirs = (sample / "story.json").read_text().replace('"The Kettle"', '"Theirs"')
    (sample / "story.json").write_text(theirs)
    project.check_disk("story.json")
    project.settle("story.json", "theirs")
    assert project.values()["story.json"]["title"] == "Theirs"
    assert project.dirty() == [] and project.undo_stack == []


def test_an_unedited_file_changed_on_disk_is_reloaded(sample: Path):
    project = Project.open(sample)
    path = sample / "branches" / "balcony.json"
    path.write_text(path.read_text().replace("Refill?", "More tea?"))
    assert project.check_disk("branches/balcony.json") == "reloaded"
    assert "More tea?" in project.texts()["branches/balcony.json"]
    assert project.check_disk("branches/balcony.json") == "same"
    path.write_text("{ not json")
    assert project.check_disk("branches/balcony.json") == "broken"
    assert "branches/balcony.json" not in project.values()


def test_a_new_branch_file_is_written_new_and_undone_to_nothing(sample: Path):
    project = Project.open(sample)
    edit(project, [{"op": "new_file", "file": "branches/porch.json"},
                   {"op": "add_node", "file": "branches/porch.json", "id": "porch", "value": {"text": "Cold."}}])
    project.save()
    data = json.loads((sample / "branches" / "porch.json").read_text())
    assert data["$schema"] == "../../../../story/schema/branch.schema.json"
    assert data["nodes"] == {"porch": {"text": "Cold."}}


def test_a_file_that_is_not_json_is_linted_as_it_is_on_disk(sample: Path):
    from game.studio.checks import lint_texts

    (sample / "story.json").write_text('{ "format": 1, oops\n')
    project = Project.open(sample)
    assert project.files["story.json"].broken and "story.json" not in project.values()
    _, found = lint_texts(sample, project.texts())
    assert [f.code for f in found] == ["LT101"] and found[0].line == 1
