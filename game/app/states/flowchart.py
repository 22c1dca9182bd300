"""The flowchart: the story's graph top to bottom, this playthrough's path drawn over it.

Nodes seen in any playthrough are drawn full, never-seen ones dimmed; endings carry their
dynamic's colour. Labels appear only when zoomed in enough to read them, so a story of
hundreds of nodes stays calm at a glance.

Mouse: drag to pan, the wheel zooms where it points, a click selects a node (a seen one shows
its line). Keys: arrows (or WASD) pan, + and - zoom, 0 fits the whole story, C centres on where
you are, Tab / Shift+Tab step through the seen nodes, Esc closes.
"""

from __future__ import annotations

import pygame

from game.app import endinghints, flowgraph
from game.app.keymods import shift
from game.app.render import sheet, theme
from game.app.render.widgets import blit_panel
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop
from game.story.model import Story
from game.story.text import Cast

VIEW = pygame.Rect(0, 96, theme.WIDTH, theme.HEIGHT - 96)
MIN_ZOOM, MAX_ZOOM = 0.08, 2.5
LABEL_ZOOM = 0.6  # below this, nodes are drawn without names
PAN_STEP = 90
CARD_W = 400  # the card of the selected place, at the left of the view


class FlowchartScreen(Screen):
    name = "flowchart"

    def __init__(self, app: Window, story: Story, path: list[str] | tuple[str, ...] = (),
                 current: str | None = None, cast: Cast | None = None):
        super().__init__(app)
        self.keep = app.services.keep
        self.story = story
        self.cast = cast  # the player's names and pronouns (the partner unnamed without them)
        self.graph = flowgraph.build(story, self.keep.seen(story.id), path, current)
        self.hints = endinghints.hints(story)
        self.current = current
        self.selected: str | None = current if current in self.graph.nodes else None
        self.zoom = self.target_zoom = 1.0
        focus = self.graph.nodes.get(current or self.graph.start)
        cx = self.graph.width / 2
        cy = focus.y if focus is not None else 0.0
        self.cx, self.cy = self.tx, self.ty = cx, cy
        self.drag_from: tuple[int, int] | None = None
        self.dragged = 0.0
        self.back = sheet.Button("Back", pygame.Rect(theme.WIDTH - 150, 30, 110, 36), dark=True)
        y = theme.HEIGHT - 56
        self.buttons = {
            "in": sheet.Button("+", pygame.Rect(theme.WIDTH - 196, y, 44, 36), dark=True),
            "out": sheet.Button("−", pygame.Rect(theme.WIDTH - 146, y, 44, 36), dark=True),
            "fit": sheet.Button("All", pygame.Rect(theme.WIDTH - 96, y, 56, 36), dark=True),
        }
        if len(self.graph.nodes) > 60 and focus is None:
            self.fit()

    # -- camera ----------------------------------------------------------------------------------

    def area(self) -> pygame.Rect:
        """The part of the view the map is centred in: beside the card of the selected place
        (which keeps the left of the view), so the card never covers what it describes."""
        if self.selected is None:
            return VIEW
        return pygame.Rect(CARD_W + 60, VIEW.y, VIEW.right - CARD_W - 60, VIEW.h)

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        c = self.area().center
        return (int((x - self.cx) * self.zoom + c[0]), int((y - self.cy) * self.zoom + c[1]))

    def to_graph(self, sx: float, sy: float) -> tuple[float, float]:
        c = self.area().center
        return ((sx - c[0]) / self.zoom + self.cx, (sy - c[1]) / self.zoom + self.cy)

    def pan(self, dx: float, dy: float) -> None:
        """Move the view by (dx, dy) screen pixels."""
        self.tx += dx / self.target_zoom
        self.ty += dy / self.target_zoom
        self._bound()

    def zoom_by(self, factor: float, at: tuple[float, float] | None = None) -> None:
        """Zoom by ``factor`` keeping the graph point under ``at`` (screen) where it is."""
        c = self.area().center
        at = at or c
        gx = (at[0] - c[0]) / self.target_zoom + self.tx
        gy = (at[1] - c[1]) / self.target_zoom + self.ty
        self.target_zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.target_zoom * factor))
        self.tx = gx - (at[0] - c[0]) / self.target_zoom
        self.ty = gy - (at[1] - c[1]) / self.target_zoom
        self._bound()

    def fit(self) -> None:
        g = self.graph
        area = self.area()
        zx = (area.w - 160) / max(1.0, g.width)
        zy = (area.h - 120) / max(1.0, g.height)
        self.target_zoom = min(1.0, max(MIN_ZOOM, min(zx, zy)))
        self.tx, self.ty = g.width / 2, g.height / 2

    def centre_on(self, node_id: str) -> None:
        node = self.graph.nodes.get(node_id)
        if node is not None:
            self.tx, self.ty = node.x, node.y

    def _bound(self) -> None:
        g = self.graph
        self.tx = min(max(self.tx, -200.0), g.width + 200.0)
        self.ty = min(max(self.ty, -200.0), g.height + 200.0)

    # -- input -----------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Next:
        if self.back.handle_event(event):
            return self._close()
        for name, button in self.buttons.items():
            if button.handle_event(event):
                {"in": lambda: self.zoom_by(1.25), "out": lambda: self.zoom_by(0.8),
                 "fit": self.fit}[name]()
                return None
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos() if pygame.display.get_surface() else VIEW.center
            self.zoom_by(1.15 ** event.y, pos if VIEW.collidepoint(pos) else None)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if VIEW.collidepoint(event.pos):
                self.drag_from = event.pos
                self.dragged = 0.0
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return self._close()
        elif event.type == pygame.MOUSEMOTION and self.drag_from is not None:
            dx, dy = event.pos[0] - self.drag_from[0], event.pos[1] - self.drag_from[1]
            self.dragged += abs(dx) + abs(dy)
            self.drag_from = event.pos
            self.tx -= dx / self.zoom
            self.ty -= dy / self.zoom
            self.cx, self.cy = self.tx, self.ty
            self._bound()
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            if self.drag_from is not None and self.dragged < 6:
                self.select_at(event.pos)
            self.drag_from = None
        return None

    def _key(self, event: pygame.event.Event) -> Next:
        k = event.key
        pans = {pygame.K_LEFT: (-1, 0), pygame.K_a: (-1, 0), pygame.K_RIGHT: (1, 0),
                pygame.K_d: (1, 0), pygame.K_UP: (0, -1), pygame.K_w: (0, -1),
                pygame.K_DOWN: (0, 1), pygame.K_s: (0, 1)}
        if k in (pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_f):
            return self._close()
        if k in pans:
            dx, dy = pans[k]
            self.pan(dx * PAN_STEP, dy * PAN_STEP)
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.zoom_by(1.25)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.zoom_by(0.8)
        elif k in (pygame.K_0, pygame.K_KP0, pygame.K_HOME):
            self.fit()
        elif k == pygame.K_c and self.current:
            self.selected = self.current
            self.centre_on(self.current)
        elif k == pygame.K_TAB:
            back = shift(event)
            self.step_selection(-1 if back else 1)
        elif k == pygame.K_PAGEUP:
            self.pan(0, -VIEW.h * 0.8)
        elif k == pygame.K_PAGEDOWN:
            self.pan(0, VIEW.h * 0.8)
        return None

    def select_at(self, pos) -> None:
        gx, gy = self.to_graph(*pos)
        radius = max(14.0, 18 / self.zoom)
        node = self.graph.near(gx, gy, radius)
        self.selected = node.id if node is not None else None
        if node is not None:
            self.keep.sound("move")

    def step_selection(self, step: int) -> None:
        order = [n.id for n in self.graph.seen_in_order()]
        if not order:
            return
        i = order.index(self.selected) if self.selected in order else (-1 if step > 0 else 0)
        self.selected = order[(i + step) % len(order)]
        self.centre_on(self.selected)
        if self.target_zoom < LABEL_ZOOM:
            self.target_zoom = 1.0
        self.keep.sound("move")

    def _close(self) -> Next:
        self.keep.sound("back")
        return Pop(None)

    def update(self, dt: float) -> None:
        still = self.app.services.settings.reduced_motion or dt <= 0
        k = 1.0 if still else min(1.0, dt * 12)
        self.cx += (self.tx - self.cx) * k
        self.cy += (self.ty - self.cy) * k
        self.zoom += (self.target_zoom - self.zoom) * k
        if abs(self.target_zoom - self.zoom) < 1e-3:
            self.zoom = self.target_zoom

    def spoken(self) -> str | None:
        """The selected place as its card tells it; with none, what the chart shows and how
        to step through it."""
        card = self.card()
        if card is not None:
            heading, body = card
            return f"{heading}. {body}" if body else heading
        seen = sum(1 for n in self.graph.nodes.values() if n.seen)
        return (f"The paths of {self.story.title}: {seen} of {len(self.graph.nodes)} places "
                "seen. Tab steps through the places seen.")

    def drive_hint(self):
        return {"action": "flowchart", "zoom": self.zoom, "centre": (self.cx, self.cy),
                "selected": self.selected}

    # -- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        surface.fill(pal.NIGHT_DEEP)
        clip = surface.get_clip()
        surface.set_clip(VIEW)
        self._draw_edges(surface)
        self._draw_nodes(surface)
        surface.set_clip(clip)
        self._draw_header(surface)
        self._draw_selection(surface)
        for button in self.buttons.values():
            button.draw(surface, sv)
        self.back.draw(surface, sv)

    def _visible(self, x: int, y: int, margin: int = 40) -> bool:
        return -margin <= x - VIEW.x <= VIEW.w + margin and -margin <= y - VIEW.y <= VIEW.h + margin

    def _draw_edges(self, surface: pygame.Surface) -> None:
        pal = self.palette
        g = self.graph
        nodes = g.nodes
        width = max(1, int(2 * min(1.0, self.zoom)))
        for a, b in g.edges:
            na, nb = nodes[a], nodes[b]
            pa, pb = self.to_screen(na.x, na.y), self.to_screen(nb.x, nb.y)
            if not (self._visible(*pa, 400) or self._visible(*pb, 400)):
                continue
            on = (a, b) in g.path_edges
            if on:
                continue
            seen = na.seen and nb.seen
            colour = pal.SEA_LIGHT if seen else pal.TEAL
            _edge(surface, colour, pa, pb, width, back=nb.y <= na.y)
        for a, b in g.path_edges:
            na, nb = nodes[a], nodes[b]
            pa, pb = self.to_screen(na.x, na.y), self.to_screen(nb.x, nb.y)
            _edge(surface, pal.AMBER, pa, pb, max(3, int(4 * min(1.0, self.zoom))),
                  back=nb.y <= na.y)

    def _draw_nodes(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        z = self.zoom
        r = max(3, int(11 * min(1.4, z)))
        labels = z >= LABEL_ZOOM
        font = sv.font("sans", max(12, int(14 * min(1.3, z))))
        for node in self.graph.nodes.values():
            x, y = self.to_screen(node.x, node.y)
            if not self._visible(x, y):
                continue
            if node.kind == "ending":
                colour = node.colour if node.seen else _dim(node.colour, pal)
                rr = r + 3
                pygame.draw.circle(surface, colour, (x, y), rr)
                if node.seen:
                    pygame.draw.circle(surface, pal.STAR, (x, y), rr, 2)
            elif node.kind == "route":
                s = max(2, r // 2 + 1)
                pts = [(x, y - s - 2), (x + s + 2, y), (x, y + s + 2), (x - s - 2, y)]
                pygame.draw.polygon(surface, pal.SEA_LIGHT if node.seen else pal.TEAL, pts)
            elif node.seen:
                pygame.draw.circle(surface, pal.CREAM, (x, y), r)
            else:
                pygame.draw.circle(surface, pal.NIGHT, (x, y), r)
                pygame.draw.circle(surface, pal.TEAL, (x, y), r, 2)
            if node.on_path and node.kind != "ending":
                pygame.draw.circle(surface, pal.AMBER, (x, y), r + 3, 2)
            if node.id == self.current:
                pygame.draw.circle(surface, pal.AMBER_LIGHT, (x, y), r + 8, 2)
            if node.id == self.selected:
                pygame.draw.circle(surface, pal.STAR, (x, y), r + 12, 2)
            if labels and node.kind != "route" and node.seen:
                # a place never seen keeps its name, as the endings page keeps a locked
                # ending's title: nothing of what is ahead is given away
                text = sv.text.line(node.label, font, pal.CREAM)
                surface.blit(text, (x - text.get_width() // 2, y + r + 6))

    def _draw_header(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        bar = pygame.Rect(0, 0, theme.WIDTH, VIEW.y)
        surface.fill(pal.NIGHT, bar)
        pygame.draw.line(surface, pal.TEAL, (0, VIEW.y - 1), (theme.WIDTH, VIEW.y - 1), 1)
        kicker = sv.text.line("THE PATHS", sv.font("sans-bold", 14), pal.AMBER)
        surface.blit(kicker, (40, 20))
        title = sv.text.line(self.story.title, sv.font("serif", 30), pal.STAR)
        surface.blit(title, (40, 40))
        seen = sum(1 for n in self.graph.nodes.values() if n.seen)
        count = sv.text.line(f"{seen} of {len(self.graph.nodes)} places seen",
                             sv.font("sans", 15), pal.SAND)
        surface.blit(count, (48 + title.get_width() + 16, 54))
        self._draw_legend(surface)
        hint = sv.text.line("Drag or arrows to move  ·  wheel or +/- to zoom  ·  0 all  ·  "
                            "C where you are  ·  Tab next seen  ·  Esc back",
                            sv.font("sans", 14), pal.SAND)
        surface.blit(hint, (40, theme.HEIGHT - 30))

    def _draw_legend(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        small = sv.font("sans", 14)
        x, y = 600, 22
        items = [("path", pal.AMBER, "this playthrough"), ("dot", pal.CREAM, "seen"),
                 ("ring", pal.TEAL, "not yet seen")]
        for dyn in self.story.dynamics.values():
            items.append(("ending", flowgraph.dynamic_colour(self.story, dyn.id), dyn.label))
        for shape, colour, label in items:
            text = sv.text.line(label, small, pal.CREAM)
            if x + text.get_width() + 30 > theme.WIDTH - 170:
                x, y = 600, y + 24
            cy = y + text.get_height() // 2
            if shape == "path":
                pygame.draw.line(surface, colour, (x, cy), (x + 18, cy), 4)
            elif shape == "ring":
                pygame.draw.circle(surface, colour, (x + 9, cy), 6, 2)
            else:
                pygame.draw.circle(surface, colour, (x + 9, cy), 6)
            surface.blit(text, (x + 24, y))
            x += text.get_width() + 44

    def card(self) -> tuple[str, str] | None:
        """The selected place's card: its heading and what it says (None: nothing selected)."""
        node = self.graph.nodes.get(self.selected or "")
        if node is None:
            return None
        story_node = self.story.nodes[node.id]
        heading, body = node.id, ""
        if not node.seen and story_node.ending is not None:
            heading = "An ending not found yet"
            body = self.hints.get(node.id, "")
        elif not node.seen:
            heading = "A place not seen yet"
            body = "Play on to find out what happens here."
        elif story_node.ending is not None:
            title = endinghints.read(self.story, story_node.ending.title_template, self.cast,
                                     node.id)
            dyn = self.story.dynamics.get(story_node.ending.dynamic or "")
            heading = f"An ending: {title}"
            summary = endinghints.read(self.story, dyn.summary_template, self.cast, node.id) \
                if dyn else ""
            body = dyn.label + (f" — {summary}" if summary else "") if dyn else ""
        elif story_node.lines:
            line = story_node.lines[0]
            text = endinghints.read(self.story, line.template, self.cast, node.id)
            cast = self.cast or endinghints.unnamed_cast(self.story)
            who = cast.people[line.speaker].name if line.speaker in cast.people else None
            body = f"{who[:1].upper()}{who[1:]}: “{text}”" if who else text
        elif story_node.route:
            body = "A turning point: the story goes one way or another from here."
        return heading, body

    def _draw_selection(self, surface: pygame.Surface) -> None:
        pal = self.palette
        card = self.card()
        if card is None:
            return
        sv = self.app.services
        heading, body = card
        width = CARD_W
        font = sv.font("serif", sv.settings.scaled(17))
        block = sv.text.block(body, font, pal.INK, width - 40, int(font.get_linesize() * 1.1))
        rect = pygame.Rect(40, theme.HEIGHT - 72 - block.height - 44, width, block.height + 56)
        rect.top = max(VIEW.y + 16, rect.top)
        blit_panel(surface, rect, radius=16, shadow=8, pal=pal)
        head = sv.text.line(heading, sv.font("sans-bold", 15), pal.PLUM)
        surface.blit(head, (rect.x + 20, rect.y + 12))
        block.draw(surface, rect.x + 20, rect.y + 38)



def _dim(colour: tuple[int, int, int], pal: theme.Palette) -> tuple[int, int, int]:
    return tuple(int(c * 0.35 + n * 0.65) for c, n in zip(colour, pal.NIGHT_DEEP))  # type: ignore[return-value]


def _edge(surface: pygame.Surface, colour, a, b, width: int, back: bool = False) -> None:
    """A soft curve from a to b (down the page); an edge going back up bows out to the side."""
    (x1, y1), (x2, y2) = a, b
    if back:
        bend = 40 + abs(y1 - y2) * 0.15
        ctrl = (max(x1, x2) + bend, (y1 + y2) / 2)
    else:
        ctrl = ((x1 + x2) / 2, (y1 + y2) / 2 + (abs(x1 - x2) * 0.0))
        if abs(x1 - x2) < 2:
            pygame.draw.line(surface, colour, a, b, width)
            return
        ctrl = (x1, y1 + (y2 - y1) * 0.6)
    n = 12
    pts = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        pts.append((u * u * x1 + 2 * u * t * ctrl[0] + t * t * x2,
                    u * u * y1 + 2 * u * t * ctrl[1] + t * t * y2))
    pygame.draw.lines(surface, colour, False, pts, width)

