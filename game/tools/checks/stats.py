"""Statistics (LT590, information): words, nodes, choices and endings per file, and lines and
words per character, so a writer sees the size and balance of a story at a glance."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from game.story.diagnostics import Diagnostic
from game.tools.checks.base import Facts

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def words(text: str) -> int:
    """Words as a reader counts them: a placeholder such as {partner} is one word."""
    return len(_PLACEHOLDER.sub(" x ", text).split())


def statistics(facts: Facts) -> Iterator[Diagnostic]:
    story = facts.story
    per_file: dict[str, Counter] = {f: Counter() for f in story.files}
    per_char: dict[str, Counter] = {}
    for node in story.nodes.values():
        count = per_file.setdefault(node.where.file, Counter())
        count["nodes"] += 1
        count["endings"] += node.is_ending
        count["routes"] += node.is_route
        for line in node.lines:
            n = words(line.text)
            count["words"] += n
            who = per_char.setdefault(line.speaker or "(narration)", Counter())
            who["lines"] += 1
            who["words"] += n
        for choice in node.choices:
            n = words(choice.text)
            file = choice.where.file if choice.where else node.where.file
            per_file.setdefault(file, Counter())
            per_file[file]["choices"] += 1
            per_file[file]["words"] += n
            player = story.player.id if story.player else "(player)"
            who = per_char.setdefault(player, Counter())
            who["choices"] += 1
            who["words"] += n
        if node.ending is not None:
            count["words"] += words(node.ending.title) + words(node.ending.debrief)
    total: Counter = Counter()
    for file, count in per_file.items():
        total.update(count)
        yield facts.diag("LT590", _summary(file, count), file, "")
    yield facts.diag("LT590", _summary("whole story", total), facts.main_file, "")
    for who, count in sorted(per_char.items(), key=lambda kv: -kv[1]["words"]):
        char = story.characters.get(who)
        label = f"{who} ({char.name})" if char else who
        parts = [_many(count["lines"], "line")] if count["lines"] else []
        parts += [_many(count["choices"], "choice")] if count["choices"] else []
        yield facts.diag(
            "LT590", f"{label}: {', '.join(parts)}, {_many(count['words'], 'word')}",
            facts.main_file, ""
        )


def _many(n: int, word: str) -> str:
    """'1 route', '2 routes', '10,529 words'."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _summary(label: str, c: Counter) -> str:
    return (
        f"{label}: {_many(c['nodes'], 'node')} ({_many(c['routes'], 'route')}, "
        f"{_many(c['endings'], 'ending')}), {_many(c['choices'], 'choice')}, "
        f"{_many(c['words'], 'word')}"
    )
