"""What should happen next, as data: a screen returns one of these and the loop applies it.

A screen's ``handle_event``, ``update`` and ``on_result`` return ``Next``: nothing, one
transition, or several in order (``(Replace("play", session=s), Push("notice", …))``). Screens
are named, never imported: ``Push("history", session=s)`` asks the loop to build the screen
registered as ``"history"`` with those arguments and put it on top.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, init=False)
class Push:
    """Open the screen named ``screen`` over the current one, built with ``args``.

    ``fade`` covers the change with the window's veil; by default an opaque screen fades in
    and one drawn over another (a menu, a notice) does not.
    """

    screen: str
    args: Mapping[str, object]
    fade: bool | None

    def __init__(self, screen: str, /, *, fade: bool | None = None, **args: object) -> None:
        object.__setattr__(self, "screen", screen)
        object.__setattr__(self, "args", MappingProxyType(dict(args)))
        object.__setattr__(self, "fade", fade)


@dataclass(frozen=True, init=False)
class Replace:
    """Close every screen and show the one named ``screen`` alone, with a gentle fade."""

    screen: str
    args: Mapping[str, object]

    def __init__(self, screen: str, /, **args: object) -> None:
        object.__setattr__(self, "screen", screen)
        object.__setattr__(self, "args", MappingProxyType(dict(args)))


@dataclass(frozen=True)
class Pop:
    """Close the top screen; the one beneath hears ``result`` through its ``on_result``."""

    result: object = None


@dataclass(frozen=True)
class Quit:
    """End the run with an exit code (and, for a failure, the message the terminal shows)."""

    code: int = 0
    message: str = ""


Transition = Push | Replace | Pop | Quit
#: what a screen's handlers return: nothing, one transition, or several applied in order
Next = Transition | tuple[Transition, ...] | None


def steps(what: Next) -> tuple[Transition, ...]:
    """``what`` as a sequence of transitions (empty for None)."""
    if what is None:
        return ()
    if isinstance(what, tuple):
        return what
    return (what,)
