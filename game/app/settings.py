"""The player's settings: one frozen dataclass, stored as JSON in the user's config folder.

Every setting is a field with its default and, for numbers, its range; reading, writing,
clamping and the settings screen all go through ``dataclasses.fields(Settings)``, so a new
setting cannot be forgotten by any of them. Reading is lenient: unknown keys are ignored,
numbers out of range are clamped, a value of the wrong type falls back to its default. A file
that cannot be read at all is set aside (``settings.json.damaged-<timestamp>``), never lost,
and the defaults are used with a message for the player.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.app.persist import datafile
from game.app.persist.files import write_atomic

log = logging.getLogger("lowtide.settings")

FORMAT = 1


def _num(default: float, lo: float, hi: float, label: str, step: float, unit: str = ""):
    return field(default=default,
                 metadata={"range": (lo, hi), "label": label, "step": step, "unit": unit})


def _flag(default: bool, label: str):
    return field(default=default, metadata={"label": label})


@dataclass(frozen=True)
class Settings:
    # reading
    text_speed: int = _num(45, 10, 150, "Text speed", 5, "characters a second")
    instant_text: bool = _flag(False, "Show text at once")
    auto_advance: bool = _flag(False, "Auto-advance")
    auto_delay: float = _num(2.0, 0.5, 10.0, "Auto-advance delay", 0.5, "seconds")
    skip_seen: bool = _flag(False, "Skip text already seen")
    skip_unseen: bool = _flag(False, "Skip unseen text too")
    quick_menu: bool = _flag(True, "Quick menu")
    # sound
    master_volume: float = _num(0.8, 0.0, 1.0, "Master volume", 0.1)
    music_volume: float = _num(0.6, 0.0, 1.0, "Music and ambience", 0.1)
    effects_volume: float = _num(0.6, 0.0, 1.0, "Interface sounds", 0.1)
    # display and access
    fullscreen: bool = _flag(False, "Full screen")
    text_size: int = _num(100, 100, 200, "Text size", 10, "%")
    high_contrast: bool = _flag(False, "High contrast")
    legible_font: bool = _flag(False, "Hyper-legible font")
    reduced_motion: bool = _flag(False, "Reduced motion")
    show_dynamics: bool = _flag(False, "Show the dynamics")
    self_voicing: bool = _flag(False, "Self-voicing")

    # -- derived ---------------------------------------------------------------------------

    @property
    def cps(self) -> float:
        """Characters a second for the typewriter (infinite when text shows at once)."""
        if self.instant_text or self.reduced_motion:
            return math.inf
        return float(self.text_speed)

    @property
    def scale(self) -> float:
        return self.text_size / 100.0

    def scaled(self, size: int) -> int:
        """A font size grown by the player's text size setting (100–200 %)."""
        return int(round(size * self.scale))

    def music_gain(self) -> float:
        return self.master_volume * self.music_volume

    def effects_gain(self) -> float:
        return self.master_volume * self.effects_volume

    # -- changing and storing ----------------------------------------------------------------

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied, each checked and clamped like a value read."""
        data = self.to_json()
        data.update(changes)
        return Settings.from_json(data)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Settings from JSON: unknown keys ignored, ranges clamped, wrong types → defaults."""
        if not isinstance(data, dict):
            return cls()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                fixed = coerce(f, data[f.name])
                if fixed is not None:
                    values[f.name] = fixed
                else:
                    log.warning("setting '%s' has an unusable value %r; using the default",
                                f.name, data[f.name])
        return cls(**values)


def coerce(f: dataclasses.Field, value: Any) -> Any:
    """``value`` fit for field ``f``, or None when it cannot be."""
    if f.type in (bool, "bool"):
        return value if isinstance(value, bool) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    lo, hi = f.metadata["range"]
    value = min(max(value, lo), hi)
    if f.type in (int, "int"):
        return int(round(value))
    return float(value)


def _settings_shape(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "the file does not hold settings"
    return None


def fields() -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(Settings)


class SettingsStore:
    """Reads and writes ``settings.json``; ``message`` tells of a file that had to be set aside."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.message: str | None = None

    def load(self) -> Settings:
        """The stored settings; the defaults when there are none, or when the file cannot be
        used (it is then set aside by ``datafile.load`` and ``message`` says so)."""
        loaded = datafile.load(self.path, "settings", _settings_shape)
        if loaded.damaged:
            self.message = ("Your settings could not be read, so the defaults are in use. "
                            f"The old file was kept as {loaded.kept_as(self.path)}.")
            return Settings()
        if loaded.value is None:
            return Settings()
        return Settings.from_json(loaded.value.get("settings", loaded.value))

    def save(self, settings: Settings) -> bool:
        """Write atomically; False (and a log line) when the folder cannot be written."""
        data = {"format": FORMAT, "settings": settings.to_json()}
        try:
            write_atomic(self.path, json.dumps(data, indent=1).encode("utf-8"))
            return True
        except OSError as err:
            log.warning("settings could not be written to %s: %s", self.path, err)
            return False
