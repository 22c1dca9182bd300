"""Soft ambient loops for each scene and quiet interface sounds, at the player's volumes.

Sounds are the project's own (``game/data/sounds``, made by ``assets/make_sounds.py``). A scene
that declares ``"ambient": "evening"`` plays ``ambient-evening.wav`` in a loop, cross-faded
from the one before; ``"ambient": "sounds/rain.ogg"`` loops the story's own file. Interface
sounds are named by what happened: ``move``, ``select``, ``back``, ``page``, ``save``,
``error`` (``ui-<name>.wav``) and ``ending``.

Where no audio device exists, or a file is missing, ``Audio`` quietly does nothing (with one
log warning), and the game runs as it would with sound.
"""

from __future__ import annotations

import contextlib
import logging
from collections import OrderedDict
from pathlib import Path

import pygame

from game import paths
from game.app.settings import Settings
from game.story.confine import inside
from game.story.model import Story

log = logging.getLogger("lowtide.audio")

AMBIENT_CHANNELS = (0, 1)
MAX_SOUNDS = 16  # the interface sounds and a few loops; more are read again when needed
FADE_MS = 1200


class Audio:
    def __init__(self, folder: Path | None = None, settings: Settings | None = None, *,
                 enabled: bool = True):
        self.folder = Path(folder) if folder is not None else paths.assets_dir() / "sounds"
        self.music_gain = 0.48
        self.effects_gain = 0.48
        self.current: str | None = None  # the ambient loop's name, when one plays
        self.last_effect: str | None = None
        # loaded sounds, least recently used first; a playing sound is kept alive by its channel
        self._sounds: OrderedDict[str, pygame.mixer.Sound] = OrderedDict()
        self._missing: set[str] = set()
        self._active = 0
        self.enabled = enabled and self._start()
        if settings is not None:
            self.apply(settings)

    def _start(self) -> bool:
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=1024)
            pygame.mixer.set_num_channels(max(8, pygame.mixer.get_num_channels()))
            pygame.mixer.set_reserved(len(AMBIENT_CHANNELS))
        except (pygame.error, NotImplementedError, OSError) as err:
            log.warning("no sound: the audio device could not start (%s)", err)
            return False
        return True

    # -- volumes -----------------------------------------------------------------------------

    def apply(self, settings: Settings) -> None:
        """Take the volumes from settings (master × music, master × effects)."""
        master = _gain(settings.master_volume)
        self.music_gain = master * _gain(settings.music_volume)
        self.effects_gain = master * _gain(settings.effects_volume)
        if not self.enabled:
            return
        for i in AMBIENT_CHANNELS:
            try:
                channel = pygame.mixer.Channel(i)
                if channel.get_busy() and (i == self._active):
                    channel.set_volume(self.music_gain)
            except pygame.error:
                pass

    # -- ambient -----------------------------------------------------------------------------

    def ambient(self, name: str | None, path: Path | None = None) -> None:
        """Loop ``ambient-<name>.wav`` of the game's sounds, or the file ``path`` (a story's
        own), cross-fading from the one before; None for silence."""
        if name == self.current:
            return
        self.current = name
        if not self.enabled:
            return
        try:
            old = pygame.mixer.Channel(AMBIENT_CHANNELS[self._active])
            if old.get_busy():
                old.fadeout(FADE_MS)
            if name is None:
                return
            sound = self._sound(f"ambient-{name}", path)
            if sound is None:
                return
            self._active = 1 - self._active
            channel = pygame.mixer.Channel(AMBIENT_CHANNELS[self._active])
            channel.set_volume(self.music_gain)
            channel.play(sound, loops=-1, fade_ms=FADE_MS)
        except pygame.error as err:
            log.warning("the ambient sound '%s' could not play: %s", name, err)

    def scene(self, story: Story, scene_id: str | None) -> None:
        """The ambient loop a story's scene declares (silence for a scene without one)."""
        scene = story.scenes.get(scene_id) if scene_id else None
        if scene is not None and scene.ambient_file is not None:
            self.ambient(f"{story.root}:{scene.ambient_file}", story.asset(scene.ambient_file))
        else:
            self.ambient(scene.ambient if scene is not None else None)

    # -- interface sounds --------------------------------------------------------------------

    def play(self, name: str) -> None:
        """An interface sound: move, select, back, page, save, error, or ending."""
        self.last_effect = name
        if not self.enabled or self.effects_gain <= 0:
            return
        sound = self._sound(name if name == "ending" else f"ui-{name}")
        if sound is None:
            return
        try:
            channel = sound.play()
            if channel is not None:
                channel.set_volume(self.effects_gain)
        except pygame.error as err:
            log.warning("the sound '%s' could not play: %s", name, err)

    def stop(self) -> None:
        self.current = None
        if self.enabled:
            with contextlib.suppress(pygame.error):
                pygame.mixer.fadeout(300)

    def close(self) -> None:
        """Stop and let go of every sound (before ``pygame.quit``, while the mixer still runs)."""
        if self.enabled:
            with contextlib.suppress(pygame.error):
                pygame.mixer.stop()
        self._sounds.clear()
        self.current = None

    def _sound(self, stem: str, path: Path | None = None) -> pygame.mixer.Sound | None:
        """A sound by name: the game's ``<stem>.wav``, or the file ``path`` when given (found
        through ``confine`` either way, so no name reaches outside its folder)."""
        found = self._sounds.get(stem)
        if found is not None:
            self._sounds.move_to_end(stem)
            return found
        if stem in self._missing:
            return None
        if path is None:
            path = inside(self.folder, f"{stem}.wav")
        try:
            if path is None:
                raise FileNotFoundError("no such sound among the game's")
            found = pygame.mixer.Sound(str(path))
        except (pygame.error, FileNotFoundError, OSError) as err:
            self._missing.add(stem)
            log.warning("sound %s is not available (%s); carrying on without it", stem, err)
            return None
        self._sounds[stem] = found
        while len(self._sounds) > MAX_SOUNDS:  # many stories' loops in one long run
            self._sounds.popitem(last=False)
        return found


def _gain(value: float) -> float:
    try:
        return min(1.0, max(0.0, float(value)))
    except (TypeError, ValueError):
        return 1.0
