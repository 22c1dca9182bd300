"""The bink side of bench/peers.py, run by it with the Python of bench/.venv-bink.

    bench/.venv-bink/bin/python bench/bink_runner.py '<json config>'

Times loading the compiled ink JSON into a ``bink.story.Story`` and playing seeded random
playthroughs with the same policy as the other runtimes; prints one JSON object. Uses only the
standard library and bink, so it never imports the game.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from importlib import metadata


def play(story, playthroughs: int, seed: int, max_steps: int, transcript: list | None) -> dict:
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


def main() -> None:
    from bink.story import Story

    config = json.loads(sys.argv[1])
    loads = []
    story = None
    for _ in range(config["load_repeats"]):
        t0 = time.perf_counter()
        with open(config["json"], encoding="utf-8-sig") as f:
            text = f.read()
        story = Story(text)
        loads.append(time.perf_counter() - t0)
    plays = []
    for _ in range(config["repeats"]):
        t0 = time.perf_counter()
        r = play(story, config["playthroughs"], config["seed"], config["max_steps"], None)
        plays.append({"seconds": time.perf_counter() - t0, **r})
    transcript: list[str] = []
    play(story, config["verify"], config["seed"], config["max_steps"], transcript)
    digest = hashlib.sha256("\n".join(transcript).encode()).hexdigest()
    out = {
        "load_s": loads,
        "plays": plays,
        "transcript_sha256": digest,
        "transcript_head": transcript[:12],
        "version": metadata.version("bink"),
        "python": sys.version.split()[0],
    }
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main()
