"""Tokens: what the tokenizer accepts, and hostile text it rejects cleanly and fast."""

from __future__ import annotations

import contextlib
import time

import pytest

from game.story.expr import ExprError, compile_condition, compile_effect, compile_expression
from game.story.expr.tokens import tokenize
from tests.story.expr.support import VARS, err


def test_tokens_carry_kind_value_and_offset() -> None:
    toks = tokenize('safety >= 2.5 and  "a\\"b\\n" != \'x\'')
    assert [(t.kind, t.text, t.value, t.offset) for t in toks] == [
        ("name", "safety", None, 0),
        ("op", ">=", None, 7),
        ("num", "2.5", 2.5, 10),
        ("name", "and", None, 14),
        ("str", '"a\\"b\\n"', 'a"b\n', 19),
        ("op", "!=", None, 28),
        ("str", "'x'", "x", 31),
        ("end", "", None, 34),
    ]
    assert type(tokenize("12")[0].value) is int
    assert tokenize("+=")[0].end == 2


@pytest.mark.parametrize(
    "source, code",
    [
        ("", "LT301"),
        ("   ", "LT301"),
        ("(", "LT301"),
        (")", "LT301"),
        ("(1 + 2", "LT301"),
        ("1 + 2)", "LT301"),
        ("1 +", "LT301"),
        ("* 2", "LT301"),
        ("+1", "LT301"),
        ("1 2", "LT301"),
        ("i not b", "LT301"),
        ("1 * not b", "LT301"),
        ("and", "LT301"),
        ("1.", "LT301"),
        (".5", "LT301"),
        ("1.2.3", "LT301"),
        ("12abc", "LT301"),
        ("__import__('os')", "LT304"),
        ("().__class__.__bases__", "LT301"),
        ("a.b.c", "LT301"),
        ("i.real", "LT301"),
        ("x[0]", "LT301"),
        ("s[0]", "LT301"),
        ("9**9**9", "LT301"),
        ("lambda: 1", "LT301"),
        ("lambda x: x", "LT301"),
        ('"\x00"', "LT301"),
        ("\x00", "LT301"),
        ('"abc', "LT301"),
        ("'abc", "LT301"),
        ("\"abc'", "LT301"),
        ("'a\\x41'", "LT301"),
        ("café > 1", "LT301"),
        ("ñ", "LT301"),
        ("变量", "LT301"),
        ("i ＋ 1", "LT301"),
        ("١ + 1", "LT301"),
        ("{}", "LT301"),
        ("i; i", "LT301"),
        ("(i)(1)", "LT301"),
        ("3(4)", "LT301"),
        ("if b", "LT302"),
        ("import os", "LT302"),
        ("open('x')", "LT304"),
        ("getattr(i, 'x')", "LT304"),
        ("i if b else 2", "LT301"),
        ("[i for i in s]", "LT301"),
        ("f'{i}'", "LT302"),
        ("1" * 31, "LT305"),
        ("0." + "1" * 29, "LT305"),
    ],
)
def test_rejected_cleanly(source: str, code: str) -> None:
    for mode in ("expr", "cond", "eff"):
        e = err(source, mode)
        assert isinstance(e.offset, int) and 0 <= e.offset <= len(source)
        assert e.length >= 1
        assert e.message
    assert err(source).code == code


def test_hostile_input_is_fast() -> None:
    sources = [
        "(" * 10_000 + ")" * 10_000,
        "a" * 1_000_000,
        "(" * 499 + ")" * 499,
        "-" * 999,
        "'" + "\\\\" * 499,
        " + ".join(["i * i"] * 100),
        " * ".join(["999999999999999999999999999999"] * 30),
        "max(" + ", ".join(["i"] * 300) + ")",
    ]
    start = time.perf_counter()
    for source in sources:
        for compiler in (compile_condition, compile_effect, compile_expression):
            with contextlib.suppress(ExprError):
                compiler(source, VARS)
    assert time.perf_counter() - start < 2.0
