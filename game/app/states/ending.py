"""The ending: its title, the dynamic it shows, the debrief, and how the partner's body moved."""

from __future__ import annotations

import pygame

from game.app import flow, keep
from game.app.render import theme
from game.app.render.chart import draw_chart, series
from game.app.render.widgets import Entry, Menu, vertical_gradient
from game.app.screen import Screen
from game.story.session import Session

LEFT, RIGHT = 72, 660
COLUMN = 540


class EndingScreen(Screen):
    name = "ending"

    def __init__(self, app, session: Session):
        super().__init__(app)
        self.session = session
        self.t = 0.0
        self.entered = False
        self.menu = Menu([Entry("Back to the title"), Entry("The paths you took"),
                          Entry("Endings found")], LEFT - 22, theme.HEIGHT - 92, 300,
                         light=True, size=22)
        self.menu.row = 44
        self.menu.y = theme.HEIGHT - 44 * 3 - 20
        self._layout()

    def _layout(self) -> None:
        s, sv = self.session, self.app.services
        story = s.story
        ending = s.node.ending
        self.title = s.render(ending.title_template) if ending else "The end"
        dyn = story.dynamics.get(ending.dynamic or "") if ending else None
        self.dynamic = dyn.label if dyn else ""
        self.summary = dyn.summary if dyn else ""
        self.debrief = s.render(ending.debrief_template) if ending and ending.debrief else ""
        charted = [v for v in story.variables.values() if v.chart and v.type in ("number",
                                                                                   "integer")]
        charted.sort(key=lambda v: v.slot)
        start = s.steps[0].before.values if s.steps else tuple(s.values)
        kinds = [story.kinds.get(step.kind or "") for step in s.steps]
        self.kinds = kinds
        charted = charted[:3]
        self.charts: list[pygame.Surface] = []
        used: dict[str, list[int]] = {}
        for i, step in enumerate(s.steps, 1):
            if step.kind in story.kinds:
                used.setdefault(step.kind, []).append(i)
        self.legend = [(story.kinds[k], steps) for k, steps in used.items()]
        legend_h = self._legend_rows() * 24 + 12
        if charted:
            space = theme.HEIGHT - 64 - 24 - legend_h
            h = max(120, min(250, (space - 16 * (len(charted) - 1)) // len(charted)))
            for var in charted:
                self.charts.append(draw_chart((theme.WIDTH - RIGHT - 56, h), var,
                                              series(var, s.steps, start), kinds, sv.text,
                                              sv.fonts))

    def _legend_label(self, kind, steps) -> str:
        nums = ", ".join(str(n) for n in steps)
        return f"{kind.label}  ({nums})"

    def _legend_rows(self) -> int:
        """How many rows the reply-kind legend takes under the charts."""
        if not self.legend:
            return 0
        sv = self.app.services
        small = sv.font("sans", 15)
        rows, x = 1, RIGHT + 6
        for kind, steps in self.legend:
            w = small.size(self._legend_label(kind, steps))[0]
            if x + w + 24 > theme.WIDTH - 40 and x > RIGHT + 6:
                rows, x = rows + 1, RIGHT + 6
            x += w + 40
        return rows

    def on_enter(self) -> None:
        if not self.entered:
            self.entered = True
            keep.record(self.app, self.session)
            keep.ambient(self.app, None)
            keep.sound(self.app, "ending")
        self.app.notify("ending", self.session)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            flow.to_title(self.app)
            return
        picked = self.menu.handle_event(event)
        if picked == 0:
            flow.to_title(self.app)
        elif picked == 1 or (event.type == pygame.KEYDOWN and event.key == pygame.K_f):
            from game.app.states.flowchart import FlowchartScreen

            s = self.session
            self.app.push(FlowchartScreen(self.app, s.story, list(s.path), s.node_id))
        elif picked == 2:
            from game.app.states.gallery import GalleryScreen

            self.app.push(GalleryScreen(self.app, [self.session.story], self.session.story.id))

    def update(self, dt: float) -> None:
        self.t += dt
        self.menu.update(dt)

    def drive_hint(self):
        return {"action": "ending", "age": self.t}

    def draw(self, surface: pygame.Surface) -> None:
        sv = self.app.services
        surface.blit(vertical_gradient(theme.SIZE, theme.NIGHT, theme.PLUM_DARK), (0, 0))
        y = 64
        kicker = sv.text.line("AN ENDING", sv.font("sans-bold", 16), theme.AMBER)
        surface.blit(kicker, (LEFT, y))
        y += 32
        title = sv.text.block(self.title, sv.font("serif", 46), theme.STAR, COLUMN, 56)
        title.draw(surface, LEFT, y)
        y += title.height + 18
        if self.dynamic:
            dyn = sv.text.line(f"The dynamic: {self.dynamic}", sv.font("sans-bold", 19),
                               theme.AMBER_LIGHT)
            surface.blit(dyn, (LEFT, y))
            y += 30
            if self.summary:
                block = sv.text.block(self.summary, sv.font("serif-italic", 19), theme.SAND,
                                      COLUMN, 27)
                block.draw(surface, LEFT, y)
                y += block.height + 10
        y += 14
        if self.debrief:
            room = self.menu.y - 18 - y
            for size in (19, 18, 17, 16, 15, 14):
                block = sv.text.block(self.debrief, sv.font("serif", size), theme.CREAM,
                                      COLUMN, int(size * 1.42))
                if block.height <= room:
                    break
            block.draw(surface, LEFT, y)
        cy = 64
        for chart in self.charts:
            surface.blit(chart, (RIGHT, cy))
            cy += chart.get_height() + 16
        if self.legend:
            x = RIGHT + 6
            small = sv.font("sans", 15)
            for kind, steps in self.legend:
                colour = theme.TONES.get(kind.tone, theme.GREY)
                label = sv.text.line(self._legend_label(kind, steps), small, theme.CREAM)
                if x + label.get_width() + 24 > theme.WIDTH - 40 and x > RIGHT + 6:
                    x = RIGHT + 6
                    cy += 24
                pygame.draw.circle(surface, colour, (x + 6, cy + 10), 6)
                surface.blit(label, (x + 18, cy + 1))
                x += label.get_width() + 40
        self.menu.draw(surface, sv.text, sv.fonts)
