"""Low Tide: a branching narrative game and the engine that plays it."""

__version__ = "0.1.0"
