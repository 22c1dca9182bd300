"""Diagnostics: every problem in a story, as data, in one format.

Loader, lint and runtime collect these instead of raising at the first problem, so a writer
sees everything wrong at once. Printing is separate (``format_text`` / ``to_json``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"

SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is (file, line, column, JSON pointer), how bad, and what."""

    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    pointer: str = ""

    def __post_init__(self) -> None:
        # One line each, whatever a story's names hold: control characters written out.
        for name in ("file", "message"):
            value = getattr(self, name)
            if isinstance(value, str) and _CONTROL.search(value):
                object.__setattr__(self, name, _CONTROL.sub(_written_out, value))

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _written_out(m: re.Match[str]) -> str:
    return f"\\x{ord(m.group()):02x}"


def sort_key(d: Diagnostic) -> tuple:
    return (d.file, d.line, d.column, SEVERITY_ORDER.get(d.severity, 3), d.code, d.message)


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(d.format() for d in diagnostics)


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


class StoryError(Exception):
    """Raised at an API boundary when a story cannot be used; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == ERROR]
        first = errors[0].format() if errors else "no errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)
