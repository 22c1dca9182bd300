"""Setup before a new game: the partner's name and pronouns, defaulting to the story's."""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.text import field_text
from game.app.render.widgets import blit_panel, vertical_gradient
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop
from game.story.launch import start_with, with_partner
from game.story.model import Story
from game.story.session import SessionError
from game.story.text import PRONOUNS, Pronouns

CHOICES = ("he", "she", "they", "other")
LABELS = {"he": "he / him", "she": "she / her", "they": "they / them", "other": "other…"}
X = 300
FIELD_W = 680
MAX_NAME = 24
CARET_BLINK = 1.1  # seconds for one blink of the caret (shown for most of it)


class SetupScreen(Screen):
    name = "setup"
    takes_text = True

    def __init__(self, app: Window, story: Story):
        super().__init__(app)
        self.story = story
        partner = story.partner
        self.partner = partner
        self.name_text = partner.name if partner else ""
        current = "he"
        typed = ""
        if partner is not None:
            current = next((k for k, v in PRONOUNS.items() if v == partner.pronouns), "other")
            if current == "other":
                p = partner.pronouns
                typed = "/".join((p.subject, p.object, p.possessive, p.possessive_pronoun,
                                  p.reflexive))
        self.pronoun = current
        self.typed = typed
        self.focus = 0
        self.error = ""
        self.caret = 0.0

    # -- layout ------------------------------------------------------------------------------

    def _rows(self) -> dict[str, pygame.Rect]:
        rows = {"name": pygame.Rect(X, 250, FIELD_W, 56)}
        rows.update({f"p-{k}": pygame.Rect(X + i * 172, 384, 156, 50)
                     for i, k in enumerate(CHOICES)})
        y = 470
        if self.pronoun == "other":
            rows["typed"] = pygame.Rect(X, 452, FIELD_W, 50)
            y = 530
        rows["begin"] = pygame.Rect(X, y, 220, 56)
        rows["back"] = pygame.Rect(X + 240, y, 160, 56)
        return rows

    def _order(self) -> list[str]:
        order = ["name", "pronouns"]
        if self.pronoun == "other":
            order.append("typed")
        return order + ["begin", "back"]

    @property
    def focused(self) -> str:
        order = self._order()
        return order[min(self.focus, len(order) - 1)]

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    def on_exit(self) -> None:
        pygame.key.stop_text_input()

    # -- input -------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Next:
        if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
            self.caret = 0.0  # the caret stays put while the player types
        order = self._order()
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                return Pop(None)
            if key in (pygame.K_TAB, pygame.K_DOWN):
                self.focus = (self.focus + 1) % len(order)
            elif key == pygame.K_UP:
                self.focus = (self.focus - 1) % len(order)
            elif key in (pygame.K_LEFT, pygame.K_RIGHT) and self.focused == "pronouns":
                i = CHOICES.index(self.pronoun) + (1 if key == pygame.K_RIGHT else -1)
                self.pronoun = CHOICES[i % len(CHOICES)]
            elif key == pygame.K_BACKSPACE:
                if self.focused == "name":
                    self.name_text = self.name_text[:-1]
                elif self.focused == "typed":
                    self.typed = self.typed[:-1]
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.focused == "back":
                    return Pop(None)
                if self.focused == "begin":
                    return self.begin()
                self.focus = min(self.focus + 1, len(order) - 1)
                if self.focused == "back":
                    self.focus = order.index("begin")
        elif event.type == pygame.TEXTINPUT:
            if self.focused == "name":
                self.name_text = (self.name_text + field_text(event.text))[:MAX_NAME]
            elif self.focused == "typed":
                self.typed = (self.typed + field_text(event.text))[:60]
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for key, rect in self._rows().items():
                if not rect.collidepoint(event.pos):
                    continue
                if key.startswith("p-"):
                    self.pronoun = key[2:]
                    self.focus = self._order().index("pronouns")
                elif key == "begin":
                    return self.begin()
                elif key == "back":
                    return Pop(None)
                else:
                    self.focus = self._order().index(key)
        return None

    def begin(self) -> Next:
        """Start the playthrough with the chosen name and pronouns (and the launch options)."""
        try:
            pronouns = PRONOUNS[self.pronoun] if self.pronoun != "other" \
                else Pronouns.parse(self.typed)
        except ValueError as err:
            self.error = str(err)
            self.focus = self._order().index("typed")
            return None
        name = self.name_text.strip() or (self.partner.name if self.partner else "")
        try:
            session = start_with(self.story, with_partner(self.story, name, pronouns),
                                 self.app.services.options)
        except (SessionError, ValueError) as err:
            self.error = str(err)
            return None
        return Pop(session)

    def update(self, dt: float) -> None:
        self.caret += dt

    def spoken(self) -> str | None:
        focused = self.focused
        if focused == "name":
            return f"Your partner's name: {self.name_text}"
        if focused == "pronouns":
            return f"Pronouns: {LABELS[self.pronoun]}"
        if focused == "typed":
            return f"Pronouns, typed: {self.typed}"
        return "Begin" if focused == "begin" else "Back"

    def drive_hint(self):
        return {"action": "setup"}

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        surface.blit(vertical_gradient(theme.SIZE, pal.NIGHT, pal.TEAL), (0, 0))
        panel = pygame.Rect(X - 60, 70, FIELD_W + 120, 580)
        blit_panel(surface, panel, radius=28, shadow=12, pal=pal)
        surface.blit(sv.text.line(self.story.title, sv.font("serif", 40), pal.INK), (X, 104))
        intro = sv.text.line("Before you begin: who is your partner in this story?",
                             sv.font("serif-italic", 21), pal.INK_SOFT)
        surface.blit(intro, (X, 164))
        rows = self._rows()
        label = sv.font("sans-bold", 16)
        surface.blit(sv.text.line("NAME", label, pal.PLUM), (X, 224))
        self._field(surface, rows["name"], self.name_text, self.focused == "name", 26)
        surface.blit(sv.text.line("PRONOUNS", label, pal.PLUM), (X, 356))
        for k in CHOICES:
            r = rows[f"p-{k}"]
            chosen = self.pronoun == k
            colour = pal.TERRACOTTA if chosen else pal.CREAM_DARK
            blit_panel(surface, r, colour, 255 if chosen else 170, radius=25, pal=pal)
            if self.focused == "pronouns" and chosen:
                pygame.draw.rect(surface, pal.AMBER, r.inflate(8, 8), 3, border_radius=29)
            text = sv.text.line(LABELS[k], sv.font("sans", 19),
                                pal.CREAM_LIGHT if chosen else pal.INK)
            surface.blit(text, text.get_rect(center=r.center))
        if "typed" in rows:
            self._field(surface, rows["typed"], self.typed, self.focused == "typed", 20,
                        hint="xe/xem/xyr/xyrs/xemself")
        for key, text, strong in (("begin", "Begin", True), ("back", "Back", False)):
            r = rows[key]
            focused = self.focused == key
            colour = pal.TERRACOTTA if strong else pal.CREAM_DARK
            blit_panel(surface, r, colour, 255 if (strong or focused) else 160, radius=28, pal=pal)
            if focused:
                pygame.draw.rect(surface, pal.AMBER, r.inflate(8, 8), 3, border_radius=32)
            line = sv.text.line(text, sv.font("sans-bold", 21),
                                pal.CREAM_LIGHT if strong else pal.INK)
            surface.blit(line, line.get_rect(center=r.center))
        if self.error:
            err = sv.text.block(self.error, sv.font("sans", 16), pal.TERRACOTTA, FIELD_W - 420)
            err.draw(surface, X + 420, rows["begin"].y + 4)
        hint = sv.text.line("Tab or arrows to move  ·  Enter to go on  ·  Esc to go back",
                            sv.font("sans", 15), pal.INK_SOFT)
        surface.blit(hint, (X, panel.bottom - 34))

    def _field(self, surface, rect, text, focused, size, hint: str = "") -> None:
        pal = self.palette
        sv = self.app.services
        blit_panel(surface, rect, pal.CREAM_LIGHT, 255, radius=14, pal=pal)
        pygame.draw.rect(surface, pal.AMBER if focused else pal.CREAM_DARK, rect,
                         3 if focused else 2, border_radius=14)
        font = sv.font("serif", size)
        if text:
            line = sv.text.line(text, font, pal.INK)
        else:
            line = sv.text.line(hint or " ", font, pal.GREY)
        y = rect.centery - line.get_height() // 2
        surface.blit(line, (rect.x + 18, y))
        if focused and self.caret_visible:
            x = rect.x + 18 + (line.get_width() if text else 0) + 2
            pygame.draw.line(surface, pal.INK, (x, y + 3), (x, y + line.get_height() - 3), 3)

    @property
    def caret_visible(self) -> bool:
        """The caret shows while typing and most of the time otherwise; with reduced motion it
        stays still."""
        if self.app.services.settings.reduced_motion:
            return True
        return self.caret % CARET_BLINK < CARET_BLINK * 0.7
