"""`lowtide play`: load a story, set up the playthrough the options ask for, hand it to a front end."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.story.launch import (  # noqa: F401 - the text player's and the window's set-up
    UsageError,
    load_for_play,
    make_cast,
    parse_values,
    start_session,
)

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
    from game.tools.textplay import TextPlayer

    return TextPlayer(session, sys.stdout, sys.stdin, args.transcript).run()


def play_window(args: argparse.Namespace) -> int:
    """The game window (game.app), driven by a person or by --autoplay / --input-script."""
    from game.app.run import play_window as run

    return run(args)
