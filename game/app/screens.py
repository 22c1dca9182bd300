"""Every screen of the window, by the name transitions use: the one registry, built by the
entry point (``game.app.run``) and handed to the loop.

Adding a screen: write its module in ``states/`` (a ``Screen`` subclass with a ``name``), add
the class below, and open it from another screen with ``Push("its-name", arg=value)``.
"""

from __future__ import annotations

from game.app.screen import Registry, Screen
from game.app.states.confirm import ConfirmScreen
from game.app.states.console import ConsoleScreen
from game.app.states.devwait import DevWaitScreen
from game.app.states.ending import EndingScreen
from game.app.states.error import ErrorScreen
from game.app.states.flowchart import FlowchartScreen
from game.app.states.gallery import GalleryScreen
from game.app.states.help import HelpScreen
from game.app.states.history import HistoryScreen
from game.app.states.notice import NoticeScreen
from game.app.states.pause import PauseScreen
from game.app.states.picker import PickerScreen
from game.app.states.play import PlayScreen
from game.app.states.saveload import SaveLoadScreen
from game.app.states.settings import SettingsScreen
from game.app.states.setup import SetupScreen
from game.app.states.title import TitleScreen

SCREENS: tuple[type[Screen], ...] = (
    TitleScreen,
    PickerScreen,
    SetupScreen,
    PlayScreen,
    PauseScreen,
    EndingScreen,
    SaveLoadScreen,
    HistoryScreen,
    SettingsScreen,
    GalleryScreen,
    FlowchartScreen,
    NoticeScreen,
    ConfirmScreen,
    HelpScreen,
    ErrorScreen,
    ConsoleScreen,
    DevWaitScreen,
)


def registry() -> Registry:
    """Each screen class under its own ``name`` (what ``wait-for`` in input scripts names too)."""
    return Registry({screen.name: screen for screen in SCREENS})
