"""The studio in a real browser, as a writer uses it: by the mouse and the keyboard.

Open the studio on a copy of the sample; add a node by dragging an arrow into empty space and a
choice by dragging one onto a card; type a line with quotes; see the squiggle of a misspelt
variable and fix it; rename the node; save; then lint is clean and the diff is small.
Set STUDIO_SHOTS=DIR to keep screenshots of the way (the docs' pictures come from here).
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import STORIES
from tests.studio.browser import chromium, need_browser, studio, wait_for

SHOTS = os.environ.get("STUDIO_SHOTS")


def shot(driver, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(SHOTS) / f"{name}.png"))


def click_card(driver, node: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    driver.execute_script(
        f"window.studio.map.getCy().center(window.studio.map.getCy().getElementById('{node}'))")
    x, y = driver.execute_script(
        f"const p = window.studio.map.renderedCentre('{node}'); return [p.x, p.y]")
    area = driver.find_element("id", "map")
    size = area.size
    ActionChains(driver).move_to_element_with_offset(area, x - size["width"] / 2, y - size["height"] / 2) \
        .click().perform()
    wait_for(driver, f"document.getElementById('node-title')?.textContent === '{node}'")


def drag_handle_to(driver, x: float, y: float) -> None:
    """Drag the selected card's arrow handle to (x, y) of the map, in small steps as a hand does."""
    from selenium.webdriver.common.action_chains import ActionChains

    handle = driver.find_element("id", "arrow-handle")
    wait_for(driver, "!document.getElementById('arrow-handle').hidden")
    hx, hy = driver.execute_script(
        "const r = document.getElementById('arrow-handle').getBoundingClientRect();"
        "const m = document.getElementById('map').getBoundingClientRect();"
        "return [r.left + r.width / 2 - m.left, r.top + r.height / 2 - m.top]")
    chain = ActionChains(driver).click_and_hold(handle)
    steps = 8
    for _ in range(steps):
        chain.move_by_offset((x - hx) / steps, (y - hy) / steps)
    chain.release().perform()


def field(driver, label: str):
    return driver.find_element("css selector", f".cm-content[aria-label='{label}']")


def field_text(driver, label: str) -> str:
    return driver.execute_script(
        "return StudioVendor.EditorView.findFromDOM("
        f"document.querySelector(\".cm-content[aria-label='{label}']\")).state.doc.toString()"
    )


