"""`lowtide simulate`: many seeded playthroughs, to see where a story tends to go.

Each run is a real ``Session``, so the simulator plays exactly as a player would; a policy picks
among the choices on offer. The same seed gives the same report.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.story.diagnostics import format_text
from game.story.launch import UsageError, parse_values
from game.story.load import load_story
from game.story.model import Story
from game.story.session import ChoiceView, Session, SessionError
from game.story.validate import suggest

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
DEFAULT_MAX_STEPS = 1000

Policy = Callable[[Session, list[ChoiceView], random.Random], ChoiceView]


class PolicyError(ValueError):
    pass


def make_policy(spec: str, story: Story) -> Policy:
    """``random``, ``least-used`` or ``KIND=W,...`` (weights by reply kind; others weigh 1)."""
    if spec == "random":
        return lambda session, offered, rng: rng.choice(offered)
    if spec == "least-used":
        used: Counter = Counter()

        def least_used(session: Session, offered: list[ChoiceView], rng: random.Random) -> ChoiceView:
            node = session.node_id
            low = min(used[(node, c.index)] for c in offered)
            pick = rng.choice([c for c in offered if used[(node, c.index)] == low])
            used[(node, pick.index)] += 1
            return pick

        return least_used
    weights: dict[str, float] = {}
    for part in spec.split(","):
        kind, sep, raw = part.partition("=")
        kind = kind.strip()
        if not sep or not kind:
            raise PolicyError(f"--policy: expected random, least-used or KIND=W,..., got {spec!r}")
        if kind not in story.kinds:
            known = ", ".join(sorted(story.kinds)) or "none"
            raise PolicyError(f"--policy: no reply kind '{kind}' (kinds: {known})")
        try:
            weight = float(raw)
        except ValueError:
            raise PolicyError(f"--policy: weight of '{kind}' must be a number, not {raw!r}") from None
        if weight < 0 or weight != weight:
            raise PolicyError(f"--policy: weight of '{kind}' must be 0 or more")
        weights[kind] = weight

    def weighted(session: Session, offered: list[ChoiceView], rng: random.Random) -> ChoiceView:
        ws = [weights.get(c.kind, 1.0) if c.kind else 1.0 for c in offered]
        if sum(ws) <= 0:
            return rng.choice(offered)
        return rng.choices(offered, weights=ws)[0]

    return weighted


@dataclass(frozen=True)
class Run:
    ending: str | None  # the ending node, or None
    outcome: str  # "ending", "stuck" or "unfinished" (hit --max-steps)
    length: int
    values: dict[str, Any]
    visited: frozenset[str]
    visits: dict[str, int]  # node id -> times entered


def play_once(story: Story, policy: Policy, rng: random.Random, max_steps: int,
              start: str | None = None, values: dict[str, Any] | None = None,
              seed: int = 0) -> Run:
    """One playthrough; ``seed`` is the session's own (what shuffled text shows), kept apart
    from ``rng`` so that it never changes which choices the policy makes."""
    session = Session.start(story, at=start, values=values, seed=seed)
    visited = set(session.path)
    steps = 0
    while not session.is_over and steps < max_steps:
        offered = session.choices()
        if not offered:
            break
        session.choose(policy(session, offered, rng).index)
        steps += 1
    visited.update(session.path)
    if session.ending is not None:
        outcome = "ending"
    elif session.stuck is not None or not session.choices():
        outcome = "stuck"
    else:
        outcome = "unfinished"
    ending = session.node_id if session.ending is not None else None
    return Run(ending, outcome, steps, session.variables(), frozenset(visited),
               dict(session.visits))


def simulate(
    story: Story, *, runs: int, seed: int, policy: str = "random",
    max_steps: int = DEFAULT_MAX_STEPS, start: str | None = None,
    values: list[str] | None = None,
) -> dict[str, Any]:
    """The report of ``runs`` playthroughs as plain data (what --format json prints); each
    starts at ``start`` (a node id) when given, with the story's initial values but for those
    ``values`` sets (``NAME=VALUE``, as ``play --set`` takes them)."""
    rng = random.Random(seed)
    pick = make_policy(policy, story)
    if start is not None and start not in story.nodes:
        raise PolicyError(f"--from: no node '{start}'{suggest(start, list(story.nodes))}")
    try:
        setting = parse_values(story, values or [])
        Session.start(story, at=start, values=setting, seed=0)  # every value fits its variable
    except (UsageError, SessionError) as err:
        raise PolicyError(str(err) if "--set" in str(err) else f"--set: {err}") from None
    results = [play_once(story, pick, rng, max_steps, start, setting, seed * 100_003 + i)
               for i in range(runs)]
    lengths = [r.length for r in results]
    visited = set().union(*(r.visited for r in results)) if results else set()
    endings = []
    for node in story.endings():
        ending = node.ending
        assert ending is not None
        hits = [r for r in results if r.ending == node.id]
        endings.append(
            {
                "node": node.id,
                "title": ending.title,
                "dynamic": ending.dynamic,
                "count": len(hits),
                "share": round(len(hits) / runs, 4) if runs else 0.0,
                "variables": _summarise(story, [r.values for r in hits]),
            }
        )
    dynamics: Counter = Counter()
    for e in endings:
        dynamics[e["dynamic"] or "(none)"] += e["count"]
    entered: Counter = Counter()
    times: Counter = Counter()
    for r in results:
        entered.update(r.visits.keys())
        times.update(r.visits)
    return {
        "story": story.id,
        "runs": runs,
        "seed": seed,
        "policy": policy,
        "from": start or story.start,
        "set": {k: _plain(story, k, v) for k, v in setting.items()},
        "max_steps": max_steps,
        "endings": endings,
        "dynamics": dict(dynamics.most_common()),
        "stuck": sum(r.outcome == "stuck" for r in results),
        "unfinished": sum(r.outcome == "unfinished" for r in results),
        "length": {
            "min": min(lengths, default=0),
            "median": statistics.median(lengths) if lengths else 0,
            "max": max(lengths, default=0),
        },
        "choices_made": sum(lengths),
        "unvisited_nodes": [n for n in story.nodes if n not in visited],
        "out_of_reach": _out_of_reach(story, start) if start and start != story.start else [],
        "visits": {n: {"runs": entered[n], "times": times[n]} for n in story.nodes},
    }


def _out_of_reach(story: Story, start: str) -> list[str]:
    """The nodes no choice or route leads to from ``start``, whatever the conditions: with
    --from, the nodes before it, which its runs cannot visit."""
    seen, todo = {start}, [start]
    while todo:
        node = story.nodes.get(todo.pop())
        for target in node.targets() if node is not None else ():
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return [n for n in story.nodes if n not in seen]


def _plain(story: Story, name: str, value: Any) -> Any:
    """A --set value as the variable holds it (checked and clamped as play would)."""
    from game.story.session import coerce

    return coerce(story.variables[name], value)


def _summarise(story: Story, values: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not values:
        return out
    for var in story.variables.values():
        column = [v[var.id] for v in values]
        if var.type in ("integer", "number"):
            out[var.id] = {
                "mean": round(statistics.fmean(column), 2),
                "min": min(column),
                "max": max(column),
            }
        elif var.type == "bool":
            out[var.id] = {"true": round(sum(column) / len(column), 4)}
        else:
            out[var.id] = {"most_common": Counter(column).most_common(1)[0][0]}
    return out


def format_report(report: dict[str, Any]) -> str:
    runs = report["runs"]
    setting = report.get("set") or {}
    given = (", with " + ", ".join(f"{k}={v}" for k, v in setting.items())) if setting else ""
    out = [
        f"{runs:,} runs from {report['from']}{given}, seed {report['seed']}, "
        f"policy {report['policy']}",
        "",
        "Endings:",
    ]
    for e in sorted(report["endings"], key=lambda e: -e["count"]):
        dynamic = f" [{e['dynamic']}]" if e["dynamic"] else ""
        out.append(f"  {e['count']:>7,}  {100 * e['share']:5.1f}%  {e['node']} \"{e['title']}\"{dynamic}")
        numbers = {k: v for k, v in e["variables"].items() if "mean" in v}
        if numbers:
            shown = ", ".join(
                f"{k} {_n(v['mean'])} ({_n(v['min'])}..{_n(v['max'])})" for k, v in numbers.items()
            )
            out.append(f"           {shown}")
    for label in ("stuck", "unfinished"):
        if report[label]:
            why = " (hit --max-steps)" if label == "unfinished" else ""
            out.append(f"  {report[label]:>7,}  {100 * report[label] / runs:5.1f}%  {label}{why}")
    out.append("")
    out.append("Dynamics: " + ", ".join(f"{k} {v:,}" for k, v in report["dynamics"].items()))
    length = report["length"]
    out.append(
        f"Length in choices: min {length['min']}, median {_n(length['median'])}, max {length['max']}"
    )
    behind = set(report.get("out_of_reach", ()))
    unvisited = [n for n in report["unvisited_nodes"] if n not in behind]
    if unvisited:
        out.append(f"Nodes never visited ({len(unvisited)}): " + ", ".join(unvisited[:20]))
        if len(unvisited) > 20:
            out.append(f"  ... and {len(unvisited) - 20} more")
    else:
        out.append("Every node was visited at least once." if not behind else
                   f"Every node reachable from {report['from']} was visited at least once.")
    if behind:
        listed = [n for n in report["unvisited_nodes"] if n in behind]
        out.append(f"Not reachable from {report['from']} ({len(listed)}), so not counted: "
                   + ", ".join(listed[:20]) + (" ..." if len(listed) > 20 else ""))
    out.append("")
    out.append("Visits (runs that entered each node, their share, and times entered in all):")
    for node, seen in report["visits"].items():
        share = 100 * seen["runs"] / runs if runs else 0.0
        out.append(f"  {seen['runs']:>7,}  {share:5.1f}%  {seen['times']:>8,}  {node}")
    return "\n".join(out)


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def run_simulate(
    path: Path, *, runs: int, seed: int, policy: str, max_steps: int, fmt: str = "text",
    start: str | None = None, values: list[str] | None = None,
) -> int:
    if runs < 1 or max_steps < 1:
        print("lowtide simulate: --runs and --max-steps must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    story, diagnostics = load_story(path)
    if story is None:
        print(f"lowtide simulate: the story in {path} does not load:", file=sys.stderr)
        print(format_text(diagnostics), file=sys.stderr)
        return EXIT_ERRORS
    try:
        report = simulate(story, runs=runs, seed=seed, policy=policy, max_steps=max_steps,
                          start=start, values=values)
    except PolicyError as err:
        print(f"lowtide simulate: {err}", file=sys.stderr)
        return EXIT_USAGE
    if fmt == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return EXIT_OK
