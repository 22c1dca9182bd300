"""`lowtide play`: load a story, set up the playthrough the options ask for, hand it to a front end."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.story.diagnostics import format_text
from game.story.load import load_story
from game.story.model import Story
from game.story.session import Session, SessionError
from game.story.text import Cast, Person, Pronouns
from game.story.validate import suggest

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(ValueError):
    pass


def parse_values(story: Story, pairs: list[str]) -> dict[str, Any]:
    """``NAME=VALUE`` options as variable values (checked by the session against types)."""
    values: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--set wants NAME=VALUE, got {pair!r}")
        if name not in story.variables:
            hint = suggest(name, list(story.variables))
            known = ", ".join(sorted(story.variables)) or "none"
            raise UsageError(f"--set: no variable '{name}'" + (hint or f" (variables: {known})"))
        values[name] = value.strip()
    return values


def make_cast(story: Story, name: str | None, pronouns: str | None) -> Cast:
    cast = dict(story.default_cast().people)
    partner = story.partner
    if partner is None or (name is None and pronouns is None):
        return Cast(cast)
    person = cast[partner.id]
    try:
        chosen = Pronouns.parse(pronouns) if pronouns else person.pronouns
    except ValueError as err:
        raise UsageError(f"--pronouns: {err}") from None
    cast[partner.id] = Person(name.strip() if name and name.strip() else person.name, chosen)
    return Cast(cast)


def start_session(story: Story, args: argparse.Namespace) -> Session:
    """The session the options describe; UsageError for options that do not fit the story."""
    values = parse_values(story, getattr(args, "values", []) or [])
    cast = make_cast(story, getattr(args, "name", None), getattr(args, "pronouns", None))
    start = getattr(args, "start", None)
    if start is not None and start not in story.nodes:
        from game.story.validate import suggest

        raise UsageError(f"--from: no node '{start}'{suggest(start, list(story.nodes))}")
    try:
        return Session.start(story, cast, at=start, values=values,
                             seed=getattr(args, "seed", None))
    except SessionError as err:
        raise UsageError(str(err)) from None


def load_for_play(path: Path) -> Story | None:
    story, diagnostics = load_story(path)
    if story is None:
        print(f"lowtide: the story in {path} cannot be played:", file=sys.stderr)
        print(format_text(diagnostics), file=sys.stderr)
    return story


def play(path: Path, args: argparse.Namespace) -> int:
    story = load_for_play(path)
    if story is None:
        return EXIT_ERRORS
    try:
        session = start_session(story, args)
    except UsageError as err:
        print(f"lowtide play: {err}", file=sys.stderr)
        return EXIT_USAGE
    from game.tools.textplay import TextPlayer

    return TextPlayer(session, sys.stdout, sys.stdin, args.transcript).run()


def play_window(args: argparse.Namespace) -> int:
    """The game window (game.app), driven by a person or by --autoplay / --input-script."""
    from game.app.run import play_window as run

    return run(args)
