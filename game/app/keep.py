"""What the window keeps between screens: saves, the autosave, progress, the settings file,
sounds and the toast, behind one object (``Keeper``) that every screen reaches through
``services.keep``.

It reports what happened and never decides where the player goes next: opening a save gives an
``Opened`` (a session to play, or why there is none) and the screen picks the transition.
Nothing here raises into a screen: a failure is logged and told to the player (a toast and a
sound). Without a data folder (``persist`` None) nothing is kept and saving says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from game.app.audio import Audio
from game.app.catalog import load_entry
from game.app.persist import QUICK, Persist, SaveError, SaveInfo, SaveProblem, story_folder
from game.app.persist.crashlog import write_report
from game.app.persist.saves import Slot
from game.app.persist.saves import load as load_save
from game.app.render import png
from game.app.render.toast import Toast
from game.app.settings import Settings
from game.story.model import Story
from game.story.session import Session, SessionError

log = logging.getLogger("lowtide.app")

THUMB_SIZE = (320, 180)


@dataclass(frozen=True)
class Opened:
    """The outcome of opening a save: a session to play (with notes when its story changed
    since), or a failure for the error screen, or neither (the player was told why)."""

    session: Session | None = None
    notes: tuple[str, ...] = ()
    #: (title, message) when the save's story cannot be played at all
    failure: tuple[str, str] | None = None


class Keeper:
    """Saves, progress, the settings file, sound and the toast for one run."""

    def __init__(self, persist: Persist | None = None, audio: Audio | None = None, *,
                 records: bool = True):
        self.persist = persist
        self.audio = audio
        self.toast = Toast()
        #: False in developer mode: its jumps and reloads are not a playthrough, so they
        #: write no autosave and mark nothing as seen or found
        self.records = records
        #: where each story's playthrough was last kept (autosave or save): (node, steps)
        self.kept: dict[str, tuple[str, int]] = {}

    def close(self) -> None:
        """The end of the run: sounds stopped and let go of (before ``pygame.quit``)."""
        if self.audio is not None:
            self.audio.close()

    # -- sound and notes ---------------------------------------------------------------------

    def sound(self, name: str) -> None:
        if self.audio is not None:
            self.audio.play(name)

    def ambient(self, name: str | None) -> None:
        if self.audio is not None:
            self.audio.ambient(name)

    def scene_sound(self, story: Story, scene_id: str | None) -> None:
        """The ambient loop of a story's scene (silence for a scene without one)."""
        if self.audio is not None:
            self.audio.scene(story, scene_id)

    def say(self, text: str) -> None:
        """A short note for the player (the toast), and the log."""
        self.toast.show(text)
        log.info("%s", text)

    # -- settings ----------------------------------------------------------------------------

    @property
    def settings_problem(self) -> str | None:
        """Why the stored settings could not be read (they were set aside), if they could not."""
        return self.persist.settings.message if self.persist is not None else None

    def tell_problems(self) -> None:
        """Tell the player of the files that were damaged at start (set aside, defaults used)."""
        for message in self.persist.problems() if self.persist is not None else ():
            self.say(message)

    def store_settings(self, settings: Settings) -> None:
        """Keep ``settings`` for next time; tells the player when they cannot be written."""
        if self.persist is not None and not self.persist.settings.save(settings):
            self.say("Settings could not be stored; they hold until you quit.")

    # -- progress ----------------------------------------------------------------------------

    def record(self, session: Session) -> None:
        """Remember the nodes this session showed (and its ending) across playthroughs."""
        if self.persist is None or not self.records:
            return
        try:
            self.persist.record(session)
        except Exception as err:  # noqa: BLE001 - progress must never stop play
            log.warning("progress could not be recorded: %s", err)

    def seen(self, story_id: str) -> frozenset[str]:
        return self.persist.progress.seen(story_id) if self.persist is not None else frozenset()

    def has_seen(self, story_id: str, node_id: str) -> bool:
        return self.persist is not None and self.persist.progress.has_seen(story_id, node_id)

    def endings(self, story_id: str) -> dict[str, str]:
        """The endings found of a story, with when each was first reached."""
        return self.persist.progress.endings(story_id) if self.persist is not None else {}

    # -- saving ------------------------------------------------------------------------------

    def unsaved(self, session: Session) -> bool:
        """Whether leaving now would lose progress: the playthrough has moved on (or back)
        since it was last autosaved or saved. Nothing is ever lost where nothing is kept."""
        if self.persist is None or not self.records or not session.steps:
            return False
        return self.kept.get(session.story.id) != _mark(session)

    def loss(self, session: Session) -> str:
        """What leaving now would lose, in words for the question that asks first."""
        if self.unsaved(session):
            return "What you did since the last autosave (after your last reply) will be lost."
        if session.steps:
            return "Your place is kept: Continue on the title brings you back."
        return "You have not replied yet, so there is nothing to lose."

    def autosave(self, session: Session, line: str | None = None) -> bool:
        """The autosave after every choice (its own slot; the player never writes it); True
        when it was written."""
        if self.persist is None or not self.records:
            return False
        try:
            self.persist.autosave(session, line=line, thumbnail=_thumbnail())
            self.kept[session.story.id] = _mark(session)
        except (SaveError, OSError) as err:
            log.warning("the autosave could not be written: %s", err)
            self.say("The autosave could not be written.")
            return False
        return True

    # -- after a failure ---------------------------------------------------------------------

    def keep_place(self, session: Session) -> bool:
        """After an unexpected failure: the autosave of ``session``, if it is sound (it saves
        and reads back to the same place, so a session a failure left half-changed is never
        kept over a good autosave). True when the place was kept."""
        try:
            data = session.to_json()
            again, notes = Session.from_json(session.story, data)
            if notes or again.node_id != session.node_id or again.to_json() != data:
                log.warning("the session is not sound after the failure; the autosave is kept "
                            "as it was")
                return False
            return self.autosave(session)
        except Exception as err:  # noqa: BLE001 - a failure while keeping must not fail again
            log.warning("the place could not be kept after the failure: %s", err)
            return False

    def report_crash(self, exc: BaseException, context: dict[str, str]) -> Path | None:
        """Write the report of a failure (its traceback) to the log folder; its path."""
        if self.persist is None:
            return None
        return write_report(self.persist.dirs.logs, exc, context)

    def save(self, session: Session, slot: str, line: str | None = None,
             picture: pygame.Surface | None = None) -> SaveInfo | None:
        """Save to a player slot; tells the player either way. ``picture`` is the scene for
        the slot's thumbnail (the window as it is when None)."""
        if self.persist is None:
            self.say("Saving is not available.")
            return None
        try:
            info = self.persist.saves.save(session, slot, line=line,
                                           thumbnail=_thumbnail(picture))
            self.kept[session.story.id] = _mark(session)
        except (SaveError, OSError) as err:
            log.warning("%s", err)
            self.sound("error")
            self.say("That save could not be written; the old one is untouched.")
            return None
        self.sound("save")
        self.say(f"Saved to the quick slot ({info.when()})" if slot == QUICK
                 else f"Saved in {info.label.lower()}")
        return info

    def slots(self, story_id: str | None) -> dict[str, Slot]:
        """Every slot of a story: a save, a damaged save (set aside), or nothing."""
        if self.persist is None or story_id is None:
            return {}
        return self.persist.saves.slots(story_id)

    def saved_stories(self, first: str | None = None) -> list[tuple[str, str]]:
        """(id, title) of every story with saves: ``first``, then the latest played, then by
        title."""
        if self.persist is None:
            return []
        saves = self.persist.saves
        out = []
        for sid in saves.story_ids():
            latest = saves.latest([sid])
            out.append((sid, latest.story_title if latest else sid))
        newest = saves.latest()
        out.sort(key=lambda p: (newest is None or p[0] != newest.story_id, p[1]))
        if first is not None:
            out.sort(key=lambda p: p[0] != first)
        return out

    # -- carrying on -------------------------------------------------------------------------

    def open_save(self, info: SaveInfo) -> Opened:
        """A save's session, on its story as it is now (with notes when that story changed)."""
        folder = story_folder(info)
        if folder is None:
            self.sound("error")
            self.say(f"The story of this save ('{info.story_title}') is not installed.")
            return Opened()
        entry = load_entry(folder)
        if entry.story is None:
            return Opened(failure=("The saved story cannot be played",
                                   "\n".join(entry.problems[:8])))
        try:
            session, notes = load_save(info, entry.story)
        except SaveError as err:
            self.sound("error")
            self.say(f"This save cannot be opened: {err}")
            return Opened()
        if not notes:
            self.say(f"Loaded {info.label.lower()}")
        self.kept[session.story.id] = _mark(session)
        return Opened(session, tuple(notes))

    def quickload(self, story_id: str) -> Opened:
        slot = self.persist.saves.read(story_id, QUICK) if self.persist is not None else None
        if isinstance(slot, SaveInfo):
            return self.open_save(slot)
        self.sound("error")
        if isinstance(slot, SaveProblem):
            self.say("The quick save is damaged and was set aside.")
        else:
            self.say("There is no quick save yet (F5 makes one).")
        return Opened()

    def latest(self) -> tuple[Path, dict[str, Any]] | None:
        """(story folder, session JSON) of the newest save that reads well, for Continue."""
        if self.persist is None:
            return None
        try:
            return self.persist.latest()
        except Exception as err:  # noqa: BLE001 - the title must show whatever happens
            log.warning("the latest save could not be read: %s", err)
            return None

    def resume(self, folder: Path, data: dict[str, Any]) -> Opened:
        """Carry on from saved session JSON (Continue), with notes when its story changed
        since, as opening a save gives them."""
        entry = load_entry(folder)
        if entry.story is None:
            return Opened(failure=("The saved story cannot be played",
                                   "\n".join(entry.problems[:8])))
        try:
            session, notes = Session.from_json(entry.story, data)
        except SessionError as err:
            return Opened(failure=("This save cannot be opened", str(err)))
        for note in notes:
            log.info("%s", note)
        self.kept[session.story.id] = _mark(session)
        return Opened(session, tuple(notes))


def _mark(session: Session) -> tuple[str, int]:
    """Where a playthrough is, as far as keeping it goes."""
    return session.node_id, len(session.steps)


def _thumbnail(picture: pygame.Surface | None = None) -> bytes | None:
    """``picture`` (else the window) as a small PNG, for a save slot."""
    surface = picture
    if surface is None and pygame.display.get_init():
        surface = pygame.display.get_surface()
    if surface is None:
        return None
    try:
        small = pygame.transform.smoothscale(surface, THUMB_SIZE)
        # not pygame.image.save into a BytesIO: pygame keeps every such buffer alive (png.py)
        return png.encode_rgb(*THUMB_SIZE, pygame.image.tobytes(small, "RGB"))
    except (pygame.error, ValueError) as err:
        log.warning("no thumbnail for this save: %s", err)
        return None
