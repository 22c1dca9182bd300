"""The totals of a fuzz run, printed at the end of the session (and written where asked)."""

from __future__ import annotations

import json
import os

from tests.fuzz import budget


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not budget.COUNTS:
        return
    mode = "long" if budget.LONG else "bounded"
    parts = ", ".join(f"{n:,} {what} ({budget.SECONDS[what]:,.0f} s)"
                      for what, n in sorted(budget.COUNTS.items()))
    terminalreporter.write_line(f"fuzz ({mode}): {parts}; exit status {int(exitstatus)}")
    out = os.environ.get("LOWTIDE_FUZZ_REPORT")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump({"mode": mode, "counts": dict(budget.COUNTS),
                       "seconds": {k: round(v, 1) for k, v in budget.SECONDS.items()},
                       "exit_status": int(exitstatus)}, f, indent=1)
