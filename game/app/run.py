"""`lowtide play` in a window: check for a display, build the app, pick the first screen, run.

This is the window's entry point: it makes the services (saves, settings, sound) and the screen
registry, and hands both to the loop. Exit codes: 0 when a person quits or a driven run
reaches an ending; 1 when the story cannot be played, no display is available, or a driven run
ends without an ending; 2 for bad options.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pygame

from game import paths
from game.app import dev, drive, screens
from game.app.audio import Audio
from game.app.dev import StoryCheck
from game.app.keep import Keeper
from game.app.loop import App
from game.app.persist import Persist
from game.app.services import Options, Services
from game.app.transitions import Replace
from game.story.diagnostics import format_text
from game.story.launch import UsageError, load_for_play, start_session
from game.story.model import Story
from game.story.session import Session

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
DRIVEN_MAX_FRAMES = 60000

log = logging.getLogger("lowtide.app")


def has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _setup_logging() -> None:
    logger = logging.getLogger("lowtide")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("lowtide: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if os.environ.get("LOWTIDE_DEBUG") else logging.INFO)
        logger.propagate = False


class Stop(Exception):
    """The window cannot start; the reason was printed, ``code`` is the exit status."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def _say(message: str) -> None:
    print(f"lowtide play: {message}", file=sys.stderr)


@dataclass
class Prepared:
    """A window ready to run: the app, its recorder, and the first session (if any)."""

    app: App
    recorder: drive.Recorder
    session: Session | None
    #: developer mode, a story that does not load yet: its folder, watched until it does
    waiting: Path | None = None


def prepare(args: argparse.Namespace, check: StoryCheck) -> Prepared | int:
    """Everything ``play_window`` needs, or an exit code after printing why it cannot start.

    ``check`` is how developer mode loads and lints a story (``game.tools.lint.load_linted``
    from the command line).
    """
    try:
        driven = _choose_display(args)
        commands = _read_script(args)
        story_path = _story_path(args)
        session, waiting = _first_session(args, story_path, check)
    except Stop as stop:
        return stop.code
    pygame.init()
    services = _services(args, story_path, driven, check)
    recorder = drive.Recorder(args.screenshot_dir, args.transcript)
    max_frames = args.max_frames
    if max_frames is None and driven:
        max_frames = DRIVEN_MAX_FRAMES
    app = App(services, screens.registry(), driver=_driver(args, recorder, commands),
              max_frames=max_frames, fixed_dt=1 / 60 if driven else None)
    app.observers.append(recorder.observe)
    return Prepared(app, recorder, session, waiting)


def _choose_display(args: argparse.Namespace) -> bool:
    """Whether a driver plays instead of a person; a driven run needs no real display."""
    driven = bool(args.autoplay or args.input_script)
    if not has_display():
        if not driven:
            print("lowtide: no display is available (DISPLAY and WAYLAND_DISPLAY are not set).",
                  file=sys.stderr)
            print("Play in the terminal instead: lowtide play --text", file=sys.stderr)
            raise Stop(EXIT_ERRORS)
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    if driven:
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if args.autoplay is not None and not args.autoplay.strip():
        _say("--autoplay wants random, first, or reply kinds")
        raise Stop(EXIT_USAGE)
    return driven


def _read_script(args: argparse.Namespace) -> list[drive.Command] | None:
    """The input script's commands (``--input-script``), checked before the window opens."""
    path: Path | None = args.input_script
    if path is None:
        return None
    try:
        return drive.parse_script(Path(path).read_text("utf-8"), str(path))
    except OSError as err:
        _say(f"cannot read the input script {path}: {err.strerror or err}")
    except drive.ScriptError as err:
        _say(str(err))
    raise Stop(EXIT_USAGE)


def _story_path(args: argparse.Namespace) -> Path | None:
    """The story to play at once; autoplay without one plays the flagship."""
    story_path: Path | None = args.story
    if story_path is None and args.autoplay and not args.input_script:
        story_path = paths.default_story()
        if story_path is None:
            print("lowtide: no stories found to play", file=sys.stderr)
            raise Stop(EXIT_ERRORS)
    return story_path


