"""Drawing helpers shared by the screens: theme, text layout, widgets, the scene, panels."""
