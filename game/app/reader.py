"""The reader's pace in play: auto-advance after a finished line, and skipping text already
seen in an earlier playthrough (quickly, and never past a choice)."""

from __future__ import annotations

from dataclasses import dataclass

from game.app.settings import Settings

SKIP_WAIT = 0.12  # seconds a seen line stays when skipping


@dataclass(frozen=True)
class Pace:
    """What play should do this frame: show the line whole, and/or go on to the next."""

    finish: bool = False
    advance: bool = False


STAY = Pace()


class Reader:
    """Counts the time a line has been shown, and says when play goes on by itself."""

    def __init__(self) -> None:
        self.seen_before = False  # the node on screen was read in an earlier playthrough
        self.wait = 0.0

    def entered(self, seen_before: bool) -> None:
        """A new node is on screen."""
        self.seen_before = seen_before
        self.wait = 0.0

    def tick(self, dt: float, settings: Settings, *, reading: bool, complete: bool) -> Pace:
        """One frame of ``dt`` seconds; ``reading``: lines are on screen and play has the
        player's attention; ``complete``: the line is shown whole."""
        if not reading:
            self.wait = 0.0
            return STAY
        if settings.skip_seen and self.seen_before:
            self.wait += dt
            if self.wait >= SKIP_WAIT:
                self.wait = 0.0
                return Pace(finish=True, advance=True)
            return Pace(finish=True)
        if settings.auto_advance and complete:
            self.wait += dt
            if self.wait >= settings.auto_delay:
                self.wait = 0.0
                return Pace(advance=True)
            return STAY
        self.wait = 0.0
        return STAY
