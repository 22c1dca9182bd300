"""Play: the Tiled scene, figures at their spots, the speaker's portrait, the dialogue and replies.

Lines are shown one at a time with a typewriter: a click, Space or Enter completes the line, a
second one advances. After a node's last line its replies appear below the box. Esc pauses.
"""

from __future__ import annotations

import logging

import pygame

from game.app import playpages
from game.app.persist import QUICK
from game.app.playkeys import Action, action
from game.app.reader import Reader
from game.app.render import theme
from game.app.render.choices import ChoiceList
from game.app.render.dialogue import DialogueBox
from game.app.render.dynamics import DynamicsPanel
from game.app.render.portrait import PortraitView, portrait_image
from game.app.render.quickmenu import QuickMenu
from game.app.render.stage import Stage
from game.app.render.widgets import blit_panel
from game.app.screen import Screen, Window, carry_on
from game.app.transitions import Next, Push, Replace
from game.story.model import Story
from game.story.session import Session

log = logging.getLogger("lowtide.app")

BOX_BOTTOM = theme.HEIGHT - 28
BOX_W = 850
WIDE_X, WIDE_W = theme.MARGIN, theme.WIDTH - 2 * theme.MARGIN
TOP_ROOM = 30  # the speaker's name rises above the box: the box's top stays this far down
ADVANCE_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT)


