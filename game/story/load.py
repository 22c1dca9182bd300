"""Story folder → ``Story``, reporting every problem found, never a traceback.

Files are parsed with the C ``json`` module; positions (line and column) are worked out only
for the pointers something is reported at (``sourcemap``). A story with any error is never
returned, so it is never half-played. The work is shared out: ``loader`` (reading files,
reporting, compiling once), ``declarations`` (variables, characters, kinds, rules, dynamics,
scenes) and ``nodes``; this module puts them together and is what the rest of the game imports.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from game.story import bounds, declarations
from game.story.collector import collector_paused
from game.story.diagnostics import Diagnostic, StoryError, has_errors
from game.story.expr import VarInfo
from game.story.lenient import as_dict, as_list, as_str
from game.story.loader import Loader
from game.story.model import Character, Dynamic, Kind, Node, Rule, Scene, Story, Variable
from game.story.nodes import NodeBuilder, gather
from game.story.sourcemap import SourceMap
from game.story.text import Template
from game.story.validate import escape, suggest

__all__ = ["BRANCH_DIR", "STORY_FILE", "SourceMap", "branch_files", "load_or_raise", "load_story"]

STORY_FILE = "story.json"
BRANCH_DIR = "branches"


def load_story(
    path: str | Path, *, texts: Mapping[str, str] | None = None
) -> tuple[Story | None, list[Diagnostic]]:
    """Load the story folder at ``path``: the story and every diagnostic, errors first-class.

    The story is None when any error was found. ``texts`` (path relative to the folder ->
    text), when given, are the story's JSON files, read instead of those on disk: an editor's
    unsaved state. Images and maps are still read from the folder.
    """
    root = Path(path)
    display_root = str(path)
    if root.is_file() and root.name == STORY_FILE:
        root = root.parent
        display_root = str(root)
    loader = Loader(root=root, display_root=display_root, texts=texts)
    present = STORY_FILE in texts if texts is not None else (root / STORY_FILE).is_file()
    if not present:
        what = "folder" if root.is_dir() else "path"
        loader.report(
            loader.display(STORY_FILE),
            "",
            "LT108",
            f"no {STORY_FILE} here: '{display_root}' is not a story {what}",
            line=1,
            column=1,
        )
        return None, loader.diagnostics()
    with collector_paused():
        story = _build(loader)
    diagnostics = loader.diagnostics()
    if has_errors(diagnostics):
        return None, diagnostics
    return story, diagnostics


def load_or_raise(path: str | Path) -> Story:
    """The story at ``path``; raises StoryError (with every diagnostic) if it has errors."""
    story, diagnostics = load_story(path)
    if story is None:
        raise StoryError(diagnostics)
    return story


def branch_files(root: Path) -> list[str]:
    """The story's branch files, relative to its folder, in the order they are read."""
    folder = root / BRANCH_DIR
    if not folder.is_dir():
        return []
    return sorted(f"{BRANCH_DIR}/{p.name}" for p in folder.glob("*.json") if p.is_file())


def _build(loader: Loader) -> Story | None:
    """The story from its files, every problem reported to ``loader``; None when it cannot be
    built at all (no readable story.json)."""
    files = _read_files(loader)
    if files is None:
        return None
    main_file, data = files[0]
    parts = _declarations(loader, data, main_file)
    raw_nodes, extra = gather(loader, files)
    too_many = bounds.too_many_nodes(len(raw_nodes))
    if too_many:
        loader.report(main_file, "/nodes", "LT113", too_many, at_key=True)
        return None
    builder = NodeBuilder(
        loader, parts.characters, parts.infos, parts.kinds, parts.scenes, parts.dynamics, raw_nodes
    )
    nodes = {
        node_id: builder.node(node_id, file, pointer, node, extra.get(node_id, ()))
        for node_id, (file, pointer, node) in raw_nodes.items()
    }
    _check_start_and_player(loader, data, main_file, raw_nodes, parts.characters)
    return _story(loader, data, files, parts, nodes)


