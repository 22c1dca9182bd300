"""Checks on the shape of play: nodes nobody reaches, nodes with no way on, conditions that
are decided before play begins.

Reachability follows the ways out of a node that ``step.edges`` gives play and the explorer (a
route's entries, else the choices), minus the edges whose conditions provably never hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from game.story.diagnostics import Diagnostic
from game.story.expr import Condition
from game.story.model import Story
from game.tools import intervals
from game.tools.checks.base import Facts
from game.tools.explore import explore, tracked_parts


def unreachable_nodes(facts: Facts) -> Iterator[Diagnostic]:
    """LT500: a node that no path from the start leads to."""
    story = facts.story
    if story.start not in story.nodes:
        return
    reachable = facts.reachable
    targets: set[str] | None = None  # every node some choice or route leads to, if needed
    for node in story.nodes.values():
        if node.id not in reachable:
            if targets is None:
                targets = {t for n in story.nodes.values() for t in n.targets()}
            if node.id in targets:
                why = "only nodes that cannot be reached, or conditions that never hold, lead here"
            else:
                why = "no choice or route leads here"
            yield facts.diag(
                "LT500",
                f"node '{node.id}' can never be reached from the start: {why}",
                node.where.file,
                node.where.pointer,
                at_key=True,
            )


def dead_ends(facts: Facts) -> Iterator[Diagnostic]:
    """LT501: a node that is not an ending and offers no way on, whatever the state."""
    open_ways = facts.open_ways
    for node in facts.story.nodes.values():
        if node.ending is not None or open_ways[node.id]:
            continue  # an ending, or a node with a way on (its choices or route are not empty)
        where = node.where
        if not node.choices and not node.route:
            yield facts.diag(
                "LT501",
                f"dead end: '{node.id}' is not an ending and has no choices",
                where.file,
                where.pointer,
                at_key=True,
            )
        else:
            what = "route entries" if node.route else "choices"
            yield facts.diag(
                "LT501",
                f"dead end: none of the {what} of '{node.id}' can ever be taken",
                where.file,
                where.pointer,
                at_key=True,
            )


def _why(facts: Facts, condition: Condition) -> str:
    reasons = [
        intervals.describe(name, facts.values[name])
        for name in sorted(condition.reads)
        if name in facts.values
    ]
    return f" ({'; '.join(reasons)})" if reasons else ""


def _conditions(
    facts: Facts, keep: Callable[[Condition], bool]
) -> Iterator[tuple[Condition, str, str, str]]:
    """Every condition that ``keep`` keeps, with its file, pointer and what it guards (made
    only for those: a large story has tens of thousands of conditions, and few are kept)."""
    story = facts.story
    for i, rule in enumerate(story.each_turn):
        if rule.condition is not None and rule.where is not None and keep(rule.condition):
            yield rule.condition, rule.where.file, f"{rule.where.pointer}/if", f"per-turn rule {i + 1}"
    for node in story.nodes.values():
        for choice in node.choices:
            condition = choice.condition
            if condition is not None and choice.where is not None and keep(condition):
                yield condition, choice.where.file, f"{choice.where.pointer}/if", "choice"
        last = len(node.route) - 1
        for i, entry in enumerate(node.route):
            if entry.condition is not None and entry.where is not None and keep(entry.condition):
                what = "route entry" if i == last else "route entry (not the last)"
                yield entry.condition, entry.where.file, f"{entry.where.pointer}/if", what
        for i, line in enumerate(node.lines):
            if line.condition is not None and keep(line.condition):
                yield line.condition, node.where.file, f"{node.where.pointer}/lines/{i}/if", \
                    "line"
        if node.ending is not None and any(p.condition is not None and keep(p.condition)
                                           for p in node.ending.paragraphs):
            pointers = facts.paragraph_pointers(node)
            for i, paragraph in enumerate(node.ending.paragraphs):
                if paragraph.condition is not None and keep(paragraph.condition):
                    pointer = pointers[i].removesuffix("/text") + "/if"
                    yield paragraph.condition, node.where.file, pointer, "debrief paragraph"


def decided_conditions(facts: Facts) -> Iterator[Diagnostic]:
    """LT502 and LT503: conditions whose value is known before play, from constants and the
    values each variable can hold (its bounds, its initial value and what effects write): of
    choices, routes, per-turn rules, and the lines and debrief paragraphs they show."""
    decided: dict[str, bool] = {}  # by source: conditions repeat, few are distinct
    sure = (intervals.FALSE, intervals.TRUE)

    def keep(condition: Condition) -> bool:
        found = decided.get(condition.source)
        if found is None:
            found = decided[condition.source] = facts.truth(condition.source) in sure
        return found

    for condition, file, pointer, what in _conditions(facts, keep):
        truth = facts.truth(condition.source)
        if truth == intervals.FALSE:
            never = "shown" if what in ("line", "debrief paragraph") else "taken"
            yield facts.diag(
                "LT502",
                f"'{condition.source}' can never hold, so this {what.split(' (')[0]} is never "
                f"{never}{_why(facts, condition)}",
                file,
                pointer,
            )
        elif truth == intervals.TRUE:
            if what == "route entry (not the last)":
                tail = ", so the entries after it are never used"
            elif what == "choice":
                tail = "; the choice is always on offer, so the 'if' can go"
            elif what in ("line", "debrief paragraph"):
                tail = f"; the {what} is always shown, so the 'if' can go"
            else:
                tail = "; the 'if' can go"
            yield facts.diag(
                "LT503",
                f"'{condition.source}' always holds{tail}{_why(facts, condition)}",
                file,
                pointer,
            )


def endless_loops(facts: Facts) -> Iterator[Diagnostic]:
    """LT510: a reachable node from which no road of open edges reaches an ending (or a dead
    end, which LT501 reports): whatever the player does, play goes round for ever."""
    nodes = facts.story.nodes
    flow = facts.flow
    ids, ways, reached = flow.ids, flow.ways, flow.reached
    count = len(ids)
    back: list[list[int]] = [[] for _ in range(count)]
    alive = bytearray(count)
    todo = []
    for i, node in enumerate(nodes.values()):
        if not reached[i]:
            continue
        targets = ways[i]
        if node.ending is not None or not targets:
            alive[i] = 1
            todo.append(i)
        for j in targets:  # reachable, as every open target of a reachable node is
            back[j].append(i)
    while todo:
        for source in back[todo.pop()]:
            if not alive[source]:
                alive[source] = 1
                todo.append(source)
    for i in range(count):  # story order, so the first node of a loop is reported first
        if reached[i] and not alive[i]:
            node = nodes[ids[i]]
            ways_on = ", ".join(dict.fromkeys(facts.open_targets(node)))
            yield facts.diag(
                "LT510",
                f"no road from '{node.id}' leads to an ending: every way on ({ways_on}) comes "
                "back round; give the loop a way out",
                node.where.file,
                node.where.pointer,
                at_key=True,
            )


# How far lint's search for states with no way on goes: enough for a story of a few hundred
# nodes to be searched to the end, small enough to keep lint quick on a large one. Play's own
# states are searched up to CLOSABLE_MAX_STATES, then the may-search over ranges may play
# CLOSABLE_MAX_WORK choices, for a state of up to CLOSABLE_DIMS numbers. A state of play and a
# choice over ranges both cost in proportion to the numbers a state holds (every variable and
# the visit count of every node a `visits` condition names), so a wider state gets
# proportionally less of both (never under CLOSABLE_MIN_STATES states): the budget is one of
# time, and a story with thousands of counted nodes still lints in seconds.
CLOSABLE_MAX_STATES = 20_000
CLOSABLE_MIN_STATES = 1_000
CLOSABLE_MAX_WORK = 100_000
CLOSABLE_DIMS = 128


def closable_budget(story: Story) -> tuple[int, int]:
    """LT512's search budget for ``story`` (states of play, choices over ranges), scaled down
    for states wider than CLOSABLE_DIMS numbers. The may-search also charges a wide box one
    unit per 128 numbers, so on such a story its share is cut twice: lint stays a matter of
    seconds (the once-only graph of 10,000 knots: 3.4 s, against 10.6 s with the work left
    whole), and LT512 finds the same stuck states either way there."""
    dims = max(CLOSABLE_DIMS, len(story.variables) + len(tracked_parts(story)[0]))
    states = max(CLOSABLE_MIN_STATES, CLOSABLE_MAX_STATES * CLOSABLE_DIMS // dims)
    return states, CLOSABLE_MAX_WORK * CLOSABLE_DIMS // dims


def closable_choices(facts: Facts) -> Iterator[Diagnostic]:
    """LT512: a node whose ways on all have conditions, and a state play can reach in which
    none of them holds, so play stops there. Found by the explorer's search of the states
    (only nodes whose every choice or route entry has a condition are looked for; a node where
    none can ever hold is LT501's)."""
    story = facts.story
    suspects = set()
    for node in story.nodes.values():
        ways = node.choices or node.route
        if ways and ways[0].condition is not None \
                and all(w.condition is not None for w in ways) and facts.open_targets(node):
            suspects.add(node.id)
    if not suspects:
        return
    max_states, max_work = closable_budget(story)
    found = explore(story, max_states=max_states, max_work=max_work)
    for stuck in found.stuck:
        node = story.nodes.get(stuck.node)
        if node is None or node.id not in suspects:
            continue
        what = ("none of its route's conditions holds" if node.route
                else f"none of its {len(node.choices)} choices is on offer (each has an 'if')")
        road = " → ".join(f"{s.node}: “{_clip(s.shown or s.text)}”" for s in stuck.path)
        yield facts.diag(
            "LT512",
            f"play can stop at '{node.id}': {what}, for example after "
            f"{road or 'nothing (right at the start)'}; give it a way on with no 'if', or "
            "make sure one condition always holds there",
            node.where.file,
            node.where.pointer,
            at_key=True,
        )


def _clip(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