def test_writing_a_node_in_the_studio(sample: Path):
    need_browser()
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    with studio(sample) as url, chromium() as driver:
        driver.get(url)
        wait_for(driver, "window.studio && window.studio.ready")
        wait_for(driver, "window.studio.lintVersion !== undefined")
        shot(driver, "studio-map")

        # a new node, by dragging the arrow handle of 'quiet' into empty space
        click_card(driver, "quiet")
        empty = driver.execute_script(
            "const cy = window.studio.map.getCy(); const w = cy.width(), h = cy.height();"
            "for (let x = 60; x < w - 60; x += 40) for (let y = 80; y < h - 80; y += 40) {"
            "  const z = cy.zoom(), p = cy.pan(); const mx = (x - p.x) / z, my = (y - p.y) / z;"
            "  const hit = cy.nodes().some(n => { const b = n.boundingBox(); "
            "    return mx > b.x1 - 60 && mx < b.x2 + 60 && my > b.y1 - 40 && my < b.y2 + 40; });"
            "  if (!hit) return [x, y]; } return null;")
        assert empty, "no empty space on the map"
        drag_handle_to(driver, *empty)
        wait_for(driver, "document.getElementById('dialog').open")
        box = driver.find_element("id", "dialog-input")
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys("porch", Keys.ENTER)
        wait_for(driver, "document.getElementById('node-title')?.textContent === 'porch'")

        # a line with quotes: straight quotes become curly as they are typed
        line = field(driver, "line 1")
        line.click()
        line.send_keys('{partner.They} say{partner.s} "wait" and it\'s late.')
        wait_for(driver, "document.querySelector(\".cm-content[aria-label='line 1']\")"
                         ".textContent.includes('\u201cwait\u201d')")
        assert field_text(driver, "line 1") == "{partner.They} say{partner.s} \u201cwait\u201d and it\u2019s late."

        # a choice, by dragging the arrow onto the card of 'haven'
        driver.execute_script("window.studio.map.getCy().fit(undefined, 60)")
        hx, hy = driver.execute_script("const p = window.studio.map.renderedCentre('haven'); return [p.x, p.y]")
        driver.execute_script("window.studio.map.getCy().getElementById('porch').select()")
        drag_handle_to(driver, hx, hy)
        wait_for(driver, "document.getElementById('toast').textContent.startsWith('New choice of porch')")
        wait_for(driver, "document.querySelector(\".cm-content[aria-label='choice 1']\")")
        field(driver, "choice 1").click()
        field(driver, "choice 1").send_keys("Come inside, then.")

        # a misspelt variable gets a squiggle with lint's code and message; fixing it clears it
        condition = field(driver, "choice 1 condition")
        condition.click()
        condition.send_keys("safty >= 50")
        wait_for(driver, "document.querySelector('.cm-lintRange-error')")
        message = wait_for(driver, "[...document.querySelectorAll('.field-messages li')]"
                                   ".map(li => li.textContent).find(t => t.includes('safty'))")
        assert message == "LT302 unknown variable 'safty'; did you mean 'safety'?"
        shot(driver, "studio-squiggle")
        condition.send_keys(Keys.CONTROL, "a")
        # A condition that holds whenever porch is reached (after two replies at least): with
        # it as the only way on, one that could fail would be a stuck state (lint's LT512).
        condition.send_keys("turn() > 0")
        wait_for(driver, "!document.querySelector('.cm-lintRange-error')")

        # the choice of 'quiet' that leads here has no text yet: lint's LT516 squiggle is on its
        # empty field until something is written there
        click_card(driver, "quiet")
        wait_for(driver, "document.querySelector(\".cm-content[aria-label='choice 4']\")"
                         ".closest('.cm-editor').classList.contains('empty-error')")
        assert "LT516" in wait_for(driver, "[...document.querySelectorAll('.field-messages li')]"
                                           ".map(li => li.textContent).find(t => t.includes('LT516'))")
        field(driver, "choice 4").click()
        field(driver, "choice 4").send_keys("Can we sit outside?")
        wait_for(driver, "!document.querySelector('.cm-editor.empty-error')")
        wait_for(driver, "![...document.querySelectorAll('.field-messages li')]"
                         ".some(li => li.textContent.includes('LT516'))")
        click_card(driver, "porch")

        # rename the node: every reference follows
        driver.find_element("id", "rename-node").click()
        wait_for(driver, "document.getElementById('dialog').open")
        box = driver.find_element("id", "dialog-input")
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys("porch-light", Keys.ENTER)
        wait_for(driver, "document.getElementById('node-title')?.textContent === 'porch-light'")

        # save from the keyboard
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
        wait_for(driver, "document.getElementById('save').textContent === 'Saved'")
        wait_for(driver, "window.studio.lintVersion === window.studio.state.version")
        assert driver.find_element("id", "count-errors").text == "0"
        shot(driver, "studio-saved")

    # what is on disk: lint is clean, and the diff is the edit and nothing else
    lint = subprocess.run([sys.executable, "-m", "game", "lint", "--strict", str(sample)],
                          capture_output=True, text=True, timeout=120)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    story = json.loads((sample / "story.json").read_text(encoding="utf-8"))
    porch = story["nodes"]["porch-light"]
    assert porch["text"] == "{partner.They} say{partner.s} \u201cwait\u201d and it\u2019s late."
    assert porch["choices"] == [{"text": "Come inside, then.", "to": "haven", "if": "turn() > 0"}]
    assert story["nodes"]["quiet"]["choices"][-1] == {"text": "Can we sit outside?",
                                                      "to": "porch-light"}
    assert (sample / "branches" / "balcony.json").read_bytes() == \
        (STORIES / "sample" / "branches" / "balcony.json").read_bytes()
    before = (STORIES / "sample" / "story.json").read_text(encoding="utf-8").splitlines()
    after = (sample / "story.json").read_text(encoding="utf-8").splitlines()
    changes = [d for d in difflib.unified_diff(before, after, lineterm="", n=0)
               if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    removed = [d for d in changes if d.startswith("-")]
    # only the last choice of 'quiet' changes (it gains a comma); the rest is new lines
    assert removed == ['-        { "text": "You\'re always bad company lately.", "kind": "criticise", '
                       '"to": "check-again" }'], "\n".join(changes)
    assert len(changes) <= 12, "\n".join(changes)
    assert json.loads((sample / ".studio-layout.json").read_text())["positions"]["porch-light"]


def test_curly_quotes_can_be_turned_off_and_keys_reach_the_editor(sample: Path):
    need_browser()
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    with studio(sample) as url, chromium() as driver:
        driver.get(url)
        wait_for(driver, "window.studio && window.studio.ready")
        # the keyboard path: arrows from the map to the start, Enter into its first field
        driver.find_element("id", "map").click()
        ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
        wait_for(driver, "document.getElementById('node-title')?.textContent === 'keys'")
        ActionChains(driver).send_keys("?").perform()
        wait_for(driver, "document.getElementById('dialog').open")
        driver.find_element("id", "curly-quotes").click()
        driver.find_element("css selector", "#dialog .go").click()
        driver.find_element("id", "map").send_keys(Keys.ENTER)
        wait_for(driver, "document.activeElement.closest('.cm-editor')")
        ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.END).key_up(Keys.CONTROL) \
            .send_keys(' "Hi."').perform()
        wait_for(driver, "document.activeElement.textContent.endsWith('\"Hi.\"')")
        assert field_text(driver, "line 1").endswith(' "Hi."')
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        wait_for(driver, "document.getElementById('save').textContent === 'Saved'")