def _read_files(loader: Loader) -> list[tuple[str, dict[str, Any]]] | None:
    """story.json then each branch file, read, parsed and checked against its schema, as
    (display name, JSON); None when story.json cannot be had. A branch file that cannot be
    read or parsed is left out (its problem reported)."""
    main_file = loader.display(STORY_FILE)
    data = loader.read_json(STORY_FILE, "story")
    if data is None or not loader.format_ok(data, main_file):
        return None
    loader.structure("story", data, main_file)
    if not isinstance(data, dict):
        return None
    files: list[tuple[str, dict[str, Any]]] = [(main_file, data)]
    if loader.texts is not None:
        relatives = sorted(r for r in loader.texts if r.startswith(f"{BRANCH_DIR}/"))
    else:
        relatives = branch_files(loader.root)
    if len(relatives) > bounds.MAX_BRANCH_FILES:
        loader.report(loader.display(BRANCH_DIR), "", "LT113",
                      f"{len(relatives):,} branch files; a story may have at most "
                      f"{bounds.MAX_BRANCH_FILES:,}", line=1, column=1)
        return None
    for relative in relatives:
        file = loader.display(relative)
        branch = loader.read_json(relative, "branch")
        if branch is None or not loader.format_ok(branch, file):
            continue
        loader.structure("branch", branch, file)
        if isinstance(branch, dict):
            files.append((file, branch))
    return files


class _Declared(NamedTuple):
    """What story.json declares before the nodes."""

    characters: dict[str, Character]
    variables: dict[str, Variable]
    infos: dict[str, VarInfo]  # what the expression compiler knows of each variable
    kinds: dict[str, Kind]
    each_turn: tuple[Rule, ...]
    dynamics: dict[str, Dynamic]
    blurb: str
    blurb_template: Template
    scenes: dict[str, Scene]


def _declarations(loader: Loader, data: dict[str, Any], main_file: str) -> _Declared:
    """Characters (first: the other texts name them), variables, reply kinds, per-turn rules,
    dynamics, the blurb and scenes."""
    characters = declarations.characters(loader, as_dict(data.get("characters")), main_file)
    variables = declarations.variables(
        loader, as_dict(data.get("variables")), main_file, characters
    )
    infos = {v.id: v.info for v in variables.values()}
    blurb, blurb_template = declarations.wording(
        loader, data.get("blurb"), main_file, "/blurb", characters
    )
    return _Declared(
        characters,
        variables,
        infos,
        declarations.kinds(loader, as_dict(data.get("kinds")), main_file, infos, characters),
        declarations.rules(loader, as_list(data.get("each_turn")), main_file, infos),
        declarations.dynamics(loader, as_dict(data.get("dynamics")), main_file, characters),
        blurb,
        blurb_template,
        declarations.scenes(loader, as_dict(data.get("scenes")), main_file),
    )


def _check_start_and_player(
    loader: Loader,
    data: dict[str, Any],
    main_file: str,
    raw_nodes: dict[str, Any],
    characters: dict[str, Character],
) -> None:
    """Report a start node that does not exist, and every player character after the first."""
    start = as_str(data.get("start"))
    if start and start not in raw_nodes:
        loader.report(
            main_file, "/start", "LT200", f"start node '{start}' does not exist{suggest(start, list(raw_nodes))}"
        )
    players = [c for c in characters.values() if c.player]
    for extra_player in players[1:]:
        loader.report(
            main_file,
            f"/characters/{escape(extra_player.id)}/player",
            "LT209",
            f"'{extra_player.id}' is a second player character (the first is '{players[0].id}')",
        )


def _story(
    loader: Loader,
    data: dict[str, Any],
    files: list[tuple[str, dict[str, Any]]],
    parts: _Declared,
    nodes: dict[str, Node],
) -> Story:
    """The parts put together into the story."""
    authors = tuple(a for a in as_list(data.get("authors")) if isinstance(a, str))
    variables = parts.variables
    ordered = sorted(variables.values(), key=lambda v: v.slot)
    return Story(
        id=as_str(data.get("id")),
        title=as_str(data.get("title")),
        blurb=parts.blurb,
        authors=authors,
        start=as_str(data.get("start")),
        characters=parts.characters,
        variables=variables,
        kinds=parts.kinds,
        each_turn=parts.each_turn,
        dynamics=parts.dynamics,
        scenes=parts.scenes,
        nodes=nodes,
        root=loader.root,
        files=tuple(f for f, _ in files),
        initial_values=tuple(v.initial for v in ordered),
        sources=loader.sources,
        blurb_template=parts.blurb_template,
        declared_texts=tuple(loader.declared),
    )
