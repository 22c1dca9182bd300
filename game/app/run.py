"""`lowtide play` in a window: check for a display, build the app, pick the first screen, run.

Exit codes: 0 when a person quits or a driven run reaches an ending; 1 when the story cannot be
played, no display is available, or a driven run ends without an ending; 2 for bad options.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass
class Prepared:
    """A window ready to run: the app, its recorder, and the first session (if any)."""

    app: Any
    recorder: Any
    session: Any
    #: developer mode, a story that does not load yet: its folder, watched until it does
    waiting: Path | None = None
    args: argparse.Namespace | None = None


def prepare(args: argparse.Namespace) -> Prepared | int:
    """Everything ``play_window`` needs, or an exit code after printing why it cannot start."""
    autoplay = getattr(args, "autoplay", None)
    script_path: Path | None = getattr(args, "input_script", None)
    driven = bool(autoplay or script_path)
    if not has_display():
        if driven:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
        else:
            print("lowtide: no display is available (DISPLAY and WAYLAND_DISPLAY are not set).",
                  file=sys.stderr)
            print("Play in the terminal instead: lowtide play --text", file=sys.stderr)
            return EXIT_ERRORS
    if driven:
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if autoplay is not None and not autoplay.strip():
        print("lowtide play: --autoplay wants random, first, or reply kinds", file=sys.stderr)
        return EXIT_USAGE

    from game.app import drive

    commands = None
    if script_path is not None:
        try:
            text = Path(script_path).read_text("utf-8")
            commands = drive.parse_script(text, str(script_path))
        except OSError as err:
            print(f"lowtide play: cannot read the input script {script_path}: "
                  f"{err.strerror or err}", file=sys.stderr)
            return EXIT_USAGE
        except drive.ScriptError as err:
            print(f"lowtide play: {err}", file=sys.stderr)
            return EXIT_USAGE

    story_path: Path | None = getattr(args, "story", None)
    if story_path is None and autoplay and not script_path:
        from game import paths

        story_path = paths.default_story()
        if story_path is None:
            print("lowtide: no stories found to play", file=sys.stderr)
            return EXIT_ERRORS

    session = None
    waiting = None
    if story_path is not None:
        from game.tools.play import UsageError, load_for_play, start_session

        if getattr(args, "dev", False) and not driven_only(args):
            story = _load_for_dev(Path(story_path))
            if story is None:  # developer mode: show the errors and wait for a fix
                from game.app.dev import story_folder

                waiting = story_folder(Path(story_path))
        else:
            story = load_for_play(story_path)
            if story is None:
                return EXIT_ERRORS
    if story_path is not None and story is not None:
        try:
            session = start_session(story, args)
        except UsageError as err:
            print(f"lowtide play: {err}", file=sys.stderr)
            return EXIT_USAGE
        if autoplay and autoplay not in ("random", "first"):
            unknown = [k for k in autoplay.split(",") if k.strip() and k.strip() not in
                       story.kinds]
            if unknown:
                known = ", ".join(sorted(story.kinds)) or "none"
                print(f"lowtide play: --autoplay: no reply kind {', '.join(unknown)} in this "
                      f"story (kinds: {known})", file=sys.stderr)
                return EXIT_USAGE

    import pygame

    from game.app.loop import App
    from game.app.services import Options, Services

    pygame.init()
    services = Services(options=Options(
        story=story_path, name=getattr(args, "name", None),
        pronouns=getattr(args, "pronouns", None), start=getattr(args, "start", None),
        values=list(getattr(args, "values", []) or []), driven=driven,
        dev=bool(getattr(args, "dev", False))))
    _keep_things(services, getattr(args, "data_dir", None), driven)
    shots = getattr(args, "screenshot_dir", None)
    recorder = drive.Recorder(shots, getattr(args, "transcript", None))
    driver = None
    if driven:
        base = Path(script_path).parent if script_path else Path.cwd()
        script = drive.Script(commands, shots, base) if commands is not None else None
        auto = drive.Autoplay(autoplay, getattr(args, "seed", None)) if autoplay else None
        driver = drive.Driver(recorder, auto, script)
    max_frames = getattr(args, "max_frames", None)
    if max_frames is None and driven:
        max_frames = DRIVEN_MAX_FRAMES
    app = App(services, driver=driver, max_frames=max_frames,
              fixed_dt=1 / 60 if driven else None)
    app.observers.append(recorder.observe)
    return Prepared(app, recorder, session, waiting, args)


def _keep_things(services: Any, data_dir: Path | None, driven: bool) -> None:
    """Saves, settings and progress (in ``data_dir`` when given), and sound.

    Driven runs save like any other; they read the stored settings only from an explicit
    ``--data-dir``, so a player's own settings never change what a test or tool sees.
    """
    from game.app import persist
    from game.app.audio import Audio

    kept = persist.Persist.open(data_dir)
    persist.use(kept)
    services.persist = kept
    if data_dir is not None or not driven:
        services.settings = kept.settings.load()
    services.audio = Audio(settings=services.settings)


def start(prepared: Prepared) -> None:
    """Open the window and show the first screen: play when a story was given, else the title."""
    from game.app import flow

    prepared.app.open_window()
    from game.app import keep

    keep.apply_settings(prepared.app, None, prepared.app.services.settings)
    if prepared.session is not None:
        flow.play(prepared.app, prepared.session)
    elif prepared.waiting is not None:
        flow.wait_for_story(prepared.app, prepared.waiting, prepared.args)
    else:
        flow.to_title(prepared.app)


def driven_only(args: argparse.Namespace) -> bool:
    """A run that picks its own replies (--autoplay): it has no one to wait for a fix."""
    return bool(getattr(args, "autoplay", None))


def _load_for_dev(path: Path) -> Any:
    """The story by developer mode's rule (it loads and lints without errors), else None after
    printing the errors; the window then shows them and waits."""
    from game.app import dev
    from game.story.diagnostics import format_text

    story, _, errors = dev.load_checked(dev.story_folder(path))
    if story is None:
        print(f"lowtide: the story in {path} has errors; the window waits for a fix:",
              file=sys.stderr)
        print(format_text(errors), file=sys.stderr)
    return story


def play_window(args: argparse.Namespace) -> int:
    """Run the game window with the options ``lowtide play`` was given."""
    _setup_logging()
    ready = prepare(args)
    if isinstance(ready, int):
        return ready
    import pygame

    app, recorder = ready.app, ready.recorder
    try:
        start(ready)
        code = app.run()
    except KeyboardInterrupt:
        code = 130
    finally:
        if recorder.transcript is not None and recorder.session is not None:
            recorder.write_transcript()
        pygame.quit()
    if code != EXIT_OK and app.exit_message:
        print(f"lowtide play: {app.exit_message}", file=sys.stderr)
    return code
