"""One module per screen of the window; none imports another (the loop builds them by name
from the registry in ``game.app.screens``)."""
