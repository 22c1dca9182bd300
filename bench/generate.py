"""A seeded random story graph, written both as a Low Tide story folder and as ink source.

The same graph in both formats lets benchmarks compare runtimes on equal work:

- every node (knot) has one or two lines of text that interpolate variables and the
  partner's name, and may change variables when entered;
- every node that is not an ending has three choices: the first two always on offer, the third
  often behind a condition on a variable; choices may carry a reply kind (whose effects apply
  first) and effects of their own; one per-turn rule counts the choices made;
- about 5% of nodes are endings; every node is reachable from the start and no node is a dead
  end (each non-ending has at least two unconditional choices).

Only integers and one bool are used, with no bounds, so both runtimes compute exactly the same
values and print exactly the same text for the same choices.

The ``once`` shape is the same graph with every choice offered once per playthrough, the way
ink's once-only choices (``*``) are: in ink each is a ``*`` choice; in our format each choice
leads through a route node of its own (``n12-c0``, which goes straight on to the target) and is
guarded by ``visits("n12-c0") == 0``. So a graph of N knots has about 3.85 N nodes and 2.85 N
distinct conditions in our format: a load whose cost is compiling many different conditions.
A node whose choices are all used up stops the playthrough in both runtimes.

    python -m bench.generate --nodes 1000 --seed 1 --out /tmp/g1000 [--shape once]

writes ``/tmp/g1000/lowtide/`` (story.json and branches/*.json) and ``/tmp/g1000/story.ink``.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

SHAPES = ("sticky", "once")
ENDING_SHARE = 0.05
BRANCH_FILES = 3  # branch files beside story.json, so loading reads several files
EXTEND_SHARE = 0.02  # nodes whose last choice is appended from another file via "extend"

# Variables: name -> initial value. ``lamp`` is a bool; the rest are integers.
VARIABLES: dict[str, int | bool] = {"coins": 0, "trust": 0, "tide": 5, "steps": 0, "lamp": False}
NUMBERS = ("coins", "trust", "tide")
# Reply kinds and their effects (applied before the choice's own).
KINDS: dict[str, tuple[tuple[str, str, int | bool], ...]] = {
    "warm": (("trust", "+=", 1),),
    "cold": (("trust", "-=", 1), ("tide", "+=", 1)),
}
EACH_TURN: tuple[tuple[str, str, int | bool], ...] = (("steps", "+=", 1),)
PARTNER_NAME = "Sam"

_PLACES = (
    "the pier", "the slipway", "the harbour wall", "the lamp room", "the net shed", "the dunes",
    "the ferry steps", "the rock pools", "the chapel", "the boatyard", "the sea wall", "the inn",
)
_THINGS = (
    "a rope", "a lantern", "a gull", "a tin cup", "an old map", "a coat", "a letter", "a bell",
    "a key", "a crate", "a kettle", "a shell",
)
_VERBS = ("waits", "turns", "listens", "looks out", "shrugs", "laughs", "sighs", "nods")
_ASKS = (
    "Ask about", "Point at", "Pick up", "Leave", "Mention", "Ignore", "Walk toward", "Follow",
)

Effect = tuple[str, str, "int | bool"]  # (variable, "=" | "+=" | "-=", value)


@dataclass
class GChoice:
    text: str
    to: str
    kind: str | None = None
    condition: str | None = None  # the same source in both formats: "trust >= 2", "not lamp"
    effects: tuple[Effect, ...] = ()
    extended: bool = False  # written in another file's "extend" (our format only)


@dataclass
class GNode:
    id: str
    lines: tuple[str, ...]
    effects: tuple[Effect, ...] = ()
    choices: list[GChoice] = field(default_factory=list)
    ending: str | None = None  # the ending's title
    file: int = 0  # 0: story.json, k: branches/part-k.json


@dataclass
class Graph:
    seed: int
    nodes: list[GNode]
    shape: str = "sticky"  # "once": every choice is offered once per playthrough

    @property
    def once(self) -> bool:
        return self.shape == "once"

    @property
    def start(self) -> str:
        return self.nodes[0].id

    def by_id(self) -> dict[str, GNode]:
        return {n.id: n for n in self.nodes}

    def endings(self) -> list[str]:
        return [n.id for n in self.nodes if n.ending is not None]


def _effect(rng: random.Random) -> Effect:
    if rng.random() < 0.2:
        return ("lamp", "=", rng.random() < 0.5)
    return (rng.choice(NUMBERS), rng.choice(("+=", "+=", "-=")), rng.randint(1, 5))


def _condition(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.2:
        return "lamp"
    if r < 0.35:
        return "not lamp"
    if r < 0.7:
        return f"trust >= {rng.randint(-2, 3)}"
    return f"{rng.choice(('coins', 'tide'))} > {rng.randint(2, 12)}"


def _lines(rng: random.Random, number: int) -> tuple[str, ...]:
    place, thing = rng.choice(_PLACES), rng.choice(_THINGS)
    first = (
        f"Stop {number}: you reach {place} with {{coins}} coins, "
        f"and {{partner}} {rng.choice(_VERBS)} beside {thing}."
    )
    if rng.random() < 0.4:
        second = f"The tide stands at {{tide}} and trust at {{trust}}; {rng.choice(_THINGS)} lies here."
        return (first, second)
    return (first,)


def generate(nodes: int, seed: int, shape: str = "sticky") -> Graph:
    """A random story graph of ``nodes`` nodes (knots); the same seed gives the same graph.

    The shape changes only how choices are offered, not the graph: ``once`` is the graph of
    ``sticky`` with every choice once-only.
    """
    if nodes < 2:
        raise ValueError("a story graph needs at least 2 nodes")
    if shape not in SHAPES:
        raise ValueError(f"shape is one of {', '.join(SHAPES)}, not {shape!r}")
    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(nodes)]
    files = 1 + BRANCH_FILES
    graph = Graph(seed, [], shape)
    # A spanning tree first: each node after the start hangs from a free unconditional slot
    # (choice 0 or 1) of an earlier non-ending node, so every node is reachable.
    free: list[tuple[int, int]] = [(0, 0), (0, 1)]
    targets: dict[tuple[int, int], int] = {}
    ending = [False] * nodes
    for i in range(1, nodes):
        slot = free.pop(rng.randrange(len(free)))
        targets[slot] = i
        # An ending uses a slot and frees none, so keep at least one slot open for the rest.
        if len(free) >= 1 and rng.random() < ENDING_SHARE:
            ending[i] = True
        else:
            free.extend(((i, 0), (i, 1)))
    for i, node_id in enumerate(ids):
        lines = _lines(rng, i)
        effects = tuple(_effect(rng) for _ in range(rng.choice((0, 0, 1, 2))))
        file = 0 if i == 0 else rng.randrange(files)
        if ending[i]:
            graph.nodes.append(GNode(node_id, lines, effects, [], f"Ending {i}", file))
            continue
        choices = []
        for c in range(3):
            to = targets.get((i, c))
            if to is None:
                to = rng.randrange(nodes)
            verb, thing = rng.choice(_ASKS), rng.choice(_THINGS)
            text = f"{verb} {thing}" + (" ({coins} coins)" if rng.random() < 0.3 else ".")
            kind = rng.choice((None, None, "warm", "cold"))
            condition = _condition(rng) if c == 2 and rng.random() < 0.6 else None
            ceffects = tuple(_effect(rng) for _ in range(rng.choice((0, 1, 1, 2))))
            extended = c == 2 and rng.random() < EXTEND_SHARE
            choices.append(GChoice(text, ids[to], kind, condition, ceffects, extended))
        graph.nodes.append(GNode(node_id, lines, effects, choices, None, file))
    return graph


# -- our format ------------------------------------------------------------------------------


def _value(v: int | bool) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _lowtide_effect(e: Effect) -> str:
    return f"{e[0]} {e[1]} {_value(e[2])}"


def once_node(node_id: str, index: int) -> str:
    """The id of the route node choice ``index`` of ``node_id`` passes through (``once``)."""
    return f"{node_id}-c{index}"


def _lowtide_choice(c: GChoice, via: str | None = None) -> dict:
    """A choice; with ``via`` it leads through that route node and is offered until it has."""
    out: dict = {"text": c.text, "to": via or c.to}
    if c.kind:
        out["kind"] = c.kind
    condition = c.condition
    if via is not None:
        unused = f'visits("{via}") == 0'
        condition = f"{unused} and {condition}" if condition else unused
    if condition:
        out["if"] = condition
    if c.effects:
        out["effects"] = [_lowtide_effect(e) for e in c.effects]
    return out


def _lowtide_choices(n: GNode, once: bool) -> list[tuple[dict, bool]]:
    """Each choice of ``n`` and whether another file appends it through ``extend``."""
    return [
        (_lowtide_choice(c, once_node(n.id, i) if once else None), c.extended)
        for i, c in enumerate(n.choices)
    ]


def _lowtide_node(n: GNode, choices: list[dict]) -> dict:
    """The node as our format writes it, with ``choices`` (those not appended from elsewhere)."""
    out: dict = {}
    if len(n.lines) == 1:
        out["text"] = n.lines[0]
    else:
        out["lines"] = [{"text": t} for t in n.lines]
    if n.effects:
        out["effects"] = [_lowtide_effect(e) for e in n.effects]
    if n.ending is not None:
        out["ending"] = {"title": n.ending}
    else:
        out["choices"] = choices
    return out


def write_lowtide(graph: Graph, folder: Path) -> Path:
    """Write the graph as a story folder (story.json and branches/part-*.json); return it."""
    folder = Path(folder)
    (folder / "branches").mkdir(parents=True, exist_ok=True)
    for old in (folder / "branches").glob("part-*.json"):
        old.unlink()
    files: list[dict] = [{} for _ in range(1 + BRANCH_FILES)]
    extends: list[dict] = [{} for _ in range(1 + BRANCH_FILES)]
    for n in graph.nodes:
        choices = _lowtide_choices(n, graph.once)
        files[n.file][n.id] = _lowtide_node(n, [c for c, extended in choices if not extended])
        for i, (choice, extended) in enumerate(choices):
            # An appended choice goes in a branch file other than the node's own.
            file = 1 + (n.file % BRANCH_FILES) if extended else n.file
            if extended:
                extends[file][n.id] = {"choices": [choice]}
            if graph.once:
                files[file][once_node(n.id, i)] = {"route": [{"to": n.choices[i].to}]}
    story = {
        "$schema": "../../game/story/schema/story.schema.json",
        "format": 1,
        "id": f"generated-{len(graph.nodes)}-{graph.seed}{'-once' if graph.once else ''}",
        "title": f"Generated story ({len(graph.nodes)} nodes{', once-only choices' if graph.once else ''}, "
        f"seed {graph.seed})",
        "blurb": "A random story graph for benchmarks.",
        "authors": ["bench.generate"],
        "start": graph.start,
        "characters": {
            "you": {"name": "You", "pronouns": "they", "player": True},
            "partner": {"name": PARTNER_NAME, "pronouns": "he"},
        },
        "variables": {
            name: {"type": "bool" if isinstance(v, bool) else "integer", "initial": v}
            for name, v in VARIABLES.items()
        },
        "kinds": {
            kind: {"label": kind.title(), "effects": [_lowtide_effect(e) for e in effects]}
            for kind, effects in KINDS.items()
        },
        "each_turn": [_lowtide_effect(e) for e in EACH_TURN],
        "nodes": files[0],
    }
    _dump(story, folder / "story.json")
    for k in range(1, 1 + BRANCH_FILES):
        branch = {
            "$schema": "../../../game/story/schema/branch.schema.json",
            "format": 1,
            "nodes": files[k],
        }
        if extends[k]:
            branch["extend"] = extends[k]
        _dump(branch, folder / "branches" / f"part-{k}.json")
    return folder


def _dump(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# -- ink -------------------------------------------------------------------------------------


def _ink_effect(e: Effect) -> str:
    name, op, v = e
    if op == "=":
        return f"~ {name} = {_value(v)}"
    return f"~ {name} = {name} {op[0]} {_value(v)}"


def write_ink(graph: Graph, path: Path) -> Path:
    """Write the graph as ink source: a knot per node, ``-> END`` at endings; sticky choices
    (``+``), or once-only ones (``*``) with an invisible fallback that ends the story once
    they are all used, for the ``once`` shape."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = [f"VAR {name} = {_value(v)}" for name, v in VARIABLES.items()]
    out.append(f'VAR partner = "{PARTNER_NAME}"')
    out += ["", f"-> {graph.start}", ""]
    for n in graph.nodes:
        out.append(f"=== {n.id} ===")
        out += [_ink_effect(e) for e in n.effects]
        out += list(n.lines)
        if n.ending is not None:
            out += ["-> END", ""]
            continue
        bullet = "*" if graph.once else "+"
        for c in n.choices:
            condition = f" {{{c.condition}}}" if c.condition else ""
            out.append(f"{bullet}{condition} [{c.text}]")
            effects = list(KINDS.get(c.kind or "", ())) + list(c.effects) + list(EACH_TURN)
            out += ["    " + _ink_effect(e) for e in effects]
            out.append(f"    -> {c.to}")
        if graph.once:
            out.append("* -> END")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=SHAPES, default="sticky")
    parser.add_argument("--out", type=Path, required=True, help="folder to write lowtide/ and story.ink in")
    args = parser.parse_args(argv)
    graph = generate(args.nodes, args.seed, args.shape)
    write_lowtide(graph, args.out / "lowtide")
    write_ink(graph, args.out / "story.ink")
    print(f"{len(graph.nodes)} nodes, {len(graph.endings())} endings -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
