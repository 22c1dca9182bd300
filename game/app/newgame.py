"""Starting a playthrough from the chosen cast and the launch options (--from, --set)."""

from __future__ import annotations

from game.app.services import Options
from game.story.model import Story
from game.story.session import Session
from game.story.text import Cast, Person, Pronouns


def start_session(options: Options, story: Story, name: str | None,
                  pronouns: Pronouns | None) -> Session:
    """A new session; ValueError (UsageError) or SessionError when the options do not fit."""
    from game.tools.play import parse_values

    cast = dict(story.default_cast().people)
    partner = story.partner
    if partner is not None:
        person = cast[partner.id]
        cast[partner.id] = Person(name or person.name, pronouns or person.pronouns)
    values = parse_values(story, options.values)
    return Session.start(story, Cast(cast), at=options.start, values=values)
