"""Who is who: one look per character, shared by the small scene sprite and the portrait.

Keeping colours and hair here means a character's sprite and portrait can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import palette as P


@dataclass(frozen=True)
class Look:
    """The handful of choices that make a character recognisable."""

    skin: P.Color
    hair: P.Color
    hair_style: str  # short, curly, shoulder, tied
    top: P.Color
    top_style: str  # jumper, coat, sweater, cardigan, shirt
    legs: P.Color
    stubble: bool = False
    iris: P.Color = (74, 52, 44)


LOOKS: dict[str, Look] = {
    "ben": Look(P.SKIN_LIGHT, P.HAIR_DARK, "short", P.RUST, "jumper", P.DENIM, stubble=True),
    "you": Look(P.SKIN_MID, P.HAIR_AUBURN, "tied", P.SAGE, "cardigan", P.PLUM_DARK),
    "theo": Look(P.SKIN_DEEP, P.HAIR_BLACK, "curly", P.NAVY, "coat", P.GREY_DARK,
                 iris=(56, 38, 32)),
    "maya": Look(P.SKIN_MID, P.HAIR_BLACK, "shoulder", P.MUSTARD, "sweater", P.DENIM),
    "you2": Look(P.SKIN_LIGHT, P.HAIR_BROWN, "short", P.GREY, "shirt", P.NAVY_DARK),
}
