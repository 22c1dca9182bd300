"""What every lint check gets: the loaded story and facts about it worked out once.

A check is a plain function from ``Facts`` to diagnostics; ``Facts`` caches what several checks
need (the values each variable can hold, which nodes can be reached, the raw JSON of nodes) so
no check repeats another's work and nothing lives in module globals.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from game.story.codes import severity
from game.story.confine import inside
from game.story.diagnostics import Diagnostic
from game.story.model import Node, Story
from game.tools import intervals


@dataclass(frozen=True)
class Check:
    """One lint check: a name, the codes it may report, and the function that runs it."""

    name: str
    codes: tuple[str, ...]
    run: Callable[[Facts], Iterable[Diagnostic]]


class Facts:
    """Derived knowledge about one loaded story, computed lazily and shared by the checks."""

    def __init__(self, story: Story):
        self.story = story
        self._truths: dict[str, frozenset[bool]] = {}
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, make: Callable[[Story], Any]) -> Any:
        """``make(story)``, computed once per story however many checks ask for it."""
        if key not in self._memo:
            self._memo[key] = make(self.story)
        return self._memo[key]

    # -- positions -----------------------------------------------------------------------------

    def diag(
        self,
        code: str,
        message: str,
        file: str,
        pointer: str,
        *,
        at_key: bool = False,
        offset: int | None = None,
    ) -> Diagnostic:
        """A diagnostic placed at ``pointer`` in ``file`` (line and column from the source map)."""
        sources = self.story.sources
        if sources is not None:
            line, column = sources.locate(file, pointer, at_key=at_key, offset=offset)
        else:
            line, column = 1, 1
        return Diagnostic(file, line, column, severity(code), code, message, pointer)

    @property
    def main_file(self) -> str:
        return self.story.files[0] if self.story.files else "story.json"

    # -- raw JSON ------------------------------------------------------------------------------

    @cached_property
    def raw(self) -> dict[str, Any]:
        """Each file's parsed JSON, for the few checks that need what the model drops."""
        out: dict[str, Any] = {}
        for file in self.story.files:
            path = inside(self.story.root, file[len(self._display_root()) :].lstrip("/"))
            try:
                out[file] = json.loads(path.read_text(encoding="utf-8")) if path else {}
            except (OSError, ValueError, RecursionError):
                out[file] = {}
        return out

    def _display_root(self) -> str:
        main = self.main_file
        return main[: -len("story.json")] if main.endswith("story.json") else ""

    def raw_node(self, node: Node) -> dict[str, Any]:
        data = self.raw.get(node.where.file, {})
        raw = data.get("nodes", {}).get(node.id) if isinstance(data, dict) else None
        return raw if isinstance(raw, dict) else {}

    def line_pointers(self, node: Node) -> list[str]:
        """The JSON pointer of each line's text, in the order of ``node.lines``."""
        if "lines" in self.raw_node(node):
            return [f"{node.where.pointer}/lines/{i}/text" for i in range(len(node.lines))]
        return [f"{node.where.pointer}/text"] * len(node.lines)

    def paragraph_pointers(self, node: Node) -> list[str]:
        """The JSON pointer of each debrief paragraph's text, in the order of its paragraphs."""
        ending = node.ending
        if ending is None:
            return []
        base = f"{node.where.pointer}/ending/debrief"
        debrief = (self.raw_node(node).get("ending") or {}).get("debrief")
        if not isinstance(debrief, list):
            return [base] * len(ending.paragraphs)
        out = []
        for i, item in enumerate(debrief):  # as the loader keeps them: texts and {"text": ...}
            if isinstance(item, str):
                out.append(f"{base}/{i}")
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                out.append(f"{base}/{i}/text")
        return out

    # -- values and conditions -----------------------------------------------------------------

    @cached_property
    def values(self) -> dict[str, intervals.Value]:
        return intervals.possible_values(self.story)

    def truth(self, source: str) -> frozenset[bool]:
        """The truth values a condition can take in play (both when unsure)."""
        found = self._truths.get(source)
        if found is None:
            found = self._truths[source] = intervals.truth(source, self.values)
        return found

    def open_targets(self, node: Node) -> tuple[str, ...]:
        """Where the ways out of ``node`` that some playthrough can take lead, in story order,
        as far as lint can tell (the targets of ``step.edges`` that stay open).

        A condition that can never hold closes its edge; in a route, an entry whose condition
        always holds closes every entry after it.
        """
        return self.open_ways[node.id]

    @cached_property
    def open_ways(self) -> dict[str, tuple[str, ...]]:
        """``open_targets`` of every node, worked out in one pass over the story."""
        truth = self.truth
        known = self._truths.get  # a condition's truth, once worked out (few are distinct)
        false, true = intervals.FALSE, intervals.TRUE
        out: dict[str, tuple[str, ...]] = {}
        for node_id, node in self.story.nodes.items():
            found: list[str] = []
            if not node.route:
                for choice in node.choices:
                    condition = choice.condition
                    if condition is not None:
                        source = condition.source
                        if (known(source) or truth(source)) == false:
                            continue
                    found.append(choice.to)
                out[node_id] = tuple(found)
            else:
                for entry in node.route:
                    condition = entry.condition
                    if condition is None:
                        found.append(entry.to)
                        break
                    holds = truth(condition.source)
                    if holds == false:
                        continue
                    found.append(entry.to)
                    if holds == true:
                        break
                out[node_id] = tuple(found)
        return out

    @cached_property
    def flow(self) -> Flow:
        """The open edges as node numbers (story order), for the searches over the graph."""
        nodes = self.story.nodes
        ids = list(nodes)
        index = dict(zip(ids, range(len(ids))))
        get = index.get
        ways = []
        for targets in self.open_ways.values():
            way = list(map(get, targets))
            ways.append(way if None not in way else [j for j in way if j is not None])
        reached = bytearray(len(ids))
        start = get(self.story.start)
        if start is not None:
            reached[start] = 1
            todo = [start]
            while todo:
                for j in ways[todo.pop()]:
                    if not reached[j]:
                        reached[j] = 1
                        todo.append(j)
        return Flow(ids, index, ways, reached)

    @cached_property
    def reachable(self) -> set[str]:
        """Nodes some path of open edges leads to from the start."""
        flow = self.flow
        return {node_id for node_id, r in zip(flow.ids, flow.reached) if r}


@dataclass(frozen=True)
class Flow:
    """The story's open edges by node number: ``ids[i]`` is node i (story order), ``ways[i]``
    the numbers of the nodes its open edges lead to, ``reached[i]`` 1 when the start leads
    there along open edges."""

    ids: list[str]
    index: dict[str, int]
    ways: list[list[int]]
    reached: bytearray
