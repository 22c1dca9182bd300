"""What the window keeps between runs, as screens use it.

Screens call these functions instead of reaching into ``game.app.persist`` themselves: change a
setting (stored at once and applied: volumes, full screen, font, contrast), autosave after a
choice with a thumbnail of the screen, quick save and quick load, open a save (with notes when
the story changed since), record what was seen, play an interface sound, show a short toast.
Nothing here raises into a screen: a failure is logged and told to the player.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from game.app.persist import QUICK, Persist, SaveError, SaveInfo, SaveProblem
from game.app.persist.saves import load as load_save
from game.app.render import theme
from game.story.session import Session

if TYPE_CHECKING:
    from game.app.loop import App

log = logging.getLogger("lowtide.app")

THUMB_SIZE = (320, 180)
TOAST_TIME = 2.2


# -- services ------------------------------------------------------------------------------------


def persist_of(app: App) -> Persist | None:
    return getattr(app.services, "persist", None)


def sound(app: App, name: str) -> None:
    audio = getattr(app.services, "audio", None)
    if audio is not None:
        audio.play(name)


def ambient(app: App, name: str | None) -> None:
    audio = getattr(app.services, "audio", None)
    if audio is not None:
        audio.ambient(name)


# -- toasts --------------------------------------------------------------------------------------


@dataclass
class Toast:
    """A short note in the corner ("Saved to the quick slot"), fading by itself."""

    text: str = ""
    left: float = 0.0

    def show(self, text: str, seconds: float = TOAST_TIME) -> None:
        self.text, self.left = text, seconds

    def update(self, dt: float) -> None:
        self.left = max(0.0, self.left - dt)

    def draw(self, surface: pygame.Surface, services: Any) -> None:
        if self.left <= 0 or not self.text:
            return
        from game.app.render.widgets import blit_panel

        settings = services.settings
        alpha = 255 if getattr(settings, "reduced_motion", False) else int(
            255 * min(1.0, self.left / 0.4, (TOAST_TIME - self.left + 0.4) / 0.4))
        font = services.font("sans-bold", scaled(services, 17))
        line = services.text.line(self.text, font, theme.CREAM_LIGHT)
        rect = pygame.Rect(0, 0, line.get_width() + 44, line.get_height() + 20)
        rect.midtop = (theme.WIDTH // 2, 8)
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        blit_panel(layer, layer.get_rect(), theme.NIGHT_DEEP, 225, radius=rect.h // 2)
        pygame.draw.circle(layer, theme.AMBER, (16, rect.h // 2), 4)
        layer.blit(line, (28, (rect.h - line.get_height()) // 2))
        layer.set_alpha(alpha)
        surface.blit(layer, rect.topleft)


def toast(app: App, text: str) -> None:
    found = getattr(app.services, "toast", None)
    if found is not None:
        found.show(text)
    log.info("%s", text)


def scaled(services: Any, size: int) -> int:
    """A font size grown by the player's text size setting (100–200 %)."""
    return int(round(size * getattr(services.settings, "scale", 1.0)))


# -- settings ------------------------------------------------------------------------------------


def change_settings(app: App, **changes: Any) -> Any:
    """Apply changed settings at once and store them; returns the new settings."""
    sv = app.services
    old = sv.settings
    new = old.replace(**changes)
    sv.settings = new
    apply_settings(app, old, new)
    found = persist_of(app)
    if found is not None and not found.settings.save(new):
        toast(app, "Settings could not be stored; they hold until you quit.")
    return new


def apply_settings(app: App, old: Any, new: Any) -> None:
    """Make the window match the settings: volumes, full screen, font and contrast."""
    audio = getattr(app.services, "audio", None)
    if audio is not None:
        audio.apply(new)
    if old is not None and old.fullscreen != new.fullscreen:
        app.toggle_fullscreen()
    fonts = app.services.fonts
    if hasattr(fonts, "set_legible"):
        fonts.set_legible(new.legible_font)
    if hasattr(theme, "use_high_contrast"):
        theme.use_high_contrast(new.high_contrast)


# -- saving --------------------------------------------------------------------------------------


def thumbnail(surface: pygame.Surface | None) -> bytes | None:
    """The screen as a small PNG, for a save slot."""
    if surface is None:
        return None
    try:
        small = pygame.transform.smoothscale(surface, THUMB_SIZE)
        out = io.BytesIO()
        pygame.image.save(small, out, "thumb.png")
        return out.getvalue()
    except (pygame.error, ValueError) as err:
        log.warning("no thumbnail for this save: %s", err)
        return None


def record(app: App, session: Session) -> None:
    """Remember the nodes this session showed (and its ending) across playthroughs.

    Not in developer mode: its jumps and reloads are not a playthrough, and must not unlock
    endings or mark text as read in the player's own progress.
    """
    found = persist_of(app)
    if found is None or app.services.options.dev:
        return
    try:
        found.record(session)
    except Exception as err:  # noqa: BLE001 - progress must never stop play
        log.warning("progress could not be recorded: %s", err)


def autosave(app: App, session: Session, line: str | None = None) -> None:
    """The autosave after every choice (its own slot; the player never writes it); none in
    developer mode, whose jumps would overwrite the player's place."""
    found = persist_of(app)
    if found is None or app.services.options.dev:
        return
    try:
        found.autosave(session, line=line, thumbnail=thumbnail(app.surface))
    except (SaveError, OSError) as err:
        log.warning("the autosave could not be written: %s", err)
        toast(app, "The autosave could not be written.")


def save(app: App, session: Session, slot: str, line: str | None = None) -> SaveInfo | None:
    """Save to a player slot; tells the player either way."""
    found = persist_of(app)
    if found is None:
        toast(app, "Saving is not available.")
        return None
    try:
        info = found.saves.save(session, slot, line=line, thumbnail=thumbnail(app.surface))
    except (SaveError, OSError) as err:
        log.warning("%s", err)
        sound(app, "error")
        toast(app, "That save could not be written; the old one is untouched.")
        return None
    sound(app, "save")
    toast(app, f"Saved to the quick slot ({info.when()})" if slot == QUICK
          else f"Saved in {info.label.lower()}")
    return info


def open_save(app: App, info: SaveInfo) -> bool:
    """Carry on from a save: its story as it is now, with a note when that story changed."""
    from game.app import flow
    from game.app.catalog import load_entry
    from game.app.persist import story_folder

    folder = story_folder(info)
    if folder is None:
        sound(app, "error")
        toast(app, f"The story of this save ('{info.story_title}') is not installed.")
        return False
    entry = load_entry(folder)
    if entry.story is None:
        flow.show_error(app, "The saved story cannot be played", "\n".join(entry.problems[:8]))
        return False
    try:
        session, notes = load_save(info, entry.story)
    except SaveError as err:
        sound(app, "error")
        toast(app, f"This save cannot be opened: {err}")
        return False
    flow.play(app, session)
    if notes:
        from game.app.states.notice import NoticeScreen

        app.push(NoticeScreen(app, "The story has changed since this save", notes))
    else:
        toast(app, f"Loaded {info.label.lower()}")
    return True


def quickload(app: App, story_id: str) -> bool:
    found = persist_of(app)
    slot = found.saves.read(story_id, QUICK) if found is not None else None
    if isinstance(slot, SaveInfo):
        return open_save(app, slot)
    sound(app, "error")
    if isinstance(slot, SaveProblem):
        toast(app, "The quick save is damaged and was set aside.")
    else:
        toast(app, "There is no quick save yet (F5 makes one).")
    return False
