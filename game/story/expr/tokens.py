"""The tokenizer: expression text -> numbers, strings, names and operators.

Anything outside the language (attribute access, indexing, '**', '&&', non-ASCII names,
unknown escapes) is rejected here, as early as possible, with a hint for the usual slips.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from game.story.expr.errors import ExprError, syntax_error
from game.story.expr.values import MAX_NUMBER


class Token(NamedTuple):
    """One token and where it starts in the source, for error ranges.

    A named tuple: a story compiles tens of thousands of expressions, and a tuple is built
    several times faster than a frozen dataclass.
    """

    kind: str  # "num", "str", "name", "op" or "end"
    text: str
    value: Any
    offset: int

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    def is_op(self, text: str) -> bool:
        return self.kind == "op" and self.text == text

    def is_name(self, text: str) -> bool:
        return self.kind == "name" and self.text == text


# One scanner for every token. A string with no escape and no control character is matched
# here whole (the common case); any other string is left to ``_string``, which decodes its
# escapes or says exactly what is wrong with it.
_TOKEN = re.compile(
    r"(?P<ws>[ \t\r\n]+)"
    r"|(?P<num>[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|\+=|-=|\*=|/=|%=|==|!=|<=|>=|&&|\|\||[-+*/%<>=(),])"
    r"|(?P<str>\"[^\"\\\x00-\x1f\x7f]*\"|'[^'\\\x00-\x1f\x7f]*')"
)
_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t"}
_BAD_CHARS = {
    ".": "'.' is not allowed: there is no attribute access (write decimals like 0.5)",
    "[": "there is no indexing with '[...]'",
    "]": "there is no indexing with '[...]'",
    "!": "use 'not' instead of '!'",
    "&": "use 'and' instead of '&'",
    "|": "use 'or' instead of '|'",
    ":": "unexpected ':' (there are no lambdas or slices)",
}
_BAD_OPS = {
    "**": "there is no '**' operator; multiply instead",
    "&&": "use 'and' instead of '&&'",
    "||": "use 'or' instead of '||'",
    "%=": "effects can use '=', '+=', '-=', '*=' or '/=', not '%='",
}


def tokenize(src: str) -> list[Token]:
    """Split ``src`` into tokens, rejecting anything outside the language as early as possible."""
    toks: list[Token] = []
    append = toks.append
    i, n = 0, len(src)
    match = _TOKEN.match
    while i < n:
        m = match(src, i)
        if m is None:
            ch = src[i]
            if ch == '"' or ch == "'":
                i = _string(src, i, toks)
                continue
            if ch == "$":
                name = re.match(r"[A-Za-z_]\w*", src[i + 1 :])
                if name is not None:
                    raise syntax_error(
                        f"variables have no '$': write '{name.group()}', not "
                        f"'${name.group()}'", i)
            if ch in _BAD_CHARS:
                raise syntax_error(_BAD_CHARS[ch], i)
            if ch.isidentifier():
                raise syntax_error(f"unexpected {ch!r}: names use only a-z, 0-9 and '_'", i)
            raise syntax_error(f"unexpected character {ch!r}", i)
        kind = m.lastgroup
        end = m.end()
        if kind == "name":
            append(Token("name", m.group(), None, i))
        elif kind == "op":
            text = m.group()
            if text in _BAD_OPS:
                raise syntax_error(_BAD_OPS[text], i, len(text))
            append(Token("op", text, None, i))
        elif kind == "num":
            text = m.group()
            if len(text) > MAX_NUMBER:
                raise ExprError(
                    "LT305", f"number literal longer than {MAX_NUMBER} characters", i, len(text)
                )
            nxt = src[end : end + 1]
            if nxt and (nxt.isalnum() or nxt == "_"):
                raise syntax_error(f"a number can't be followed by {nxt!r}", end)
            append(Token("num", text, float(text) if "." in text else int(text), i))
        elif kind == "str":
            text = m.group()
            append(Token("str", text, text[1:-1], i))
        i = end
    append(Token("end", "", None, n))
    return toks


def _string(src: str, start: int, toks: list[Token]) -> int:
    """Append the string literal starting at ``start``; return the offset just after it."""
    quote, i, n = src[start], start + 1, len(src)
    out: list[str] = []
    while i < n:
        ch = src[i]
        if ch == quote:
            toks.append(Token("str", src[start : i + 1], "".join(out), start))
            return i + 1
        if ch == "\\":
            esc = src[i + 1 : i + 2]
            if esc not in _ESCAPES:
                raise syntax_error(
                    "unknown escape in a string (use \\\\, \\\", \\', \\n or \\t)", i, 2
                )
            out.append(_ESCAPES[esc])
            i += 2
            continue
        if ch < " " or ch == "\x7f":
            raise syntax_error(f"control character {ch!r} in a string", i)
        out.append(ch)
        i += 1
    raise syntax_error(f"unterminated string: missing closing {quote}", start, n - start)
