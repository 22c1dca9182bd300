"""The command line: argument parsing only; each subcommand calls one function elsewhere.

Exit codes: 0 success, 1 the story has errors (or a run failed), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from game import __version__, paths

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """Usage errors exit 2 with a one-line hint, as argparse does, but never a traceback."""


def _story_path(text: str) -> Path:
    """A story folder, or the name of a bundled story (``low-tide``, ``two-bars``…)."""
    return paths.resolve_story(Path(text))


def _story_arg(parser: argparse.ArgumentParser, *, optional: bool = False) -> None:
    if optional:
        parser.add_argument(
            "story",
            nargs="?",
            type=_story_path,
            help="story folder or bundled story name (default: the flagship, low-tide)",
        )
    else:
        parser.add_argument("story", type=_story_path,
                            help="story folder, or a bundled story's name")


def _play_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play a story (in a window, or --text in the terminal)")
    _story_arg(p, optional=True)
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--from", dest="start", metavar="NODE", help="start at this node")
    p.add_argument(
        "--set",
        dest="values",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a variable before starting (repeatable)",
    )
    p.add_argument("--transcript", type=Path, metavar="FILE", help="write the playthrough as JSON")
    p.add_argument("--name", help="the partner's name")
    p.add_argument("--pronouns", help="the partner's pronouns: he, she, they, or a/b/c/d/e")
    p.add_argument("--dev", action="store_true",
                   help="developer mode in the window: reload on save, an overlay of the node "
                        "and variables (F3), a console (` or F2)")
    _window_options(p)


def _window_options(p: argparse.ArgumentParser) -> None:
    w = p.add_argument_group("driving the window without a person")
    w.add_argument("--autoplay", metavar="MODE", help="random, first, or reply kinds KIND,...")
    w.add_argument("--seed", type=int,
                   help="random seed for --autoplay and for what {shuffle: ...} text shows")
    w.add_argument("--input-script", type=Path, metavar="FILE",
                   help="key presses, clicks and waits to feed the window (docs/input-scripts.md)")
    w.add_argument("--screenshot-dir", type=Path, metavar="DIR",
                   help="save a PNG whenever the node changes and at the ending")
    w.add_argument("--max-frames", type=int, metavar="N", help="give up after N frames")
    p.add_argument("--data-dir", type=Path, metavar="DIR",
                   help="keep saves, settings and progress in DIR instead of the user's folders")


def _lint_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help="check stories and print every problem")
    p.add_argument("stories", nargs="+", type=_story_path, metavar="STORY_DIR",
                   help="story folders, or bundled story names")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "--stats", action="store_true", help="add statistics (LT590 notes): words, nodes, choices"
    )


def _explore_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explore", help="search every state of a story: endings, stuck states")
    _story_arg(p)
    p.add_argument(
        "--max-states",
        type=int,
        default=200_000,
        metavar="N",
        help="stop after this many states (default 200,000)",
    )
    p.add_argument(
        "--max-work",
        type=int,
        default=500_000,
        metavar="W",
        help="choices the search over ranges may play before it gives way to searching "
             "play's states one by one (default 500,000; a choice over more than 128 numbers "
             "counts one for each 128)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--endings", action="store_true",
                   help="the road report: for each ending, the roads into it grouped by the "
                        "text they see, with one shortest road per group")
    p.add_argument("--samples", type=int, default=5000, metavar="N",
                   help="with --endings, when the search is cut short: random playthroughs "
                        "that look for text variants further on (default 5,000)")
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help="with --endings: the seed of those playthroughs (default 1)")


def _simulate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="play a story many times at random and count endings")
    _story_arg(p)
    p.add_argument("--runs", type=int, required=True, metavar="N", help="how many playthroughs")
    p.add_argument("--seed", type=int, required=True, metavar="S", help="random seed")
    p.add_argument(
        "--policy",
        default="random",
        metavar="random|least-used|KIND=W,...",
        help="how choices are picked (default random)",
    )
    p.add_argument(
        "--max-steps", type=int, default=1000, metavar="M", help="choices per run at most"
    )
    p.add_argument("--from", dest="start", metavar="NODE",
                   help="start every run at this node (to see where a branch leads)")
    p.add_argument("--set", dest="values", action="append", default=[], metavar="NAME=VALUE",
                   help="set a variable before every run (repeatable), as play --set does")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _graph_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("graph", help="draw the story map (.dot, .svg, .png or .html)")
    _story_arg(p)
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE",
        help="where to write; the suffix picks the format: .dot, .svg, .png, .html",
    )


def _new_branch_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new-branch", help="start a new branch file from an existing node")
    _story_arg(p)
    p.add_argument("name", metavar="NAME", help="the branch's name: branches/NAME.json")
    p.add_argument(
        "--from", dest="node", required=True, metavar="NODE", help="the node that gets a new choice"
    )


def _edit_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("edit", help="edit a story in the studio: a map and editor in your browser")
    _story_arg(p)
    p.add_argument("--port", type=int, default=0, metavar="N",
                   help="listen on this port of 127.0.0.1 (default: any free port)")
    p.add_argument("--no-browser", action="store_true",
                   help="only print the address; do not open a browser")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lowtide",
        description="Low Tide: play branching stories, and check and explore them as a writer.",
    )
    parser.add_argument("--version", action="version", version=f"lowtide {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _play_parser(sub)
    _lint_parser(sub)
    _explore_parser(sub)
    _simulate_parser(sub)
    _graph_parser(sub)
    _new_branch_parser(sub)
    _edit_parser(sub)
    return parser


def _cmd_play(args: argparse.Namespace) -> int:
    if not args.text:
        from game.app.run import play_window
        from game.tools.lint import load_linted

        return play_window(args, check=load_linted)  # developer mode checks as lint does
    from game.tools.play import play

    if args.dev:
        print("lowtide play: --dev is for the window; in the terminal use --from NODE and "
              "--set NAME=VALUE", file=sys.stderr)
        return EXIT_USAGE
    story = args.story or paths.default_story()
    if story is None:
        print(f"lowtide: no stories found in {paths.stories_dir()}", file=sys.stderr)
        return EXIT_USAGE
    return play(story, args)


def _cmd_lint(args: argparse.Namespace) -> int:
    from game.tools.lint import run_lint

    return run_lint(args.stories, fmt=args.format, strict=args.strict, stats=args.stats)


def _cmd_explore(args: argparse.Namespace) -> int:
    from game.tools.explore_report import run_explore

    return run_explore(args.story, max_states=args.max_states, fmt=args.format,
                       endings=args.endings, samples=args.samples, seed=args.seed,
                       max_work=args.max_work)


def _cmd_simulate(args: argparse.Namespace) -> int:
    from game.tools.simulate import run_simulate

    return run_simulate(
        args.story,
        runs=args.runs,
        seed=args.seed,
        policy=args.policy,
        max_steps=args.max_steps,
        fmt=args.format,
        start=args.start,
        values=args.values,
    )


def _cmd_graph(args: argparse.Namespace) -> int:
    from game.tools.graph import run_graph

    return run_graph(args.story, args.output)


def _writes_in_the_game(command: str, story: Path) -> bool:
    """Refuse (with how to go on) to write in a bundled story of an installed game."""
    if not paths.installed_copy(story):
        return False
    print(f"lowtide {command}: '{story.name}' is the installed game's own copy, in {story}.\n"
          "  The game never writes in its own folder (an update would replace what you wrote"
          " there).\n  Copy that folder to one of your own, then name the copy, for example:\n"
          f"    cp -r \"{story}\" ./{story.name}\n"
          f"    lowtide {command} ./{story.name} ...", file=sys.stderr)
    return True


def _cmd_new_branch(args: argparse.Namespace) -> int:
    from game.tools.scaffold import run_new_branch

    if _writes_in_the_game("new-branch", args.story):
        return EXIT_USAGE
    return run_new_branch(args.story, args.name, args.node)


def _cmd_edit(args: argparse.Namespace) -> int:
    from game.studio.launch import run_edit

    if _writes_in_the_game("edit", args.story):
        return EXIT_USAGE
    return run_edit(args.story, port=args.port, browser=not args.no_browser)


COMMANDS = {
    "play": _cmd_play,
    "lint": _cmd_lint,
    "explore": _cmd_explore,
    "simulate": _cmd_simulate,
    "graph": _cmd_graph,
    "new-branch": _cmd_new_branch,
    "edit": _cmd_edit,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = ["play", *argv]
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
