"""The entry points: what a compiled condition or effect records, and effect errors."""

from __future__ import annotations

import pytest

import game.story.expr
from game.story.expr import Condition, Effect, compile_condition, compile_effect
from tests.story.expr.support import VARS, Ctx, err, fresh, run_effect
from tests.story.test_model_init import test_init_matches_the_fields as init_matches_the_fields


def test_public_names_come_from_the_package() -> None:
    assert sorted(game.story.expr.__all__) == [
        "BOOL",
        "Condition",
        "Context",
        "Effect",
        "ExprError",
        "INTEGER",
        "NUMBER",
        "STRING",
        "VarInfo",
        "compile_condition",
        "compile_effect",
        "compile_expression",
    ]
    for name in game.story.expr.__all__:
        assert getattr(game.story.expr, name) is not None


# -- conditions ------------------------------------------------------------------------------


def test_condition_fields() -> None:
    cond = compile_condition('safety > 3 and seen("den") or visits("hall") == 0', VARS)
    assert isinstance(cond, Condition)
    assert cond.reads == frozenset({"safety"})
    assert cond.nodes == (("den", 20), ("hall", 37))
    assert cond.constant is None
    assert cond.source.startswith("safety")


def test_constant_conditions_are_folded() -> None:
    assert compile_condition("1 > 2", VARS).constant is False
    assert compile_condition("2 * 3 == 6", VARS).constant is True
    assert compile_condition("false and b", VARS).constant is False
    assert compile_condition("b or true", VARS).constant is True
    assert compile_condition("true and b", VARS).constant is None
    assert compile_condition("not (1 > 2)", VARS)(fresh(), Ctx()) is True


def test_condition_must_be_bool() -> None:
    e = err("safety", "cond")
    assert e.code == "LT303"
    assert "must be true or false" in e.message
    assert "did you mean 'safety > 0'?" in e.message
    assert err("mood", "cond").message.endswith("did you mean 'mood != \"\"'?")
    assert err("i + 1", "cond").offset == 0


# -- effects ---------------------------------------------------------------------------------


def test_effect_fields_and_ops() -> None:
    eff = compile_effect('safety += visits("den") + i', VARS)
    assert isinstance(eff, Effect)
    assert (eff.target, eff.slot, eff.op) == ("safety", 1, "+=")
    assert eff.reads == frozenset({"safety", "i"})
    assert eff.nodes == (("den", 17),)
    assert run_effect('safety += visits("den") + i')[1] == 55
    assert compile_effect("safety = 3", VARS).reads == frozenset()
    assert run_effect("safety = 3")[1] == 3
    assert run_effect("safety -= 8")[1] == 42
    assert run_effect("safety *= 2")[1] == 100
    assert run_effect("i *= i")[4] == 9
    assert run_effect("i -= i * 2")[4] == -3
    assert run_effect("n += 1")[5] == 3.5
    assert run_effect("n -= i")[5] == -0.5
    assert run_effect("n *= 2")[5] == 5.0
    assert run_effect("n /= 2")[5] == 1.25
    assert run_effect("n /= i")[5] == 2.5 / 3
    assert run_effect("n = i")[5] == 3.0
    assert run_effect("n = 1 + 1")[5] == 2.0
    assert run_effect("b = i > 5")[6] is False
    assert run_effect("b = false")[6] is False
    assert run_effect("s = 'x'")[7] == "x"
    assert run_effect("s = mood")[7] == "tired"
    assert run_effect("s += mood")[7] == "abtired"
    assert run_effect("s += '!'")[7] == "ab!"


def test_doc_effect() -> None:
    vals = fresh()
    vals[0] = 120.0
    compile_effect("arousal = 70 + 0.8 * (arousal - 70)", VARS).apply(vals, Ctx())
    assert vals[0] == pytest.approx(110.0)


@pytest.mark.parametrize(
    "source, code, offset, fragment",
    [
        ("safety = 1.5", "LT303", 9, "round("),
        ("safety = n", "LT303", 9, "round("),
        ("safety += n * 2", "LT303", 10, "round("),
        ("safety /= 2", "LT303", 7, "'/='"),
        ("arousal = true", "LT303", 10, ""),
        ("arousal = 'x'", "LT303", 10, ""),
        ("b = 1", "LT303", 4, ""),
        ("b += true", "LT303", 2, "'+='"),
        ("s = 1", "LT303", 4, ""),
        ("s -= 'a'", "LT303", 2, "'-='"),
        ("s *= 2", "LT303", 2, ""),
        ("nothing = 1", "LT302", 0, ""),
        ("safty += 1", "LT302", 0, "did you mean 'safety'?"),
        ("safety == 1", "LT301", 7, "'=='"),
        ("safety", "LT301", 6, ""),
        ("safety +", "LT301", 7, ""),
        ("safety =", "LT301", 8, ""),
        ("safety %= 2", "LT301", 7, ""),
        ("3 = safety", "LT301", 0, ""),
        ("round(n) = 1", "LT301", 0, ""),
        ("safety = 1 = 2", "LT301", 11, ""),
        ("safety = 1 safety", "LT301", 11, ""),
    ],
)
def test_effect_errors(source: str, code: str, offset: int, fragment: str) -> None:
    e = err(source, "eff")
    assert (e.code, e.offset) == (code, offset), e.message
    assert fragment in e.message


def test_numbers_assign_to_number_variables() -> None:
    for source in ("arousal = i", "arousal = 1.5", "arousal += i", "arousal /= i", "n *= 0.5"):
        compile_effect(source, VARS)


@pytest.mark.parametrize("cls", [Condition, Effect], ids=lambda c: c.__name__)
def test_compiled_classes_keep_their_own_init_in_step_with_their_fields(cls: type) -> None:
    init_matches_the_fields(cls)


@pytest.mark.parametrize(
    ("source", "mode", "meant"),
    [
        ("safety + 1", "cond", "safety + 1 > 0"),
        ("safety and b", "cond", "safety > 0 and b"),
        ("b or mood", "cond", 'b or mood != ""'),
        ("not safety", "cond", "safety == 0"),
        ("b == 1", "cond", "b"),
        ("b != 1 and safety > 2", "cond", "not b and safety > 2"),
        ("mood == 3", "cond", 'mood == "3"'),
        ("safety = safety * 0.8", "eff", "safety = round(safety * 0.8)"),
        ("safety -= n + 1", "eff", "safety = round(safety - (n + 1))"),
        ("safety *= min(n, 2)", "eff", "safety = round(safety * min(n, 2))"),
        ("safety /= 2", "eff", "safety = round(safety / 2)"),
    ],
)
def test_type_mismatches_show_the_expression_rewritten(source: str, mode: str, meant: str) -> None:
    e = err(source, mode)
    assert e.code == "LT303"
    assert f"did you mean '{meant}'?" in e.message
    if mode == "cond":
        compile_condition(meant, VARS)  # and the rewritten one type-checks
    else:
        compile_effect(meant, VARS)


def test_a_dollar_before_a_variable_is_explained() -> None:
    e = err("$safety > 2", "cond")
    assert e.code == "LT301" and e.offset == 0
    assert "variables have no '$': write 'safety'" in e.message
