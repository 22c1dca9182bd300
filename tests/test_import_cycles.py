"""No module of ``game/`` imports itself back, however far round: zero import cycles.

Every import counts, wherever it is written: at the top of a module, inside a function, or
under ``if TYPE_CHECKING:``. An import hidden in a function hides the cycle from Python at
start-up, not from the reader, so the graph is built from the source (with ``ast``), not from
what happens to be loaded. ``python -m tests.test_import_cycles`` prints the cycles found.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

GAME = Path(__file__).resolve().parents[1] / "game"


def module_name(path: Path) -> str:
    parts = path.relative_to(GAME.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module under ``game/``, by dotted name."""
    return {module_name(p): p for p in sorted(GAME.rglob("*.py"))}


def _target(name: str, known: dict[str, Path]) -> str | None:
    """The module an import names: itself, else the nearest package holding it."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of ``game`` that ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            wanted = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import mod`` imports the module ``pkg.mod`` when there is one
            wanted = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                      for a in node.names]
        else:
            continue
        for dotted in wanted:
            target = _target(dotted, known)
            if target is not None and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative, so a deep graph never meets the recursion limit
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(groups, key=lambda g: (-len(g), g))


def test_imports_inside_functions_and_type_checking_count(tmp_path):
    source = tmp_path / "screen.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from game.app import loop\n"
        "if TYPE_CHECKING:\n"
        "    from game.app.services import Services\n"
        "def later():\n"
        "    from game.app.states.title import TitleScreen\n"
        "    import game.story.session\n"
        "    from . import catalog\n", "utf-8")
    known = dict.fromkeys(["game.app", "game.app.loop", "game.app.services", "game.app.catalog",
                           "game.app.states.title", "game.story.session"], source)
    assert imports_of("game.app.screen", source, known) == {
        "game.app.loop", "game.app.services", "game.app.states.title", "game.story.session",
        "game.app.catalog"}
    assert len(import_graph()) > 100  # every module of the package is read


def test_a_cycle_is_found_however_the_import_is_written(tmp_path):
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_the_game_imports_itself_back():
    found = cycles(import_graph())
    assert found == [], "import cycles:\n" + "\n".join(" ⇄ ".join(g) for g in found)


if __name__ == "__main__":
    found = cycles(import_graph())
    for group in found:
        print(f"{len(group)} modules: {', '.join(group)}")
    total = sum(len(g) for g in found)
    print(f"{len(found)} cycle(s), {total} module(s) in them")
    sys.exit(1 if found else 0)
