"""Heat, in a real browser: every card keeps its words readable on its heat colour, the
hottest (the start, reached by every run) as much as the coldest."""

from __future__ import annotations

import re
from pathlib import Path

from tests.studio.browser import chromium, need_browser, studio, wait_for

COLOURS = """
return window.studio.map.getCy().nodes('.heat').map(
  (n) => [n.id(), n.style('background-color'), n.style('color')]);
"""


def luminance(css: str) -> float:
    """Relative luminance (WCAG 2) of an ``rgb(r,g,b)`` colour."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_heat_keeps_every_cards_words_readable(sample: Path):
    need_browser()
    with chromium() as driver, studio(sample) as url:
        driver.get(url)
        wait_for(driver, "window.studio && window.studio.ready")
        driver.find_element("id", "heat-toggle").click()
        wait_for(driver, "window.studio.map.getCy().nodes('.heat').length > 0", timeout=60)
        cards = driver.execute_script(COLOURS)
    start = next(c for c in cards if c[0] == "keys")
    assert start[1] != next(c for c in cards if c[0] == "flooded")[1]  # heat shows a difference
    low = [(node, round(contrast(bg, ink), 2)) for node, bg, ink in cards
           if contrast(bg, ink) < 4.5]
    assert low == [], "cards whose words fall below WCAG AA contrast on their heat colour"
