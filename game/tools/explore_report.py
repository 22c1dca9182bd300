"""Printing an exploration for people (text) and for tools (JSON), and the command itself."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any, TextIO

from game.story.diagnostics import format_text
from game.story.load import load_story
from game.tools.explore import DEFAULT_MAX_WORK, Exploration, PathStep, explore
from game.tools.roads import DEFAULT_SAMPLES, RoadReport, road_report

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_SHOWN = 12  # items of a long list shown in text before "and N more"


def _path_text(path: tuple[PathStep, ...] | None, indent: str = "      ") -> str:
    if not path:
        return f"{indent}(right at the start)"
    return "\n".join(f"{indent}{i}. {s.node}: \"{s.shown or s.text}\"" for i, s in enumerate(path, 1))


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and its noun, singular or plural as English wants it."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


_NAMES = 100  # names of what a state holds listed in full up to this many
_NAMES_CUT = 12  # past that, how many are named


def _more(items: list[str], shown: int = _SHOWN) -> list[str]:
    if len(items) <= shown:
        return items
    return items[:shown] + [f"... and {len(items) - shown} more (--format json lists all)"]


def _names(names: tuple[str, ...], shown: int = _NAMES) -> str:
    """A list of what a state holds, cut short when a story counts the visits of many nodes
    (ink's once-only choices written out count thousands)."""
    if len(names) <= shown:
        return ", ".join(names)
    return (", ".join(names[:_NAMES_CUT]) + f" and {len(names) - _NAMES_CUT:,} more "
            "(--format json lists all)")


def format_report(ex: Exploration) -> str:
    out: list[str] = []
    if ex.complete and ex.exhaustive:
        out.append(f"Explored every state: {ex.states:,} in all.")
    elif ex.complete:
        out.append(
            f"Complete: every verdict below is proved. {ex.abstract_states:,} abstract states "
            "(ranges of values) hold every state play can reach, so what they never reach "
            "cannot be reached; every road shown is real, played from the start "
            f"({ex.states:,} states of play: every one up to {ex.depth} choices from the "
            f"start, and {_count(ex.witnessed, 'road')} further in).")
    else:
        out.append(
            f"SEARCH CUT SHORT at --max-states {ex.max_states:,}: every state up to {ex.depth} "
            "choices from the start was found, deeper ones were not all explored."
        )
        busy = sorted(ex.distinct_values.items(), key=lambda kv: -kv[1])[:3]
        if busy:
            named = ", ".join(f"{k} ({v:,} values)" for k, v in busy)
            out.append(f"  The variables with the most distinct values: {named}.")
        if ex.unsettled:
            out.append(f"  Not settled: {_count(len(ex.unsettled), 'thing')} the ranges allow, "
                       "with no road found (they may be unreachable):")
            out.extend(_more([f"    may be reachable: {u}; no road found"
                              for u in ex.unsettled]))
        elif not ex.abstract_states:
            out.append("  The search over ranges did not end within --max-work, so nothing "
                       "below is proved.")
        out.append("  Unreached below may still be reachable; raise --max-states (or --max-work, "
                   "for the search over ranges) to look further.")
    out.append("  A state is: " + _names(ex.tracked) + ".")
    if ex.ranged:
        out.append("  Held as ranges by the search over ranges: " + _names(ex.ranged) + ".")
    if ex.unread:
        out.append("  Left out, as nothing reads them: " + ", ".join(ex.unread) + ".")
    reached = sum(e.path is not None for e in ex.endings)
    out.append(f"\nEndings: {reached} of {len(ex.endings)} reached")
    for e in ex.endings:
        dynamic = f" [{e.dynamic}]" if e.dynamic else ""
        if e.path is not None:
            out.append(f"  reached      {e.node} \"{e.title}\"{dynamic} in {len(e.path)} choices:")
            out.append(_path_text(e.path))
        elif ex.complete:
            out.append(f"  UNREACHABLE  {e.node} \"{e.title}\"{dynamic}")
        else:
            out.append(f"  not found    {e.node} \"{e.title}\"{dynamic} (search cut short)")
    if ex.stuck:
        out.append(f"\nStuck states: {len(ex.stuck)} (play cannot go on)")
        for s in ex.stuck:
            out.append(f"  at {s.node}: {s.reason}; for example after:")
            out.append(_path_text(s.path))
    elif ex.complete:
        out.append("\nStuck states: none (in every state some reply is on offer).")
    else:
        out.append("\nStuck states: none among the states searched.")
    if ex.traps:
        out.append(f"\nLoops that can never reach an ending: {_count(len(ex.traps), 'node')}")
        for t in ex.traps:
            out.append(f"  at {t.node} ({t.states:,} states); for example after:")
            out.append(_path_text(t.path))
    elif not ex.complete:
        out.append("\nLoops with no way to an ending: none among the states searched (a loop "
                   "found only beyond the limit would be missed).")
    if ex.unreached_nodes:
        out.append(f"\nNodes never reached: {len(ex.unreached_nodes)}")
        out.extend(_more([f"  {n}" for n in ex.unreached_nodes]))
    if ex.unreached_choices:
        out.append(f"\nChoices never on offer: {len(ex.unreached_choices)}")
        out.extend(
            _more([f"  {c.node} choice {c.choice + 1}: \"{c.shown or c.text}\""
                   for c in ex.unreached_choices])
        )
    cov = ex.coverage
    out.append(
        "\nCoverage: "
        + ", ".join(
            f"{name} {c.reached}/{c.total} ({c.percent:.0f}%)" for name, c in cov.items()
        )
    )
    verdict = "FAILED" if ex.failed else "PASSED" if ex.complete else "INCOMPLETE"
    out.append(verdict)
    return "\n".join(out)


def to_json(ex: Exploration) -> dict[str, Any]:
    def path(p: tuple[PathStep, ...] | None) -> list[dict[str, Any]] | None:
        return None if p is None else [s.to_json() for s in p]

    return {
        "story": ex.story,
        "complete": ex.complete,
        "states": ex.states,
        "max_states": ex.max_states,
        "depth": ex.depth,
        "tracked": list(ex.tracked),
        "ranged": list(ex.ranged),
        "unread": list(ex.unread),
        "exhaustive": ex.exhaustive,
        "abstract_states": ex.abstract_states,
        "witnessed": ex.witnessed,
        "unsettled": list(ex.unsettled),
        "endings": [
            {
                "node": e.node,
                "title": e.title,
                "dynamic": e.dynamic,
                "reachable": e.reachable(ex.complete),
                "path": path(e.path),
            }
            for e in ex.endings
        ],
        "stuck": [{"node": s.node, "reason": s.reason, "path": path(s.path)} for s in ex.stuck],
        "loops": [{"node": t.node, "states": t.states, "path": path(t.path)} for t in ex.traps],
        "unreached_nodes": list(ex.unreached_nodes),
        "unreached_choices": [c.to_json() for c in ex.unreached_choices],
        "coverage": {k: v.to_json() for k, v in ex.coverage.items()},
        "distinct_values": ex.distinct_values,
        "failed": ex.failed,
    }


def format_roads(report: RoadReport) -> str:
    """The road report as a writer reads it: each ending, each way its text reads, the text
    itself and one shortest road into it."""
    out: list[str] = []
    groups = sum(len(e.groups) for e in report.endings)
    reached = sum(bool(e.groups) for e in report.endings)
    out.append(f"Road report: {reached} of {len(report.endings)} endings reached, "
               f"{_count(groups, 'text variant')} in all.")
    if report.complete and report.exhaustive:
        out.append(f"Every state was searched ({report.states:,}): every variant that exists "
                   "is listed, each with a shortest road into it.")
    elif report.complete:
        out.append(
            f"Complete: every variant that can show is listed. {report.abstract_states:,} "
            "abstract states (ranges of values) hold every state play can reach, and each "
            "variant they allow was met on a real road (every road of up to "
            f"{report.depth} choices was followed; a road marked 'shortest found' may have a "
            "shorter twin).")
    elif report.abstract_states:
        out.append(
            f"NOT COMPLETE: {report.abstract_states:,} abstract states (ranges of values) hold "
            "every state play can reach, and they allow text variants that no road met. Every "
            f"road of up to {report.depth} choices was followed, then {report.samples:,} random "
            "playthroughs and steered roads looked further. The ranges join many roads, so "
            "some variants below marked 'may be reachable' may be impossible; a road marked "
            "'shortest found' may have a shorter twin.")
    else:
        out.append(
            f"SEARCH CUT SHORT at --max-states {report.max_states:,}: every road of up to "
            f"{report.depth} choices was followed, then {report.samples:,} random "
            "playthroughs looked further. A variant may still be missing; a road marked "
            "'shortest found' may have a shorter twin.")
    if not report.complete and report.unsettled:
        out.append(f"Not settled: {_count(len(report.unsettled), 'thing')} the ranges allow, "
                   "with no road found (they may be unreachable):")
        out.extend(_more([f"  may be reachable: {u}; no road found"
                          for u in report.unsettled]))
    for e in report.endings:
        dynamic = f" [{e.dynamic}]" if e.dynamic else ""
        out.append("")
        head = f"{e.node} \"{e.title}\"{dynamic}"
        if not e.groups:
            out.append(f"{head}: " + ("UNREACHABLE" if e.reachable is False
                                      else "not found (search cut short)"))
            continue
        if not e.conditional:
            out.append(f"{head}: one text (nothing in it depends on the road)")
        else:
            out.append(f"{head}: {_count(len(e.groups), 'text variant')}")
        for n, g in enumerate(e.groups, 1):
            counts = [f"{_count(g.arrivals, 'arrival')} in the search"] if g.arrivals else []
            counts += [f"{_count(g.sampled, 'random playthrough')}"] if g.sampled else []
            which = "shortest road" if g.shortest else "shortest road found"
            label = f"  Variant {n}" if e.conditional else "  The text"
            out.append(f"{label}: {', '.join(counts)}; {which} {len(g.road)} choices")
            for piece in g.variant:
                out.append(f"    - {piece.describe()}")
            out.append("    Reads:")
            for _, name, text in g.text.lines:
                out.append(textwrap.fill(f"{name}: {text}" if name else text, 96,
                                         initial_indent="      ", subsequent_indent="        "))
            out.append(f"      Ending: {g.text.title}")
            for para in g.text.debrief.split("\n\n") if g.text.debrief else []:
                out.append(textwrap.fill(para, 96, initial_indent="      | ",
                                         subsequent_indent="      | "))
            out.append("    Road:")
            out.append(_path_text(g.road, indent="      "))
    return "\n".join(out)


class _Bar:
    """A one-line progress bar on a terminal's stderr; nothing when stderr is not a terminal."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.on = stream.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.on:
            return
        width = 30
        filled = int(width * min(done, total) / max(total, 1))
        self.stream.write(f"\rexploring [{'#' * filled}{'.' * (width - filled)}] {done:,} states")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


def run_explore(path: Path, *, max_states: int, fmt: str = "text", endings: bool = False,
                samples: int = DEFAULT_SAMPLES, seed: int = 1,
                max_work: int = DEFAULT_MAX_WORK) -> int:
    if max_states < 1 or samples < 0 or max_work < 0:
        print("lowtide explore: --max-states must be at least 1, --samples and --max-work "
              "at least 0", file=sys.stderr)
        return EXIT_USAGE
    story, diagnostics = load_story(path)
    if story is None:
        print(f"lowtide explore: the story in {path} does not load:", file=sys.stderr)
        print(format_text(diagnostics), file=sys.stderr)
        return EXIT_ERRORS
    if endings:
        report = road_report(story, max_states=max_states, samples=samples, seed=seed,
                             max_work=max_work)
        if fmt == "json":
            print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        else:
            print(format_roads(report))
        return EXIT_ERRORS if any(e.reachable is False for e in report.endings) else EXIT_OK
    bar = _Bar(sys.stderr)
    try:
        result = explore(story, max_states=max_states, progress=bar, max_work=max_work)
    finally:
        bar.close()
    if fmt == "json":
        print(json.dumps(to_json(result), indent=2, ensure_ascii=False))
    else:
        print(format_report(result))
    return EXIT_ERRORS if result.failed else EXIT_OK