def _first_session(args: argparse.Namespace, story_path: Path | None, check: StoryCheck
                   ) -> tuple[Session | None, Path | None]:
    """The session to play at once, or the folder developer mode waits on, or neither (the
    title comes first)."""
    if story_path is None:
        return None, None
    if args.dev and not driven_only(args):
        story = _load_for_dev(Path(story_path), check)
        if story is None:  # developer mode: show the errors and wait for a fix
            return None, dev.story_folder(Path(story_path))
    else:
        story = load_for_play(story_path)
        if story is None:
            raise Stop(EXIT_ERRORS)
    try:
        session = start_session(story, args)
    except UsageError as err:
        _say(str(err))
        raise Stop(EXIT_USAGE) from None
    _check_autoplay(args.autoplay, story)
    return session, None


def _check_autoplay(autoplay: str | None, story: Story) -> None:
    """Reply kinds named by ``--autoplay`` must be the story's own."""
    if not autoplay or autoplay in ("random", "first"):
        return
    unknown = [k for k in autoplay.split(",") if k.strip() and k.strip() not in story.kinds]
    if unknown:
        known = ", ".join(sorted(story.kinds)) or "none"
        _say(f"--autoplay: no reply kind {', '.join(unknown)} in this story (kinds: {known})")
        raise Stop(EXIT_USAGE)


def _services(args: argparse.Namespace, story_path: Path | None, driven: bool,
              check: StoryCheck) -> Services:
    """Saves, settings and progress (in ``--data-dir`` when given), sound, and the options.

    Driven runs save like any other; they read the stored settings only from an explicit
    ``--data-dir``, so a player's own settings never change what a test or tool sees.
    """
    options = Options(story=story_path, name=args.name, pronouns=args.pronouns,
                      start=args.start, values=list(args.values or []), driven=driven,
                      dev=bool(args.dev))
    persist = Persist.open(args.data_dir)
    services = Services(options=options, check=check)
    if args.data_dir is not None or not driven:
        services.settings = persist.settings.load()
    services.keep = Keeper(persist, Audio(settings=services.settings), records=not options.dev)
    return services


def _driver(args: argparse.Namespace, recorder: drive.Recorder,
            commands: list[drive.Command] | None) -> drive.Driver | None:
    """Autoplay and/or the input script, when the run is driven."""
    if not (args.autoplay or commands is not None):
        return None
    base = Path(args.input_script).parent if args.input_script else Path.cwd()
    script = drive.Script(commands, args.screenshot_dir, base) if commands is not None else None
    auto = drive.Autoplay(args.autoplay, args.seed) if args.autoplay else None
    return drive.Driver(recorder, auto, script)


def start(prepared: Prepared) -> None:
    """Open the window and show the first screen: play when a story was given, else the title."""
    app = prepared.app
    app.open_window()
    app.services.apply_settings(None, app.services.settings)
    app.services.keep.tell_problems()
    if prepared.session is not None:
        app.apply(Replace("play", session=prepared.session))
    elif prepared.waiting is not None:
        app.apply(Replace("dev-wait", root=prepared.waiting))
    else:
        app.apply(Replace("title"))


def finish(ready: Prepared) -> None:
    """The end of a run: the transcript written (when asked for), every screen and what the
    run made let go of, then pygame stopped. In this order: fonts freed after ``pygame.quit``
    are never given back, which a long process running many windows would feel."""
    recorder = ready.recorder
    try:
        if recorder.transcript is not None and recorder.session is not None:
            recorder.write_transcript()
    finally:
        ready.app.close()
        gc.collect()  # screens and what they hold, freed now (they refer to the app, a cycle)
        pygame.quit()


def driven_only(args: argparse.Namespace) -> bool:
    """A run that picks its own replies (--autoplay): it has no one to wait for a fix."""
    return bool(args.autoplay)


def _load_for_dev(path: Path, check: StoryCheck) -> Story | None:
    """The story by developer mode's rule (it loads and lints without errors), else None after
    printing the errors; the window then shows them and waits."""
    story, _, errors = dev.load_checked(dev.story_folder(path), check)
    if story is None:
        print(f"lowtide: the story in {path} has errors; the window waits for a fix:",
              file=sys.stderr)
        print(format_text(errors), file=sys.stderr)
    return story


def play_window(args: argparse.Namespace, check: StoryCheck) -> int:
    """Run the game window with the options ``lowtide play`` was given."""
    _setup_logging()
    ready = prepare(args, check)
    if isinstance(ready, int):
        return ready
    app = ready.app
    try:
        start(ready)
        code = app.run()
    except KeyboardInterrupt:
        code = 130
    finally:
        finish(ready)
    if code != EXIT_OK and app.exit_message:
        _say(app.exit_message)
    return code
