"""`python main.py ARGS` does what `lowtide ARGS` does."""

from game.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
