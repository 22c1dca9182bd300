"""Every mutable value a module of game/ holds, listed and justified.

A long-running game process (many playthroughs, story switches, reloads in developer mode)
holds flat memory only if what grows is owned by an object with a lifetime (a run's
``Services``, a screen, a scene view) and bounded. Module state lives as long as the process,
so each piece of it is named here with the reason it cannot grow or leak; a new one fails this
test until it is removed or justified below.

``python -m tests.test_module_state`` prints what the walk finds.
"""

from __future__ import annotations

import ast
import collections
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
GAME = PROJECT / "game"

TABLE = "a read-only table, filled when the module loads and never written after"

#: "module.name" -> why it may stay
JUSTIFIED: dict[str, str] = {
    # the window: font roles, controller buttons, and the drawing helpers' bounded caches
    "game.app.render.theme.FONT_ROLES": TABLE,
    "game.app.render.widgets._panel": "lru_cache(128) of panels by size and colour, emptied "
                                      "when a run ends (Services.close -> widgets.forget)",
    "game.app.render.widgets.vertical_gradient": "lru_cache(16), emptied when a run ends",
    "game.app.render.widgets._fade_strip": "lru_cache(32), emptied when a run ends",
    "game.app.render.veil._sheet": "lru_cache(4) of one-colour sheets by colour and size, "
                                   "emptied when a run ends (Services.close -> veil.forget)",
    "game.app.render.veil.bottom_shade": "lru_cache(2), emptied when a run ends",
    "game.app.pad.BUTTONS": TABLE,
    "game.app.states.help.GLYPH": TABLE,
    "game.app.drive.VERBS": TABLE,
    "game.app.drive.ALIASES": TABLE,
    "game.app.states.settings.HELP": TABLE,
    "game.app.states.setup.LABELS": TABLE,
    "game.cli.COMMANDS": TABLE,
    # the engine: the tables of the format, the expression language and text
    "game.story.codes._CODES": TABLE,
    "game.story.codes.CODES": TABLE,
    "game.story.bounds.MAX_COUNTS": TABLE,
    "game.story.bounds._NAMES": TABLE,
    "game.app.persist.saves._DAMAGE": TABLE,
    "game.story.declarations._DEFAULTS": TABLE,
    "game.story.declarations._PY_TYPES": TABLE,
    "game.story.diagnostics.SEVERITY_ORDER": TABLE,
    "game.story.jsonlocate._DEPTH_STEP": TABLE,
    "game.story.jsonpos._SIMPLE_ESCAPES": TABLE,
    "game.story.jsonpos._CONTROL_HINTS": TABLE,
    "game.story.jsonpos._NOT_JSON_WORDS": TABLE,
    "game.story.text.PRONOUNS": TABLE,
    "game.story.text._PRONOUN_FORMS": TABLE,
    "game.story.text._VERB_FORMS": TABLE,
    "game.story.template._GENDERED": TABLE,
    "game.story.validate._JSON_TYPES": TABLE,
    "game.story.validate._PY_TYPES": TABLE,
    "game.story.validate.schema": "lru_cache: the two published schemas, read once",
    "game.story.validate.checker": "lru_cache: the two schemas compiled once",
    "game.story.validate._fast": "cache: jsonschema-rs's verdict for the two schemas, compiled "
                                 "once alone and once with the bounds on node lists (per set "
                                 "of limits: tests that change MAX_COUNTS add a few)",
    "game.story.validate._SHORTCUTS": "filled while the two schemas compile (once, through "
                                      "validate.checker): one entry per typed check in them",
    "game.story.bounds._lengths": "cache: jsonschema-rs's validator of the lengths of every "
                                  "node's lists, compiled once per set of limits (one; tests "
                                  "that change MAX_COUNTS add a few)",
    "game.story.expr.arithmetic._VK": TABLE,
    "game.story.expr.arithmetic._KV": TABLE,
    "game.story.expr.arithmetic._VV": TABLE,
    "game.story.expr.arithmetic._GK": TABLE,
    "game.story.expr.arithmetic._KG": TABLE,
    "game.story.expr.arithmetic._GG": TABLE,
    "game.story.expr.comparison.OPS": TABLE,
    "game.story.expr.comparison._MIRROR": TABLE,
    "game.story.expr.comparison._NK": TABLE,
    "game.story.expr.comparison._VK": TABLE,
    "game.story.expr.comparison._VV": TABLE,
    "game.story.expr.comparison._GK": TABLE,
    "game.story.expr.comparison._GG": TABLE,
    "game.story.expr.compiler._ALLOWED": TABLE,
    "game.story.expr.functions._ARITY": TABLE,
    "game.story.expr.parser._KEYWORD_HINTS": TABLE,
    "game.story.expr.tokens._ESCAPES": TABLE,
    "game.story.expr.tokens._BAD_CHARS": TABLE,
    "game.story.expr.tokens._BAD_OPS": TABLE,
    "game.tools.checks.writing._SINGULAR": TABLE,
    "game.tools.intervals._ESC": TABLE,
    "game.tools.boxes._ARITH": TABLE,
    "game.tools.boxes._ROUNDING": TABLE,
    "game.tools.boxes._UNKNOWN": "one exception instance raised whenever a box is too wide to "
                                 "bound (no allocation on that hot path); it holds at most the "
                                 "traceback of its last raise, so nothing accumulates",
    # the studio (the writers' web app)
    "game.studio.edits._OPS": TABLE,
    "game.studio.values._MISSING": "a sentinel: one object that marks a value left out",
    "game.studio.history._GONE": "a sentinel: one object that marks a file or member not there",
}

