"""The four value types, the limits every expression and value keeps, and what a variable is.

Kept apart so that every stage (tokens, parser, functions, effects) agrees on one set of
names and numbers without importing one another.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

INTEGER, NUMBER, BOOL, STRING = "integer", "number", "bool", "string"
NUMERIC = (INTEGER, NUMBER)

MAX_SOURCE = 1000  # characters in one expression
MAX_DEPTH = 32  # nested parentheses, calls, unary minus and 'not'
MAX_NUMBER = 30  # characters in one number literal
MAX_STRING = 10_000  # characters an effect may store in a string variable
LIMIT = 1e15  # stored numbers stay within +-LIMIT
ILIMIT = 10**15  # LIMIT as an int, for integer results
MAXF = sys.float_info.max
INF = math.inf

Fn = Callable[[list, Any], Any]
"""A compiled subexpression: ``fn(values, ctx)``, values indexed by each variable's slot."""


@dataclass(frozen=True)
class VarInfo:
    """What the compiler needs to know about a declared variable."""

    name: str
    slot: int  # index of the variable's value in the session's values list
    type: str  # INTEGER, NUMBER, BOOL or STRING
    min: float | None = None
    max: float | None = None


class Context(Protocol):
    """The part of a session that visits(), seen() and turn() look at."""

    visits: Mapping[str, int]  # node id -> times entered
    turn: int  # choices made so far


class Param:
    """A node id to be filled in later: what a shape's compiled closures hold in place of the
    id of a ``visits("...")`` or ``seen("...")`` (see ``intern``). Never a value a story has."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def __repr__(self) -> str:
        return f"Param({self.index})"
