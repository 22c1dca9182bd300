"""Generators for Low Tide's drawn art: tiles, sprites, portraits, title layers, UI and maps."""
