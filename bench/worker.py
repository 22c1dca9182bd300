"""What the peers' Python workers share: ``bench/ours_runner.py`` and ``bench/bink_runner.py``.

Both answer ``bench/peers.py`` one JSON command a line (``serve``), time a load or a play the
same way (``timed``: a full collection first, then wall and CPU clocks around the call) and
read their resident set alike. bink's runner runs under the Python of ``bench/.venv-bink``,
which has nothing of the game installed, so this module uses the standard library only.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def timed(call: Callable[[], T]) -> tuple[T, dict[str, float]]:
    """What ``call()`` returns, and the seconds it took as ``{"wall_s", "cpu_s"}`` (this
    process's CPU time). Garbage left by earlier work is collected before the clocks start."""
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    result = call()
    return result, {"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0}


def rss() -> int:
    """The resident set size of this process in bytes (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def peak_rss() -> int:
    """The largest resident set this process has had, in bytes (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def serve(runner: Any, stdin: Any = sys.stdin, stdout: Any = sys.stdout) -> None:
    """Answer one JSON command a line (``{"op": "load", ...}`` calls ``runner.load(...)``)
    until ``quit`` or the end of input; a failure is answered with ``{"error": ...}`` and ends
    the worker."""
    for line in stdin:
        command = json.loads(line)
        op = command.pop("op")
        if op == "quit":
            return
        try:
            answer = getattr(runner, op)(**command)
        except Exception as err:  # reported to the orchestrator, which says what failed
            stdout.write(json.dumps({"error": f"{op}: {type(err).__name__}: {err}"}) + "\n")
            stdout.flush()
            return
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()
