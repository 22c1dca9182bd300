"""The reader's pace in play: auto-advance after a finished line, and skipping (quickly, and
never past a choice): always through text seen before when the "skip text already seen"
setting is on, and while the player skips (Ctrl held, Tab, the quick menu's Skip) through
text seen before, or any text when "skip unseen text too" is on."""

from __future__ import annotations

from dataclasses import dataclass

from game.app.settings import Settings

SKIP_WAIT = 0.12  # seconds a seen line stays when skipping


@dataclass(frozen=True)
class Pace:
    """What play should do this frame: show the line whole, and/or go on to the next."""

    finish: bool = False
    advance: bool = False
    #: skipping reached text not seen before (and the player did not allow skipping it)
    stop_skipping: bool = False


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

    def tick(self, dt: float, settings: Settings, *, reading: bool, complete: bool,
             skipping: bool = False) -> Pace:
        """One frame of ``dt`` seconds; ``reading``: lines are on screen and play has the
        player's attention; ``complete``: the line is shown whole; ``skipping``: the player
        asked to skip."""
        if not reading:
            self.wait = 0.0
            return STAY
        if skipping and not (self.seen_before or settings.skip_unseen):
            self.wait = 0.0
            return Pace(stop_skipping=True)
        if (settings.skip_seen and self.seen_before) or skipping:
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
