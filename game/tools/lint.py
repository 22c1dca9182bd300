"""`lowtide lint`: every diagnostic of every story named, as text or JSON.

Linting is data first: ``lint_story`` returns diagnostics (the loader's, then the checks' in
``game.tools.checks``); ``run_lint`` only prints them and picks the exit status.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from game.story.collector import collector_paused
from game.story.diagnostics import (
    ERROR,
    INFO,
    WARNING,
    Diagnostic,
    format_text,
    sort_key,
    to_json,
)
from game.story.load import load_story
from game.story.model import Story
from game.tools.checks import run_checks

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def lint_story(path: Path, *, statistics: bool = False) -> list[Diagnostic]:
    """Every diagnostic for one story folder: loading problems, then (if it loads) the checks.

    The collector stays paused from loading to the last check: in between it would only
    traverse the story just built, which stays alive until the checks are done (and is freed
    as soon as they are, before the collector is back).
    """
    with collector_paused():
        return _lint(path, statistics)


def _lint(path: Path, statistics: bool) -> list[Diagnostic]:
    return load_linted(path, statistics=statistics)[1]


def load_linted(
    path: Path, *, statistics: bool = False, texts: Mapping[str, str] | None = None
) -> tuple[Story | None, list[Diagnostic]]:
    """The story (None when it does not load) and every diagnostic lint has for it, sorted;
    ``texts`` as for ``load_story`` (the files being edited, instead of those on disk)."""
    story, diagnostics = load_story(path, texts=texts)
    if story is None:
        return None, diagnostics
    return story, sorted(diagnostics + run_checks(story, statistics=statistics), key=sort_key)


def exit_status(diagnostics: list[Diagnostic], *, strict: bool = False) -> int:
    failing = {ERROR, WARNING} if strict else {ERROR}
    return EXIT_ERRORS if any(d.severity in failing for d in diagnostics) else EXIT_OK


def run_lint(
    paths: list[Path], *, fmt: str = "text", strict: bool = False, stats: bool = False
) -> int:
    for path in paths:
        if not path.exists():
            print(f"lowtide lint: no such folder: {path}", file=sys.stderr)
            return EXIT_USAGE
    everything: list[Diagnostic] = []
    for path in paths:
        everything.extend(lint_story(path, statistics=stats))
    if fmt == "json":
        print(to_json(everything))
    elif everything:
        print(format_text(everything))
    if fmt == "text":
        counts = {s: sum(d.severity == s for d in everything) for s in (ERROR, WARNING, INFO)}
        stories = f"{len(paths)} stor{'y' if len(paths) == 1 else 'ies'}"
        print(
            f"{stories}: {counts[ERROR]} error(s), {counts[WARNING]} warning(s), "
            f"{counts[INFO]} note(s)" + (" (--strict: warnings fail)" if strict else ""),
            file=sys.stderr,
        )
    return exit_status(everything, strict=strict)
