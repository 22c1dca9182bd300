"""The bink side of bench/peers.py, run by it with the Python of bench/.venv-bink.

    bench/.venv-bink/bin/python -m bench.bink_runner '{"story": "<compiled ink JSON>"}'

A worker that speaks the peers' protocol (one JSON command a line on stdin, one JSON answer a
line on stdout; see ``bench/peers.py``): ``load`` (the compiled ink JSON file ->
``bink.story.Story``), ``play`` (seeded random playthroughs with the shared policy), ``verify``,
``memory``, ``about`` and ``quit``. Uses only the standard library, bink and
``bench/worker.py`` (the protocol loop, the clocks and the resident set it shares with
``bench/ours_runner.py``), never the game: it is run as a module from the project's folder, so
the ``bench`` package is found there, with bink's venv holding nothing else.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sys
from importlib import metadata
from typing import Any

from bench.worker import peak_rss, rss, serve, timed


def play(story: Any, playthroughs: int, seed: int, max_steps: int, transcript: list | None) -> dict:
    """The shared policy: one xorshift32 stream, choice = next() % number of choices on offer."""
    x = (seed & 0xFFFFFFFF) or 1
    choices = chars = 0
    for _ in range(playthroughs):
        story.reset_state()
        step = 0
        while True:
            while story.can_continue():
                text = story.cont()
                chars += len(text)
                if transcript is not None:
                    transcript.append(text[:-1] if text.endswith("\n") else text)
            offered = story.get_current_choices()
            n = len(offered)
            if n == 0 or step >= max_steps:
                break
            for i in range(n):
                text = offered[i]
                chars += len(text)
                if transcript is not None:
                    transcript.append("* " + text)
            x ^= (x << 13) & 0xFFFFFFFF
            x ^= x >> 17
            x ^= (x << 5) & 0xFFFFFFFF
            index = x % n
            if transcript is not None:
                transcript.append(f"> {index}")
            story.choose_choice_index(index)
            choices += 1
            step += 1
        if transcript is not None:
            transcript.append("--")
    return {"choices": choices, "chars": chars}


class Runner:
    def __init__(self, config: dict[str, Any]) -> None:
        self.path = config["story"]
        self.story: Any = None

    def _read(self) -> Any:
        from bink.story import Story

        with open(self.path, encoding="utf-8-sig") as f:
            text = f.read()
        return Story(text)

    def load(self) -> dict[str, Any]:
        self.story = None
        self.story, seconds = timed(self._read)
        return seconds

    def play(self, playthroughs: int, seed: int, max_steps: int) -> dict[str, Any]:
        done, seconds = timed(lambda: play(self.story, playthroughs, seed, max_steps, None))
        return {**seconds, **done}

    def verify(self, playthroughs: int, seed: int, max_steps: int) -> dict[str, Any]:
        transcript: list[str] = []
        play(self.story, playthroughs, seed, max_steps, transcript)
        digest = hashlib.sha256("\n".join(transcript).encode()).hexdigest()
        return {"sha256": digest, "head": transcript[:12]}

    def memory(self) -> dict[str, Any]:
        import bink.story  # noqa: F401  (the module's own memory is not the story's)

        gc.collect()
        before = rss()
        story = self._read()
        gc.collect()
        after, peak = rss(), peak_rss()
        assert story is not None
        return {"rss_before_bytes": before, "retained_bytes": after - before, "peak_bytes": peak - before}

    def about(self) -> dict[str, Any]:
        return {"version": metadata.version("bink"), "python": sys.version.split()[0]}


def main() -> None:
    serve(Runner(json.loads(sys.argv[1])))


if __name__ == "__main__":
    main()
