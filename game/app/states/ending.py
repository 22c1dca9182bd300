"""The ending: its title, the dynamic it shows, the debrief, how the partner's body moved, and
the turning points (the two or three replies that moved the partner most) beside the chart.

The debrief keeps a readable size and scrolls when it is longer than its room: the wheel, the
arrow keys, Page Up/Page Down, Home/End, or the scroll bar beside it (click or drag). Down reads
on until the end of the debrief, then moves through the menu below; Up moves back up the menu,
then scrolls back through the debrief. Tab and Shift+Tab always move through the menu.

Nothing in the menu has the focus when the ending appears: the Space or Enter that finished the
last line (or the next one, read on by habit) does nothing here, so a player always sees the
ending; an arrow, Tab or the mouse reaches the menu.

Right moves into the turning points (Up and Down move along them, Left or Tab goes back); the
mouse focuses one by pointing at it in the list or at its band on the chart. The focused point
is outlined in both places and read aloud by self-voicing. The list grows with the text size
and scrolls in its panel (the wheel over it, or the focus) when it no longer fits.
"""

from __future__ import annotations

import pygame

from game.app.keymods import shift
from game.app.render import theme
from game.app.render.chart import BAND, Figure, Row, draw_figure, figure_height, series
from game.app.render.turnings import TurningList, shown, speech
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
COL_TOP, COL_BOTTOM = 64, theme.HEIGHT - 16  # the right column: the chart, legend, points
COL_W = theme.WIDTH - RIGHT - 56
LEGEND_ROW = 22
PLOT_MIN, PLOT_MAX = 44, 150  # a plot's height in the chart, however the column is shared


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
                         light=True, size=22, focused=False)
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
        s = self.session
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
        self.kinds = [story.kinds.get(step.kind or "") for step in s.steps]
        self.rows = [Row(var, s.render(var.label_template), series(var, s.steps, start))
                     for var in charted[:3]]
        used: dict[str, list[int]] = {}
        for i, step in enumerate(s.steps, 1):
            if step.kind in story.kinds:
                used.setdefault(step.kind, []).append(i)
        self.legend = [(story.kinds[k], steps) for k, steps in used.items()]
        self.points = s.turning_points()
        partner = s.name_of(story.partner.id) if story.partner is not None else None
        caption = f"The replies that moved {partner} most" if partner else \
            "The replies that mattered most"
        tones = {k: kind.tone for k, kind in story.kinds.items()}
        self.turnings = TurningList(shown(self.points, tones), "TURNING POINTS", caption) \
            if self.points else None
        self.point_focus: int | None = None
        self.point_scroll = 0.0  # how far the turning points are scrolled, as drawn
        self.point_target = 0.0
        self.figure: Figure | None = None
        self.pointer = (0, 0)  # the mouse, as its last motion left it

    def _place(self) -> None:
        """Where the column's parts go, and the debrief's room (``self.view``)."""
        pal = self.palette
        sv = self.app.services
        self.scale = sv.settings.scale
        self.contrast = sv.settings.high_contrast  # the chart is drawn in the palette's colours
        y = 64 + 32
        self.title_y = y
        y += sv.text.block(self.title, sv.font("serif", 46), pal.STAR, COLUMN, 56).height + 18
        self.dynamic_y = y
        if self.dynamic:
            y += 30
            if self.summary:
                y += sv.text.block(self.summary, sv.font("serif-italic", 19), pal.SAND,
                                   COLUMN, 27).height + 10
        y += 14
        self.view = pygame.Rect(LEFT, y, COLUMN, max(60, self.menu.y - 18 - y))
        self._place_column()

    def _place_column(self) -> None:
        """The right column at this text size: the turning points take the room they need
        (scrolling past what the chart must keep), the chart the rest, the legend between."""
        sv, story = self.app.services, self.session.story
        legend_h = self._legend_rows() * LEGEND_ROW + 6 if self.legend else 0
        room = COL_BOTTOM - COL_TOP - legend_h
        need = 0
        if self.turnings is not None:
            self.turnings.lay_out(sv, COL_W, self.scale)
            need = self.turnings.height_wanted() + 12  # the gaps above and below the legend
        y = COL_TOP
        self.figure = None
        if self.rows:
            n = len(self.rows)
            h = max(figure_height(n, PLOT_MIN), min(figure_height(n, PLOT_MAX), room - need))
            marked = {p.step + 1: story.kinds.get(p.kind or "") for p in self.points}
            self.figure = draw_figure((COL_W, h), self.rows, self.kinds, sv, marked)
            y += h + 10
        self.legend_y = y
        y += legend_h
        self.point_rect = pygame.Rect(RIGHT, y + 2, COL_W, 0)
        if self.turnings is not None:
            self.point_rect.h = min(self.turnings.height_wanted(), COL_BOTTOM - y - 2)
            self._scroll_points_to(self.point_target)

    def _body(self):
        """The debrief laid out at its readable size (grown with the player's text size)."""
        pal = self.palette
        sv = self.app.services
        size = max(DEBRIEF_SIZE, sv.settings.scaled(DEBRIEF_SIZE))
        return sv.text.block(self.debrief, sv.font("serif", size), pal.CREAM,
                             COLUMN - BAR_GAP, int(size * 1.42))

    @property
    def max_scroll(self) -> float:
        if not self.debrief:
            return 0.0
        return float(max(0, self._body().height - self.view.h))

    def _scroll_to(self, value: float) -> None:
        self.target = min(max(0.0, value), self.max_scroll)

    def _scroll_points_to(self, value: float) -> None:
        most = self.turnings.max_scroll(self.point_rect.h) if self.turnings else 0.0
        self.point_target = min(max(0.0, value), most)

    def _focus_point(self, i: int | None) -> None:
        """Focus turning point ``i`` (None: none), keeping it in view; the menu lets go."""
        self.point_focus = i
        if i is None or self.turnings is None:
            return
        self.menu.focus = None
        self._scroll_points_to(self.turnings.scroll_to_show(i, self.point_target,
                                                            self.point_rect.h))

    def _point_at(self, pos: tuple[int, int]) -> int | None:
        """The turning point under the mouse: in the list, or its band on the chart."""
        if self.turnings is None:
            return None
        i = self.turnings.at(pos, self.point_scroll)
        if i is not None or self.figure is None:
            return i
        for k, point in enumerate(self.points):
            if self.figure.band(point.step + 1).move(RIGHT, COL_TOP).collidepoint(pos):
                return k
        return None

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
        if self._point_event(event) or self._scroll_event(event):
            return None
        picked = self.menu.handle_event(event)
        if self.menu.focus is not None:
            self.point_focus = None
        s = self.session
        if picked == 0:
            return Replace("title")
        if picked == 1 or (event.type == pygame.KEYDOWN and event.key == pygame.K_f):
            return Push("flowchart", story=s.story, path=list(s.path), current=s.node_id,
                        cast=s.cast)
        if picked == 2:
            return Push("gallery", stories=[s.story], story_id=s.story.id, cast=s.cast)
        return None

    def _point_event(self, event: pygame.event.Event) -> bool:
        """Move among the turning points for this event, if it is one that does; True when
        used."""
        if self.turnings is None:
            return False
        count = len(self.points)
        focus = self.point_focus
        if event.type == pygame.KEYDOWN:
            k = event.key
            if k == pygame.K_RIGHT and focus is None:
                self._focus_point(0)
                return True
            if focus is None:
                return False
            if k == pygame.K_LEFT:
                self._focus_point(None)
                return True
            if k in (pygame.K_DOWN, pygame.K_UP):
                step = 1 if k == pygame.K_DOWN else -1
                self._focus_point(min(count - 1, max(0, focus + step)))
                return True
            if k == pygame.K_TAB:  # Tab goes back to the menu, which takes it from here
                self.point_focus = None
            return k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RIGHT)
        if event.type == pygame.MOUSEMOTION or (event.type == pygame.MOUSEBUTTONDOWN
                                               and event.button == 1):
            self.pointer = event.pos  # where the wheel will scroll
            i = self._point_at(event.pos)
            if i is not None:
                self.point_focus = i
                self.menu.focus = None
                return event.type == pygame.MOUSEBUTTONDOWN
            return False
        if event.type == pygame.MOUSEWHEEL and self.point_rect.collidepoint(self.pointer) \
                and self.turnings.max_scroll(self.point_rect.h) > 0:
            line = self.turnings.heights[0] // 2 if self.turnings.heights else 30
            self._scroll_points_to(self.point_target - event.y * line)
            return True
        return False

    def _scroll_event(self, event: pygame.event.Event) -> bool:
        """Scroll the debrief for this event, if it is one that scrolls; True when used."""
        line = self._body().line_height if self.debrief else 27
        most = self.max_scroll
        if event.type == pygame.KEYDOWN:
            k = event.key
            if k == pygame.K_TAB and shift(event):
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
            elif k == pygame.K_UP and self.menu.focus in (None, 0) and self.target > 0:
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
        if settings.scale != self.scale or settings.high_contrast != self.contrast:
            self._place()
            self._scroll_to(self.target)
            if self.point_focus is not None:
                self._focus_point(self.point_focus)
        self.scroll = ease_scroll(self.scroll, self.target, dt, settings.reduced_motion)
        self.point_scroll = ease_scroll(self.point_scroll, self.point_target, dt,
                                        settings.reduced_motion)
        return reloaded

    def spoken(self) -> str | None:
        if self.point_focus is not None:
            return speech(self.points[self.point_focus], self.point_focus + 1, len(self.points))
        label = self.menu.focused_label
        if label is not None:
            return label
        more = " Right arrow: the turning points." if self.points else ""
        return f"An ending: {self.title}. {self.dynamic}. {self.debrief}{more}"

    def drive_hint(self):
        shown_points = self.turnings.entries if self.turnings is not None else []
        return {"action": "ending", "age": self.t, "scroll": self.scroll,
                "max_scroll": self.max_scroll, "point_focus": self.point_focus,
                "turning_points": [{"reply": e.reply, "choice": e.quote,
                                    "scene_label": e.where, "summary": e.change}
                                   for e in shown_points]}

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        background = vertical_gradient(theme.SIZE, pal.NIGHT, pal.PLUM_DARK)
        surface.blit(background, (0, 0))
        kicker = sv.text.line("AN ENDING", sv.font("sans-bold", 16), pal.AMBER)
        surface.blit(kicker, (LEFT, 64))
        title = sv.text.block(self.title, sv.font("serif", 46), pal.STAR, COLUMN, 56)
        title.draw(surface, LEFT, self.title_y)
        y = self.dynamic_y
        if self.dynamic:
            dyn = sv.text.line(f"The dynamic: {self.dynamic}", sv.font("sans-bold", 19),
                               pal.AMBER_LIGHT)
            surface.blit(dyn, (LEFT, y))
            y += 30
            if self.summary:
                block = sv.text.block(self.summary, sv.font("serif-italic", 19), pal.SAND,
                                      COLUMN, 27)
                block.draw(surface, LEFT, y)
        if self.debrief:
            self._draw_debrief(surface, background)
        self._draw_column(surface)
        self.menu.draw(surface, sv)
        if self.menu.focus is None:  # nothing is chosen until the player reaches for the menu
            words = "Down or Tab to choose, Right for the turning points, or click" \
                if self.turnings is not None else "Down or Tab to choose, or click"
            hint = sv.text.line(words, sv.font("sans", 15), pal.SAND)
            surface.blit(hint, (LEFT, self.menu.y + 3 * self.menu.row - 6))
        if self.dev is not None:
            self.dev.draw(surface, sv)

    def _draw_column(self, surface: pygame.Surface) -> None:
        """The chart (the focused turning point's band outlined), the legend of reply kinds,
        and the turning points."""
        pal = self.palette
        sv = self.app.services
        focus = self.point_focus
        if self.figure is not None:
            surface.blit(self.figure.surface, (RIGHT, COL_TOP))
            if focus is not None:
                band = self.figure.band(self.points[focus].step + 1).move(RIGHT, COL_TOP)
                pygame.draw.rect(surface, pal.BADGE_FOCUS, band, 2, border_radius=BAND // 2)
        if self.legend:
            x, cy = RIGHT + 6, self.legend_y
            small = sv.font("sans", 15)
            for kind, steps in self.legend:
                colour = pal.tone(kind.tone)
                label = sv.text.line(self._legend_label(kind, steps), small, pal.CREAM)
                if x + label.get_width() + 24 > theme.WIDTH - 40 and x > RIGHT + 6:
                    x = RIGHT + 6
                    cy += LEGEND_ROW
                pygame.draw.circle(surface, colour, (x + 6, cy + 10), 6)
                surface.blit(label, (x + 18, cy + 1))
                x += label.get_width() + 40
        if self.turnings is not None and self.point_rect.h > 0:
            self.turnings.draw(surface, sv, self.point_rect, self.point_scroll, focus)

    def _draw_debrief(self, surface: pygame.Surface, background: pygame.Surface) -> None:
        pal = self.palette
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
                  self.scroll, pal.PLUM_LIGHT, pal.AMBER_LIGHT)
        if self.scroll < most - 0.5:
            hint = sv.text.line("More below", sv.font("sans", 15), pal.SAND)
            right = LEFT + COLUMN - BAR_GAP
            x, y = right - hint.get_width() - 16, view.bottom + 3
            surface.blit(hint, (x, y))
            cx, cy = right - 5, y + hint.get_height() // 2
            pygame.draw.lines(surface, pal.SAND, False,
                              [(cx - 5, cy - 2), (cx, cy + 3), (cx + 5, cy - 2)], 2)
