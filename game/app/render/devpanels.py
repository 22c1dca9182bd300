"""How developer mode looks: the overlay of the node and variables, the panel listing what
stopped a reload, and the console's drop-down.

Dark, translucent and set in the sans face, so they read as tools over the scene rather than
as part of the story.
"""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.text import Lettering, TextCache
from game.app.render.widgets import blit_panel

ROWS_PER_COLUMN = 8
MAX_COLUMNS = 4
COLUMN_W = 226
ROW_H = 18
FAILURE_W = 860
FAILURE_SHOWN = 12
TOOL_ALPHA = 244
MIN_BESIDE = 420  # the narrowest the failure panel may be beside the overlay


def draw_overlay(surface: pygame.Surface, services: Lettering, header: str,
                 rows: list[tuple[str, bool]], status: str, notice: str = "",
                 left: int = 24) -> pygame.Rect:
    """The node, turn and scene, then every variable (the ones the last reply moved in amber);
    ``notice`` (the last reload) replaces the status line for a while."""
    pal = services.palette
    sans = services.font("sans", 14)
    bold = services.font("sans-bold", 17)
    small = services.font("sans", 13)
    text = services.text
    room = max(1, (theme.WIDTH - 24 - left - 32) // COLUMN_W)  # columns that fit on screen
    columns = max(1, min(MAX_COLUMNS, room, -(-len(rows) // ROWS_PER_COLUMN)))
    per_column = -(-len(rows) // columns) if rows else 0
    width = max(360, columns * COLUMN_W + 32)
    height = 78 + per_column * ROW_H
    rect = pygame.Rect(left, 24, width, height)
    blit_panel(surface, rect, pal.NIGHT_DEEP, TOOL_ALPHA, radius=12, pal=pal)
    surface.blit(text.line("DEVELOPER", services.font("sans-bold", 12), pal.AMBER),
                 (rect.x + 16, rect.y + 10))
    surface.blit(_clip(text, header, bold, pal.STAR, rect.w - 32), (rect.x + 16, rect.y + 26))
    for i, (row, changed) in enumerate(rows):
        col, line = divmod(i, per_column)
        colour = pal.AMBER_LIGHT if changed else pal.CREAM
        x = rect.x + 16 + col * COLUMN_W
        surface.blit(_clip(text, row, sans, colour, COLUMN_W - 12), (x, rect.y + 54 + line * ROW_H))
    surface.blit(_clip(text, notice or status, small, pal.AMBER if notice else pal.SEA_LIGHT,
                       rect.w - 32), (rect.x + 16, rect.bottom - 22))
    return rect


def draw_failure(surface: pygame.Surface, services: Lettering, lines: list[str],
                 beside: pygame.Rect | None = None, title: str | None = None) -> pygame.Rect:
    """What stopped the last reload, as lint prints it; the story on screen is the last good one.

    Placed to the right of the overlay (``beside``) when it is shown, so neither hides the other.
    """
    pal = services.palette
    text = services.text
    body = services.font("sans", 15)
    top_y = 24
    if beside is not None and theme.WIDTH - 24 - (beside.right + 16) >= MIN_BESIDE:
        left = beside.right + 16
        width = theme.WIDTH - 24 - left
    elif beside is not None:  # no room to the right: under the overlay, as wide as it
        left, width, top_y = beside.x, max(beside.w, MIN_BESIDE), beside.bottom + 12
    else:
        width = FAILURE_W
        left = (theme.WIDTH - width) // 2
    shown = lines[:FAILURE_SHOWN]
    blocks = [text.block(line, body, pal.CREAM_LIGHT, width - 40) for line in shown]
    more = len(lines) - len(shown)
    title_font = services.font("sans-bold", 18)
    title = title or (f"The story did not reload: {len(lines)} error{'s' * (len(lines) != 1)}. "
                      "Still playing the last good version.")
    heading = text.block(title, title_font, pal.STAR, width - 40)
    top = 14 + heading.height + 30
    height = top + sum(b.height + 6 for b in blocks) + (24 if more else 0) + 6
    rect = pygame.Rect(left, top_y, width, height)
    blit_panel(surface, rect, (92, 30, 34), 240, radius=12, shadow=8, pal=pal)
    heading.draw(surface, rect.x + 20, rect.y + 14)
    surface.blit(text.line("Fix the file and save it again; the story reloads by itself.",
                           services.font("sans", 14), pal.AMBER_LIGHT),
                 (rect.x + 20, rect.y + 14 + heading.height + 4))
    y = rect.y + top
    for block in blocks:
        block.draw(surface, rect.x + 20, y)
        y += block.height + 6
    if more:
        surface.blit(text.line(f"… and {more} more (lowtide lint lists them all)", body,
                               pal.AMBER_LIGHT), (rect.x + 20, y))
    return rect


def draw_console(surface: pygame.Surface, services: Lettering, log: list[str], typed: str,
                 caret: bool) -> pygame.Rect:
    """The console: its recent replies above a prompt, dropped down from the top of the screen."""
    pal = services.palette
    text = services.text
    body = services.font("sans", 16)
    rect = pygame.Rect(24, 24, theme.WIDTH - 48, 300)
    blit_panel(surface, rect, pal.NIGHT_DEEP, 255, radius=12, shadow=8, pal=pal)
    surface.blit(text.line("CONSOLE  ·  Enter runs  ·  Tab completes  ·  Up and Down: earlier "
                           "lines  ·  Esc closes", services.font("sans-bold", 12), pal.AMBER),
                 (rect.x + 18, rect.y + 10))
    prompt_y = rect.bottom - 40
    y = prompt_y - 10
    for line in reversed(log):
        block = text.block(line, body, pal.SEA_LIGHT if line.startswith("> ") else pal.CREAM,
                           rect.w - 36)
        y -= block.height
        if y < rect.y + 30:
            break
        block.draw(surface, rect.x + 18, y)
    pygame.draw.line(surface, pal.TEAL, (rect.x + 14, prompt_y - 6),
                     (rect.right - 14, prompt_y - 6))
    shown = text.line("> " + typed, services.font("sans-bold", 18), pal.STAR)
    surface.blit(shown, (rect.x + 18, prompt_y))
    if caret:
        x = rect.x + 18 + shown.get_width() + 2
        pygame.draw.line(surface, pal.AMBER, (x, prompt_y + 2), (x, prompt_y + 22), 2)
    return rect


def _clip(text: TextCache, line: str, font: pygame.font.Font, colour: tuple[int, int, int],
          width: int) -> pygame.Surface:
    """One line, shortened with an ellipsis to fit ``width``."""
    surf = text.line(line, font, colour)
    while surf.get_width() > width and len(line) > 2:
        line = line[: max(1, len(line) - max(2, len(line) // 8))]
        surf = text.line(line.rstrip() + "…", font, colour)
    return surf