_MUTABLE = (dict, list, set, bytearray, collections.deque)


def module_names() -> Iterator[tuple[str, Path]]:
    for path in sorted(GAME.rglob("*.py")):
        rel = path.relative_to(PROJECT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def defined_names(path: Path) -> Iterator[tuple[str, bool]]:
    """(name, is a cached function) for each name a module's own top level defines."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        yield name.id, False
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                and node.value is not None:
            yield node.target.id, False
        elif isinstance(node, ast.FunctionDef) and any(_caches(d) for d in node.decorator_list):
            yield node.name, True


def _caches(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("lru_cache", "cache", "cached_property")


def module_state() -> dict[str, str]:
    """Every mutable value a module of game/ defines at its top level: name -> its type."""
    found: dict[str, str] = {}
    for module_name, path in module_names():
        module = importlib.import_module(module_name)
        for name, cached in defined_names(path):
            if name == "__all__":  # what the module exports: read by import machinery only
                continue
            value = getattr(module, name, None)
            if cached or hasattr(value, "cache_info"):
                found[f"{module_name}.{name}"] = "lru_cache"
            elif isinstance(value, _MUTABLE) or _is_mutable_object(value):
                found[f"{module_name}.{name}"] = type(value).__name__
    return found


def _is_mutable_object(value: object) -> bool:
    """An instance of one of the game's own classes that can change (not a frozen dataclass)."""
    kind = type(value)
    if not kind.__module__.startswith("game."):
        return False
    params = getattr(kind, "__dataclass_params__", None)
    if params is not None:
        return not params.frozen
    return not hasattr(kind, "__slots__") or bool(getattr(value, "__dict__", None))


def test_every_module_level_mutable_is_justified() -> None:
    found = module_state()
    unexplained = sorted(set(found) - set(JUSTIFIED))
    assert not unexplained, (
        "module-level mutable state (own it by an object with a lifetime, or justify it in "
        f"JUSTIFIED): {[f'{n} ({found[n]})' for n in unexplained]}")


def test_every_justification_still_has_its_state() -> None:
    found = module_state()
    assert sorted(set(JUSTIFIED) - set(found)) == []


def test_the_walk_finds_state_it_must_find(tmp_path, monkeypatch) -> None:
    """The walk itself: a cache, a list, a dict and a mutable object are all found."""
    pkg = tmp_path / "game" / "probe"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    source = ("import functools\nSEEN = []\nBY_ID: dict = {}\nFROZEN = (1, 2)\n"
              "@functools.lru_cache(maxsize=None)\ndef made(x):\n    return x\n")
    (pkg / "mod.py").write_text(source)
    names = dict(defined_names(pkg / "mod.py"))
    assert names == {"SEEN": False, "BY_ID": False, "FROZEN": False, "made": True}


if __name__ == "__main__":
    sys.path.insert(0, str(PROJECT))
    for name, kind in sorted(module_state().items()):
        print(f"{name}: {kind}{'' if name in JUSTIFIED else '   <- not justified'}")
