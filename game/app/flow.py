"""How the screens lead to one another: title → stories → setup → play → ending → title.

Screens call these functions instead of importing each other, so each screen module stays
about its own screen.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from game.story.model import Story
from game.story.session import Session

if TYPE_CHECKING:
    from game.app.catalog import Entry
    from game.app.loop import App

log = logging.getLogger("lowtide.app")


def to_title(app: App) -> None:
    from game.app.states.title import TitleScreen

    app.replace_all(TitleScreen(app))


def new_game(app: App) -> None:
    from game.app.states.picker import PickerScreen

    app.push(PickerScreen(app), lambda entry: entry is not None and setup(app, entry))


def setup(app: App, entry: Entry) -> None:
    from game.app.states.setup import SetupScreen

    if entry.story is None:
        return

    def begin(session: Session | None) -> None:
        if session is not None:
            play(app, session)

    app.push(SetupScreen(app, entry.story), begin)


def play(app: App, session: Session) -> None:
    from game.app.states.play import PlayScreen

    app.replace_all(PlayScreen(app, session))


def show_ending(app: App, session: Session) -> None:
    from game.app.states.ending import EndingScreen

    app.replace_all(EndingScreen(app, session))


def show_error(app: App, title: str, message: str) -> None:
    from game.app.states.error import ErrorScreen

    app.replace_all(ErrorScreen(app, title, message))


def autosave(app: App, session: Session) -> None:
    """The autosave after a choice (with a thumbnail of the screen), and what was seen."""
    from game.app import keep

    keep.autosave(app, session)


def resume(app: App, story: Story, data) -> None:
    """Carry on from saved JSON; a save that no longer fits is shown as a message."""
    from game.story.session import SessionError

    try:
        session, notes = Session.from_json(story, data)
    except SessionError as err:
        show_error(app, "This save cannot be opened", str(err))
        return
    for note in notes:
        log.warning("%s", note)
    play(app, session)


def wait_for_story(app: App, root: Path, args: argparse.Namespace) -> None:
    """Developer mode with a story that does not load: show why, and play once it does."""
    from game.app.states.devwait import DevWaitScreen
    from game.tools.play import UsageError, start_session

    def begin(story: Story) -> str | None:
        try:
            session = start_session(story, args)
        except UsageError as err:
            return str(err)
        play(app, session)
        return None

    app.replace_all(DevWaitScreen(app, root, begin))
