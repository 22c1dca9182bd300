"""Shared setup for the expression tests: variables of every type, a context, shortcuts."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from game.story.expr import (
    BOOL,
    INTEGER,
    NUMBER,
    STRING,
    ExprError,
    VarInfo,
    compile_condition,
    compile_effect,
    compile_expression,
)

VARS = {
    "arousal": VarInfo("arousal", 0, NUMBER, 40, 180),
    "safety": VarInfo("safety", 1, INTEGER, 0, 100),
    "apologised": VarInfo("apologised", 2, BOOL),
    "mood": VarInfo("mood", 3, STRING),
    "i": VarInfo("i", 4, INTEGER),
    "n": VarInfo("n", 5, NUMBER),
    "b": VarInfo("b", 6, BOOL),
    "s": VarInfo("s", 7, STRING),
    "ratio": VarInfo("ratio", 8, NUMBER, 0, 1),
}


@dataclass
class Ctx:
    visits: dict[str, int] = field(default_factory=lambda: {"den": 2, "hall": 0})
    turn: int = 7


def fresh() -> list:
    return [72.0, 50, False, "tired", 3, 2.5, True, "ab", 0.5]


def ev(source: str, values: list | None = None, ctx: Ctx | None = None):
    type_, fn = compile_expression(source, VARS)
    return type_, fn(fresh() if values is None else values, ctx or Ctx())


def val(source: str, values: list | None = None):
    return ev(source, values)[1]


def err(source: str, mode: str = "expr") -> ExprError:
    compiler = {"expr": compile_expression, "cond": compile_condition, "eff": compile_effect}[mode]
    with pytest.raises(ExprError) as info:
        compiler(source, VARS)
    return info.value


def run_effect(source: str, values: list | None = None) -> list:
    values = fresh() if values is None else values
    compile_effect(source, VARS).apply(values, Ctx())
    return values
