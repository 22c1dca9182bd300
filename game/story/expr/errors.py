"""The one exception the language raises, and the helpers that word its messages.

Every problem carries a stable code and a character range, so the loader can turn it into a
``file:line:col`` diagnostic pointing inside the expression.
"""

from __future__ import annotations

import difflib


class ExprError(Exception):
    """A problem in an expression, located so the loader can point at it."""

    def __init__(self, code: str, message: str, offset: int, length: int = 1) -> None:
        super().__init__(f"{code} at {offset}: {message}")
        self.code = code
        self.message = message
        self.offset = offset
        self.length = max(1, length)


def syntax_error(message: str, offset: int, length: int = 1) -> ExprError:
    """LT301: text that is not part of the language."""
    return ExprError("LT301", message, offset, length)


def did_you_mean(name: str, names: list[str]) -> str:
    """A '; did you mean ...?' suffix for a misspelt name, or '' when nothing is close."""
    found = difflib.get_close_matches(name, names, n=1) or difflib.get_close_matches(
        name.lower(), names, n=1
    )
    return f"; did you mean '{found[0]}'?" if found else ""
