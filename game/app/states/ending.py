"""The ending: its title, the dynamic it shows, the debrief, and how the partner's body moved.

The debrief keeps a readable size and scrolls when it is longer than its room: the wheel, the
arrow keys, Page Up/Page Down, Home/End, or the scroll bar beside it (click or drag). Down reads
on until the end of the debrief, then moves through the menu below; Up moves back up the menu,
then scrolls back through the debrief. Tab and Shift+Tab always move through the menu.
"""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.chart import draw_chart, series
from game.app.render.widgets import (
    Entry,
    Menu,
    ease_scroll,
    fade_edges,
    scroll_thumb,
    scrollbar,
    vertical_gradient,
)
from game.app.screen import Screen, Window
from game.app.transitions import Next, Push, Replace
from game.story.session import Session

LEFT, RIGHT = 72, 660
COLUMN = 540
DEBRIEF_SIZE = 19  # never smaller: a long debrief scrolls instead
BAR_GAP = 28  # room at the right of the debrief for its scroll bar
LINES_PER_KEY = 2
LINES_PER_WHEEL = 3


class EndingScreen(Screen):
    name = "ending"

    def __init__(self, app: Window, session: Session):
        super().__init__(app)
        self.session = session
        self.keep = app.services.keep
        self.t = 0.0
        self.entered = False
        self.menu = Menu([Entry("Back to the title"), Entry("The paths you took"),
                          Entry("Endings found")], LEFT - 22, theme.HEIGHT - 92, 300,
                         light=True, size=22)
        self.menu.row = 44
        self.menu.y = theme.HEIGHT - 44 * 3 - 20
        self.scroll = 0.0  # how far the debrief is scrolled, as drawn
        self.target = 0.0  # where it is going
        self.drag: tuple[int, float] | None = None  # (mouse y, scroll) when a drag began
        self._layout()
        self._place()
        self.dev = app.services.dev_mode(self)

    def replace(self, session: Session) -> Next:
        """Developer mode moved the story on: show this ending again from the new files, or
        go back to play when the session is no longer at an ending."""
        if session.node.ending is None:
            return Replace("play", session=session)
        self.session = session
        self._layout()
        self._place()
        self._scroll_to(self.target)
        return None

    def _layout(self) -> None:
        s, sv = self.session, self.app.services
        story = s.story
        ending = s.node.ending
        self.title = s.title() if ending else "The end"
        dyn = story.dynamics.get(ending.dynamic or "") if ending else None
        self.dynamic = dyn.label if dyn else ""
        self.summary = s.render(dyn.summary_template) if dyn else ""
        self.debrief = s.debrief()
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
                                              sv.fonts, label=s.render(var.label_template)))

    def _place(self) -> None:
        """Where the column's parts go, and the debrief's room (``self.view``)."""
        sv = self.app.services
        self.scale = sv.settings.scale
        y = 64 + 32
        self.title_y = y
        y += sv.text.block(self.title, sv.font("serif", 46), theme.STAR, COLUMN, 56).height + 18
        self.dynamic_y = y
        if self.dynamic:
            y += 30
            if self.summary:
                y += sv.text.block(self.summary, sv.font("serif-italic", 19), theme.SAND,
                                   COLUMN, 27).height + 10
        y += 14
        self.view = pygame.Rect(LEFT, y, COLUMN, max(60, self.menu.y - 18 - y))

    def _body(self):
        """The debrief laid out at its readable size (grown with the player's text size)."""
        sv = self.app.services
        size = max(DEBRIEF_SIZE, sv.settings.scaled(DEBRIEF_SIZE))
        return sv.text.block(self.debrief, sv.font("serif", size), theme.CREAM,
                             COLUMN - BAR_GAP, int(size * 1.42))

    @property
    def max_scroll(self) -> float:
        if not self.debrief:
            return 0.0
        return float(max(0, self._body().height - self.view.h))

    def _scroll_to(self, value: float) -> None:
        self.target = min(max(0.0, value), self.max_scroll)

    def _bar_rect(self) -> pygame.Rect:
        """Where the scroll bar can be clicked or dragged (wider than it is drawn)."""
        return pygame.Rect(LEFT + COLUMN - BAR_GAP // 2 - 10, self.view.y, 20, self.view.h)

    def _thumb(self) -> tuple[int, int]:
        """The thumb's top and height on the bar."""
        return scroll_thumb(self.view.y, self.view.h, self._body().height, self.scroll)

    def _legend_label(self, kind, steps) -> str:
        nums = ", ".join(str(n) for n in steps)
        return f"{self.session.render(kind.label_template)}  ({nums})"

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
            self.keep.record(self.session)
            self.keep.ambient(None)
            self.keep.sound("ending")
        self.app.notify("ending", self.session)

    def handle_event(self, event: pygame.event.Event) -> Next:
        if self.dev is not None and self.dev.claims(event):
            return self.dev.handle(event)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return Replace("title")
        if self._scroll_event(event):
            return None
        picked = self.menu.handle_event(event)
        s = self.session
        if picked == 0:
            return Replace("title")
        if picked == 1 or (event.type == pygame.KEYDOWN and event.key == pygame.K_f):
            return Push("flowchart", story=s.story, path=list(s.path), current=s.node_id)
        if picked == 2:
            return Push("gallery", stories=[s.story], story_id=s.story.id)
        return None

    def _scroll_event(self, event: pygame.event.Event) -> bool:
        """Scroll the debrief for this event, if it is one that scrolls; True when used."""
        line = self._body().line_height if self.debrief else 27
        most = self.max_scroll
        if event.type == pygame.KEYDOWN:
            k = event.key
            if k == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT:
                self.menu.move(-1)
                return True
            if most <= 0:
                return False
            if k == pygame.K_PAGEDOWN:
                self._scroll_to(self.target + self.view.h - line)
            elif k == pygame.K_PAGEUP:
                self._scroll_to(self.target - self.view.h + line)
            elif k == pygame.K_HOME:
                self._scroll_to(0)
            elif k == pygame.K_END:
                self._scroll_to(most)
            elif k == pygame.K_DOWN and self.target < most:
                self._scroll_to(self.target + LINES_PER_KEY * line)
            elif k == pygame.K_UP and self.menu.focus == 0 and self.target > 0:
                self._scroll_to(self.target - LINES_PER_KEY * line)
            else:
                return False
            return True
        if event.type == pygame.MOUSEWHEEL:
            self._scroll_to(self.target - event.y * LINES_PER_WHEEL * line)
            return True
        if most <= 0:
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 \
                and self._bar_rect().collidepoint(event.pos):
            top, h = self._thumb()
            if top <= event.pos[1] <= top + h:
                self.drag = (event.pos[1], self.scroll)
            else:  # a click on the track pages towards it
                page = self.view.h - line
                self._scroll_to(self.target + (page if event.pos[1] > top else -page))
            return True
        if event.type == pygame.MOUSEMOTION and self.drag is not None:
            start_y, start_scroll = self.drag
            _, h = self._thumb()
            per_pixel = most / max(1, self.view.h - h)
            self._scroll_to(start_scroll + (event.pos[1] - start_y) * per_pixel)
            self.scroll = self.target
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.drag is not None:
            self.drag = None
            return True
        return False

    def update(self, dt: float) -> Next:
        self.t += dt
        self.menu.update(dt)
        reloaded = self.dev.update(dt) if self.dev is not None else None
        settings = self.app.services.settings
        if settings.scale != self.scale:
            self._place()
            self._scroll_to(self.target)
        self.scroll = ease_scroll(self.scroll, self.target, dt, settings.reduced_motion)
        return reloaded

    def drive_hint(self):
        return {"action": "ending", "age": self.t, "scroll": self.scroll,
                "max_scroll": self.max_scroll}

    def draw(self, surface: pygame.Surface) -> None:
        sv = self.app.services
        background = vertical_gradient(theme.SIZE, theme.NIGHT, theme.PLUM_DARK)
        surface.blit(background, (0, 0))
        kicker = sv.text.line("AN ENDING", sv.font("sans-bold", 16), theme.AMBER)
        surface.blit(kicker, (LEFT, 64))
        title = sv.text.block(self.title, sv.font("serif", 46), theme.STAR, COLUMN, 56)
        title.draw(surface, LEFT, self.title_y)
        y = self.dynamic_y
        if self.dynamic:
            dyn = sv.text.line(f"The dynamic: {self.dynamic}", sv.font("sans-bold", 19),
                               theme.AMBER_LIGHT)
            surface.blit(dyn, (LEFT, y))
            y += 30
            if self.summary:
                block = sv.text.block(self.summary, sv.font("serif-italic", 19), theme.SAND,
                                      COLUMN, 27)
                block.draw(surface, LEFT, y)
        if self.debrief:
            self._draw_debrief(surface, background)
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
        if self.dev is not None:
            self.dev.draw(surface, sv)

    def _draw_debrief(self, surface: pygame.Surface, background: pygame.Surface) -> None:
        sv = self.app.services
        body = self._body()
        view = self.view
        clip = surface.get_clip()
        surface.set_clip(view)
        body.draw(surface, view.x, view.y - int(self.scroll))
        surface.set_clip(clip)
        most = self.max_scroll
        if most <= 0:
            return
        fade_edges(surface, view,
                   top=background.get_at((0, view.y)) if self.scroll > 0.5 else None,
                   bottom=background.get_at((0, view.bottom - 1)) if self.scroll < most - 0.5
                   else None)
        scrollbar(surface, LEFT + COLUMN - BAR_GAP // 2, view.y, view.h, body.height,
                  self.scroll, theme.PLUM_LIGHT, theme.AMBER_LIGHT)
        if self.scroll < most - 0.5:
            hint = sv.text.line("More below", sv.font("sans", 15), theme.SAND)
            right = LEFT + COLUMN - BAR_GAP
            x, y = right - hint.get_width() - 16, view.bottom + 3
            surface.blit(hint, (x, y))
            cx, cy = right - 5, y + hint.get_height() // 2
            pygame.draw.lines(surface, theme.SAND, False,
                              [(cx - 5, cy - 2), (cx, cy + 3), (cx + 5, cy - 2)], 2)
