"""The studio's smaller promises, in a real browser: new cards land in free space, C puts the
cursor in the new choice's text, the delete dialog names what leads to a node in words, a
squiggle covers a whole {…} form, cards show a line as it is written, and the minimap of a
long story shows more than a thin line."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate, write_lowtide
from tests.studio.browser import chromium, need_browser, studio, wait_for
from tests.studio.test_browser import click_card, field

OVERLAPS = """
const cy = window.studio.map.getCy();
const box = (n) => n.boundingBox({ includeLabels: false, includeOverlays: false });
const a = box(cy.getElementById(arguments[0]));
return cy.nodes().filter((n) => n.id() !== arguments[0]).filter((n) => {
  const b = box(n); return a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1;
}).map((n) => n.id());
"""


def press(driver, *keys) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def select_all(driver) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()


def answer_dialog(driver, text: str) -> None:
    from selenium.webdriver.common.keys import Keys

    wait_for(driver, "document.getElementById('dialog').open")
    box = driver.find_element("id", "dialog-input")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(text, Keys.ENTER)


def focused_label(driver) -> str | None:
    return driver.execute_script(
        "const c = document.activeElement && document.activeElement.closest('.cm-content');"
        "return c ? c.getAttribute('aria-label') : null;")


def test_new_cards_choices_the_delete_dialog_squiggles_and_cards(sample: Path):
    need_browser()
    with chromium() as driver:
        with studio(sample) as url:
            driver.get(url)
            wait_for(driver, "window.studio && window.studio.ready")
            writing(driver)
        # the studio stopped (as with Ctrl+C): the page says so, and will not ask before closing
        wait_for(driver, "document.getElementById('banner').textContent"
                         ".startsWith('The studio has stopped')")
        assert driver.execute_script("return window.studio.state.stopped") is True


def writing(driver) -> None:
    """What a writer does on the sample, checked as it goes."""
    from selenium.webdriver.common.keys import Keys

    # C: a new choice of 'quiet' to a node that exists; the cursor is in its text
    click_card(driver, "quiet")
    driver.find_element("id", "map").click()
    click_card(driver, "quiet")
    driver.execute_script("document.getElementById('map').focus()")
    press(driver, "c")
    answer_dialog(driver, "check-again")
    wait_for(driver, "document.getElementById('toast').textContent.startsWith("
                     "'New choice of quiet → check-again: write what the player says')")
    wait_for(driver, "document.activeElement.closest('.cm-content')")
    assert focused_label(driver) == "choice 4"
    # its empty text carries lint's squiggle until something is written there
    wait_for(driver, "document.querySelector(\".cm-content[aria-label='choice 4']\")"
                     ".closest('.cm-editor').classList.contains('empty-error')")
    press(driver, "Sit with me?")
    wait_for(driver, "!document.querySelector('.cm-editor.empty-error')")

    # C to a new id: the node is made in free space, and the cursor is in the choice
    driver.execute_script("document.getElementById('map').focus()")
    press(driver, "c")
    answer_dialog(driver, "porch")
    wait_for(driver, "document.getElementById('toast').textContent.startsWith("
                     "'New choice of quiet → porch (a new node)')")
    wait_for(driver, "document.activeElement.closest('.cm-content')")
    assert focused_label(driver) == "choice 5"
    assert driver.execute_script(OVERLAPS, "porch") == []

    # N: a new node after 'quiet', again where no card is
    driver.execute_script("document.getElementById('map').focus()")
    press(driver, "n")
    answer_dialog(driver, "window-seat")
    wait_for(driver, "document.getElementById('node-title')?.textContent === 'window-seat'")
    assert driver.execute_script(OVERLAPS, "window-seat") == []

    # the delete dialog lists what leads here from other nodes, in words
    click_card(driver, "later")
    driver.execute_script("document.getElementById('map').focus()")
    press(driver, Keys.DELETE)
    wait_for(driver, "document.getElementById('dialog').open")
    items = driver.execute_script(
        "return [...document.querySelectorAll('#dialog li')].map(li => li.textContent)")
    assert items == [
        "the choice 'Go on. Twenty minutes on the balcony. I'll be h…' in node standing",
        "the choice 'Till the end of the cup. I'll be inside.' in node balcony",
        "the debrief of node back-inside (3 paragraphs)",  # each place once, with its count
    ]
    driver.find_element("css selector", "#dialog button:not(.go)").click()

    # a name that does not exist: the squiggle covers the whole {…}
    click_card(driver, "couch")
    line = field(driver, "line 1")
    line.click()
    select_all(driver)
    press(driver, 'Hello {partner.thier} there and "fine," you say')
    squiggled = wait_for(driver, "document.querySelector('.cm-lintRange-error')?.textContent")
    assert squiggled == "{partner.thier}"

    # a card shows its first line as written: one that opens with a quote has only that one
    select_all(driver)
    press(driver, '"I\'m fine," {partner} says.')
    label = "\u201cI\u2019m fine,\u201d {partner} says."
    wait_for(driver, "window.studio.map.getCy().getElementById('couch').data('label')"
                     f".split('\\n')[1] === {label!r}")


MINIMAP = """
const c = document.getElementById('minimap'), g = c.getContext('2d');
const data = g.getImageData(0, 0, c.width, c.height).data;
const stripLeft = c.width - 8 - 12 - 6;
let left = c.width, right = -1, box = false;
for (let y = 0; y < c.height; y++) for (let x = 0; x < stripLeft; x++) {
  const i = 4 * (y * c.width + x), [r, gr, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
  if (a < 200) continue;
  if (r === 0xc0 && gr === 0x62 && b === 0x46) { box = true; continue; }  // the view's box
  left = Math.min(left, x); right = Math.max(right, x);
}
return [right - left + 1, c.width, box];
"""


def test_the_minimap_of_a_long_story_shows_its_width_and_the_view(tmp_path: Path):
    need_browser()
    story = write_lowtide(generate(300, 1), tmp_path / "long")
    with studio(story) as url, chromium() as driver:
        driver.get(url)
        wait_for(driver, "window.studio && window.studio.ready", 60)
        wait_for(driver, "document.getElementById('minimap').dataset.mode")
        assert driver.execute_script("return window.studio.map.minimapMode()") == "part"
        wide, width, box = driver.execute_script(MINIMAP)
        assert wide >= 0.5 * width, f"the cards span {wide} of {width} pixels"
        assert box
        # the strip beside it holds the whole length: a click at its foot goes to the end
        from selenium.webdriver.common.action_chains import ActionChains

        mini = driver.find_element("id", "minimap")
        size = mini.size
        ActionChains(driver).move_to_element_with_offset(
            mini, size["width"] / 2 - 14, size["height"] / 2 - 10).click().perform()
        end = driver.execute_script(
            "const cy = window.studio.map.getCy(), e = cy.extent();"
            "const ys = cy.nodes().map(n => n.position('y'));"
            "return [e.y1, e.y2, Math.max(...ys)];")
        assert end[0] <= end[2] + 100 and end[1] >= end[2] - 200, end
