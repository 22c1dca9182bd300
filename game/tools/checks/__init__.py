"""The registry of lint checks: each a function from ``Facts`` to diagnostics.

Adding a check means writing one function and one line here (and its code in
``game/story/codes.py``, its entry in docs/diagnostics.md, a fixture and a test).
"""

from __future__ import annotations

from game.story.collector import collector_paused
from game.story.diagnostics import Diagnostic, sort_key
from game.story.model import Story
from game.tools.checks import flow, maps, slips, stats, usage, writing
from game.tools.checks.base import Check, Facts

CHECKS: tuple[Check, ...] = (
    Check("unreachable nodes", ("LT500",), flow.unreachable_nodes),
    Check("dead ends", ("LT501",), flow.dead_ends),
    Check("decided conditions", ("LT502", "LT503"), flow.decided_conditions),
    Check("unused declarations", ("LT504",), usage.unused_declarations),
    Check("write-only variables", ("LT505",), usage.write_only_variables),
    Check("duplicate choices", ("LT506",), writing.duplicate_choices),
    Check("ending explanations", ("LT507",), writing.ending_explanations),
    Check("verb after a name", ("LT508",), writing.verb_after_name),
    Check("unused spots", ("LT509",), usage.unused_spots),
    Check("endless loops", ("LT510",), flow.endless_loops),
    Check("partner named", ("LT511",), writing.partner_named),
    Check("choices that can all be closed", ("LT512",), flow.closable_choices),
    Check("placeholder text", ("LT513",), slips.placeholder_text),
    Check("their for theirs", ("LT514",), slips.their_for_theirs),
    Check("variables written with $", ("LT515",), slips.dollar_variable),
    Check("empty lines and replies", ("LT516",), slips.empty_text),
    Check("map features", maps.CODES, maps.map_features),
)
STATISTICS = Check("statistics", ("LT590",), stats.statistics)


def run_checks(story: Story, *, statistics: bool = False) -> list[Diagnostic]:
    """Every diagnostic the checks find in a loaded story, sorted by position."""
    checks = CHECKS + ((STATISTICS,) if statistics else ())
    with collector_paused():  # the facts the checks share stay alive until they are done
        out = _run(checks, story)
    out.sort(key=sort_key)
    return out


def _run(checks: tuple[Check, ...], story: Story) -> list[Diagnostic]:
    facts = Facts(story)  # freed on return, before the collector is back
    return [d for check in checks for d in check.run(facts)]


__all__ = ["CHECKS", "STATISTICS", "Check", "Facts", "run_checks"]
