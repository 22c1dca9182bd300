"""`lowtide lint`: every diagnostic of every story named, as text or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

from game.story.diagnostics import ERROR, WARNING, Diagnostic, format_text, to_json
from game.story.load import load_story

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def lint_story(path: Path) -> list[Diagnostic]:
    """Every diagnostic for one story folder."""
    _story, diagnostics = load_story(path)
    return diagnostics


def run_lint(paths: list[Path], *, fmt: str = "text", strict: bool = False) -> int:
    everything: list[Diagnostic] = []
    for path in paths:
        everything.extend(lint_story(path))
    failing = {ERROR, WARNING} if strict else {ERROR}
    if fmt == "json":
        print(to_json(everything))
    elif everything:
        print(format_text(everything))
    errors = sum(d.severity == ERROR for d in everything)
    warnings = sum(d.severity == WARNING for d in everything)
    if fmt == "text":
        summary = f"{len(paths)} stor{'y' if len(paths) == 1 else 'ies'}: {errors} error(s), {warnings} warning(s)"
        print(summary, file=sys.stderr)
    return EXIT_ERRORS if any(d.severity in failing for d in everything) else EXIT_OK
