"""The scene behind play: the Tiled map of the session's scene, the figures walking to the spots
the session places them at, the camera following the partner, the light following the tension,
the cross-fade from one scene to the next, and the new scene's name for a few seconds.

Play owns the dialogue; the stage is everything under it, and asks play only where the dialogue
box's top is (the camera keeps the one it follows in the open room above it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

import pygame

from game.app.render import light, theme
from game.app.render.images import Images
from game.app.render.mapview import Figure, SceneView
from game.app.render.text import Lettering
from game.app.render.veil import bottom_shade
from game.app.render.widgets import panel
from game.story.model import Story
from game.story.session import Session

log = logging.getLogger("lowtide.app")

FOCUS_X = 700  # where across the screen the camera keeps the one it follows
SCENE_FADE = 0.7
LABEL_SECONDS = 3.5


class Staging(Lettering, Protocol):
    """What the stage needs of the run's services: lettering, and images for the sprites."""

    images: Images


class Stage:
    """The scene, its figures, camera and light for one story (``bind`` another when developer
    mode reloads it)."""

    def __init__(self, services: Staging, story: Story, room_top: Callable[[], int]):
        self.services = services
        self.room_top = room_top  # the dialogue box's top
        self.scene: SceneView | None = None
        self.scene_id: str | None = None
        self.figures: dict[str, Figure] = {}
        self.old_frame: pygame.Surface | None = None
        self.scene_fade = 1.0
        self.label_time = 0.0
        self.label: pygame.Surface | None = None
        self.label_rect = pygame.Rect(0, 0, 0, 0)  # where the scene's name was last drawn
        self.camera: tuple[float, float] | None = None
        self.bind(story)
        self.mood = 0.0

    def bind(self, story: Story) -> None:
        """Draw from ``story`` (its maps made again as they are needed)."""
        self.story = story
        self.scenes: dict[str | None, SceneView] = {}
        self.scene, self.scene_id = None, None
        self.tension_var = light.tension_variable(story)

    def tension(self, session: Session) -> float:
        """How tense the light should be for the session's values."""
        return light.tension(self.tension_var, session.values)

    # -- following the session -------------------------------------------------------------

    def follow(self, session: Session, snap: bool = False) -> None:
        """To the session's scene, and its figures to the spots it places them at."""
        self._follow_scene(session.scene)
        self._follow_places(session.places, snap)

    def _follow_scene(self, sid: str | None) -> None:
        pal = self.services.palette
        if sid == self.scene_id and self.scene is not None:
            return
        if self.scene is not None:
            self.old_frame = self.frame().copy()
            self.scene_fade = 0.0
        self.camera = None
        view = self.scenes.get(sid)
        if view is None:
            scene = self.story.scenes.get(sid) if sid else None
            path = self.story.asset(scene.map) if scene and scene.map else None
            view = SceneView(path, root=self.story.root)
            self.scenes[sid] = view
        self.scene, self.scene_id = view, sid
        self.figures = {}
        scene = self.story.scenes.get(sid) if sid else None
        if scene and scene.label:
            self.label = self.services.text.line(scene.label, self.services.font("serif-italic", 26),
                                                 pal.STAR)
            self.label_time = LABEL_SECONDS

    def _follow_places(self, places: dict[str, str], snap: bool = False) -> None:
        """Figures to the spots the session places them at: they walk there, or with ``snap``
        (going back) stand there at once, and no one stays who is not placed now."""
        view = self.scene
        if view is None:
            return
        if snap:
            self.figures = {cid: fig for cid, fig in self.figures.items() if cid in places}
        for cid, spot_name in places.items():
            spot = view.spot(spot_name)
            if spot is None:
                log.warning("spot '%s' is not in this scene's map", spot_name)
                continue
            fig = self.figures.get(cid)
            if fig is None:
                self.figures[cid] = Figure(self._sprite(cid), spot[0], spot[1], spot[0], spot[1])
            else:
                fig.tx, fig.ty = spot
            if snap:
                fig = self.figures[cid]
                fig.x, fig.y, fig.phase = fig.tx, fig.ty, 0.0

    def _sprite(self, cid: str) -> pygame.Surface:
        pal = self.services.palette
        char = self.story.characters.get(cid)
        images = self.services.images
        if char is not None and char.sprite:
            found = images.try_load(self.story.asset(char.sprite))
            if found is not None:
                return found
        colour = theme.hex_colour(char.color if char else None, pal.PLUM_LIGHT)
        return _figure_placeholder(colour)

    # -- time ------------------------------------------------------------------------------

    def still(self) -> None:
        """No cross-fade (reduced motion)."""
        self.scene_fade, self.old_frame = 1.0, None

    def update(self, dt: float, session: Session, reduced_motion: bool) -> None:
        for fig in self.figures.values():
            fig.update(dt)
        if self.scene is not None:
            self.scene.update(dt)
        self._follow_camera(0.0 if reduced_motion else dt)
        target = self.tension(session)
        self.mood += (target - self.mood) * min(1.0, dt * 1.1)
        if abs(target - self.mood) < 0.004:
            self.mood = target

    def fade(self, dt: float) -> None:
        """The cross-fade and the scene's name, a moment on."""
        if self.scene_fade < 1.0:
            self.scene_fade = min(1.0, self.scene_fade + dt / SCENE_FADE)
            if self.scene_fade >= 1.0:
                self.old_frame = None
        self.label_time = max(0.0, self.label_time - dt)

    def _focus(self) -> tuple[float, float] | None:
        """The point the camera follows: the partner when placed, else everyone placed."""
        if not self.figures:
            return None
        partner = self.story.partner
        if partner is not None and partner.id in self.figures:
            fig = self.figures[partner.id]
            return fig.x, fig.y
        xs = [f.x for f in self.figures.values()]
        ys = [f.y for f in self.figures.values()]
        return sum(xs) / len(xs), sum(ys) / len(ys)

    def _follow_camera(self, dt: float) -> None:
        view = self.scene
        if view is None:
            return
        focus = self._focus()
        if focus is None:
            w, h = view.size
            focus = (w / 2, h / 2)
        # keep the one followed in the open room above the dialogue box
        at_y = int(max(150, min(300, self.room_top() * 0.62)))
        target = view.camera_for(focus, (FOCUS_X, at_y))
        if self.camera is None or dt <= 0:
            self.camera = target
            return
        k = min(1.0, dt * 1.6)
        cx, cy = self.camera
        nx, ny = cx + (target[0] - cx) * k, cy + (target[1] - cy) * k
        if abs(target[0] - nx) < 0.5 and abs(target[1] - ny) < 0.5:
            nx, ny = target
        self.camera = (nx, ny)

    # -- drawing ---------------------------------------------------------------------------

    def frame(self) -> pygame.Surface:
        """The scene as the camera sees it, figures and light included."""
        assert self.scene is not None
        if self.camera is None:
            self._follow_camera(0.0)
        return self.scene.compose(list(self.figures.values()), self.mood,
                                  self.camera or (0, 0),
                                  bottom_shade(self.services.palette.NIGHT_DEEP))

    def draw(self, surface: pygame.Surface) -> None:
        """The scene, with the one before it fading out over it."""
        if self.scene is not None:
            surface.blit(self.frame(), (0, 0))
        if self.old_frame is not None and self.scene_fade < 1.0:
            self.old_frame.set_alpha(int(255 * (1 - self.scene_fade)))
            surface.blit(self.old_frame, (0, 0))

    def draw_label(self, surface: pygame.Surface, beside: pygame.Rect | None) -> None:
        """The new scene's name, for a few seconds, over everything in the room it names
        (``beside``: the dynamics panel, when shown: the name goes beside it if it has risen
        to the name's height)."""
        pal = self.services.palette
        if self.label is None or self.label_time <= 0:
            return
        a = int(255 * min(1.0, self.label_time / 1.0, (LABEL_SECONDS - self.label_time) / 0.6))
        if a <= 0:
            return
        lw, lh = self.label.get_size()
        x = theme.MARGIN - 20
        if beside is not None and beside.w and beside.top < 30 + lh + 16:
            x = beside.right + 16  # the panel has risen to the name's height: go beside it
        tag = pygame.Rect(x, 30, lw + 40, lh + 16)
        if tag.bottom + 24 > self.room_top():
            return  # large text brought the dialogue up here: the speaker's name comes first
        self.label_rect = tag
        shade = panel((tag.w, tag.h), pal.NIGHT_DEEP, 150, tag.h // 2, pal=pal)
        shade.set_alpha(a)
        surface.blit(shade, tag.topleft)
        shade.set_alpha(255)
        self.label.set_alpha(a)
        surface.blit(self.label, (tag.x + 20, tag.y + 8))
        self.label.set_alpha(255)


def _figure_placeholder(colour: tuple[int, int, int]) -> pygame.Surface:
    """A simple rounded figure for a character without a sprite."""
    surf = pygame.Surface((32, 64), pygame.SRCALPHA)
    pygame.draw.ellipse(surf, (0, 0, 0, 50), (4, 56, 24, 8))
    pygame.draw.rect(surf, colour, (8, 22, 16, 36), border_radius=8)
    pygame.draw.circle(surf, theme.DEFAULT.SAND, (16, 14), 9)
    return surf
