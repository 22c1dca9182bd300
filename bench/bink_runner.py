"""The bink side of bench/peers.py, run by it with the Python of bench/.venv-bink.

    bench/.venv-bink/bin/python bench/bink_runner.py '{"story": "<compiled ink JSON>"}'

A worker that speaks the peers' protocol (one JSON command a line on stdin, one JSON answer a
line on stdout; see ``bench/peers.py``): ``load`` (the compiled ink JSON file ->
``bink.story.Story``), ``play`` (seeded random playthroughs with the shared policy), ``verify``,
``memory``, ``about`` and ``quit``. Uses only the standard library and bink, so it never
imports the game; the protocol loop repeats ``bench/ours_runner.py``'s for that reason.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import resource
import sys
import time
from importlib import metadata
from typing import Any


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


def rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


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
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        story = self._read()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        self.story = story
        return {"wall_s": wall, "cpu_s": cpu}

    def play(self, playthroughs: int, seed: int, max_steps: int) -> dict[str, Any]:
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        done = play(self.story, playthroughs, seed, max_steps, None)
        return {"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0, **done}

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
        after = rss()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        assert story is not None
        return {"rss_before_bytes": before, "retained_bytes": after - before, "peak_bytes": peak - before}

    def about(self) -> dict[str, Any]:
        return {"version": metadata.version("bink"), "python": sys.version.split()[0]}


def main() -> None:
    runner = Runner(json.loads(sys.argv[1]))
    for line in sys.stdin:
        command = json.loads(line)
        op = command.pop("op")
        if op == "quit":
            return
        try:
            answer = getattr(runner, op)(**command)
        except Exception as err:
            sys.stdout.write(json.dumps({"error": f"{op}: {type(err).__name__}: {err}"}) + "\n")
            sys.stdout.flush()
            return
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
