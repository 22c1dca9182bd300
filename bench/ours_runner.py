"""Our side of bench/peers.py: a worker that loads and plays a story when asked.

    python -m bench.ours_runner '{"story": "<story folder>"}'

It speaks the peers' protocol, one JSON object a line on stdin and on stdout (see
``bench/peers.py``): ``load`` (the story folder -> ``Story`` with ``load_story``), ``play``
(seeded random playthroughs through the Session API, producing every step's text),
``verify`` (the hash of a few playthroughs' transcript), ``memory`` (the resident set before
and after loading, its peak, and what tracemalloc counts), ``about`` and ``quit``. Every timing
is given as wall time and as this process's CPU time.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from bench.worker import peak_rss, rss, serve, timed


def play(story: Any, playthroughs: int, seed: int, max_steps: int, transcript: list | None) -> dict:
    """The shared policy: one xorshift32 stream, choice = next() % number of choices on offer."""
    from game.story.session import Session

    cast = story.default_cast()
    x = (seed & 0xFFFFFFFF) or 1
    choices = chars = 0
    for _ in range(playthroughs):
        session = Session.start(story, cast)
        step = 0
        while True:
            for line in session.lines():
                chars += len(line.text)
                if transcript is not None:
                    transcript.append(line.text)
            offered = session.choices()
            n = len(offered)
            if n == 0 or step >= max_steps:
                break
            for view in offered:
                chars += len(view.text)
                if transcript is not None:
                    transcript.append("* " + view.text)
            x ^= (x << 13) & 0xFFFFFFFF
            x ^= x >> 17
            x ^= (x << 5) & 0xFFFFFFFF
            index = x % n
            if transcript is not None:
                transcript.append(f"> {index}")
            session.choose(offered[index].index)
            choices += 1
            step += 1
        if transcript is not None:
            transcript.append("--")
    return {"choices": choices, "chars": chars}


class Runner:
    """One story, loaded again on each ``load``; the last one loaded is played."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.folder = config["story"]
        self.story: Any = None

    def load(self) -> dict[str, Any]:
        from game.story.load import load_story

        self.story = None
        (story, diagnostics), seconds = timed(lambda: load_story(self.folder))
        if story is None:
            raise RuntimeError(f"the story did not load: {[d.format() for d in diagnostics[:3]]}")
        self.story = story
        return {**seconds, "nodes": len(story.nodes)}

    def play(self, playthroughs: int, seed: int, max_steps: int) -> dict[str, Any]:
        done, seconds = timed(lambda: play(self.story, playthroughs, seed, max_steps, None))
        return {**seconds, **done}

    def verify(self, playthroughs: int, seed: int, max_steps: int) -> dict[str, Any]:
        transcript: list[str] = []
        play(self.story, playthroughs, seed, max_steps, transcript)
        digest = hashlib.sha256("\n".join(transcript).encode()).hexdigest()
        return {"sha256": digest, "head": transcript[:12]}

    def memory(self) -> dict[str, Any]:
        """In a fresh process: what loading costs in memory, kept and at most."""
        import tracemalloc

        from game.story.load import load_story

        gc.collect()
        before = rss()
        story, _ = load_story(self.folder)
        gc.collect()
        after, peak = rss(), peak_rss()
        tracemalloc.start()
        again, _ = load_story(self.folder)
        gc.collect()
        retained, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert story is not None and again is not None
        return {
            "rss_before_bytes": before,
            "retained_bytes": after - before,
            "peak_bytes": peak - before,
            "tracemalloc_retained_bytes": retained,
            "tracemalloc_peak_bytes": traced_peak,
            "story_files_bytes": sum(f.stat().st_size for f in Path(self.folder).rglob("*.json")),
        }

    def about(self) -> dict[str, Any]:
        try:
            from importlib.metadata import version

            ours = version("lowtide")
        except Exception:
            ours = "unknown"
        return {"version": ours, "python": sys.version.split()[0]}


def main() -> None:
    serve(Runner(json.loads(sys.argv[1])))


if __name__ == "__main__":
    main()
