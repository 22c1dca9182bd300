"""Hypothesis strategies for the expression tests: token soup, and well-typed expressions
(each as its type and its source) with values for every variable of ``support.VARS``."""

from __future__ import annotations

from hypothesis import strategies as st

from game.story.expr import BOOL, INTEGER, NUMBER, STRING

TOKENS = [
    "i", "n", "b", "s", "safety", "arousal", "ratio", "nope", "True", "true", "false", "and", "or",
    "not", "min", "max", "abs", "round", "floor", "ceil", "clamp", "visits", "seen", "turn", "(",
    ")", ",", "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "=", "+=", "-=", "*=",
    "/=", "0", "1", "2.5", "999999999999", "0.0", '"den"', "'x'", '"', ".", "[", "]", "**", "!",
    "&&", " ",
]  # fmt: skip


def leaves() -> st.SearchStrategy[tuple[str, str]]:
    """Literals, variables and calls, each with its type."""
    return st.one_of(
        st.integers(0, 10**12).map(lambda k: (INTEGER, str(k))),
        st.sampled_from(["i", "safety", "turn()", 'visits("den")', 'visits("x")']).map(
            lambda t: (INTEGER, t)
        ),
        st.floats(0, 1e9, allow_nan=False).map(lambda x: (NUMBER, f"{x:.6f}")),
        st.sampled_from(["n", "arousal", "ratio"]).map(lambda t: (NUMBER, t)),
        st.sampled_from(["true", "false", "b", "apologised", 'seen("den")']).map(
            lambda t: (BOOL, t)
        ),
        st.sampled_from(["s", "mood", "'x'", '""', '"a b"']).map(lambda t: (STRING, t)),
    )


NUM = (INTEGER, NUMBER)


def extend(children: st.SearchStrategy[tuple[str, str]]) -> st.SearchStrategy[tuple[str, str]]:
    """Operators and functions over ``children``, kept well typed."""
    pairs = st.tuples(children, children)

    def binary(pair: tuple[tuple[str, str], tuple[str, str]], op: str) -> tuple[str, str]:
        (ta, a), (tb, b) = pair
        if ta in NUM and tb in NUM:
            if op in "+-*%":
                return (INTEGER if ta == tb == INTEGER else NUMBER, f"({a} {op} {b})")
            if op == "/":
                return (NUMBER, f"({a} / {b})")
            if op in ("and", "or"):
                return (ta, a)
            return (BOOL, f"({a} {op} {b})")
        if ta == tb == STRING and op in ("+", "==", "!="):
            return (STRING if op == "+" else BOOL, f"({a} {op} {b})")
        if ta == tb == BOOL and op in ("and", "or", "==", "!="):
            return (BOOL, f"({a} {op} {b})")
        return (ta, a)

    def unary(child: tuple[str, str], op: str) -> tuple[str, str]:
        t, a = child
        if op == "not":
            return (BOOL, f"(not {a})") if t == BOOL else child
        if t not in NUM:
            return child
        if op == "-":
            return (t, f"(-{a})")
        if op == "abs":
            return (t, f"abs({a})")
        return (INTEGER, f"{op}({a})")

    def many(args: list[tuple[str, str]], fname: str) -> tuple[str, str]:
        nums = [a for a in args if a[0] in NUM]
        if not nums:
            return args[0]
        if fname == "clamp":
            nums = (nums * 3)[:3]
        t = INTEGER if all(a[0] == INTEGER for a in nums) else NUMBER
        return (t, f"{fname}({', '.join(a for _, a in nums)})")

    ops = ["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "and", "or"]
    return st.one_of(
        st.builds(binary, pairs, st.sampled_from(ops)),
        st.builds(unary, children, st.sampled_from(["not", "-", "abs", "round", "floor", "ceil"])),
        st.builds(
            many,
            st.lists(children, min_size=1, max_size=4),
            st.sampled_from(["min", "max", "clamp"]),
        ),
    )


EXPRESSIONS = st.recursive(leaves(), extend, max_leaves=12)
FINITE = {"allow_nan": False, "allow_infinity": False}
VALUES = st.tuples(
    st.floats(40, 180, **FINITE),
    st.integers(0, 100),
    st.booleans(),
    st.text(max_size=5),
    st.integers(-(10**15), 10**15),
    st.floats(-1e15, 1e15, **FINITE),
    st.booleans(),
    st.text(max_size=5),
    st.floats(0, 1, **FINITE),
)
