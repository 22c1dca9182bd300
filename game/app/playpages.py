"""Where play leads besides the story: the pages it opens (from its keys, its quick menu or the
pause menu), and the question it asks before the player leaves it for the title or quits.

Play keeps only what it is asking about; these say which screen comes next, so play itself
stays the story on screen.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.app.keep import Keeper
from game.app.transitions import Next, Push, Quit, Replace
from game.story.session import Session

#: what the pause menu can open over play (each a page ``open_page`` knows)
PAGES = ("save", "load", "history", "flowchart", "settings", "endings", "help")


def open_page(page: str, session: Session, keep: Keeper,
              shown: Callable[[], tuple[str, pygame.Surface]]) -> Next:
    """One of the pages play offers; ``shown`` gives the line on screen and a picture of the
    scene, for a save (asked only when saving or loading)."""
    keep.sound("select")
    s = session
    if page == "history":
        return Push("history", session=s)
    if page in ("save", "load"):
        line, picture = shown()
        return Push("saves", mode=page, session=s, line=line, picture=picture)
    if page == "flowchart":
        return Push("flowchart", story=s.story, path=list(s.path), current=s.node_id,
                    cast=s.cast)
    if page == "settings":
        return Push("settings")
    if page == "help":
        return Push("help")
    if page == "endings":
        return Push("gallery", stories=[s.story], story_id=s.story.id, cast=s.cast)
    return None


def leave(to: str, session: Session, keep: Keeper) -> Next:
    """Quit, or go back to the title (``to``): asked first when it would lose progress, and
    always before quitting the game (the question's topic is ``to``)."""
    if to == "title" and not keep.unsaved(session):
        return Replace("title")
    lose = keep.loss(session)
    if to == "quit":
        return Push("confirm", question="Quit the game?", detail=lose, yes="Quit",
                    no="Keep playing", topic=to)
    return Push("confirm", question="Go back to the title?", detail=lose,
                yes="Back to the title", no="Keep playing", topic=to)


def answered(asked: str | None, yes: object) -> Next:
    """Where the answer to ``leave``'s question about ``asked`` goes."""
    if yes is True and asked == "quit":
        return Quit(0)
    if yes is True and asked == "title":
        return Replace("title")
    return None
