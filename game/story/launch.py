"""Starting a playthrough from launch options (``--name``, ``--pronouns``, ``--from``,
``--set``): shared by the text player and the window, so both read the options alike."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from game.story.diagnostics import format_text
from game.story.load import load_story
from game.story.model import Story
from game.story.session import Session, SessionError
from game.story.text import Cast, Person, Pronouns
from game.story.validate import suggest


class UsageError(ValueError):
    """Launch options that do not fit the story; the message says which and why."""


class LaunchOptions(Protocol):
    """The options that shape a new playthrough (``lowtide play``'s, or the window's copy)."""

    name: str | None
    pronouns: str | None
    start: str | None
    values: Sequence[str]


def parse_values(story: Story, pairs: Sequence[str]) -> dict[str, Any]:
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
    """The story's cast with the partner named and gendered as the options say."""
    if story.partner is None or (name is None and pronouns is None):
        return story.default_cast()
    try:
        chosen = Pronouns.parse(pronouns) if pronouns else None
    except ValueError as err:
        raise UsageError(f"--pronouns: {err}") from None
    return with_partner(story, name.strip() if name else None, chosen)


def with_partner(story: Story, name: str | None, pronouns: Pronouns | None) -> Cast:
    """The story's cast with the partner's name and pronouns changed where given."""
    cast = dict(story.default_cast().people)
    partner = story.partner
    if partner is not None:
        person = cast[partner.id]
        cast[partner.id] = Person(name or person.name, pronouns or person.pronouns)
    return Cast(cast)


def start_session(story: Story, options: LaunchOptions) -> Session:
    """The session the options describe; UsageError for options that do not fit the story."""
    cast = make_cast(story, options.name, options.pronouns)
    return start_with(story, cast, options)


def start_with(story: Story, cast: Cast, options: LaunchOptions) -> Session:
    """A new session with ``cast`` (chosen on the setup screen, or from the options), at the
    node and with the values the options ask for, and the ``seed`` when they have one (``play
    --seed``: what shuffled text shows); UsageError when they do not fit."""
    values = parse_values(story, options.values or [])
    start = options.start
    if start is not None and start not in story.nodes:
        raise UsageError(f"--from: no node '{start}'{suggest(start, list(story.nodes))}")
    try:
        return Session.start(story, cast, at=start, values=values,
                             seed=getattr(options, "seed", None))
    except SessionError as err:
        raise UsageError(str(err)) from None


def load_for_play(path: Path) -> Story | None:
    """The story, or None after printing why it cannot be played."""
    story, diagnostics = load_story(path)
    if story is None:
        print(f"lowtide: the story in {path} cannot be played:", file=sys.stderr)
        print(format_text(diagnostics), file=sys.stderr)
    return story
