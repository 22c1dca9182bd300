"""Run every benchmark present, or the ones named: ``python -m bench [peers|tools|explorer|frame|standalone|maps ...]``.

A benchmark is a module of this package with a ``main()``; each writes its results under
``bench/results/``. ``make bench`` runs them all.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import time

BENCHMARKS = ("peers", "tools", "explorer", "frame", "standalone", "maps", "studio", "soak")


def main(argv: list[str] | None = None) -> int:
    names = list(sys.argv[1:] if argv is None else argv)
    if any(n in ("-h", "--help") for n in names):
        print(__doc__.strip())
        print("benchmarks present:", ", ".join(n for n in BENCHMARKS if _present(n)))
        return 0
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    chosen = names or [n for n in BENCHMARKS if _present(n)]
    failed = []
    for name in chosen:
        if not _present(name):
            print(f"bench/{name}.py is not here; skipped", file=sys.stderr)
            continue
        print(f"== bench {name}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        # A benchmark may read options from the command line: give it none, so defaults apply.
        saved, sys.argv = sys.argv, [f"python -m bench.{name}"]
        try:
            code = module.main()
        finally:
            sys.argv = saved
        print(f"== bench {name}: done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        if code:
            failed.append(name)
    return 1 if failed else 0


def _present(name: str) -> bool:
    return importlib.util.find_spec(f"bench.{name}") is not None


if __name__ == "__main__":
    raise SystemExit(main())
