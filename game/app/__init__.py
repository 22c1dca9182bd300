"""The game window (pygame-ce): screens, drawing, saves, settings, sound. See
docs/architecture.md for how its parts fit together."""

import os

# pygame greets on import; the window speaks for itself
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
