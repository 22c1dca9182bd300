"""`lowtide play --text`: load a story, set up the playthrough the options ask for, play it in
the terminal (the set-up is shared with the window, in ``game.story.launch``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

import platformdirs

from game.story.launch import UsageError, load_for_play, start_session
from game.story.text import Pronouns
from game.tools.textplay import SAVE_FOLDER, TextPlayer

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def play(path: Path, args: argparse.Namespace) -> int:
    story = load_for_play(path)
    if story is None:
        return EXIT_ERRORS
    unnamed = getattr(args, "name", None) is None and getattr(args, "pronouns", None) is None
    if sys.stdin.isatty() and story.partner is not None and unnamed \
            and not ask_partner(story, args, sys.stdin, sys.stdout):
        return EXIT_OK
    try:
        session = start_session(story, args)
    except UsageError as err:
        print(f"lowtide play: {err}", file=sys.stderr)
        return EXIT_USAGE
    return TextPlayer(session, sys.stdout, sys.stdin, args.transcript,
                      save_file=save_file(story.id, getattr(args, "data_dir", None))).run()


def ask_partner(story, args: argparse.Namespace, inp: TextIO, out: TextIO) -> bool:
    """Ask for the partner's name and pronouns, as the window's setup does (Enter keeps the
    story's own); False when the input ended."""
    partner = story.partner
    print(f"{story.title}: before you begin, who is your partner in this story?", file=out)
    print(f"Their name [{partner.name}]: ", end="", file=out, flush=True)
    name = inp.readline()
    if not name:
        return False
    while True:
        print("Pronouns: he, she, they, or five forms like xe/xem/xyr/xyrs/xemself "
              f"[{pronoun_label(partner.pronouns)}]: ", end="", file=out, flush=True)
        pronouns = inp.readline()
        if not pronouns:
            return False
        try:
            if pronouns.strip():
                Pronouns.parse(pronouns.strip())
            break
        except ValueError as err:
            print(f"  {err}", file=out)
    args.name = name.strip() or None
    args.pronouns = pronouns.strip() or None
    print(file=out)
    return True


def pronoun_label(pronouns: Pronouns) -> str:
    """The story's own pronouns as the prompt offers them for Enter: "he", or the five forms."""
    named = pronouns.to_json()
    if isinstance(named, str):
        return named
    return "/".join((pronouns.subject, pronouns.object, pronouns.possessive,
                     pronouns.possessive_pronoun, pronouns.reflexive))


def save_file(story_id: str, data_dir: Path | None) -> Path:
    """The text player's own save of a story: ``text-saves/<story>.json`` in the player's data
    folder (inside ``--data-dir`` or ``$LOWTIDE_DATA_DIR`` when given)."""
    chosen = data_dir or os.environ.get("LOWTIDE_DATA_DIR")
    root = Path(chosen) if chosen else Path(platformdirs.user_data_dir("lowtide",
                                                                       appauthor=False))
    return root / SAVE_FOLDER / f"{story_id}.json"

