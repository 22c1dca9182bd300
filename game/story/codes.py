"""The registry of diagnostic codes: one stable code per kind of problem.

Codes never change meaning once published; docs/diagnostics.md documents each, and the tests
hold one fixture per code.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.story.diagnostics import ERROR, INFO, WARNING


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    title: str


_CODES = [
    # Files and JSON
    Code("LT100", ERROR, "a story file cannot be read, or is not UTF-8 text"),
    Code("LT101", ERROR, "invalid JSON"),
    Code("LT102", ERROR, "duplicate key in one JSON object"),
    Code("LT103", ERROR, "unknown field"),
    Code("LT104", ERROR, "wrong type of value"),
    Code("LT105", ERROR, "missing required field"),
    Code("LT106", ERROR, "invalid value (not one of the allowed values, or a malformed id)"),
    Code("LT107", ERROR, "unsupported format version"),
    Code("LT108", ERROR, "no story.json in the story folder"),
    # Sizes a story may declare (game/story/bounds.py)
    Code("LT110", ERROR, "a story file larger than a story file may be"),
    Code("LT111", ERROR, "a story file nested deeper than it may be (JSON, or a map's XML)"),
    Code("LT112", ERROR, "a text longer than one text may be"),
    Code("LT113", ERROR, "more nodes, replies, lines or effects than a story may have"),
    # References between parts of the story
    Code("LT200", ERROR, "target node does not exist"),
    Code("LT201", ERROR, "node id defined twice"),
    Code("LT202", ERROR, "character does not exist"),
    Code("LT203", ERROR, "the speaker has no portrait for this expression"),
    Code("LT204", ERROR, "reply kind does not exist"),
    Code("LT205", ERROR, "scene does not exist"),
    Code("LT206", ERROR, "spot does not exist in the scene's map"),
    Code("LT207", ERROR, "dynamic does not exist"),
    Code("LT208", ERROR, "a node is neither a text node, a route nor an ending"),
    Code("LT209", ERROR, "more than one player character"),
    Code("LT210", ERROR, "interpolation of an unknown name"),
    Code("LT211", ERROR, "malformed inline text ({if ...}, {seq: ...}, {cycle: ...}, ...)"),
    # Expressions and values
    Code("LT301", ERROR, "expression syntax error"),
    Code("LT302", ERROR, "undefined variable"),
    Code("LT303", ERROR, "type mismatch"),
    Code("LT304", ERROR, "unknown function or wrong arguments"),
    Code("LT305", ERROR, "expression too long or too deeply nested"),
    Code("LT310", ERROR, "value outside the declared bounds"),
    Code("LT311", ERROR, "a number beyond what a variable may hold (±1e15), or not finite"),
    # Assets
    Code("LT400", ERROR, "asset path leaves the story folder"),
    Code("LT401", ERROR, "asset file does not exist"),
    Code("LT402", ERROR, "map file cannot be read"),
    Code("LT403", ERROR, "a file name holding a NUL byte or another control character"),
    Code("LT404", ERROR, "an absolute file name where one relative to the story folder belongs"),
    Code("LT405", ERROR, "a file reached through a link that leads out of the story folder"),
    # Deeper checks (lint)
    Code("LT500", WARNING, "node can never be reached"),
    Code("LT501", ERROR, "dead end: not an ending, and no way on"),
    Code("LT502", WARNING, "condition can never hold"),
    Code("LT503", WARNING, "condition always holds"),
    Code("LT504", WARNING, "declared but never used"),
    Code("LT505", WARNING, "variable is written but never read"),
    Code("LT506", WARNING, "two choices of one node say the same"),
    Code("LT507", WARNING, "ending without a debrief or a dynamic"),
    Code("LT508", WARNING, "a verb form right after a name (after a name the verb is singular)"),
    Code("LT509", INFO, "a spot of a scene's map where nobody is ever placed"),
    Code("LT510", ERROR, "no road from this node leads to an ending: play goes round for ever"),
    Code("LT511", WARNING, "the partner's name written out instead of a placeholder"),
    Code("LT512", ERROR, "every way on has a condition, and in some reachable state none holds"),
    Code("LT513", WARNING, "placeholder text from new-branch left in the story"),
    Code("LT514", WARNING, "a possessive form ({partner.their}) where 'theirs' is meant"),
    Code("LT515", WARNING, "a variable or name written with '$' in text"),
    Code("LT516", ERROR, "a line or a choice with no text (empty, or only spaces)"),
    # Maps (lint): what the renderer cannot draw, and sizes outside sane bounds
    Code("LT520", ERROR, "map or layer size in tiles out of bounds"),
    Code("LT521", ERROR, "tile size in pixels out of bounds"),
    Code("LT522", ERROR, "image size in pixels out of bounds"),
    Code("LT523", ERROR, "tile layer data in a format the game cannot read"),
    Code("LT524", ERROR, "tile layer data damaged"),
    Code("LT525", ERROR, "a tile number that no tileset of the map has"),
    Code("LT526", ERROR, "map orientation, stagger or render order the game cannot draw"),
    Code("LT527", ERROR, "image embedded in a map or tileset file"),
    Code("LT528", ERROR, "an image that cannot be read, or a tile that cannot be cut from it"),
    Code("LT529", ERROR, "tile animation showing a tile the tileset does not have"),
    Code("LT590", INFO, "statistics"),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}


def severity(code: str) -> str:
    return CODES[code].severity
