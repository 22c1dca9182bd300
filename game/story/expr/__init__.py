"""The expression language of conditions and effects, compiled to Python closures.

Story text is never handed to ``eval``: a small tokenizer and a precedence-climbing parser
check types while they parse and build closures that read ``values[slot]`` directly, so a
condition costs a lambda call or two per evaluation.

Evaluation never raises. ``x / 0`` and ``x % 0`` give 0; ``round``, ``floor`` and ``ceil`` turn
NaN into 0 and infinities into +-1e15; effects make every number finite (NaN -> 0, infinities
and huge integers -> +-1e15), clamp it to the variable's ``min``/``max`` and store integers as
``int`` and numbers as ``float``; strings stored by effects are cut at 10,000 characters. The
session is expected to hold number variables as ``float`` and keep values within +-1e15, as
effects do.

The stages, one module each: ``values`` (types, limits, ``VarInfo``), ``errors``, ``tokens``,
``parser`` (the grammar), ``typed`` (the checked and compiled tree), the type rules and
closures of ``arithmetic``, ``comparison``, ``logic`` and ``functions``, ``store`` (how effects
keep values valid), ``compiler`` (the entry points below) and ``intern`` (``Interner``, which
the loader compiles through: each distinct source once, and each shape, the same source but for
the node ids in ``visits``/``seen``, parsed once).
"""

from __future__ import annotations

from game.story.expr.compiler import (
    Condition,
    Effect,
    compile_condition,
    compile_effect,
    compile_expression,
)
from game.story.expr.errors import ExprError
from game.story.expr.values import BOOL, INTEGER, NUMBER, STRING, Context, VarInfo

__all__ = [
    "BOOL",
    "INTEGER",
    "NUMBER",
    "STRING",
    "Condition",
    "Context",
    "Effect",
    "ExprError",
    "VarInfo",
    "compile_condition",
    "compile_effect",
    "compile_expression",
]
