"""Benchmarks of the story engine, run with ``make bench`` or ``python -m bench [name]``."""
