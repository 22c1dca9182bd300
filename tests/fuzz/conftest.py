"""The totals of a fuzz run, printed at the end of the session (and written where asked)."""

from __future__ import annotations

import json
import os
import time

from tests.fuzz import budget

_STARTED = time.perf_counter()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not budget.COUNTS:
        return
    seconds = time.perf_counter() - _STARTED
    mode = "long" if budget.LONG else "bounded"
    parts = ", ".join(f"{n:,} {what}" for what, n in sorted(budget.COUNTS.items()))
    terminalreporter.write_line(f"fuzz ({mode}): {parts} in {seconds:,.0f} s "
                                f"(exit status {int(exitstatus)})")
    out = os.environ.get("LOWTIDE_FUZZ_REPORT")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump({"mode": mode, "seconds": round(seconds, 1), "counts": dict(budget.COUNTS),
                       "exit_status": int(exitstatus)}, f, indent=1)