class PlayScreen(Screen):
    name = "play"

    def __init__(self, app: Window, session: Session):
        super().__init__(app)
        sv = app.services
        self.session = session
        self.services = sv
        self.keep = sv.keep
        self.portrait = PortraitView((18, theme.HEIGHT))
        # the scene under the dialogue: it asks where the box's top is, for the camera
        self.stage = Stage(sv, session.story, lambda: self.box.rect.top)
        self._bind(session.story)
        self.stage.mood = self.stage.tension(session)
        self.lines = []
        self.index = 0
        self.phase = "lines"  # lines | choices | end | stuck
        self.box_bottom = float(BOX_BOTTOM)
        self.reader = Reader()
        #: the pause menu's entry a page was opened from: closing the page goes back to it
        self.from_pause: str | None = None
        self.asking: str | None = None  # what the confirmation on top asks about
        self.quick = QuickMenu()
        self.hidden = False  # the interface hidden to look at the scene (H, middle click)
        self.skipping = False  # Tab or the quick menu's Skip
        self.ctrl = False  # Ctrl is held: skipping while it is
        self.scale = self.box.scale = self.choices.scale = sv.settings.scale
        self.dev = sv.dev_mode(self)
        self.enter_node()

    def _bind(self, story: Story) -> None:
        """Everything drawn from the story itself (made again when developer mode reloads it)."""
        sv = self.services
        self.story = story
        has_portraits = any(c.portraits for c in story.characters.values())
        self.box_x = box_x = 392 if has_portraits else 215
        self.box = DialogueBox(sv.text, sv.fonts, pygame.Rect(box_x, 500, BOX_W, 180))
        self.choices = ChoiceList(sv.text, sv.fonts, box_x, BOX_W)
        self.dynamics = DynamicsPanel(story, sv.text, sv.fonts)
        self._scaled: dict[int, pygame.Surface] = {}

    def replace(self, session: Session) -> Next:
        """Carry on with another session (a reloaded story, a console jump), keeping the line
        on screen when the node is still the same one."""
        same_node = session.node_id == self.session.node_id
        index, phase = self.index, self.phase
        scale = self.box.scale
        if session.story is not self.story:
            self._bind(session.story)
            self.stage.bind(session.story)
            self.box.scale = self.choices.scale = scale
        self.session = session
        self.enter_node()
        if not (same_node and self.phase == "lines" and self.lines):
            return None
        if phase in ("choices", "end"):
            self.to_choices()
            return None
        self.index = min(index, len(self.lines) - 1)
        self._show_line()
        self.box.finish()
        if self.index == len(self.lines) - 1:
            self._after_lines()
        return None

    # -- following the session ---------------------------------------------------------------

    def enter_node(self, snap: bool = False) -> None:
        """Show the session's node from its first line (``snap``: going back or forward
        through the story, so figures stand where they were at once)."""
        s = self.session
        self.reader.entered(self.keep.has_seen(s.story.id, s.node_id))
        self.keep.record(s)
        self.keep.scene_sound(s.story, s.scene)
        self.stage.follow(s, snap)
        self.lines = s.lines()
        self.index = 0
        self.furthest = 0  # the furthest line of the node shown (for stepping forward again)
        self.choices.clear()
        self.box.rect.x, self.box.rect.w = self.box_x, BOX_W
        self.phase = "lines"
        last_kind = s.steps[-1].kind if s.steps else None
        self.dynamics.set_values(s.values, last_kind, s.cast)
        if s.stuck is not None:
            self.phase = "stuck"
            self._show_message(f"The story cannot go on here: {s.stuck}.")
        elif not self.lines:
            self._after_lines()
        else:
            self._show_line()
        self.app.notify("node", s)

    def _show_line(self) -> None:
        pal = self.palette
        line = self.lines[self.index]
        char = self.story.characters.get(line.speaker or "")
        colour = theme.hex_colour(char.color if char else None, pal.TERRACOTTA)
        if char is not None and char.player and not char.color:
            colour = pal.SAGE_DARK
        self.box.set_line(line.name, line.text, colour, narration=line.speaker is None)
        if line.speaker is not None:
            image = portrait_image(self.story, self.services.images, line.speaker,
                                   line.expression, self._scaled)
            self.portrait.show((line.speaker, line.expression) if image else None, image)
        self.box.fit(int(self.box_bottom))

    def _show_message(self, text: str) -> None:
        self.box.set_line(None, text, None, narration=True)
        self.box.finish()
        self.box.fit(int(self.box_bottom))

    def _after_lines(self) -> None:
        pal = self.palette
        s = self.session
        if s.node.ending is not None:
            self.phase = "end"
            self.app.notify("settled", s)
            return
        offered = s.choices()
        if not offered:
            self.phase = "stuck"
            self._show_message(f"The story cannot go on here: node '{s.node_id}' offers no "
                               "reply now. Press Esc for the menu.")
            return
        self.phase = "choices"
        tags = []
        for c in offered:
            kind = self.story.kinds.get(c.kind or "")
            if self.services.settings.show_dynamics and kind is not None:
                tags.append((s.render(kind.label_template),
                             pal.tone(kind.tone)))
            else:
                tags.append(None)
        self.choices.set([(c.text, c.kind) for c in offered], tags)
        self._fit_replies()
        self.app.notify("settled", s)

    def _fit_replies(self) -> None:
        """Keep the line being answered on screen, with its speaker's name, above the replies:
        at the usual width when everything fits; else the box and the replies take the
        window's whole width, and at the largest text sizes the replies are drawn a little
        smaller (never smaller than the normal size)."""
        for x, w, smallest in ((self.box_x, BOX_W, self.choices.scale), (WIDE_X, WIDE_W, 1.0)):
            if self.box.rect.w != w:
                self._lay_line_out(x, w)
            self.box.fit(BOX_BOTTOM)
            room = self.box.rect.top - 20 - TOP_ROOM
            self.choices.fit(x, w, room, smallest)
            if self.choices.height() <= room:
                return

    def _lay_line_out(self, x: int, width: int) -> None:
        """The line on screen laid out again at another width, as far shown as it was."""
        shown, complete = self.box.shown, self.box.complete
        self.box.rect.x, self.box.rect.w = x, width
        if self.lines:
            self._show_line()
            self.box.shown = float(self.box.block.chars) if complete else shown

    # -- input ---------------------------------------------------------------------------------

    def advance(self) -> Next:
        """What a click or Space does: complete the line, else go on."""
        if self.phase == "stuck":
            return None
        if not self.box.complete:
            self.box.finish()
            if self.phase == "lines" and self.index == len(self.lines) - 1:
                self._after_lines()
            return None
        if self.phase == "lines":
            if self.index < len(self.lines) - 1:
                self.index += 1
                self.furthest = max(self.furthest, self.index)
                self._show_line()
            else:
                self._after_lines()
        elif self.phase == "end":
            return Replace("ending", session=self.session)
        return None

    def pick(self, position: int) -> None:
        offered = self.session.choices()
        if not 0 <= position < len(offered):
            return
        self.session.choose(offered[position].index)
        self.app.notify("choice", self.session)
        self.enter_node()  # first: whether its text was seen before is asked before it is kept
        self.keep.autosave(self.session)

    def handle_event(self, event: pygame.event.Event) -> Next:
        if self.hidden:  # any press brings the interface back, and does nothing else
            if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
                self.hidden = False
            return None
        if event.type in (pygame.KEYDOWN, pygame.KEYUP) and \
                event.key in (pygame.K_LCTRL, pygame.K_RCTRL):
            self.ctrl = event.type == pygame.KEYDOWN  # skipping while Ctrl is held
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE \
                and self.quick.focus is None:
            return self.pause()
        if self.dev is not None and self.dev.claims(event):
            return self.dev.handle(event)
        if self.services.settings.quick_menu:
            used = self.quick.handle_event(event)
            if used is not None:
                return self.quick_item(used) if used else None
        asked = action(event)
        if asked is Action.SKIP and self.phase == "choices":
            asked = None  # Tab moves through the replies instead
        if asked is not None:
            return self.act(asked)
        if self.phase == "choices":
            picked = self.choices.handle_event(event)
            if picked is not None:
                self.pick(picked)
            return None
        if event.type == pygame.KEYDOWN and event.key in ADVANCE_KEYS or \
                event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self.advance()
        return None

    def act(self, asked: Action) -> Next:
        """Going back and keeping: quick save and load, rollback, roll forward, the history."""
        if asked is Action.QUICK_SAVE:
            self.keep.save(self.session, QUICK, self.current_line(), picture=self.picture())
        elif asked is Action.QUICK_LOAD:
            return carry_on(self.keep.quickload(self.story.id))
        elif asked is Action.ROLL_BACK:
            self.step_back()
        elif asked is Action.ROLL_FORWARD:
            self.step_forward()
        elif asked is Action.HISTORY:
            return self.open_page("history")
        elif asked is Action.HELP:
            return self.open_page("help")
        elif asked is Action.HIDE:
            self.hidden = True
        elif asked is Action.SKIP:
            self.skipping = not self.skipping
        elif asked is Action.QUICK_MENU and self.services.settings.quick_menu:
            self.quick.reach()
        return None

    def quick_item(self, item: str) -> Next:
        """What the quick menu's items do."""
        if item == "back":
            self.step_back()
        elif item == "history":
            return self.open_page("history")
        elif item == "skip":
            self.skipping = not self.skipping
        elif item == "auto":
            settings = self.services.settings
            self.services.change_settings(auto_advance=not settings.auto_advance)
        elif item in ("save", "settings"):
            return self.open_page(item)
        elif item == "quick-save":
            return self.act(Action.QUICK_SAVE)
        elif item == "quick-load":
            return self.act(Action.QUICK_LOAD)
        return None

    def on_result(self, source: str, result: object) -> Next:
        if source == "pause":
            return self._paused(result)
        if source == "confirm":
            return self._answered(result)
        from_pause, self.from_pause = self.from_pause, None
        if source == "history" and isinstance(result, tuple) and result[:1] == ("rollback",):
            steps = len(self.session.steps) - int(result[1])
            if steps > 0:
                self.rollback(steps)
            return None  # back in the story, at the moment chosen
        if source == "settings":
            self.enter_node_tags()  # the dynamics tags may have been switched on or off
        if from_pause is not None and source != "notice":
            # Esc (or Back) on a page goes back where the player came from: the menu
            return self.pause(focus=from_pause)
        return None

    def pause(self, focus: str | None = None) -> Next:
        """The pause menu over play (``focus``: the entry to start on)."""
        return Push("pause", can_rewind=self.session.can_rollback, focus=focus)

    def _paused(self, result: object) -> Next:
        if result == "title":
            return self.leave("title")
        if result == "quit":
            return self.leave("quit")
        if result == "rewind" and self.session.can_rollback:
            self.rollback()
        elif result in playpages.PAGES:
            self.from_pause = str(result)
            return self.open_page(str(result))
        return None

    def leave(self, to: str) -> Next:
        """Quit, or go back to the title: asked first when it would lose progress (and always
        before quitting the game)."""
        went = playpages.leave(to, self.session, self.keep)
        if isinstance(went, Push):
            self.asking = to
        return went

    def _answered(self, yes: object) -> Next:
        asked, self.asking = self.asking, None
        return playpages.answered(asked, yes)

    def open_page(self, page: str) -> Next:
        """One of the pages play offers (from its keys or the pause menu)."""
        return playpages.open_page(page, self.session, self.keep,
                                   lambda: (self.current_line(), self.picture()))

    # -- going back ----------------------------------------------------------------------------

    def current_line(self) -> str:
        """The line on screen, as a save slot shows it ("Name: text")."""
        if not self.lines:
            return ""
        line = self.lines[min(self.index, len(self.lines) - 1)]
        return f"{line.name}: {line.text}" if line.name else line.text

    def to_choices(self) -> None:
        """Show the node's last line whole, with its replies: where one lands after going
        back."""
        if self.phase == "lines" and self.lines:
            self.index = self.furthest = len(self.lines) - 1
            self._show_line()
            self.box.finish()
            self._after_lines()

    def step_back(self) -> bool:
        """Back one line of the node (the replies give way to the line before them), and from
        its first line back to the choice before, as it stood."""
        if self.phase in ("lines", "end", "choices") and self.lines:
            at = self.index if self.phase != "choices" else len(self.lines) - 1
            if at > 0:
                self.furthest = max(self.furthest, self.index)
                self.index = at - 1
                self.phase = "lines"
                self.choices.clear()
                self.box.rect.x, self.box.rect.w = self.box_x, BOX_W
                self._show_line()
                self.box.finish()
                self.keep.sound("page")
                return True
        return self.rollback()

    def step_forward(self) -> bool:
        """Forward again through the lines stepped back over, then through the replies chosen
        before (roll forward)."""
        if self.phase in ("lines", "end") and self.index < self.furthest:
            self.index += 1
            self._show_line()
            self.box.finish()
            if self.index == len(self.lines) - 1 and self.index == self.furthest:
                self._after_lines()
            return True
        if self.phase == "lines" and self.lines and self.index == len(self.lines) - 1 \
                and self.box.complete and self.furthest >= self.index:
            self._after_lines()
            if self.phase == "choices" or self.phase == "end":
                return True
        return self.roll_forward()

    def rollback(self, steps: int = 1) -> bool:
        session = self.session
        if len(session.steps) < steps or steps <= 0:
            self.keep.sound("error")
            self.keep.say("This is where the story began.")
            return False
        session.rollback(steps)
        self.enter_node(snap=True)
        self.to_choices()
        self.keep.sound("page")
        return True

    def roll_forward(self) -> bool:
        if not self.session.roll_forward():
            self.keep.sound("error")
            return False
        self.app.notify("choice", self.session)
        self.keep.autosave(self.session)
        self.enter_node(snap=True)
        self.to_choices()
        self.keep.sound("page")
        return True

    def enter_node_tags(self) -> None:
        if self.phase == "choices":
            age = self.choices.age
            self._after_lines()
            self.choices.age = age

    # -- time ----------------------------------------------------------------------------------

    def update(self, dt: float) -> Next:
        was = self.box.complete
        self.box.update(dt, self.services.settings.cps)
        went = self._read_on(dt)
        if self.services.settings.reduced_motion:
            self.stage.still()
        if not was and self.box.complete and self.phase == "lines" \
                and self.index == len(self.lines) - 1:
            self._after_lines()
        self.quick.on = {name for name, on in (("skip", self.skipping or self.ctrl),
                                               ("auto", self.services.settings.auto_advance))
                         if on}
        self.portrait.update(dt)
        self.choices.update(dt)
        self.dynamics.update(dt)
        self.stage.update(dt, self.session, self.services.settings.reduced_motion)
        goal = BOX_BOTTOM - (self.choices.height() + 20 if self.phase == "choices" else 0)
        self.box_bottom += (goal - self.box_bottom) * min(1.0, dt * 10)
        if abs(goal - self.box_bottom) < 0.5:
            self.box_bottom = goal
        self.box.fit(int(self.box_bottom))
        if self.phase == "choices":
            self.choices.place(int(self.box_bottom) + 20)
        self.stage.fade(dt)
        if self.dev is not None:
            reloaded = self.dev.update(dt)
            if reloaded is not None:
                return reloaded
        return went

    def _read_on(self, dt: float) -> Next:
        """The reader's pace: reflow at a new text size, auto-advance, skip text seen."""
        settings = self.services.settings
        if settings.scale != self.scale:
            self.scale = self.box.scale = self.choices.scale = settings.scale
            self._reflow()
        reading = self.phase == "lines" and self.app.top is self
        if self.phase != "lines":
            self.skipping = False  # skipping stops at every choice
        pace = self.reader.tick(dt, settings, reading=reading, complete=self.box.complete,
                                skipping=self.skipping or self.ctrl)
        if pace.stop_skipping:
            self.skipping = False
        if pace.finish:
            self.box.finish()
        return self.advance() if pace.advance else None

    def _reflow(self) -> None:
        """Lay the dialogue and replies out again at the new text size."""
        if not self.lines or self.phase == "stuck":
            return
        complete = self.box.complete
        shown = self.box.shown
        self._show_line()
        self.box.shown = float(self.box.block.chars) if complete \
            else min(shown, self.box.block.chars)
        if self.phase == "choices":
            self.enter_node_tags()

    def spoken(self) -> str | None:
        """The focused quick menu item or reply, else the line on screen."""
        if self.hidden:
            return None
        if self.quick.focus is not None:
            return self.quick.focused_label
        if self.phase == "choices" and self.choices.keyboard and self.choices.items:
            i = self.choices.focus
            return f"Reply {i + 1} of {len(self.choices.items)}: {self.choices.items[i][0]}"
        if self.phase == "stuck":
            return self.session.stuck or "The story cannot go on here."
        return self.current_line() or None

    def drive_hint(self):
        if self.phase == "choices":
            return {"action": "choose", "choices": self.session.choices(),
                    "ready": self.choices.age >= 0.3}
        if self.phase == "stuck":
            return {"action": "stuck", "message": self.session.stuck or "no reply on offer"}
        return {"action": "advance", "complete": self.box.complete}

    # -- drawing ---------------------------------------------------------------------------------

    def picture(self) -> pygame.Surface:
        """The scene as the player sees it, drawn afresh (no menu or page over it): what a
        save's thumbnail shows."""
        surface = pygame.Surface(theme.SIZE)
        self.draw(surface)
        return surface

    def draw(self, surface: pygame.Surface) -> None:
        self.stage.draw(surface)
        if self.hidden:
            return
        self._draw_interface(surface)

    def _draw_interface(self, surface: pygame.Surface) -> None:
        """Everything over the scene: the portrait, the dialogue, the replies, the panels."""
        pal = self.palette
        view = self.stage.scene
        if view is not None and view.problem:
            note = self.services.text.block(view.problem, self.services.font("sans", 16),
                                            pal.INK, 520)
            rect = pygame.Rect(24, 96, note.width + 32, note.height + 24)  # below the name
            blit_panel(surface, rect, radius=12, pal=pal)
            note.draw(surface, rect.x + 16, rect.y + 12)
        self.portrait.draw(surface)
        self.box.draw(surface, self.phase in ("lines", "end"), pal)
        if self.phase == "choices":
            self.choices.draw(surface, pal)
        if self.services.settings.show_dynamics:
            self.dynamics.draw(surface, pal)
        sv = self.services
        self.stage.draw_label(surface, self.dynamics.rect if sv.settings.show_dynamics else None)
        if sv.settings.quick_menu:
            self.quick.draw(surface, sv)
        if self.dev is not None:
            panel = self.dynamics.rect
            self.dev.draw(surface, sv, panel.right + 16 if sv.settings.show_dynamics and panel.w
                          else 24)
