"""`lowtide play --text`: load a story, set up the playthrough the options ask for, play it in
the terminal (the set-up is shared with the window, in ``game.story.launch``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.story.launch import UsageError, load_for_play, start_session
from game.tools.textplay import TextPlayer

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def play(path: Path, args: argparse.Namespace) -> int:
    story = load_for_play(path)
    if story is None:
        return EXIT_ERRORS
    try:
        session = start_session(story, args)
    except UsageError as err:
        print(f"lowtide play: {err}", file=sys.stderr)
        return EXIT_USAGE
    return TextPlayer(session, sys.stdout, sys.stdin, args.transcript).run()

